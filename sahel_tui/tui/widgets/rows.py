"""How one record looks as a list row: search hits, events, quotes, actors, article refs.

Shared by the panes and the profile screen so a quote or an event looks the same everywhere.
Every corpus string goes through `text.plain`/`text.highlighted` (drawn literally).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from textual.content import Content

from ...core.models import ActorStat, ArticleRef, EventHit, EventReport, QuoteHit, SearchHit
from ..display import count_text, date_text, highlighted, plain, shorten, speaker_parts, speaker_phrase, toll_text
from ..handle import LibraryHandle
from ..provenance import correction_note

#: Bracketed, so the kinds differ by more than colour (16-colour and NO_COLOR terminals).
KIND_LABELS = {"article": "[ARTICLE]", "quote": "[QUOTE]  ", "event": "[EVENT]  "}


def _join(*parts: Content | str, sep: str = " · ") -> Content:
    return Content(sep).join(p for p in parts if p)


def hit_key(hit: SearchHit) -> str:
    """What tells one hit from another across pages: its quote/event id, or its article's id."""
    return hit.ref or f"article:{hit.article_id}"


@dataclass
class ArticleGroup:
    """One article's hits: the article itself (when it matched) and its quotes and events in
    rank order. The group's first row is the article, else its best-ranked record; the rest
    show under it only while the group is open."""

    article_id: str
    article: SearchHit | None = None
    records: list[SearchHit] = field(default_factory=list)
    open: bool = False

    @property
    def lead(self) -> SearchHit:
        return self.article or self.records[0]

    @property
    def nested(self) -> list[SearchHit]:
        """The hits under the lead row."""
        return self.records if self.article is not None else self.records[1:]

    def summary(self) -> str:
        """'3 quotes, 2 events' (or '2 more quotes' under a quote): what the lead row has under it."""
        quotes = sum(h.kind == "quote" for h in self.nested)
        events = sum(h.kind == "event" for h in self.nested)
        more = "" if self.article is not None else "more "
        parts = [count_text(quotes, f"{more}quote") if quotes else "",
                 count_text(events, f"{more}event") if events else ""]
        return ", ".join(p for p in parts if p)


class ArticleGroups:
    """Search hits grouped by article across every page loaded so far: a later page's quotes and
    events join their article's group, and an article that matches on a later page than its
    records heads its group from then on. Copies of one story (core/copies.py) after its first
    hit are left out, whichever page they come on (the row says N reports)."""

    def __init__(self) -> None:
        self.groups: dict[str, ArticleGroup] = {}
        self._seen: set[str] = set()
        self._stories: set[str] = set()

    def add(self, hits: Iterable[SearchHit]) -> None:
        for hit in hits:
            key, story = hit_key(hit), hit.extra.story
            if key in self._seen or story in self._stories:
                continue
            self._seen.add(key)
            if story:
                self._stories.add(story)
            group = self.groups.setdefault(hit.article_id, ArticleGroup(hit.article_id))
            if hit.kind == "article":
                group.article = hit
            else:
                group.records.append(hit)

    def __len__(self) -> int:
        return len(self._seen)

    def hits(self) -> list[SearchHit]:
        """Every loaded hit, group by group."""
        return [h for g in self.groups.values() for h in ([g.lead] + g.nested)]

    def group_of(self, hit: SearchHit) -> ArticleGroup | None:
        return self.groups.get(hit.article_id)

    def rows(self) -> list[tuple[SearchHit, bool, ArticleGroup]]:
        """(hit, nested, its group) for each row to show: leads, and the records of open groups."""
        out: list[tuple[SearchHit, bool, ArticleGroup]] = []
        for group in self.groups.values():
            out.append((group.lead, False, group))
            if group.open:
                out += [(hit, True, group) for hit in group.nested]
        return out


def group_by_article(hits: Iterable[SearchHit]) -> list[tuple[SearchHit, bool]]:
    """Hits with each article's quotes and events right under it (the article's best-ranked hit
    leads its group, the article itself first when it matched): (hit, nested) pairs."""
    groups = ArticleGroups()
    groups.add(hits)
    for group in groups.groups.values():
        group.open = True
    return [(hit, nested) for hit, nested, _ in groups.rows()]


def group_row(group: ArticleGroup) -> Content:
    """The lead row of a group, with what is folded under it and the key that shows it."""
    row = search_row(group.lead)
    if not group.nested:
        return row
    sign, hint = ("-", "o: hide") if group.open else ("+", "o: show")
    line = Content.assemble(Content(f"{sign} {group.summary()}").stylize(".sahel--count"),
                            Content(f"  ({hint})").stylize(".sahel--muted"))
    return Content("\n").join([row, line])


