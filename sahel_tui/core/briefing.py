"""Briefs: turn what the analyst points at into clips with citations, check them, and export.

Why apart from the store: the store keeps rows; this module knows what a citation is (outlet,
title, date, author, path or URL, speaker, event date and toll), asks the Library whether a
clip's text is still where it was, and writes the three exports: Markdown with numbered
footnotes and a sources list, CSV of events in ACLED column order, JSON of every clip.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from .knowledge import KnowledgeBase, UnknownActor
from .models import Article, Event, Quote
from .refs import Anchor, article_ref, parse_ref, relocate
from .store import BriefingStore, Clip, Target

if TYPE_CHECKING:  # not imported at run time: the app's first frame must not wait for Whoosh
    from .library import Library

OK, CHANGED, MISSING, UNCHECKED = "ok", "source changed", "article missing", "not checked"

# ACLED's export columns, in their order; we fill the ones we have and leave the others empty.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
TIME_PRECISION = {"day": "1", "week": "2", "month": "3", "year": "3"}
# Only kinds whose ACLED type is unambiguous; an "attack" may be a battle or violence against civilians.
ACLED_TYPES = {"agreement": ("Strategic developments", "Agreement")}
GEO_PRECISION = {"town": "1", "site": "1", "area": "2", "cercle": "2", "province": "3", "region": "3"}


class CannotClip(ValueError):
    """A ref that names nothing in the index now (the message says which)."""


@dataclass(frozen=True)
class Draft:
    """What a clip or mark will hold: the target (with its text) and the citation."""

    target: Target
    citation: dict[str, Any]


# ---------------------------------------------------------------- drafts: ref or record -> target + citation
def _source(article: Article) -> dict[str, Any]:
    return {"article": article.id, "source": article.source, "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "author": article.author, "path": article.path, "url": article.url}


def draft_article(library: Library, article_id: str) -> Draft:
    article = library.article(article_id)
    return Draft(Target("article", article_ref(article.id), article.id, text=article.title), _source(article))


def draft_passage(library: Library, article_id: str, start: int, end: int) -> Draft:
    article = library.article(article_id)
    if not 0 <= start < end <= len(article.text):
        raise CannotClip(f"the passage {start}-{end} is outside the article ({len(article.text)} characters)")
    anchor = Anchor.of(article.id, article.text, start, end)
    ref = f"a:{article.id}:{start}-{end}"
    return Draft(Target("passage", ref, article.id, anchor, text=anchor.text), _source(article))


def _ref_of(library: Library, kind: str, article_id: str, start: int, end: int) -> str:
    for ref, record in library.records(article_id, kind).items():
        if (record.start, record.end) == (start, end):
            return ref
    return f"a:{article_id}:{start}-{end}"


def draft_quote(library: Library, article_id: str, quote: Quote, ref: str = "") -> Draft:
    article = library.article(article_id)
    anchor = Anchor(article.id, quote.start, quote.end, quote.text)
    citation = _source(article) | {"speaker": quote.speaker, "speaker_role": quote.speaker_role,
                                   "speaker_actor": quote.speaker_actor}
    ref = ref or _ref_of(library, "quote", article.id, quote.start, quote.end)
    return Draft(Target("quote", ref, article.id, anchor, text=quote.text), citation)


def _actor_name(library: Library, actor_id: str) -> str:
    try:
        return library.actor(actor_id).name
    except UnknownActor:
        return actor_id


def draft_event(library: Library, article_id: str, event: Event, ref: str = "") -> Draft:
    article = library.article(article_id)
    anchor = Anchor(article.id, event.start, event.end, event.sentence)
    places = library.kb.places
    citation = _source(article) | {
        "date": event.date.isoformat() if event.date else None, "date_precision": event.precision,
        "date_display": event.date_display, "date_text": event.date_text, "event_kind": event.kind,
        "label": event.label, "place_ids": list(event.places),
        "places": [places[p].name if p in places else p for p in event.places],
        "actor_ids": list(event.actors), "actors": [_actor_name(library, a) for a in event.actors],
        "killed": event.killed, "injured": event.injured, "abducted": event.abducted}
    ref = ref or _ref_of(library, "event", article.id, event.start, event.end)
    return Draft(Target("event", ref, article.id, anchor, text=event.sentence), citation)


def draft_actor(library: Library, actor_id: str) -> Draft:
    actor = library.actor(actor_id)
    citation = {"name": actor.name, "type": actor.type, "aliases": list(actor.aliases),
                "description": actor.description, "listed": actor.listed}
    return Draft(Target("actor", f"actor:{actor.id}", actor=actor.id, text=actor.name), citation)


def draft(library: Library, ref_text: str) -> Draft:
    """The draft for a ref as `--json` prints it. Raises BadRef, CannotClip, UnknownActor."""
    from .corpus import ArticleError  # not at import: the app draws its first frame before the readers load
    ref = parse_ref(ref_text)
    try:
        if ref.kind == "actor":
            return draft_actor(library, ref.actor)
        if ref.kind == "article":
            return draft_article(library, ref.article)
        if ref.kind == "passage":
            assert ref.start is not None and ref.end is not None
            return draft_passage(library, ref.article, ref.start, ref.end)
    except (KeyError, ArticleError) as err:
        raise CannotClip(f"no article {ref.article!r} in the index ({err})") from err
    record = library.record(str(ref))
    if isinstance(record, Quote):
        return draft_quote(library, ref.article, record, str(ref))
    if isinstance(record, Event):
        return draft_event(library, ref.article, record, str(ref))
    raise CannotClip(f"nothing is called {ref_text!r} in the index now (refs of quotes and events change "
                     "when the index is rebuilt: take a fresh one from --json output)")


# ---------------------------------------------------------------- checking a clip against the corpus now
def status(library: Library | None, target: Target) -> str:
    """OK when the clipped text is still in its article; else CHANGED or MISSING (UNCHECKED without an index)."""
    if library is None or target.kind == "heading":
        return UNCHECKED if library is None and target.kind != "heading" else OK
    if target.kind == "actor":
        try:
            library.actor(target.actor)
            return OK
        except UnknownActor:
            return MISSING
    from .corpus import ArticleError
    try:
        body = library.article(target.article).text
    except (KeyError, ArticleError, OSError):
        return MISSING
    if target.anchor is None:
        return OK
    return OK if relocate(target.anchor, body) is not None else CHANGED


# ---------------------------------------------------------------- a brief, assembled
@dataclass(frozen=True)
class BriefView:
    """A brief ready to show or export: clips in order with their status, and its dates."""

    name: str
    clips: tuple[tuple[Clip, str], ...]
    cutoff: date | None  # the latest publication date in the corpus
    exported: date

    @property
    def covered(self) -> tuple[date, date] | None:
        """The earliest and latest date of the brief's clips (event dates, else publication dates)."""
        days = [d for clip, _ in self.clips if (d := clip_date(clip)) is not None]
        return (min(days), max(days)) if days else None


