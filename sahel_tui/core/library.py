"""The one seam the CLI and the app use: search, articles, actors, profiles, timeline, quotes.

A Library wraps a resolved Config, the knowledge base and one long-lived searcher. Every method
returns plain records (models.py); nothing Whoosh-shaped leaves the core.
"""
from __future__ import annotations

import logging
from collections import Counter, OrderedDict
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..config import Config
from . import indexer, search
from .corpus import ArticleError, load_article
from .extract.events import merge_events
from .knowledge import KnowledgeBase, UnknownActor, load_knowledge
from .models import (
    Actor,
    ActorStat,
    Article,
    ArticleRef,
    Event,
    EventHit,
    Mention,
    Profile,
    Quote,
    QuoteHit,
    SearchHit,
    SearchResults,
)
from .query import KINDS, AliasIndex, DateFilter, parse
from .records import event_from, mentions_from, quote_from
from .snippets import hit_spans, make_snippet

log = logging.getLogger(__name__)

ALL_KINDS = tuple(sorted(KINDS))  # every document kind: article, event, quote
PROFILE_ITEMS = 200  # the latest quotes and events a profile shows
TIMELINE_ITEMS = 1000  # the latest events a timeline shows (filters narrow it)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (a word hit inside an alias mention)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class Library:
    """Open with `Library(config)`, call `ensure_index()` (or `open_existing()`), then query.

    Not thread-safe: Whoosh searchers and the article cache are shared state, so a front end
    that calls it from worker threads serialises the calls (the app does, with one lock).
    """

    def __init__(self, config: Config, kb: KnowledgeBase | None = None) -> None:
        self.config = config
        self._kb = kb
        self._aliases: AliasIndex | None = None
        self._searcher: search.Searcher | None = None
        self._manifest: indexer.Manifest | None = None
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self.notes: list[str] = list(config.notes)

    # ------------------------------------------------------------ lifecycle
    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = load_knowledge(self.config.data_dir)
        return self._kb

    @property
    def aliases(self) -> AliasIndex:
        if self._aliases is None:
            self._aliases = AliasIndex(self.kb)
        return self._aliases

    def ensure_index(self, progress: indexer.Progress | None = None, rebuild: bool = False) -> indexer.BuildReport:
        """Build or update the index as needed, then open it. A damaged index is rebuilt."""
        self.close()
        try:
            report, manifest = indexer.ensure(self.config.index, self.config.corpus, self.kb,
                                              self.config.data_dir, progress, rebuild)
            self.open_existing(manifest)
        except search.IndexCorrupt as err:
            log.warning("%s; rebuilding", err)
            self.notes.append("The index was damaged and has been rebuilt.")
            report, manifest = indexer.ensure(self.config.index, self.config.corpus, self.kb,
                                              self.config.data_dir, progress, rebuild=True)
            self.open_existing(manifest)
        return report

    def open_existing(self, manifest: indexer.Manifest | None = None) -> None:
        """Open the live index as it is (fast start-up; may be stale). Raises IndexMissing."""
        gen = indexer.live_generation(self.config.index)
        if gen is None:
            raise search.IndexMissing(f"no index in {self.config.index}")
        self._manifest = manifest or indexer.Manifest.load(gen)
        if self._manifest is None:
            raise search.IndexCorrupt(f"index in {gen} has no readable manifest")
        self._searcher = search.Searcher(gen)
        self._by_id = {entry["id"]: path for path, entry in self._manifest.files.items()}

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    @property
    def searcher(self) -> search.Searcher:
        if self._searcher is None:
            self.open_existing()
        assert self._searcher is not None
        return self._searcher

    @property
    def manifest(self) -> indexer.Manifest:
        if self._manifest is None:
            self.open_existing()
        assert self._manifest is not None
        return self._manifest

    # ------------------------------------------------------------ articles
    def article(self, article_id: str) -> Article:
        """An article from the corpus (cached); raises KeyError or ArticleError."""
        if article_id in self._articles:
            self._articles.move_to_end(article_id)
            return self._articles[article_id]
        path = self._by_id_path(article_id)
        article = replace(load_article(Path(path)), id=article_id)
        self._articles[article_id] = article
        if len(self._articles) > 64:
            self._articles.popitem(last=False)
        return article

    def _by_id_path(self, article_id: str) -> str:
        _ = self.manifest
        if article_id not in self._by_id:
            raise KeyError(f"no article {article_id!r} in the index")
        return self._by_id[article_id]

    def article_count(self) -> int:
        return len(self.manifest.files)

    def article_refs(self) -> list[ArticleRef]:
        """Every indexed article, newest first."""
        refs = [self._ref(entry) for entry in self.manifest.files.values()]
        return sorted(refs, key=lambda r: (r.published or date.min, r.id), reverse=True)

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        """Actor and place mentions of an article (offsets into its clean text)."""
        text = self.article(article_id).text
        for doc in self.searcher.documents(id=f"a:{article_id}"):
            return tuple(replace(m, surface=text[m.start:m.end]) for m in mentions_from(doc["payload"]))
        return ()

    def article_quotes(self, article_id: str) -> list[Quote]:
        docs = self.searcher.documents(article=article_id, kind="quote")
        return sorted((quote_from(d["payload"]) for d in docs), key=lambda q: q.start)

    def article_events(self, article_id: str) -> list[Event]:
        docs = self.searcher.documents(article=article_id, kind="event")
        return sorted((event_from(d["payload"]) for d in docs), key=lambda e: e.start)

    # ------------------------------------------------------------ search
    def search(self, text: str, limit: int = 20, kinds: tuple[str, ...] = ALL_KINDS,
               as_you_type: bool = False, snippets: bool | int = True) -> SearchResults:
        """Ranked hits for the user's query (see query.py for the language).

        ``snippets``: True for every hit, False for none, or a number: snippets for the first
        that many hits only (cutting one means reading the article, the slow part of a search).
        """
        parsed = parse(text, self.aliases, prefix_last=as_you_type)
        raw = self.searcher.run(parsed.text, parsed.dates, parsed.kinds or kinds, limit)
        wanted = len(raw.hits) if snippets is True else int(snippets)
        hits = tuple(self._hit(h, raw.terms, parsed.expanded, n < wanted) for n, h in enumerate(raw.hits))
        return SearchResults(hits, raw.total, parsed.text, parsed.notes, parsed.fallback, raw.total_exact)

    def _hit(self, raw: search.RawHit, terms: frozenset[str], expanded: tuple[str, ...], snippets: bool) -> SearchHit:
        f = raw.fields
        published = f.get("published").date() if f.get("published") else None
        hit = SearchHit(kind=f["kind"], article_id=f["article"], title=f.get("title", ""), score=raw.score,
                        published=published, source=f.get("source"), path=f.get("path", ""), ref=f["id"])
        if not snippets:
            return hit
        text, extra = self._snippet_source(f, expanded)
        snippet = make_snippet(text, hit_spans(text, terms, search.term_key) + extra)
        extra_fields: dict = {}
        if f["kind"] == "quote":
            quote = quote_from(f["payload"])
            extra_fields = {"speaker": f.get("speaker", ""), "speaker_name": quote.speaker,
                            "speaker_role": quote.speaker_role, "start": quote.start, "end": quote.end}
        elif f["kind"] == "event":
            event = event_from(f["payload"])
            extra_fields = {"date": event.date_display, "event_kind": event.kind, "killed": event.killed,
                            "start": event.start, "end": event.end}
        return replace(hit, snippet=snippet.text, snippet_spans=snippet.spans, extra=extra_fields)

    def _snippet_source(self, f: dict, expanded: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
        """The text to cut a snippet from, and spans of expanded aliases to highlight in it."""
        if f["kind"] == "quote":
            return quote_from(f["payload"]).text, []
        if f["kind"] == "event":
            return event_from(f["payload"]).sentence, []
        try:
            text = self.article(f["article"]).text
        except (KeyError, ArticleError) as err:
            return f"(article text unavailable: {err})", []
        extra = [(m.start, m.end) for m in mentions_from(f["payload"]) if m.ref in expanded]
        return text, extra

    def hit_spans(self, article_id: str, text: str) -> list[tuple[int, int]]:
        """Where the words of a query occur in an article (for the reader's highlighting)."""
        parsed = parse(text, self.aliases)
        raw = self.searcher.run(parsed.text, parsed.dates, ("article",), limit=1,
                                terms=[("article", article_id)])
        body = self.article(article_id).text
        extra = [(m.start, m.end) for m in self.mentions(article_id) if m.ref in parsed.expanded]
        return _merge_spans(hit_spans(body, raw.terms, search.term_key) + extra)

    # ------------------------------------------------------------ actors
    def _ref(self, entry: dict, count: int = 0) -> ArticleRef:
        published = date.fromisoformat(entry["published"]) if entry.get("published") else None
        return ArticleRef(entry["id"], entry.get("title", ""), published, entry.get("source"), count)

    def _unlisted(self) -> dict[str, Actor]:
        people: dict[str, Actor] = {}
        for entry in self.manifest.files.values():
            for p in entry.get("unlisted", []):
                people.setdefault(p["id"], Actor(p["id"], p["name"], "person", (p["name"],),
                                                 role=p.get("role"), listed=False))
        return people

    def actor(self, id_or_alias: str) -> Actor:
        """A known or unlisted actor by id, name or alias; raises UnknownActor."""
        try:
            return self.kb.actor(id_or_alias)
        except UnknownActor:
            unlisted = self._unlisted()
            if id_or_alias in unlisted:
                return unlisted[id_or_alias]
            for person in unlisted.values():
                if person.name.casefold() == id_or_alias.casefold():
                    return person
            raise

    def actors(self, type_: str | None = None, include_unlisted: bool = True) -> list[ActorStat]:
        """Actors of the corpus with article and mention counts, most mentioned first."""
        articles: Counter[str] = Counter()
        mentions: Counter[str] = Counter()
        for entry in self.manifest.files.values():
            for actor_id, n in entry.get("actors", {}).items():
                articles[actor_id] += 1
                mentions[actor_id] += n
        known = {**(self._unlisted() if include_unlisted else {}), **self.kb.actors}
        stats = [ActorStat(known[a], articles[a], mentions[a]) for a in mentions if a in known]
        stats = [s for s in stats if type_ is None or s.actor.type == type_]
        return sorted(stats, key=lambda s: (-s.mentions, s.actor.name))

    def profile(self, id_or_alias: str) -> Profile:
        actor = self.actor(id_or_alias)
        refs, co, total = [], Counter(), 0
        for entry in self.manifest.files.values():
            counts = entry.get("actors", {})
            if actor.id in counts:
                total += counts[actor.id]
                refs.append(self._ref(entry, counts[actor.id]))
                co.update({a: 1 for a in counts if a != actor.id})
        known = {**self._unlisted(), **self.kb.actors}
        relations = tuple((rel, self.kb.actors[other]) for rel, other in self.kb.relations_of(actor.id)) \
            if actor.id in self.kb.actors else ()
        return Profile(
            actor=actor, relations=relations,
            articles=tuple(sorted(refs, key=lambda r: (-r.count, r.title))),
            co_mentioned=tuple((known[a], n) for a, n in co.most_common(12) if a in known),
            quotes=tuple(self.quotes(actor=actor.id, limit=PROFILE_ITEMS)),
            events=tuple(self.timeline(actor=actor.id, limit=PROFILE_ITEMS)),
            mentions=total,
        )

    # ------------------------------------------------------------ quotes and timeline
    def _filters(self, actor: str | None, place: str | None) -> list[tuple[str, str]]:
        terms = []
        if actor:
            terms.append(("actor", self.actor(actor).id))
        if place:
            found = self.kb.place(place)
            terms.append(("place", found.id if found else place))
        return terms

    def quotes(self, text: str = "", speaker: str | None = None, actor: str | None = None,
               limit: int | None = 500) -> list[QuoteHit]:
        """Quotes matching a query, a speaker name and/or an actor, newest article first."""
        query = text + (f' speaker:"{speaker}"' if speaker else "")
        parsed = parse(query, self.aliases)
        raw = self.searcher.run(parsed.text, parsed.dates, ("quote",), limit,
                                sort_by_date="published", reverse=True, terms=self._filters(actor, None))
        return [QuoteHit(quote_from(h.fields["payload"]), h.fields["article"], h.fields.get("title", ""),
                         h.fields["published"].date() if h.fields.get("published") else None,
                         h.fields.get("source")) for h in raw.hits]

    def timeline(self, text: str = "", actor: str | None = None, place: str | None = None,
                 kind: str | None = None, since: date | None = None, until: date | None = None,
                 limit: int | None = TIMELINE_ITEMS) -> list[EventHit]:
        """Events in date order (the latest `limit`), the same event from several articles merged."""
        parsed = parse(text, self.aliases)
        dates = list(parsed.dates) + ([DateFilter("date", since, until)] if since or until else [])
        terms = self._filters(actor, place) + ([("event", kind)] if kind else [])
        raw = self.searcher.run(parsed.text, dates, ("event",), limit, sort_by_date="date",
                                reverse=True, terms=terms)
        by_article: dict[str, list[Event]] = {}
        info: dict[str, dict] = {}
        for h in raw.hits:
            by_article.setdefault(h.fields["article"], []).append(event_from(h.fields["payload"]))
            info[h.fields["article"]] = h.fields
        merged = merge_events(by_article)
        hits = []
        for event, sources in merged:
            first = info[sources[0]]
            published = first["published"].date() if first.get("published") else None
            hits.append(EventHit(event, sources[0], first.get("title", ""), published, tuple(sources)))
        return sorted(hits, key=lambda h: (h.event.date or date.min, h.article_id, h.event.start))
