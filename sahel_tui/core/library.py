"""The one seam the CLI and the app use: search, articles, actors, profiles, timeline, quotes.

A Library wraps a resolved Config, the knowledge base and one long-lived searcher. Every method
returns plain records (models.py); nothing Whoosh-shaped leaves the core.
"""
from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Config
from . import aggregate_store, copies, indexer
from . import search as engine  # not "search": Library.search would shadow it in the class body
from .aggregate_store import StoredAggregates
from .aggregates import Aggregates
from .corpus import load_article
from .index_records import event_from, mentions_from, quote_from
from .knowledge import KnowledgeBase, UnknownActor, load_knowledge
from .markfilter import MarkFilter, document_key, split_mark_filters
from .models import (
    Actor,
    ActorStat,
    Article,
    ArticleRef,
    Event,
    EventHit,
    EventReport,
    HitDetail,
    Mention,
    Page,
    Profile,
    Quote,
    QuoteHit,
    SearchHit,
    SearchResults,
)
from .query import (
    KINDS,
    AliasIndex,
    And,
    DateRange,
    Entity,
    Every,
    Match,
    Node,
    Or,
    ParsedQuery,
    Phrase,
    QueryError,
    check_since_until,
    parse,
    walk,
)
from .snippets import hit_spans, make_snippet

log = logging.getLogger(__name__)