def clip_date(clip: Clip) -> date | None:
    value = clip.citation.get("date") or clip.citation.get("published")
    return date.fromisoformat(value) if value else None


def corpus_cutoff(library: Library) -> date | None:
    days = [e.published for e in library.manifest.files.values() if e.published]
    return date.fromisoformat(max(days)) if days else None


def assemble(store: BriefingStore, name: str, library: Library | None, today: date | None = None) -> BriefView:
    """The brief ``name`` with each clip checked against the corpus (raises UnknownBrief)."""
    clips = store.clips(name)
    checked = tuple((clip, status(library, clip.target)) for clip in clips)
    cutoff = corpus_cutoff(library) if library is not None else None
    return BriefView(name, checked, cutoff, today or datetime.now(UTC).date())


# ---------------------------------------------------------------- Markdown
def _status_line(state: str) -> str:
    if state == CHANGED:
        return "*(source changed since this was clipped; shown as clipped)*"
    if state == MISSING:
        return "*(the source is no longer in the corpus; shown as clipped)*"
    return ""


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def _event_head(c: dict[str, Any]) -> str:
    toll = ", ".join(f"{c[k]} {k}" for k in ("killed", "injured", "abducted") if c.get(k))
    precision = c.get("date_precision") or ""
    parts = [f"{c.get('date_display') or '?'}" + (f" ({precision})" if precision and precision != "day" else ""),
             c.get("event_kind") or "", ", ".join(c.get("places") or []), ", ".join(c.get("actors") or []), toll]
    return "**" + " · ".join(p for p in parts if p) + "**"