def search_row(hit: SearchHit, nested: bool = False) -> Content:
    """Kind badge and title; date, source and what matched; the snippet with hits marked. A
    nested row (a quote or event under its article's row) is indented and leaves out the title."""
    badge = Content(KIND_LABELS.get(hit.kind, hit.kind)).stylize(f".sahel--kind-{hit.kind}")
    if nested:
        what = [plain(f"said by {hit.extra.speaker}")] if hit.kind == "quote" and hit.extra.speaker else []
        if hit.kind == "event":
            what = [plain(f"{hit.extra.event_kind or 'event'} on {hit.extra.date or '?'}")]
        head = Content.assemble("  ↳ ", badge, " ", _join(*what).stylize(".sahel--meta"))
        snippet = highlighted(hit.snippet, hit.snippet_spans, ".sahel--hit") if hit.snippet else Content("")
        return Content("\n").join([head, Content("    ") + snippet])
    head = Content.assemble(badge, " ", plain(hit.title or "(untitled)", ".sahel--title"))
    meta: list[Content | str] = [date_text(hit.published), plain(hit.source or "source unknown")]
    if hit.extra.reports:  # copies of one wire story (core/copies.py)
        meta.append(plain(f"{hit.extra.reports} reports of this story"))
    if hit.kind == "quote" and (hit.extra.speaker_name or hit.extra.speaker_role):
        meta.append(plain("said by " + speaker_phrase(hit.extra.speaker_name, hit.extra.speaker_role)))
    if hit.kind == "event":
        meta.append(plain(f"{hit.extra.event_kind or 'event'} on {hit.extra.date or '?'}"))
    meta_line = _join(*meta).stylize(".sahel--meta")
    if not hit.snippet:  # a hit asked for without its snippet (Library.search snippets=False)
        return Content("\n").join([head, meta_line])
    snippet = highlighted(hit.snippet, hit.snippet_spans, ".sahel--hit")
    return Content("\n").join([head, meta_line, snippet])


def article_row(ref: ArticleRef, count_label: str = "") -> Content:
    """Title, then date · source (and how often the actor is mentioned, on a profile)."""
    meta = _join(date_text(ref.published), plain(ref.source or "source unknown"), count_label)
    return Content("\n").join([plain(ref.title or "(untitled)", ".sahel--title"), meta.stylize(".sahel--meta")])


def event_row(hit: EventHit, handle: LibraryHandle, compact: bool = False) -> Content:
    """Date at its precision, kind, places, actors, toll and sources; then the sentence."""
    e = hit.event
    date = Content(e.date_display.ljust(10)).stylize(".sahel--date")
    kind = Content(e.kind.ljust(10)).stylize(f".sahel--event-{e.kind}")
    places = ", ".join(handle.place_name(p) for p in e.places[:3])
    actors = ", ".join(handle.actor_name(a) for a in e.actors[:3])
    sources = plain(hit.provenance, ".sahel--meta")
    toll = Content(toll_text(e.killed, e.injured, e.abducted)).stylize(".sahel--toll")
    head = Content.assemble(date, " ", kind, " ", _join(plain(places, ".sahel--place"), plain(actors, ".sahel--actor"),
                                                      toll, sources), correction_note(e.corrections))
    sentence = plain(shorten(e.sentence, 160 if compact else 240), ".sahel--muted")
    return Content("\n").join([head, Content("  ") + sentence])


def report_row(report: EventReport) -> Content:
    """Another source of a merged event, under its row: the outlet and its own sentence."""
    head = Content.assemble("  ↳ also ", plain(report.outlet or "source unknown", ".sahel--meta"), ": ",
                            plain(shorten(report.title, 80), ".sahel--muted"))
    return Content("\n").join([head, Content("    ") + plain(shorten(report.sentence, 200), ".sahel--muted")])


def speaker_text(speaker: str | None, role: str | None) -> Content:
    """'Name, role' — or the role alone when the extractor put the same words in both."""
    speaker, role = speaker_parts(speaker, role)
    who = plain(speaker or "unattributed", ".sahel--speaker")
    return Content.assemble(who, ", ", plain(role, ".sahel--meta")) if role else who


def quote_row(hit: QuoteHit, with_source: bool = True) -> Content:
    """The quote in marks; who said it (and their role); which article and when."""
    q = hit.quote
    lines = [Content.assemble("“", plain(shorten(q.text, 280), ".sahel--quote"), "”"),
             Content("  — ") + speaker_text(q.speaker, q.speaker_role) + Content(" (?)" if q.uncertain else "")
             + correction_note(q.corrections)]
    if with_source:
        lines.append(Content("    ") + _join(plain(hit.title), date_text(hit.published)).stylize(".sahel--meta"))
    return Content("\n").join(lines)


def actor_row(stat: ActorStat) -> Content:
    """Name, type, counts; unlisted people (found in articles, not in the knowledge base) marked."""
    a = stat.actor
    name = plain(a.name, ".sahel--title")
    mark = Content(" unlisted").stylize(".sahel--unlisted") if not a.listed else ""
    counts = Content(f"{count_text(stat.articles, 'article')} · {count_text(stat.mentions, 'mention')}"
                     ).stylize(".sahel--meta")
    head = Content.assemble(name, mark, "  ", Content(a.type.replace("_", " ")).stylize(".sahel--type"),
                            "  ", counts)
    if not a.role:
        return head
    return Content("\n").join([head, Content("  ") + plain(shorten(a.role, 100), ".sahel--muted")])
