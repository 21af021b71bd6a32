"""The only module that imports Whoosh: schema, analysis, writing documents, running queries.

One index holds three kinds of document — ``article``, ``quote`` and ``event`` — so every pane
is a query. Whoosh stores nothing but each document's id: what a hit shows, the quote, event and
mention payloads and the articles' text live in the generation's record store (record_store.py),
looked up by id. A Whoosh ``Hit`` never leaves this module.
"""
from __future__ import annotations

import bisect
import heapq
import logging
import os
import struct
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.analysis import Filter, RegexTokenizer, StemFilter, StopFilter
from whoosh.codec.whoosh3 import W3LeafMatcher, W3PerDocReader
from whoosh.columns import MultiColumnReader, NumericColumn
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.lang.porter import stem
from whoosh.matching import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.support.levenshtein import distance as levenshtein_distance
from whoosh.util.times import datetime_to_long

from . import query as T
from .query import KINDS, STOP_WORDS
from .querytree import QueryError
from .record_store import RecordReader, RecordsUnreadable, RecordWriter
from .record_store import StoredFields as StoredFields  # re-exported: hits carry it
from .record_store import adopt as adopt_records
from .text import APOSTROPHES, WORD_RE, fold, fold_word, tokenize

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6  # 6: records (payloads, hit fields, article text) in record_store, not Whoosh
INDEX_NAME = "sahel"
DEFAULT_FIELDS = ("body", "title")  # fields whose matched words are highlighted in snippets
DATE_FIELDS = ("published", "date")
PREFIX_EXPANSIONS = 6  # words a typed prefix stands for (the most frequent ones)
_SKIP_RATIO = 8  # AND: a word's postings are skipped through when it has this many times more than the candidates
_NO_DATE = 2**64 - 1  # what a sortable date column holds for a document without that date
_NO_VALUE = frozenset((None, b"", "", _NO_DATE))  # column values that mean "none": sorted last
_DATE_SETS_KEPT = 8  # date ranges whose documents stay cached (a set each: 16 MB at 50,000 articles)
_SORT_RATIO = 16  # a sort walks the column's order when it wants at least 1/16 of the documents


class IndexProblem(Exception):
    """Base for index problems the user must hear about."""


class IndexMissing(IndexProblem):
    """There is no index at that location yet."""


class IndexCorrupt(IndexProblem):
    """The index exists but cannot be read."""


class IndexOutdated(IndexCorrupt):
    """The index was written by another version of the program: rebuilt, never misread."""


class UnrunnableQuery(QueryError):
    """A query Whoosh cannot run, even after the fallback: a usage error like any other QueryError."""


# ---------------------------------------------------------------- a Whoosh fix
def _cached_length_reader(self: Any, fieldname: str, column: Any) -> Any:
    """W3PerDocReader._cached_reader, remembering a missing length column too.

    Whoosh caches only the columns it finds: for a field without lengths (the id, kind and
    article fields) every posting written asked the file system again whether the column exists,
    ~20 stat calls per document, ~5% of writing. A segment's columns never change once written.
    """
    readers = self._readers
    if fieldname not in readers:
        readers[fieldname] = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    return readers[fieldname]


W3PerDocReader._cached_reader = _cached_length_reader