def _clip_body(clip: Clip, n: int) -> str:
    c, mark = clip.citation, f"[^{n}]"
    if clip.kind == "quote":
        who = ", ".join(filter(None, (c.get("speaker"), c.get("speaker_role")))) or "unattributed"
        return f"{_quoted('“' + clip.text.rstrip(' ,') + '”')}\n> — {who}{mark}"
    if clip.kind == "event":
        return f"{_event_head(c)}\n\n{_quoted(clip.text)}{mark}"
    if clip.kind == "actor":
        return f"**{clip.text}** ({str(c.get('type', '')).replace('_', ' ')}): {c.get('description') or ''}".rstrip(
            ": ") + mark
    if clip.kind == "article":
        return f"**{clip.text}**{mark}"
    return _quoted(clip.text) + mark


def _where(c: dict[str, Any]) -> str:
    return str(c.get("url") or c.get("path") or "")


def _footnote(clip: Clip, source_no: int | None = None) -> str:
    c = clip.citation
    if clip.kind == "actor":
        return f"Actor profile: {clip.text} ({c.get('type', '')}), from the knowledge base."
    parts = [c.get("source") or "source unknown", f"“{c.get('title') or '(untitled)'}”",
             c.get("published") or "undated"]
    if c.get("author"):
        parts.append(f"by {c['author']}")
    if clip.kind == "quote" and c.get("speaker"):
        parts.insert(0, f"{c['speaker']}" + (f", {c['speaker_role']}" if c.get("speaker_role") else ""))
    if clip.kind == "event":
        parts.append(f"event dated {c.get('date_display') or '?'} ({c.get('date_precision')}, "
                     f"from “{c.get('date_text', '')}”)")
    return ", ".join(parts) + f". {_where(c)}" + (f" [source {source_no}]" if source_no else "")


def to_markdown(view: BriefView) -> str:
    """The brief as Markdown: header, headings, clips with numbered footnotes, then the sources."""
    covered = view.covered
    lines = [f"# {view.name}", ""]
    meta = [f"Covers {covered[0]} to {covered[1]}" if covered else "Covers no dated item",
            f"data cut-off {view.cutoff or 'unknown'} (latest publication in the corpus)",
            f"exported {view.exported}"]
    lines += ["*" + " · ".join(meta) + "*", ""]
    sources: dict[str, tuple[int, Clip]] = {}
    notes: list[str] = []
    for clip, state in view.clips:
        if clip.kind == "heading":
            lines += [f"## {clip.text}", ""]
            continue
        key = clip.citation.get("article") or clip.target.key
        if key not in sources:
            sources[key] = (len(sources) + 1, clip)
        n = len(notes) + 1
        notes.append(f"[^{n}]: {_footnote(clip, sources[key][0])}")
        lines += [_clip_body(clip, n), ""]
        for extra in (_status_line(state), f"*Note:* {clip.note}" if clip.note else ""):
            if extra:
                lines += [extra, ""]
    lines += ["## Sources", ""]
    for number, clip in sources.values():
        lines.append(f"{number}. {_source_entry(clip)}")
    lines += ["", *notes, ""]
    return "\n".join(lines)


