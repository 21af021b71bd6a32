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
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.lang.porter import stem
from whoosh.qparser import FuzzyTermPlugin, GtLtPlugin, PlusMinusPlugin, QueryParser
from whoosh.util.times import datetime_to_long

from .query import KINDS, DateFilter
from .text import APOSTROPHES, WORD_RE, fold_word

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
INDEX_NAME = "sahel"
#: Few stop words: "us" (United States) and "is" stay searchable words elsewhere too.
STOP_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "it", "of", "on", "or",
    "that", "the", "to", "was", "were", "with",
])
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
    """A hit as plain values: stored fields plus score and the matched body terms."""

    fields: dict
    score: float


@dataclass(frozen=True)
class RawResults:
    hits: tuple[RawHit, ...]
    total: int
    terms: frozenset[str]  # index terms of the query that exist (prefix/fuzzy expanded)
    total_exact: bool = True


def _parser(schema: Schema) -> QueryParser:
    """Bare words search ``body``: an article's text (headline included), a quote's words with
    its speaker and role, an event's sentence. (Searching title and speaker fields as well
    tripled the cost of common words.)"""
    parser = QueryParser("body", schema)
    parser.add_plugin(PlusMinusPlugin())
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(GtLtPlugin())
    return parser


class Searcher:
    """A long-lived searcher over one index (opening Whoosh per keystroke is too slow)."""

    def __init__(self, folder: Path) -> None:
        self.ix = open_index(folder)
        self._searcher = self.ix.searcher()
        self._parser = _parser(self.ix.schema)
        self._kind_cache: dict[frozenset[str], set[int]] = {}
        self._date_cache: dict[tuple, set[int]] = {}

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        self._searcher = self._searcher.refresh()
        self._kind_cache.clear()
        self._date_cache.clear()

    def parse(self, text: str) -> Q.Query:
        """Whoosh syntax to a query; raises BadQuery rather than letting Whoosh errors escape."""
        try:
            return self._parser.parse(text)
        except Exception as err:  # the parser raises assorted errors on odd input
            raise BadQuery(str(err)) from err

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

    def _narrow_expansions(self, query: Q.Query) -> Q.Query:
        """A prefix typed keystroke by keystroke ("Ka*") can stand for thousands of words, and a
        fuzzy word (word~) is expanded by scanning the whole lexicon.

        The last word of a query being typed is searched as (word OR word*). When the word is
        already a word of the index, or is one or two letters long, the prefix adds nothing a
        user wants and is dropped; otherwise it stands for its few most frequent completions.
        """
        reader = self._searcher.reader()

        def narrow(q: Q.Query) -> Q.Query:
            if isinstance(q, Q.FuzzyTerm):
                # Typos rarely hit the first letter; keeping it cuts the candidate words ~20x.
                words = list(reader.terms_within(q.fieldname, q.text, q.maxdist, prefix=max(q.prefixlength, 1)))
                return Q.Or([Q.Term(q.fieldname, w) for w in words]) if words else Q.NullQuery
            if not isinstance(q, Q.Prefix):
                return q
            word = q.text
            if len(word) <= 2 or word in STOP_WORDS or reader.doc_frequency(q.fieldname, term_key(word)) > 0:
                return Q.NullQuery
            words = sorted(reader.expand_prefix(q.fieldname, q.text),
                           key=lambda w: -reader.doc_frequency(q.fieldname, w))[:PREFIX_EXPANSIONS]
            return Q.Or([Q.Term(q.fieldname, w) for w in words]) if words else Q.NullQuery

        return query.accept(narrow).normalize()

    def _date_filter(self, f: DateFilter) -> set[int]:
        """Documents whose date falls in a range, read from the sortable column and cached.

        A Whoosh date range is a numeric range query over dozens of terms: ANDed with words it
        cost over a second at 10,000 articles; a docnum set from the column is a few ms, once.
        """
        key = (f.field, f.start, f.end)
        if key not in self._date_cache:
            # Raw column values are datetime_to_long numbers; a document without the date holds
            # the column's default (2**64 - 1), above any real bound.
            low = datetime_to_long(datetime(f.start.year, f.start.month, f.start.day)) if f.start else 0
            high = datetime_to_long(datetime(f.end.year, f.end.month, f.end.day, 23, 59, 59)) \
                if f.end else _NO_DATE - 1
            reader = self._searcher.reader()
            column = reader.column_reader(f.field, translate=False) if reader.has_column(f.field) else ()
            self._date_cache[key] = {n for n, value in enumerate(column) if low <= value <= high}
        return self._date_cache[key]

    def _filter(self, kinds: Iterable[str], dates: Iterable[DateFilter]) -> set[int] | None:
        """The documents allowed by kind and date filters (None: all)."""
        sets = [self._date_filter(f) for f in dates]
        by_kind = self._kind_filter(kinds)
        if by_kind is not None:
            sets.append(by_kind)
        if not sets:
            return None
        sets.sort(key=len)
        return set.intersection(*sets) if len(sets) > 1 else sets[0]

    def run(self, text: str, dates: Iterable[DateFilter] = (), kinds: Iterable[str] = (),
            limit: int | None = 20, sort_by_date: str | None = None, reverse: bool = False,
            terms: Iterable[tuple[str, str]] = ()) -> RawResults:
        """Run a query: free text in Whoosh syntax, ANDed with date ranges and exact field terms
        (e.g. ("actor", "jnim")), restricted to the given document kinds."""
        parts = [self._narrow_expansions(self.parse(text))] if text.strip() else []
        parts += [Q.Term(name, value) for name, value in terms]
        kinds = list(kinds)
        if not parts and len(kinds) == 1:  # e.g. the whole timeline: walk one kind's postings
            parts, kinds = [Q.Term("kind", kinds[0])], []
        query = Q.And(parts) if len(parts) > 1 else parts[0] if parts else Q.Every()
        s = self._searcher
        try:
            only = self._filter(kinds, dates)
            if sort_by_date:
                results = s.search(query, limit=limit, sortedby=sort_by_date, reverse=reverse, filter=only)
            else:
                results = s.search(query, limit=limit, filter=only)
            hits = tuple(RawHit(dict(hit.fields()), float(hit.score or 0.0)) for hit in results)
            total, exact = self._total(query, only, hits, limit, results)
            found = frozenset(t for f, t in query.existing_terms(s.reader(), expand=True)
                              if f in DEFAULT_FIELDS and isinstance(t, (str, bytes)))
        except Exception as err:  # a query Whoosh rejects at run time (e.g. a bad range)
            raise BadQuery(str(err)) from err
        return RawResults(hits, total, frozenset(t.decode() if isinstance(t, bytes) else t for t in found), exact)

    def _total(self, query: Q.Query, only: set[int] | None, hits: tuple, limit: int | None,
               results) -> tuple[int, bool]:
        """How many documents match: exact when cheap, else Whoosh's estimate (an upper bound).

        len() of a limited result under-counts some filtered queries, so a full count is a second
        pass over the postings; it is only worth it for modest result sets.
        """
        if limit is None or len(hits) < limit:
            return len(hits), True
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
