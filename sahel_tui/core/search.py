"""The only module that imports Whoosh: schema, analysis, writing documents, running queries.

One index holds three kinds of document — ``article``, ``quote`` and ``event`` — so every pane
is a query. Stored fields stay lean: article text is not stored (snippets are cut from the
corpus), quotes and events carry a small JSON payload. A Whoosh ``Hit`` never leaves this module.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.analysis import Filter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.lang.porter import stem
from whoosh.util.times import datetime_to_long

from . import query as T
from .query import KINDS, STOP_WORDS
from .text import APOSTROPHES, WORD_RE, fold, fold_word, tokenize

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
INDEX_NAME = "sahel"
DEFAULT_FIELDS = ("body", "title")  # fields whose matched words are highlighted in snippets
DATE_FIELDS = ("published", "date")
PREFIX_EXPANSIONS = 6  # words a typed prefix stands for (the most frequent ones)
_NO_DATE = 2**64 - 1  # what a sortable date column holds for a document without that date
EXACT_COUNT_LIMIT = 2000  # above this many estimated matches, the count shown is Whoosh's estimate


class IndexError_(Exception):
    """Base for index problems the user must hear about."""


class IndexMissing(IndexError_):
    """There is no index at that location yet."""


class IndexCorrupt(IndexError_):
    """The index exists but cannot be read."""


class BadQuery(ValueError):
    """A query Whoosh cannot run, even after the fallback."""


# ---------------------------------------------------------------- analysis
class FoldFilter(Filter):
    """Accent-, apostrophe- and case-folding, and possessive ’s removal (Goïta’s -> goita)."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 2 and text[-1] in "sS" and text[-2] in APOSTROPHES:
                text = text[:-2]
            token.text = fold_word(text)
            yield token


def analyzer():
    """Words (apostrophes kept inside), folded, few stop words, Porter-stemmed with a cache."""
    return (RegexTokenizer(WORD_RE.pattern) | FoldFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter(stemfn=stem, cachesize=100_000))


@lru_cache(maxsize=200_000)
def term_key(word: str) -> str:
    """The index term a single word becomes (for highlighting without Whoosh's highlighter)."""
    return stem(fold_word(word))


def build_schema() -> Schema:
    ana = analyzer()
    return Schema(
        id=ID(unique=True, stored=True), kind=ID(stored=True), article=ID(stored=True),
        title=TEXT(analyzer=ana, field_boost=3.0, stored=True), body=TEXT(analyzer=ana, phrase=True),
        source=TEXT(analyzer=ana, stored=True), author=TEXT(analyzer=ana, stored=True),
        speaker=TEXT(analyzer=ana, stored=True),
        actor=KEYWORD(lowercase=True, scorable=True), place=KEYWORD(lowercase=True, scorable=True),
        event=ID(stored=True), published=DATETIME(stored=True, sortable=True),
        date=DATETIME(stored=True, sortable=True), path=STORED(), payload=STORED(),
        killed=NUMERIC(int), toll=NUMERIC(int, sortable=True), speaker_key=ID(sortable=True),
    )