ALL_KINDS = tuple(sorted(KINDS))  # every document kind: article, event, quote
PROFILE_ITEMS = 200  # the latest quotes and events a profile shows
TIMELINE_ITEMS = 1000  # the latest events a timeline shows (filters narrow it)
LIST_PAGE = 500  # quotes per page
SEARCH_SORTS = ("relevance", "newest", "oldest")
QUOTE_SORTS = ("newest", "speaker")
TIMELINE_SORTS = {"newest": "event-newest", "oldest": "event-oldest", "toll": "toll"}


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
        self._searcher: engine.Searcher | None = None
        self._manifest: indexer.Manifest | None = None  # loaded when first needed (megabytes of JSON)
        self._gen: Path | None = None
        self._stamped_count = 0  # the article count of the stamp the index was opened by
        self._by_id: dict[str, str] = {}
        self._copies: dict[str, Any] = {"stories": {}, "reports": {}}
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._aggregates: Aggregates | StoredAggregates | None = None
        self._aggregates_stamp: tuple[str, int, int] | None = None
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
            cached = self.kb.derived.get("aliases")  # compiled with the knowledge base (knowledge_cache.py)
            self._aliases = cached if isinstance(cached, AliasIndex) else AliasIndex(self.kb)
        return self._aliases

    def reload_knowledge(self) -> None:
        """Load the knowledge base again (the analyst's corrections add aliases and actors)."""
        self._kb = None
        self._aliases = None

    def ensure_index(self, progress: indexer.Progress | None = None, rebuild: bool = False,
                     wait: Callable[[str], None] | None = None,
                     use_live_if_busy: bool = True, full_check: bool = False) -> indexer.BuildReport:
        """Build or update the index as needed, then open it. A damaged index is rebuilt.

        While another process builds it, the index is used as it is (a note says so), or with
        ``use_live_if_busy=False`` waited for; ``wait`` is told when waiting starts.
        An index its stamp proves current is opened at once (indexer.up_to_date); ``full_check``
        compares the corpus with the manifest file by file instead (`sahel-tui index`).
        """
        self.close()
        quick = None if rebuild or full_check else indexer.up_to_date(self.config.index, self.config.corpus, self.kb)
        if quick is not None:
            try:
                self.open_existing()
                return quick
            except engine.IndexProblem as err:  # damaged since the stamp was checked: the full path says
                log.info("index not usable as stamped: %s", err)
        try:
            report, manifest = indexer.ensure(self.config.index, self.config.corpus, self.kb,
                                              self.config.data_dir, progress, rebuild, wait, use_live_if_busy)
            self.notes.extend(n for n in report.notes if n not in self.notes)
            self.open_existing(manifest)
        except engine.IndexCorrupt as err:
            log.warning("%s; rebuilding", err)
            self.notes.append("The index was damaged and has been rebuilt.")
            report, manifest = indexer.ensure(self.config.index, self.config.corpus, self.kb,
                                              self.config.data_dir, progress, rebuild=True)
            self.open_existing(manifest)
        return report

    def open_existing(self, manifest: indexer.Manifest | None = None) -> None:
        """Open the live index as it is (fast start-up; may be stale). Raises IndexMissing.

        Damage is said, never shown as healthy: checked against the manifest given, else against
        the stamp (the manifest itself is then read only when something needs it), else the manifest.
        """
        gen = indexer.live_generation(self.config.index)
        if gen is None:
            raise engine.IndexMissing(f"no index in {self.config.index}")
        self._set_manifest(None)
        stamped = None if manifest is not None else indexer.whole_by_stamp(gen)
        self._stamped_count = stamped.articles if stamped else 0
        if stamped is None:
            self._set_manifest(indexer.verify(self.config.index, manifest))
        self._gen = gen
        self._searcher = engine.Searcher(gen)
        manifest_stat = (gen / "manifest.json").stat()  # an update rewrites a generation's manifest in place
        stamp = (str(gen), manifest_stat.st_mtime_ns, manifest_stat.st_size)
        if stamp != self._aggregates_stamp:  # the counts of another index: looked up on first need
            self._drop_aggregates()
            self._aggregates_stamp = stamp
        self._articles.clear()  # an update may have re-read changed files: never serve the old text
        self._copies = copies.load(gen)

    def _set_manifest(self, manifest: indexer.Manifest | None) -> None:
        self._manifest = manifest
        self._by_id = {entry.id: path for path, entry in manifest.files.items()} if manifest else {}

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._drop_aggregates()
        self._aggregates_stamp = None

    def _drop_aggregates(self) -> None:
        if isinstance(self._aggregates, StoredAggregates):
            self._aggregates.close()
        self._aggregates = None

    @property
    def searcher(self) -> engine.Searcher:
        if self._searcher is None:
            self.open_existing()
        assert self._searcher is not None
        return self._searcher

    @property
    def aggregates(self) -> Aggregates | StoredAggregates:
        """Per-actor counts, co-mentions, the newest-first order: looked up in the store written
        with the manifest (core/aggregate_store.py); counted from the manifest when the open
        generation has no store of its manifest as it is now (core/aggregates.py)."""
        if self._aggregates is None:
            stored = aggregate_store.open_store(self._gen) if self._gen is not None else None
            self._aggregates = stored or Aggregates(self.manifest.files.values())
        return self._aggregates

    @property
    def manifest(self) -> indexer.Manifest:
        if self._manifest is None and self._gen is None:
            self.open_existing()
        if self._manifest is None:  # opened by its stamp: read the manifest of that same generation
            loaded = indexer.Manifest.load(self._gen) if self._gen else None
            self._set_manifest(loaded or indexer.verify(self.config.index))
        assert self._manifest is not None
        return self._manifest

    # ------------------------------------------------------------ articles
    def article(self, article_id: str, path: str | None = None) -> Article:
        """An article from the corpus (cached); raises KeyError or ArticleError.

        ``path``: its file as the index stored it (a search hit knows it), sparing the manifest.
        """
        if article_id in self._articles:
            self._articles.move_to_end(article_id)
            return self._articles[article_id]
        path = path or self._by_id_path(article_id)
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

    def copies_of(self, article_id: str) -> list[dict[str, Any]]:
        """Every report of this article's story (itself, exact copies indexed once, near copies
        such as a wire story reprinted by other outlets); [] when it has none (core/copies.py)."""
        if self._gen is None:  # opened (the stories are read with the index), not the manifest
            self.open_existing()
        story = self._copies["stories"].get(article_id)
        return list(self._copies["reports"].get(story, [])) if story else []

    def article_count(self) -> int:
        """How many articles are indexed (from the stamp while the manifest is not loaded: cheap
        enough for the UI thread)."""
        if self._manifest is None and self._gen is not None and self._stamped_count:
            return self._stamped_count
        return len(self.manifest.files)

    def article_refs(self) -> list[ArticleRef]:
        """Every indexed article, newest first."""
        return list(self.aggregates.newest_first())

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        """Actor and place mentions of an article (offsets into its clean text)."""
        text = self.article(article_id).text
        for doc in self.searcher.documents(id=f"a:{article_id}"):
            return tuple(replace(m, surface=text[m.start:m.end]) for m in mentions_from(doc.payload))
        return ()

    def article_quotes(self, article_id: str) -> list[Quote]:
        docs = self.searcher.documents(article=article_id, kind="quote")
        return sorted((quote_from(d.payload) for d in docs), key=lambda q: q.start)

    def article_events(self, article_id: str) -> list[Event]:
        docs = self.searcher.documents(article=article_id, kind="event")
        return sorted((event_from(d.payload) for d in docs), key=lambda e: e.start)

    def records(self, article_id: str, kind: str) -> dict[str, Quote | Event]:
        """An article's quotes (kind "quote") or events ("event") keyed by their ref, q:<article>:<n>."""
        docs = self.searcher.documents(article=article_id, kind=kind)
        read = quote_from if kind == "quote" else event_from
        return {d.id: read(d.payload) for d in docs}

    def record(self, ref: str) -> Quote | Event | None:
        """The quote or event a ref names now (q:<article>:<n>, e:<article>:<n>), or None (briefs, notes)."""
        for doc in self.searcher.documents(id=ref):
            return quote_from(doc.payload) if doc.kind == "quote" else event_from(doc.payload)
        return None

    # ------------------------------------------------------------ search
    def search(self, text: str, limit: int | None = 20, kinds: tuple[str, ...] = ALL_KINDS,
               as_you_type: bool = False, snippets: bool | int = True, offset: int = 0,
               sort: str = "relevance") -> SearchResults:
        """Ranked hits for the user's query (see query.py for the language): hits offset..
        offset+limit in relevance, newest or oldest order, and how many match in all.

        ``snippets``: True for every hit, False for none, or a number: snippets for the first
        that many hits only (cutting one means reading the article, the slow part of a search);
        `snippet_for` cuts the rest when they are shown.
        """
        if sort not in SEARCH_SORTS:
            raise QueryError(f"unknown order {sort!r} (one of {', '.join(SEARCH_SORTS)})")
        rest, marks = split_mark_filters(text)  # starred:/tag:/note: are answered by the user's store
        if marks is not None:
            return self._search_marked(rest, marks, limit, kinds, as_you_type, snippets, offset)
        parsed = parse(text, self.aliases, prefix_last=as_you_type)
        if any(isinstance(n, Match) and n.field == "kind" for n in walk(parsed.tree)):
            kinds = ALL_KINDS  # the query says which kinds it wants: kind:quote overrides a default
        raw = self.searcher.run(parsed.tree, kinds, limit, offset, sort)
        wanted = len(raw.hits) if snippets is True else int(snippets)
        hits = tuple(self._hit(h, raw.terms, parsed.expanded, n < wanted) for n, h in enumerate(raw.hits))
        return SearchResults(hits, raw.total, parsed.text, parsed.notes, parsed.fallback, raw.total_exact,
                             offset, raw.terms, parsed.expanded)

    def snippet_for(self, hit: SearchHit, results: SearchResults) -> SearchHit:
        """The hit with its snippet cut (for rows beyond the first page, cut when shown)."""
        if hit.snippet:
            return hit
        for doc in self.searcher.documents(id=hit.ref):
            return self._hit(engine.RawHit(doc, hit.score), results.terms, results.expanded, True)
        return hit

    def _search_marked(self, text: str, marks: MarkFilter, limit: int | None, kinds: tuple[str, ...],
                       as_you_type: bool, snippets: bool | int, offset: int = 0) -> SearchResults:
        """A search kept to what the analyst starred, tagged or noted (the store answers which)."""
        from .store import BriefingStore
        store = BriefingStore(self.config.store_file)
        try:
            all_marks = store.marks()
            keys = marks.keys(all_marks) if not marks.excludes_only else \
                MarkFilter(starred=True).keys(all_marks)
        finally:
            store.close()
        parsed = parse(text, self.aliases, prefix_last=as_you_type) if text.strip() else None
        tree: Node = parsed.tree if parsed else Every()
        if parsed and any(isinstance(n, Match) and n.field == "kind" for n in walk(parsed.tree)):
            kinds = ALL_KINDS
        if marks.excludes_only:  # starred:no: everything but the starred
            raw = self.searcher.run(tree, kinds, None)
            found = [h for h in raw.hits if document_key(h.fields) not in keys]
        else:
            articles = sorted({m.target.article for m in all_marks})
            if not articles:
                found, raw = [], None
            else:
                scoped = And((tree, Or(tuple(Match("article", a) for a in articles))))
                raw = self.searcher.run(scoped, kinds, None)
                found = [h for h in raw.hits if document_key(h.fields) in keys]
        terms = raw.terms if raw else frozenset()
        page = found[offset:offset + limit if limit is not None else None]
        wanted = len(page) if snippets is True else int(snippets)
        expanded = parsed.expanded if parsed else ()
        hits = tuple(self._hit(h, terms, expanded, n < wanted) for n, h in enumerate(page))
        notes = parsed.notes if parsed else ()
        return SearchResults(hits, len(found), text, notes, bool(parsed and parsed.fallback), True,
                             offset, terms, expanded)

    def _hit(self, raw: engine.RawHit, terms: frozenset[str], expanded: tuple[str, ...], snippets: bool) -> SearchHit:
        f = raw.fields
        hit = SearchHit(kind=f.kind, article_id=f.article, title=f.title, score=raw.score,
                        published=f.published, source=f.source, path=f.path, ref=f.id,
                        extra=replace(self._extra(f), **self._story(f)))
        if not snippets:
            return hit
        text, extra = self._snippet_source(f, expanded)
        snippet = make_snippet(text, hit_spans(text, terms, engine.term_key) + extra)
        return replace(hit, snippet=snippet.text, snippet_spans=snippet.spans)

    def _story(self, f: engine.StoredFields) -> dict[str, Any]:
        """An article hit with copies is annotated with its story and how many reports it has."""
        story = self._copies["stories"].get(f.article) if f.kind == "article" else None
        return {"story": story, "reports": len(self._copies["reports"][story])} if story else {}

    @staticmethod
    def _extra(f: engine.StoredFields) -> HitDetail:
        """What a quote or event row shows besides its snippet (cheap: read from the payload)."""
        if f.kind == "quote":
            quote = quote_from(f.payload)
            return HitDetail(speaker=f.speaker, speaker_name=quote.speaker, speaker_role=quote.speaker_role,
                             start=quote.start, end=quote.end, corrected=bool(quote.corrections))
        if f.kind == "event":
            event = event_from(f.payload)
            return HitDetail(date=event.date_display, event_kind=event.kind, killed=event.killed,
                             start=event.start, end=event.end, corrected=bool(event.corrections))
        return HitDetail()

    def _snippet_source(self, f: engine.StoredFields, expanded: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
        """The text to cut a snippet from, and spans of expanded aliases to highlight in it."""
        if f.kind == "quote":
            return quote_from(f.payload).text, []
        if f.kind == "event":
            return event_from(f.payload).sentence, []
        text = self.searcher.article_text(f.article)  # as indexed, from the record store: no file parsing
        if text is None:
            return "(article text unavailable: not in the index's record store)", []
        extra = [(m.start, m.end) for m in mentions_from(f.payload) if m.ref in expanded]
        return text, extra

    def hit_spans(self, article_id: str, text: str) -> list[tuple[int, int]]:
        """Where the words of a query occur in an article (for the reader's highlighting)."""
        parsed = parse(text, self.aliases)
        tree = And((parsed.tree, Match("article", article_id)))
        raw = self.searcher.run(tree, ("article",), limit=1)
        body = self.article(article_id).text
        extra = [(m.start, m.end) for m in self.mentions(article_id) if m.ref in parsed.expanded]
        return _merge_spans(hit_spans(body, raw.terms, engine.term_key) + extra)

    # ------------------------------------------------------------ actors
    def _unlisted(self) -> dict[str, Actor]:
        return self.aggregates.unlisted

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
        agg = self.aggregates
        known = {**(self._unlisted() if include_unlisted else {}), **self.kb.actors}
        stats = [ActorStat(known[a], agg.article_count(a), n) for a, n in agg.actor_mentions.items() if a in known]
        stats = [s for s in stats if type_ is None or s.actor.type == type_]
        return sorted(stats, key=lambda s: (-s.mentions, s.actor.name))

    def actor_stat(self, id_or_alias: str) -> ActorStat:
        """An actor with its article and mention counts (a lookup: a profile's header comes first)."""
        actor = self.actor(id_or_alias)
        agg = self.aggregates
        return ActorStat(actor, agg.article_count(actor.id), agg.actor_mentions.get(actor.id, 0))

    def profile(self, id_or_alias: str) -> Profile:
        actor = self.actor(id_or_alias)
        refs = self.aggregates.articles_of(actor.id)
        co = self.aggregates.co_mentioned(actor.id)
        total = self.aggregates.actor_mentions.get(actor.id, 0)
        known = {**self._unlisted(), **self.kb.actors}
        relations = tuple((rel, self.kb.actors[other]) for rel, other in self.kb.relations_of(actor.id)) \
            if actor.id in self.kb.actors else ()
        quotes = self.quotes_page(actor=actor.id, limit=PROFILE_ITEMS)
        events = self.timeline_page(actor=actor.id, limit=PROFILE_ITEMS)
        return Profile(
            actor=actor, relations=relations,
            articles=tuple(sorted(refs, key=lambda r: (-r.count, r.title))),
            co_mentioned=tuple((known[a], n) for a, n in co.most_common(12) if a in known),
            quotes=quotes.items,
            events=tuple(sorted(events.items, key=lambda h: (h.event.date or date.min, h.article_id, h.event.start))),
            mentions=total, quote_total=quotes.total, event_total=events.total,
        )

    # ------------------------------------------------------------ quotes and timeline
    def _flags(self, actor: str | None = None, place: str | None = None, kind: str | None = None,
               speaker: str | None = None, since: date | None = None, until: date | None = None) -> list[Node]:
        """The CLI's and profile's flags as nodes of the same query tree the boxes parse."""
        check_since_until(since, until)
        nodes: list[Node] = []
        if actor:
            nodes.append(Entity("actor", self.actor(actor).id))
        if place:
            found = self.kb.place(place)
            scope = self.aliases.place_scope(found.id) if found else (place,)
            nodes.append(Or(tuple(Entity("place", r) for r in scope)) if len(scope) > 1 else Entity("place", scope[0]))
        if kind:
            nodes.append(Match("event", kind))
        if speaker:
            nodes.append(Phrase("speaker", speaker))
        if since or until:
            nodes.append(DateRange("when", since, until))
        return nodes

    def _tree(self, text: str, flags: list[Node]) -> ParsedQuery:
        parsed = parse(text, self.aliases)
        children = (*(parsed.tree.children if isinstance(parsed.tree, And) else (parsed.tree,)), *flags)
        kept = tuple(c for c in children if not isinstance(c, Every))
        tree: Node = kept[0] if len(kept) == 1 else And(kept) if kept else Every()
        return replace(parsed, tree=tree)

    def quotes_page(self, text: str = "", speaker: str | None = None, actor: str | None = None,
                    limit: int | None = LIST_PAGE, offset: int = 0, sort: str = "newest") -> Page[QuoteHit]:
        """Quotes matching a query (plus flags), newest article first or by speaker, with the total."""
        if sort not in QUOTE_SORTS:
            raise QueryError(f"unknown order {sort!r} (one of {', '.join(QUOTE_SORTS)})")
        parsed = self._tree(text, self._flags(actor=actor, speaker=speaker))
        raw = self.searcher.run(parsed.tree, ("quote",), limit, offset, sort)
        hits = tuple(QuoteHit(quote_from(h.fields.payload), h.fields.article, h.fields.title, h.fields.published,
                              h.fields.source) for h in raw.hits)
        return Page(hits, raw.total, offset, raw.total_exact, parsed.notes)

    def quotes(self, text: str = "", speaker: str | None = None, actor: str | None = None,
               limit: int | None = 500) -> list[QuoteHit]:
        """Quotes matching a query, a speaker name and/or an actor, newest article first."""
        return list(self.quotes_page(text, speaker, actor, limit).items)

    def timeline_page(self, text: str = "", actor: str | None = None, place: str | None = None,
                      kind: str | None = None, since: date | None = None, until: date | None = None,
                      limit: int | None = TIMELINE_ITEMS, offset: int = 0, sort: str = "newest") -> Page[EventHit]:
        """Events by date (newest or oldest first) or by toll, the same event reported by several
        articles of the page merged into one row; the total counts event reports."""
        if sort not in TIMELINE_SORTS:
            raise QueryError(f"unknown order {sort!r} (one of {', '.join(TIMELINE_SORTS)})")
        parsed = self._tree(text, self._flags(actor, place, kind, since=since, until=until))
        raw = self.searcher.run(parsed.tree, ("event",), limit, offset, TIMELINE_SORTS[sort])
        hits = _merged(raw.hits, self._copies["stories"])
        key = {"oldest": lambda h: (h.event.date or date.min, h.article_id, h.event.start),
               "newest": lambda h: (date.max - (h.event.date or date.min), h.article_id, h.event.start),
               "toll": lambda h: (-(h.event.killed or 0), h.event.date or date.min, h.article_id)}[sort]
        return Page(tuple(sorted(hits, key=key)), raw.total, offset, raw.total_exact, parsed.notes, len(raw.hits))

    def timeline(self, text: str = "", actor: str | None = None, place: str | None = None,
                 kind: str | None = None, since: date | None = None, until: date | None = None,
                 limit: int | None = TIMELINE_ITEMS) -> list[EventHit]:
        """The latest `limit` events, oldest first (timeline_page says how many there are)."""
        page = self.timeline_page(text, actor, place, kind, since, until, limit, sort="newest")
        return sorted(page.items, key=lambda h: (h.event.date or date.min, h.article_id, h.event.start))


def _merged(raw_hits: tuple[engine.RawHit, ...], stories: dict[str, str]) -> list[EventHit]:
    """Event hits with the same event from several articles merged (first reporter first); copies
    of one wire story (``stories``: article id -> story) count as one independent source."""
    by_article: dict[str, list[Event]] = {}
    info: dict[str, engine.StoredFields] = {}
    for h in raw_hits:
        by_article.setdefault(h.fields.article, []).append(event_from(h.fields.payload))
        info[h.fields.article] = h.fields
    hits = []
    from .event_merge import merge_reports  # it loads the event extractor's rules: only where used
    for event, sources in merge_reports(by_article):
        # The representative is the most precise report, not always the first article's: the
        # row opens the article whose sentence it shows.
        home = next((a for a in sources if event in by_article[a]), sources[0])
        ordered = (home, *(a for a in sources if a != home))
        first = info[home]
        reports = tuple(_report(info[a], event if a == home else _telling(event, by_article[a])) for a in ordered)
        independent = len({stories.get(a, a) for a in ordered})
        hits.append(EventHit(event, home, first.title, first.published, ordered,
                             tuple(info[a].source or "" for a in ordered), reports, independent))
    return hits


def _telling(event: Event, candidates: list[Event]) -> Event:
    """Which of another article's events is its report of ``event``: the same kind and a shared
    place (or the very same sentence) first, then the same kind, then its first event."""
    same_kind = [e for e in candidates if e.kind == event.kind]
    for e in same_kind:
        if e.sentence == event.sentence or set(e.places) & set(event.places):
            return e
    return (same_kind or candidates)[0]


def _report(fields: engine.StoredFields, event: Event) -> EventReport:
    return EventReport(fields.article, fields.title, fields.source or "", event.sentence, event.start, event.end)