def _source_entry(clip: Clip) -> str:
    c = clip.citation
    accessed = f"accessed {clip.clipped[:10]}" if clip.clipped else ""
    if clip.kind == "actor":
        return f"{clip.text}: sahel-tui knowledge base ({accessed})."
    by = f", by {c['author']}" if c.get("author") else ""
    return (f"{c.get('source') or 'source unknown'}, “{c.get('title') or '(untitled)'}”, "
            f"{c.get('published') or 'undated'}{by}. {_where(c)} ({accessed}).")


# ---------------------------------------------------------------- CSV (ACLED columns) and JSON
def _place_fields(c: dict[str, Any], kb: KnowledgeBase) -> dict[str, str]:
    places = [kb.places[p] for p in c.get("place_ids") or [] if p in kb.places]
    if not places:
        return {}
    best = min(places, key=lambda p: int(GEO_PRECISION.get(p.kind, "4")))
    return {"country": best.country or "", "admin1": best.admin_region or (best.name if best.kind == "region" else ""),
            "location": best.name, "latitude": "" if best.lat is None else str(best.lat),
            "longitude": "" if best.lon is None else str(best.lon), "geo_precision": GEO_PRECISION.get(best.kind, "")}


def event_row(clip: Clip, kb: KnowledgeBase) -> dict[str, str]:
    """One ACLED-shaped row for an event clip; fields we do not have stay empty."""
    c = clip.citation
    actors = c.get("actors") or []
    event_type, sub_type = ACLED_TYPES.get(c.get("event_kind") or "", ("", ""))
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row |= {"event_date": c.get("date") or "", "year": (c.get("date") or "")[:4],
            "time_precision": TIME_PRECISION.get(c.get("date_precision") or "", ""),
            "event_type": event_type, "sub_event_type": sub_type,
            "actor1": actors[0] if actors else "", "actor2": actors[1] if len(actors) > 1 else "",
            "source": c.get("source") or "", "notes": clip.text,
            "fatalities": "" if c.get("killed") is None else str(c["killed"])}
    return row | _place_fields(c, kb)


def to_csv(view: BriefView, kb: KnowledgeBase) -> str:
    """The brief's events as CSV with ACLED's column headers, in ACLED's order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for clip, _ in view.clips:
        if clip.kind == "event":
            writer.writerow(event_row(clip, kb))
    return out.getvalue()


def clip_json(clip: Clip, state: str) -> dict[str, Any]:
    anchor = clip.target.anchor
    return {"id": clip.id, "brief": clip.brief, "position": clip.position, "kind": clip.kind,
            "ref": clip.target.ref, "article": clip.target.article or None, "actor": clip.target.actor or None,
            "start": anchor.start if anchor else None, "end": anchor.end if anchor else None,
            "text": clip.text, "fingerprint": anchor.fingerprint if anchor else None,
            "citation": clip.citation, "note": clip.note, "clipped": clip.clipped, "status": state}


def to_json(view: BriefView) -> str:
    data = {"name": view.name, "cutoff": view.cutoff.isoformat() if view.cutoff else None,
            "covered": [d.isoformat() for d in view.covered] if view.covered else None,
            "exported": view.exported.isoformat(), "clips": [clip_json(c, s) for c, s in view.clips]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def export(view: BriefView, fmt: str, kb: KnowledgeBase) -> str:
    """The brief in one of the formats "md", "csv", "json"."""
    if fmt == "md":
        return to_markdown(view)
    if fmt == "csv":
        return to_csv(view, kb)
    if fmt == "json":
        return to_json(view)
    raise ValueError(f"unknown export format {fmt!r} (md, csv or json)")


def clip_markdown(clip: Clip, state: str = OK) -> str:
    """One clip alone as Markdown, with its footnote (what `y` copies for a selected clip)."""
    if clip.kind == "heading":
        return f"## {clip.text}\n"
    parts = [_clip_body(clip, 1), _status_line(state), f"*Note:* {clip.note}" if clip.note else "",
             f"[^1]: {_footnote(clip)}"]
    return "\n\n".join(p for p in parts if p) + "\n"