# ---------------------------------------------------------------- documents
@dataclass
class Document:
    """One index document, as plain values; ``payload`` is JSON-serialisable."""

    id: str
    kind: str
    article: str
    title: str = ""
    body: str = ""
    source: str = ""
    author: str = ""
    speaker: str = ""
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event: str = ""
    published: date | None = None
    date: date | None = None
    path: str = ""
    payload: dict = field(default_factory=dict)
    killed: int | None = None  # an event's reported death toll (filter killed>=N, sort by toll)

    def fields(self) -> dict:
        out = {"id": self.id, "kind": self.kind, "article": self.article, "path": self.path,
               "payload": json.dumps(self.payload, ensure_ascii=False, default=str)}
        for name in ("title", "body", "source", "author", "speaker", "event"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.actors:
            out["actor"] = " ".join(self.actors)
        if self.places:
            out["place"] = " ".join(self.places)
        if self.killed is not None:
            out["killed"] = self.killed
        if self.kind == "event":  # the sort column: an unknown toll sorts below a toll of 0
            out["toll"] = -1 if self.killed is None else self.killed
        if self.speaker:
            out["speaker_key"] = fold(self.speaker)
        for name in DATE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = datetime(value.year, value.month, value.day)
        return out


def create(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)


def open_index(folder: Path):
    """Open an index folder; IndexMissing when there is none, IndexCorrupt when it is damaged."""
    if not any(folder.glob(f"_{INDEX_NAME}_*.toc")):
        raise IndexMissing(f"no index in {folder}")
    try:
        return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    except Exception as err:  # Whoosh raises many kinds (its IndexError, pickle, struct, OSError)
        raise IndexCorrupt(f"index in {folder} cannot be opened: {err}") from err


def write(ix, add: Iterable[Document], delete_articles: Iterable[str] = (), optimize: bool = False) -> int:
    """Delete every document of the given articles, add the new documents, commit once.

    ``optimize`` merges everything into one segment (after a full build); small updates leave
    merging to Whoosh's policy, so adding ten articles does not rewrite the whole index.
    """
    count = 0
    fresh = ix.is_empty()
    # Separate (non-compound) segment files are memory-mapped when read; a compound file's
    # postings were copied into memory, ~230 MB at 10,000 articles.
    writer = ix.writer(limitmb=256, compound=False)
    try:
        for article_id in delete_articles:
            writer.delete_by_term("article", article_id)
        for doc in add:
            # A fresh index has nothing to replace: add_document skips update's per-document delete.
            (writer.add_document if fresh else writer.update_document)(**doc.fields())
            count += 1
    except BaseException:
        writer.cancel()
        raise
    # One segment after a build keeps fuzzy queries fast (notes/measured.md); an update adds a
    # small segment and leaves merging to Whoosh's policy instead of rewriting the whole index.
    writer.commit(optimize=optimize)
    return count


def adopt_segments(folder: Path, parts: Iterable[Path]) -> None:
    """Make the segments of other indexes (same schema, built in parallel) part of the index in
    ``folder`` without copying their postings: move their files in and write a new table of
    contents that lists them."""
    storage = FileStorage(str(folder))
    toc = TOC.read(storage, INDEX_NAME)
    segments = list(toc.segments)
    for part in parts:
        part_toc = TOC.read(FileStorage(str(part)), INDEX_NAME)
        for segment in part_toc.segments:
            prefix = f"{INDEX_NAME}_{segment.segid}"
            for path in part.iterdir():
                if path.name.startswith(prefix):
                    os.replace(path, folder / path.name)
            segments.append(segment)
    TOC(toc.schema, segments, toc.generation + 1).write(storage, INDEX_NAME)


# ---------------------------------------------------------------- querying
@dataclass(frozen=True)
class RawHit:
    """A hit as plain values: stored fields plus score."""

    fields: dict
    score: float


@dataclass(frozen=True)
class RawResults:
    hits: tuple[RawHit, ...]
    total: int
    terms: frozenset[str]  # index terms of the query that exist (prefix/fuzzy expanded)
    total_exact: bool = True


#: Sort orders: (column, reverse); None is relevance.
SORTS: dict[str, tuple[str, bool] | None] = {
    "relevance": None, "newest": ("published", True), "oldest": ("published", False),
    "event-newest": ("date", True), "event-oldest": ("date", False), "toll": ("toll", True),
    "speaker": ("speaker_key", False),
}


def _day_range(name: str, start: date | None, end: date | None) -> Q.Query:
    low = datetime(start.year, start.month, start.day) if start else None
    high = datetime(end.year, end.month, end.day, 23, 59, 59) if end else None
    return Q.DateRange(name, low, high)


def _and(parts: list[Q.Query]) -> Q.Query:
    """AND with the empty cases folded here (Whoosh turns NOT(nothing) into nothing)."""
    if any(p is Q.NullQuery for p in parts):
        return Q.NullQuery
    positive = [p for p in parts if not isinstance(p, (Q.Every, Q.Not))]
    negative = [p.query for p in parts if isinstance(p, Q.Not)]
    if any(isinstance(n, Q.Every) for n in negative):
        return Q.NullQuery
    base = positive[0] if len(positive) == 1 else Q.And(positive) if positive else Q.Every()
    if not negative:
        return base
    return Q.AndNot(base, negative[0] if len(negative) == 1 else Q.Or(negative))


class _Compiler:
    """The query tree (query.py) as Whoosh query objects, one node at a time."""

    def __init__(self, reader) -> None:
        self.reader = reader

    def __call__(self, node: T.Node) -> Q.Query:
        if isinstance(node, T.And):
            return _and([self(c) for c in node.children])
        if isinstance(node, T.Or):
            parts = [p for p in (self(c) for c in node.children) if p is not Q.NullQuery]
            if any(isinstance(p, Q.Every) for p in parts):
                return Q.Every()
            return Q.Or(parts) if len(parts) > 1 else parts[0] if parts else Q.NullQuery
        if isinstance(node, T.Not):
            inner = self(node.child)
            return Q.Every() if inner is Q.NullQuery else Q.NullQuery if isinstance(inner, Q.Every) else Q.Not(inner)
        if isinstance(node, T.Every):
            return Q.Every()
        return self.leaf(node)

    def leaf(self, node: T.Node) -> Q.Query:
        if isinstance(node, (T.Word, T.Phrase)):
            keys = [term_key(k) for k in T.index_words(node.text)]
            slop = node.slop if isinstance(node, T.Phrase) else 1
            if not keys:
                return Q.NullQuery
            return Q.Term(node.field, keys[0]) if len(keys) == 1 else Q.Phrase(node.field, keys, slop=slop)
        if isinstance(node, T.Prefix):
            return self.prefix(node)
        if isinstance(node, T.Fuzzy):
            key = fold_word(node.text)
            words = list(self.reader.terms_within(node.field, key, node.distance, prefix=1))
            return Q.Or([Q.Term(node.field, w) for w in words]) if words else Q.NullQuery
        if isinstance(node, T.Entity):
            return Q.Term(node.kind, node.ref) if node.ref else Q.NullQuery
        if isinstance(node, T.Match):
            return Q.Term(node.field, node.value)
        if isinstance(node, T.Count):
            return Q.NumericRange(node.field, node.low, node.high)
        if isinstance(node, T.DateRange):
            if node.field != "when":
                return _day_range(node.field, node.start, node.end)
            return Q.Or([Q.And([Q.Term("kind", "event"), _day_range("date", node.start, node.end)]),
                         Q.AndNot(_day_range("published", node.start, node.end), Q.Term("kind", "event"))])
        raise TypeError(f"not a query node: {node!r}")

    def prefix(self, node: T.Prefix) -> Q.Query:
        """Every index word that begins so. A typed prefix is a full prefix; only the word being
        typed (narrow) is cut: dropped when it already is a word or is one or two letters long,
        else it stands for its few most frequent completions (notes/measured.md: "Ka*" can
        stand for thousands of words)."""
        keys = [t.key for t in tokenize(node.text)]
        if not keys:
            return Q.NullQuery
        head = [Q.Term(node.field, term_key(k)) for k in keys[:-1] if k not in STOP_WORDS]
        word = keys[-1]
        if not node.narrow:
            return _and([*head, Q.Prefix(node.field, word)])
        reader = self.reader
        if len(word) <= 2 or word in STOP_WORDS or reader.doc_frequency(node.field, term_key(word)) > 0:
            return _and(head) if head else Q.NullQuery
        words = sorted(reader.expand_prefix(node.field, word),
                       key=lambda w: -reader.doc_frequency(node.field, w))[:PREFIX_EXPANSIONS]
        return _and([*head, Q.Or([Q.Term(node.field, w) for w in words])]) if words else Q.NullQuery


class Searcher:
    """A long-lived searcher over one index (opening Whoosh per keystroke is too slow)."""

    def __init__(self, folder: Path) -> None:
        self.ix = open_index(folder)
        self._searcher = self.ix.searcher()
        self._kind_cache: dict[frozenset[str], set[int]] = {}
        self._date_cache: dict[tuple, set[int]] = {}

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        self._searcher = self._searcher.refresh()
        self._kind_cache.clear()
        self._date_cache.clear()

    def compile(self, tree: T.Node) -> Q.Query:
        return _Compiler(self._searcher.reader())(tree)

    def _kind_filter(self, kinds: Iterable[str]) -> set[int] | None:
        """Document numbers of the wanted kinds, cached per searcher (None: every kind).

        A kind is a filter, not a query term: ANDing an OR of kind terms made every search walk
        the postings of every document in the index.
        """
        wanted = frozenset(kinds)
        if not wanted or wanted >= KINDS:
            return None
        if wanted not in self._kind_cache:
            docs: set[int] = set()
            for kind in wanted:
                docs.update(self._searcher.docs_for_query(Q.Term("kind", kind)))
            self._kind_cache[wanted] = docs
        return self._kind_cache[wanted]

    def _date_filter(self, name: str, start: date | None, end: date | None) -> set[int]:
        """Documents whose date falls in a range, read from the sortable column and cached.

        A Whoosh date range is a numeric range query over dozens of terms: ANDed with words it
        cost over a second at 10,000 articles; a docnum set from the column is a few ms, once.
        "when" is an event's date for events and the publication date for the rest.
        """
        if name == "when":
            events = self._kind_filter({"event"}) or set()
            return ((self._date_filter("date", start, end) & events)
                    | (self._date_filter("published", start, end) - events))
        key = (name, start, end)
        if key not in self._date_cache:
            # Raw column values are datetime_to_long numbers; a document without the date holds
            # the column's default (2**64 - 1), above any real bound.
            low = datetime_to_long(datetime(start.year, start.month, start.day)) if start else 0
            high = datetime_to_long(datetime(end.year, end.month, end.day, 23, 59, 59)) if end else _NO_DATE - 1
            reader = self._searcher.reader()
            column = reader.column_reader(name, translate=False) if reader.has_column(name) else ()
            self._date_cache[key] = {n for n, value in enumerate(column) if low <= value <= high}
        return self._date_cache[key]

    def _filter(self, kinds: Iterable[str], filters: tuple[T.Node, ...]) -> set[int] | None:
        """The documents allowed by kind and date filters (None: all; an empty set: none)."""
        sets = []
        for f in filters:
            if isinstance(f, T.DateRange):
                sets.append(self._date_filter(f.field, f.start, f.end))
            elif isinstance(f, T.Match) and f.field == "kind":
                sets.append(self._kind_filter({f.value}) or set(range(self._searcher.doc_count_all())))
        by_kind = self._kind_filter(kinds)
        if by_kind is not None:
            sets.append(by_kind)
        if not sets:
            return None
        sets.sort(key=len)
        return set.intersection(*sets) if len(sets) > 1 else sets[0]

    def run(self, tree: T.Node, kinds: Iterable[str] = (), limit: int | None = 20, offset: int = 0,
            sort: str = "relevance") -> RawResults:
        """Run a parsed query restricted to the given document kinds: hits offset..offset+limit in
        the given order (SORTS), the total, and the query's words as index terms."""
        rest, filters = T.split_filters(tree)
        kinds = list(kinds)
        if isinstance(rest, T.Every) and len(kinds) == 1:  # e.g. the whole timeline: one kind's postings
            rest, kinds = T.Match("kind", kinds[0]), []
        s = self._searcher
        try:
            query = self.compile(rest)
            only = self._filter(kinds, filters)
            if query is Q.NullQuery or (only is not None and not only):
                return RawResults((), 0, frozenset())
            wanted = None if limit is None else offset + limit
            order = SORTS[sort]
            if order:
                results = s.search(query, limit=wanted, sortedby=order[0], reverse=order[1], filter=only)
            else:
                results = s.search(query, limit=wanted, filter=only)
            hits = tuple(RawHit(dict(hit.fields()), float(hit.score or 0.0)) for hit in results)
            total, exact = self._total(query, only, hits, wanted, results)
            found = frozenset(t for f, t in query.existing_terms(s.reader(), expand=True)
                              if f in DEFAULT_FIELDS and isinstance(t, (str, bytes)))
        except Exception as err:  # a query Whoosh rejects at run time (e.g. a bad range)
            raise BadQuery(str(err)) from err
        terms = frozenset(t.decode() if isinstance(t, bytes) else t for t in found)
        return RawResults(hits[offset:], total, terms, exact)

    def _total(self, query: Q.Query, only: set[int] | None, hits: tuple, limit: int | None,
               results) -> tuple[int, bool]:
        """How many documents match: exact when cheap, else Whoosh's estimate (an upper bound).

        len() of a limited result under-counts some filtered queries, so a full count is a second
        pass over the postings; it is only worth it for modest result sets.
        """
        if limit is None or len(hits) < limit:
            return len(hits), True
        if only is None and isinstance(query, Q.Every):
            return self._searcher.doc_count(), True
        estimate = results.estimated_length()
        if estimate > EXACT_COUNT_LIMIT:
            return estimate, False
        matched = self._searcher.docs_for_query(query)
        return sum(1 for d in matched if only is None or d in only), True

    def documents(self, **terms: str) -> Iterator[dict]:
        """Every stored document whose ID fields equal the given values (e.g. article=..., kind=...)."""
        query = Q.And([Q.Term(k, v) for k, v in terms.items()])
        for hit in self._searcher.search(query, limit=None):
            yield dict(hit.fields())

    def doc_count(self) -> int:
        return self._searcher.doc_count()


@contextmanager
def searching(folder: Path) -> Iterator[Searcher]:
    searcher = Searcher(folder)
    try:
        yield searcher
    finally:
        searcher.close()