# ---------------------------------------------------------------- analysis
class FoldFilter(Filter):  # type: ignore[misc]  # Whoosh is untyped
    """Accent-, apostrophe- and case-folding, and possessive ’s removal (Goïta’s -> goita)."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            text = token.text
            if len(text) > 2 and text[-1] in "sS" and text[-2] in APOSTROPHES:
                text = text[:-2]
            token.text = fold_word(text)
            yield token


_stem = lru_cache(maxsize=200_000)(stem)


class TermFilter(Filter):  # type: ignore[misc]  # Whoosh is untyped
    """Fold, drop stop words, stem, in one pass: the same terms and positions as FoldFilter |
    StopFilter(minsize=1) | StemFilter (kept above for indexes that name them), with a C-level
    stem cache instead of Whoosh's Python one. Writing the index spends most of its time here.

    Positions are renumbered over the words kept, as StopFilter does: a phrase skips stop words.
    """

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        pos: int | None = None
        for token in tokens:
            text = token.text
            if len(text) > 2 and text[-1] in "sS" and text[-2] in APOSTROPHES:
                text = text[:-2]
            text = fold_word(text)
            if text and text not in STOP_WORDS:
                if token.positions:
                    if pos is None:
                        pos = token.pos
                    else:
                        pos += 1
                        token.pos = pos
                token.text = _stem(text)
                token.stopped = False
                yield token
            elif not token.removestops:
                token.text = text
                token.stopped = True
                yield token


def analyzer() -> Any:
    """Words (apostrophes kept inside), folded, few stop words, Porter-stemmed with a cache."""
    return RegexTokenizer(WORD_RE.pattern) | TermFilter()


def _old_analyzer() -> Any:
    """The analyzer of index format 5, for the test that TermFilter gives the same terms."""
    return (RegexTokenizer(WORD_RE.pattern) | FoldFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter(stemfn=stem, cachesize=100_000))


@lru_cache(maxsize=200_000)
def term_key(word: str) -> str:
    """The index term a single word becomes (for highlighting without Whoosh's highlighter)."""
    return str(stem(fold_word(word)))


def build_schema() -> Schema:
    """Only ``id`` is stored (the record store holds the rest). Every text field keeps positions:
    the query language allows a phrase in any of them (title:"...", speaker:"...")."""
    ana = analyzer()
    return Schema(
        id=ID(unique=True, stored=True), kind=ID, article=ID,
        title=TEXT(analyzer=ana, field_boost=3.0), body=TEXT(analyzer=ana, phrase=True),
        source=TEXT(analyzer=ana), author=TEXT(analyzer=ana), speaker=TEXT(analyzer=ana),
        actor=KEYWORD(lowercase=True, scorable=True), place=KEYWORD(lowercase=True, scorable=True),
        event=ID, published=DATETIME(sortable=True), date=DATETIME(sortable=True),
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
    payload: dict[str, Any] = field(default_factory=dict)
    killed: int | None = None  # an event's reported death toll (filter killed>=N, sort by toll)

    def fields(self) -> dict[str, Any]:
        """The values Whoosh indexes (the record store keeps the payload and path)."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "article": self.article}
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


def create(folder: Path) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)


def open_index(folder: Path) -> Any:
    """Open an index folder; IndexMissing when there is none, IndexCorrupt when it is damaged."""
    if not any(folder.glob(f"_{INDEX_NAME}_*.toc")):
        raise IndexMissing(f"no index in {folder}")
    try:
        return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    except Exception as err:  # Whoosh raises many kinds (its IndexError, pickle, struct, OSError)
        raise IndexCorrupt(f"index in {folder} cannot be opened: {err}") from err


def write(ix: Any, add: Iterable[Document], delete_articles: Iterable[str] = (), optimize: bool = False) -> int:
    """Delete every document of the given articles, add the new documents, commit once (Whoosh
    and the record store beside it; the record store commits first, so a document Whoosh finds
    always has its record).

    ``optimize`` merges everything into one segment (after a full build); small updates leave
    merging to Whoosh's policy, so adding ten articles does not rewrite the whole index.
    """
    count = 0
    fresh = ix.is_empty()
    # Separate (non-compound) segment files are memory-mapped when read; a compound file's
    # postings were copied into memory, ~230 MB at 10,000 articles.
    writer = ix.writer(limitmb=256, compound=False)
    records = RecordWriter(Path(ix.storage.folder))
    try:
        deleted = list(delete_articles)
        records.delete_articles(deleted)
        for article_id in deleted:
            writer.delete_by_term("article", article_id)
        for doc in add:
            # A fresh index has nothing to replace: add_document skips update's per-document delete.
            (writer.add_document if fresh else writer.update_document)(**doc.fields())
            records.add(doc)
            count += 1
        records.commit()
    except BaseException:
        writer.cancel()
        records.cancel()
        raise
    # One segment after a build keeps fuzzy queries fast (notes/measured.md); an update adds a
    # small segment and leaves merging to Whoosh's policy instead of rewriting the whole index.
    writer.commit(optimize=optimize)
    return count


def adopt_segments(folder: Path, parts: Iterable[Path]) -> None:
    """Make the segments of other indexes (same schema, built in parallel) part of the index in
    ``folder`` without copying their postings: move their files in and write a new table of
    contents that lists them. Their records are copied into the folder's record store."""
    parts = list(parts)
    adopt_records(folder, parts)
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

    fields: StoredFields
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


class _Leaves:
    """The leaves of the query tree (words, phrases, prefixes, names ...) as Whoosh queries.

    Whoosh only ever runs leaves: the AND/OR/NOT structure is evaluated on document-number sets
    (Searcher._docs), because Whoosh's own boolean matchers return wrong documents for some
    nestings of NOT (found by the oracle test) and turn NOT(nothing) into nothing.
    """

    def __init__(self, reader: Any, lexicon: dict[tuple[str, str], list[str]] | None = None) -> None:
        self.reader = reader
        self.lexicon = {} if lexicon is None else lexicon  # (field, first letter) -> its words, per searcher
        self._made: dict[T.Node, Q.Query] = {}  # a leaf is compiled once per run (sets, then scoring)

    def __call__(self, node: T.Node) -> Q.Query:
        if node not in self._made:
            self._made[node] = self._make(node)
        return self._made[node]

    def fuzzy(self, field_name: str, key: str, most: int) -> list[str]:
        """reader.terms_within(field, key, most, prefix=1), in the same (lexicon) order, from the
        field's words with the key's first letter (read once per searcher) whose length is within
        ``most`` of the key's (no more edits could make up the difference)."""
        first = (field_name, key[:1])
        if first not in self.lexicon:
            decode = self.reader.schema[field_name].from_bytes
            self.lexicon[first] = [decode(b) for b in self.reader.expand_prefix(field_name, key[:1])]
        return [w for w in self.lexicon[first]
                if abs(len(w) - len(key)) <= most and levenshtein_distance(w, key, limit=most) <= most]

    def _make(self, node: T.Node) -> Q.Query:
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
            words = self.fuzzy(node.field, key, node.distance)
            return Q.Or([Q.Term(node.field, w) for w in words]) if words else Q.NullQuery
        if isinstance(node, T.Entity):
            return Q.Term(node.kind, node.ref) if node.ref else Q.NullQuery
        if isinstance(node, T.Match):
            return Q.Term(node.field, node.value)
        if isinstance(node, T.Count):
            return Q.NumericRange(node.field, node.low, node.high)
        if isinstance(node, T.DateRange):
            return _day_range(node.field, node.start, node.end)
        raise TypeError(f"not a query leaf: {node!r}")

    def prefix(self, node: T.Prefix) -> Q.Query:
        """Every index word that begins so. A typed prefix is a full prefix; only the word being
        typed (narrow) is cut: dropped when it already is a word or is one or two letters long,
        else it stands for its few most frequent completions (notes/measured.md: "Ka*" can
        stand for thousands of words)."""
        keys = [t.key for t in tokenize(node.text)]
        if not keys:
            return Q.NullQuery
        head: list[Q.Query] = [Q.Term(node.field, term_key(k)) for k in keys[:-1] if k not in STOP_WORDS]
        word = keys[-1]
        if not node.narrow:
            return Q.And([*head, Q.Prefix(node.field, word)]) if head else Q.Prefix(node.field, word)
        reader = self.reader
        if len(word) <= 2 or word in STOP_WORDS or reader.doc_frequency(node.field, term_key(word)) > 0:
            return Q.NullQuery
        words = sorted(reader.expand_prefix(node.field, word),
                       key=lambda w: -reader.doc_frequency(node.field, w))[:PREFIX_EXPANSIONS]
        if not words:
            return Q.NullQuery
        return Q.And([*head, Q.Or([Q.Term(node.field, w) for w in words])]) if head else \
            Q.Or([Q.Term(node.field, w) for w in words])


def _scored_leaves(node: T.Node) -> Iterator[T.Node]:
    """The leaves that make a document relevant: not under a NOT, not a date or kind filter."""
    if isinstance(node, (T.And, T.Or)):
        for child in node.children:
            yield from _scored_leaves(child)
    elif isinstance(node, (T.Word, T.Phrase, T.Prefix, T.Fuzzy, T.Entity)):
        yield node


def _pure(node: T.Node) -> bool:
    """Does the tree match exactly what its scoring query matches (words, phrases, names, ORs)?"""
    if isinstance(node, T.Or):
        return all(_pure(c) for c in node.children)
    return isinstance(node, (T.Word, T.Phrase, T.Prefix, T.Fuzzy, T.Entity))


def term_docs(searcher: Any, fieldname: str, text: str) -> list[int]:
    """The (live) document numbers of one term, read a block of postings at a time.

    Whoosh's ``docs_for_query`` steps through a term's postings one Python call at a time: the
    kind filter (110,000 documents at 10,000 articles) or a common word cost 0.1-1 s on first
    use. A segment's postings are stored in blocks of up to 128 ids; this takes each block's ids
    at once, and leaves out the segment's deleted documents as Whoosh's own filter would.
    """
    out: list[int] = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        try:
            matcher = reader.postings(fieldname, text)
        except TermNotFound:
            continue
        deleted: frozenset[int] | set[int] = frozenset()
        if isinstance(matcher, FilterMatcher) and matcher._exclude:
            deleted, matcher = matcher._ids, matcher.child
        if type(matcher) is not W3LeafMatcher:  # another codec: Whoosh's own path
            out.extend(n + offset for n in matcher.all_ids() if n not in deleted)
            continue
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            block = matcher._ids[matcher._i:]
            if deleted:
                out.extend(n + offset for n in block if n not in deleted)
            else:
                out.extend([n + offset for n in block] if offset else block)
            matcher._next_block()
    return out


def column_values(column: Any) -> list[Any]:
    """Every value of a Whoosh column reader, by document number, as ``list(column)`` gives them.

    Whoosh reads a numeric column one document at a time (a file read and an unpack each: a
    second for the 220,000 values of two columns at 10,000 articles); a segment's numeric column
    is one run of fixed-size big-endian numbers, so it is read and unpacked at once. Other
    column kinds, and any reader this does not recognise, take Whoosh's own path.
    """
    if isinstance(column, MultiColumnReader):  # one reader per segment, in document order
        return [value for part in column._readers for value in column_values(part)]
    if type(column) is NumericColumn.Reader and not column._reverse:
        stored, count = min(column._count, column._doccount), column._doccount
        raw = column._dbfile.get(column._basepos, stored * column._fixedlen) if stored else b""
        values: list[Any] = list(struct.unpack(f"!{stored}{column._typecode}", raw))
        return values + [column._default] * (count - stored)
    return list(column)


class Searcher:
    """A long-lived searcher over one index (opening Whoosh per keystroke is too slow)."""

    def __init__(self, folder: Path) -> None:
        self.ix = open_index(folder)
        try:
            self.records = RecordReader(folder)
        except RecordsUnreadable as err:
            self.ix.close()
            raise IndexOutdated(f"the index in {folder} was written by another version of sahel-tui ({err}); "
                                "it is rebuilt by `sahel-tui index` or when the app starts") from err
        self._searcher = self.ix.searcher()
        self._clear()

    def _clear(self) -> None:
        self._kind_cache: dict[frozenset[str], frozenset[int]] = {}
        self._date_cache: dict[tuple[str, date | None, date | None], frozenset[int]] = {}
        self._columns: dict[str, list[Any]] = {}
        self._ordered: dict[str, list[int]] = {}  # column -> live valued documents by (value, number)
        self._dates: dict[str, list[int]] = {}  # date column -> the values of _ordered[column], in order
        self._lexicon: dict[tuple[str, str], list[str]] = {}
        self._all: frozenset[int] | None = None

    def close(self) -> None:
        self._searcher.close()
        self.records.close()

    def refresh(self) -> None:
        self._searcher = self._searcher.refresh()
        self._clear()

    def _per_segment(self, docs: Iterable[int]) -> Iterator[tuple[Any, int, list[int]]]:
        """(segment searcher, its first document number, the given documents in it, in order):
        matchers work per segment, so sets of global document numbers are split before use."""
        ordered = sorted(docs)
        i = 0
        for sub, offset in self._searcher.leaf_searchers():
            end = bisect.bisect_left(ordered, offset + sub.reader().doc_count_all(), i)
            local, i = ordered[i:end], end
            if local:
                yield sub, offset, local

    def _every(self) -> frozenset[int]:
        """Every live document number. Segment by segment, minus each one's deleted documents:
        Whoosh's all_doc_ids() asks is_deleted() of each of ~110,000 documents at 10,000
        articles (0.2-0.35 s), and an index that has seen an update always has deletions."""
        if self._all is None:
            live: list[int] = []
            for leaf, offset in self._searcher.reader().leaf_readers():
                count = leaf.doc_count_all()
                if leaf.has_deletions():
                    deleted = leaf.deleted_docs_set
                    live.extend(n + offset for n in range(count) if n not in deleted)
                else:
                    live.extend(range(offset, offset + count))
            self._all = frozenset(live)
        return self._all

    def _kind_filter(self, kinds: Iterable[str]) -> frozenset[int] | None:
        """Document numbers of the wanted kinds, cached per searcher (None: every kind)."""
        wanted = frozenset(kinds)
        if not wanted or wanted >= KINDS:
            return None
        if wanted not in self._kind_cache:
            docs: set[int] = set()
            for kind in wanted:
                docs.update(term_docs(self._searcher, "kind", kind))
            self._kind_cache[wanted] = frozenset(docs)
        return self._kind_cache[wanted]

    def _column(self, name: str) -> list[Any]:
        """A sortable column's raw values by document number, read once per searcher."""
        if name not in self._columns:
            reader = self._searcher.reader()
            column = reader.schema[name].column_type
            values: list[Any] = []
            for leaf, _offset in reader.leaf_readers():  # segments in document order
                if leaf.has_column(name):
                    values.extend(column_values(leaf.column_reader(name, translate=False)))
                else:  # a segment where no document has this value (an update of articles alone):
                    # Whoosh's MultiColumnReader would skip it and shift every later document's value
                    values.extend([column.default_value()] * leaf.doc_count_all())
            self._columns[name] = values
        return self._columns[name]

    def _date_filter(self, name: str, start: date | None, end: date | None) -> frozenset[int]:
        """Documents whose date falls in a range, read from the sortable column and cached.

        A Whoosh date range is a numeric range query over dozens of terms: ANDed with words it
        cost over a second at 10,000 articles; a docnum set from the column is a few ms, once.
        "when" is an event's date for events and the publication date for the rest.
        """
        if name == "when":
            events = self._kind_filter({"event"}) or frozenset()
            return ((self._date_filter("date", start, end) & events)
                    | (self._date_filter("published", start, end) - events))
        key = (name, start, end)
        if key in self._date_cache:
            self._date_cache[key] = self._date_cache.pop(key)  # the most recently used last
        else:
            while len(self._date_cache) >= _DATE_SETS_KEPT:  # each can hold most of the index
                del self._date_cache[next(iter(self._date_cache))]
            # Raw column values are datetime_to_long numbers; a document without the date holds
            # the column's default (2**64 - 1), above any real bound.
            low = datetime_to_long(datetime(start.year, start.month, start.day)) if start else 0
            high = datetime_to_long(datetime(end.year, end.month, end.day, 23, 59, 59)) if end else _NO_DATE - 1
            values, docs = self._date_order(name)
            self._date_cache[key] = frozenset(docs[bisect.bisect_left(values, low):bisect.bisect_right(values, high)])
        return self._date_cache[key]

    def _date_order(self, name: str) -> tuple[list[int], list[int]]:
        """The live documents with a date in this column, by date: (dates, document numbers)."""
        dated = self._order(name)
        if name not in self._dates:
            column = self._column(name)
            self._dates[name] = [column[n] for n in dated]
        return self._dates[name], dated

    def _order(self, name: str) -> list[int]:
        """The live documents with a value in this sortable column, by (value, document number).

        Built once per searcher: a date range is then two bisections, and a pane sorted by date
        or toll walks it to its first page instead of sorting tens of thousands of documents per
        call. Deleted documents (an update replaces an article's documents) still have column
        values: they are left out here, as every other filter leaves them out.
        """
        if name not in self._ordered:
            column = self._column(name)
            valued = [n for n in sorted(self._every()) if column[n] not in _NO_VALUE]
            valued.sort(key=column.__getitem__)  # stable: equal values stay in document order
            self._ordered[name] = valued
        return self._ordered[name]

    def _docs(self, node: T.Node, leaves: _Leaves) -> frozenset[int]:
        """The documents that satisfy a query tree, as a set: AND intersects, OR unites, NOT
        takes the rest of the index."""
        if isinstance(node, T.And):
            positive = [c for c in node.children if not isinstance(c, T.Not)]
            found: frozenset[int] | None = self._every() if not positive else None
            for child, query, size in self._cheapest_first(positive, leaves):
                if found is not None and query is not None and len(found) * _SKIP_RATIO < size:
                    found = self._within(query, found)  # a few candidates: look them up, no set of the word's
                else:
                    docs = self._docs(child, leaves)
                    found = docs if found is None else found & docs
                if not found:
                    return frozenset()
            assert found is not None
            for negated in node.children:
                if isinstance(negated, T.Not):
                    found = found - self._docs(negated.child, leaves)
            return found
        if isinstance(node, T.Or):
            return frozenset().union(*(self._docs(c, leaves) for c in node.children))
        if isinstance(node, T.Not):
            return self._every() - self._docs(node.child, leaves)
        if isinstance(node, T.Every):
            return self._every()
        if isinstance(node, T.DateRange):
            return self._date_filter(node.field, node.start, node.end)
        if isinstance(node, T.Match) and node.field == "kind":
            return self._kind_filter({node.value}) or self._every()
        query = leaves(node)
        return frozenset() if query is Q.NullQuery else self._leaf_docs(query)

    def _leaf_docs(self, query: Q.Query) -> frozenset[int]:
        """A leaf's documents. An OR of terms (a fuzzy word, a prefix) is the union of each term's
        documents: a term's postings are read block by block, while Whoosh's union matcher steps
        through every document in Python."""
        s = self._searcher
        if isinstance(query, Q.Prefix):
            words = list(s.reader().expand_prefix(query.fieldname, query.text))
            query = Q.Or([Q.Term(query.fieldname, w) for w in words]) if words else Q.NullQuery
        if isinstance(query, Q.Term):
            return frozenset(term_docs(s, query.fieldname, query.text))
        if isinstance(query, Q.Or) and all(isinstance(q, Q.Term) for q in query.subqueries):
            return frozenset().union(*(term_docs(s, q.fieldname, q.text) for q in query.subqueries))
        return frozenset() if query is Q.NullQuery else frozenset(s.docs_for_query(query))

    def _cheapest_first(self, nodes: Sequence[T.Node], leaves: _Leaves) -> list[tuple[T.Node, Q.Query | None, int]]:
        """An AND's positive children in the order to evaluate them: cached filters, then words and
        names from the fewest postings up, then groups. Each comes with its leaf query and that
        query's estimated postings (None and 0 for filters and groups)."""
        reader = self._searcher.reader()
        ordered: list[tuple[int, int, T.Node, Q.Query | None, int]] = []
        for i, node in enumerate(nodes):
            if T.is_filter(node) or isinstance(node, (T.And, T.Or, T.Not, T.Every)):
                ordered.append((0 if T.is_filter(node) else 2, i, node, None, 0))
                continue
            query = leaves(node)
            size = 0 if query is Q.NullQuery else int(query.estimate_size(reader))
            ordered.append((1, size, node, None if query is Q.NullQuery else query, size))
        ordered.sort(key=lambda item: item[:2])
        return [(node, query, size) for _, _, node, query, size in ordered]

    def _within(self, query: Q.Query, candidates: frozenset[int]) -> frozenset[int]:
        """The candidates the query matches, found by skipping its matcher to each of them
        (block by block) instead of reading all its postings into a set."""
        context = self._searcher.boolean_context()
        kept: list[int] = []
        for sub, offset, local in self._per_segment(candidates):
            m = query.matcher(sub, context)
            for n in local:
                if not m.is_active():
                    break
                if m.id() < n - offset:
                    m.skip_to(n - offset)
                if m.is_active() and m.id() == n - offset:
                    kept.append(n)
        return frozenset(kept)

    def run(self, tree: T.Node, kinds: Iterable[str] = (), limit: int | None = 20, offset: int = 0,
            sort: str = "relevance") -> RawResults:
        """Run a parsed query restricted to the given document kinds: hits offset..offset+limit in
        the given order (SORTS), the exact total, and the query's words as index terms."""
        s = self._searcher
        leaves = _Leaves(s.reader(), self._lexicon)
        try:
            by_kind = self._kind_filter(kinds)
            scoring = [q for q in (leaves(n) for n in _scored_leaves(tree)) if q is not Q.NullQuery]
            query = Q.Or(scoring) if len(scoring) > 1 else scoring[0] if scoring else Q.NullQuery
            wanted = None if limit is None else offset + limit
            order = SORTS[sort]
            single = self._single_term(query, tree, by_kind, order, wanted)
            page: list[tuple[int, float]] = []
            if single is not None:  # one word or name, by relevance: counted, only the page scored
                total = single
                page = self._ranked(query, frozenset(), wanted, exact=True)[offset:] if total else []
            elif (by_kind is None and order is None and wanted is not None and _pure(tree)
                  and any(isinstance(q, Q.Phrase) for q in scoring)):
                # A phrase's matches are found by reading positions, with no block skipping: one
                # scored pass gives both the exact set and the ranking (not a count, then a search).
                scored = self._score_all(query)
                total = len(scored)
                page = heapq.nsmallest(wanted, scored, key=lambda pair: (-pair[1], pair[0]))[offset:]
            else:
                found = self._docs(tree, leaves)
                found = found & by_kind if by_kind is not None else found
                total = len(found)
                if found and order:
                    page = [(n, 0.0) for n in self._sorted(found, *order, wanted)[offset:wanted]]
                elif found:
                    page = self._ranked(query, found, wanted, exact=by_kind is None and _pure(tree))[offset:]
            terms = frozenset(t for f, t in query.existing_terms(s.reader(), expand=True)
                              if f in DEFAULT_FIELDS and isinstance(t, (str, bytes))) if scoring else frozenset()
        except Exception as err:  # a query Whoosh rejects at run time
            raise UnrunnableQuery(str(err)) from err
        hits = self._hits(page)
        return RawResults(hits, total, frozenset(t.decode() if isinstance(t, bytes) else t for t in terms))

    def _single_term(self, query: Q.Query, tree: T.Node, by_kind: frozenset[int] | None,
                     order: tuple[str, bool] | None, wanted: int | None) -> int | None:
        """The exact total of a query that is one term over every kind, ranked, with no deleted
        documents in the index: the term's document frequency, so no set of its (perhaps tens of
        thousands of) documents is built. None when the query is anything else."""
        reader = self._searcher.reader()
        if (by_kind is not None or order is not None or wanted is None or not isinstance(query, Q.Term)
                or not isinstance(tree, (T.Word, T.Entity)) or reader.has_deletions()):
            return None
        return int(reader.doc_frequency(query.fieldname, query.text))

    def _ranked(self, query: Q.Query, found: frozenset[int], wanted: int | None,
                exact: bool = False) -> list[tuple[int, float]]:
        """Documents by relevance to the query's (positive) words and names; those matching none of
        them (a pure filter, a NOT) follow in index order. Ties go to the lower document number.

        ``exact``: ``found`` is exactly the set of documents the scoring query matches (a word, a
        phrase, names, ORs of them, every kind). Then only the top page is scored, with Whoosh's
        block-maximum skipping: blocks of postings whose best possible score cannot enter the
        page are passed over (the total is ``len(found)``, already exact).
        """
        ranked: list[tuple[int, float]] = []
        if query is not Q.NullQuery and exact and wanted is not None:
            results = self._searcher.search(query, limit=wanted)
            ranked = [(hit.docnum, float(hit.score or 0.0)) for hit in results]
        elif query is not Q.NullQuery:
            scored = self._score(query, found)
            key = lambda pair: (-pair[1], pair[0])  # noqa: E731
            ranked = sorted(scored, key=key) if wanted is None else heapq.nsmallest(wanted, scored, key=key)
        if wanted is None or len(ranked) < wanted:
            seen = {n for n, _ in ranked}
            rest = sorted(found - seen)
            ranked += [(n, 0.0) for n in (rest if wanted is None else rest[:wanted - len(ranked)])]
        return ranked

    def _score_all(self, query: Q.Query) -> list[tuple[int, float]]:
        """Every document the query matches, with its score, in one pass over its matchers."""
        s = self._searcher
        context = s.context()
        scored: list[tuple[int, float]] = []
        for sub, offset in s.leaf_searchers():
            m = query.matcher(sub, context)
            while m.is_active():
                scored.append((m.id() + offset, m.score()))
                m.next()
        return scored

    def _score(self, query: Q.Query, found: frozenset[int]) -> list[tuple[int, float]]:
        """The score of each document of ``found`` that the query matches, segment by segment.

        Few documents (an AND, a filter): the query's matcher skips to each of them, passing
        over whole blocks of postings. Many: its postings are walked and kept when in ``found``.
        Either way no document outside ``found`` is scored, and scores are Whoosh's own.
        """
        s = self._searcher
        walk = len(found) * 4 > query.estimate_size(s.reader())
        context = s.context()
        scored: list[tuple[int, float]] = []
        for sub, offset, local in self._per_segment(found):
            m = query.matcher(sub, context)
            if walk:
                while m.is_active():
                    if m.id() + offset in found:
                        scored.append((m.id() + offset, m.score()))
                    m.next()
                continue
            for n in local:
                if not m.is_active():
                    break
                if m.id() < n - offset:
                    m.skip_to(n - offset)
                if m.is_active() and m.id() == n - offset:
                    scored.append((n, m.score()))
        return scored

    def _sorted(self, found: frozenset[int], column: str, reverse: bool, wanted: int | None = None) -> list[int]:
        """Documents by a sortable column (ties by document number), those without a value last
        either way; at least the first ``wanted`` of them (all when None).

        A few documents are sorted; many (a whole pane: every quote, every event) are picked
        from the column's order until the page is full."""
        values = self._column(column)
        if len(found) * _SORT_RATIO < len(values):
            present = [n for n in found if values[n] not in _NO_VALUE]
            present.sort(key=lambda n: (values[n], n), reverse=reverse)
        else:
            order = self._order(column)
            present = []
            for n in (reversed(order) if reverse else order):
                if n in found:
                    present.append(n)
                    if wanted is not None and len(present) >= wanted:
                        return present
        return present + sorted(n for n in found if values[n] in _NO_VALUE)

    def _hits(self, page: list[tuple[int, float]]) -> tuple[RawHit, ...]:
        """Hits with their records, looked up by id in one batch."""
        ids = [self._searcher.stored_fields(n)["id"] for n, _ in page]
        records = self.records.fields(ids)
        missing = [i for i in ids if i not in records]
        if missing:
            raise IndexCorrupt(f"the index's record store lacks {len(missing)} documents (first {missing[0]})")
        return tuple(RawHit(records[i], score) for i, (_, score) in zip(ids, page, strict=True))

    def documents(self, **terms: str) -> Iterator[StoredFields]:
        """Every stored document whose id, kind and/or article equal the given values."""
        yield from self.records.where(**terms)

    def article_text(self, article_id: str) -> str | None:
        """An article's clean text as indexed (snippets are cut from it), or None."""
        return self.records.text(article_id)

    def doc_count(self) -> int:
        return int(self._searcher.doc_count())


@contextmanager
def searching(folder: Path) -> Iterator[Searcher]:
    searcher = Searcher(folder)
    try:
        yield searcher
    finally:
        searcher.close()
