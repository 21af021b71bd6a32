"""A reference evaluator of the query language: plain Python over article text and extracted
records, no index. The oracle test checks that the index returns exactly its result set.

It reads the same `search.Document` values the index is built from (an article's text, its
quotes and events, the actors and places the linker found), and decides each query node the
obvious way: a word is in the field's words, a phrase is a run of them, a date is in range.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sahel_tui.core import query as T
from sahel_tui.core.search import Document, term_key
from sahel_tui.core.text import fold_word, tokenize

TEXT_FIELDS = ("body", "title", "source", "author", "speaker")


@dataclass(frozen=True)
class OracleDoc:
    id: str
    kind: str
    article: str
    words: dict[str, tuple[str, ...]]  # field -> its index terms in order (common words left out)
    vocab: dict[str, frozenset[str]]  # field -> the same terms as a set (a fast first check)
    actors: frozenset[str]
    places: frozenset[str]
    event: str
    published: date | None
    date: date | None
    killed: int | None


@lru_cache(maxsize=100_000)
def terms(text: str) -> tuple[str, ...]:
    return tuple(term_key(k) for k in T.index_words(text))


def oracle_doc(doc: Document) -> OracleDoc:
    words = {f: terms(getattr(doc, f)) for f in TEXT_FIELDS}
    return OracleDoc(doc.id, doc.kind, doc.article, words, {f: frozenset(w) for f, w in words.items()},
                     frozenset(doc.actors), frozenset(doc.places), doc.event, doc.published, doc.date,
                     doc.killed)


def _run(seq: tuple[str, ...], part: list[str]) -> bool:
    n = len(part)
    return any(list(seq[i:i + n]) == part for i in range(len(seq) - n + 1))


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _within(value: object, low: object, high: object) -> bool:
    return value is not None and (low is None or low <= value) and (high is None or value <= high)  # type: ignore[operator]


Test = Callable[[OracleDoc], bool]


def _words_test(node: T.Word | T.Phrase) -> Test:
    wanted = list(terms(node.text))
    field = node.field
    if not wanted:
        return lambda doc: False
    if len(wanted) == 1:
        return lambda doc: wanted[0] in doc.vocab[field]
    return lambda doc: doc.vocab[field].issuperset(wanted) and _run(doc.words[field], wanted)


def _prefix_test(node: T.Prefix) -> Test:
    keys = [t.key for t in tokenize(node.text)]
    head = [term_key(k) for k in keys[:-1] if k not in T.STOP_WORDS]
    last, field = keys[-1], node.field
    return lambda doc: (all(h in doc.vocab[field] for h in head)
                        and any(w.startswith(last) for w in doc.vocab[field]))


def _fuzzy_test(node: T.Fuzzy) -> Test:
    key, most, field = fold_word(node.text), node.distance, node.field
    return lambda doc: any(w[:1] == key[:1] and abs(len(w) - len(key)) <= most and _distance(w, key) <= most
                           for w in doc.vocab[field])


def _date_test(node: T.DateRange) -> Test:
    field, start, end = node.field, node.start, node.end

    def when(doc: OracleDoc) -> date | None:
        return {"published": doc.published, "date": doc.date,
                "when": doc.date if doc.kind == "event" else doc.published}[field]
    return lambda doc: _within(when(doc), start, end)


def _all_of(parts: list[Test], every: bool) -> Test:
    """AND (``every``) or OR of the parts, stopping at the first that decides."""
    def test(doc: OracleDoc) -> bool:
        for part in parts:
            if part(doc) is not every:
                return not every
        return every
    return test


def compile_test(node: T.Node) -> Test:
    """The query tree as a test of one document, decided the obvious way. (Each node's words are
    worked out once here, not once per document: that is all the compiling does.)"""
    if isinstance(node, (T.And, T.Or)):
        return _all_of([compile_test(c) for c in node.children], isinstance(node, T.And))
    if isinstance(node, T.Not):
        inner = compile_test(node.child)
        return lambda doc: not inner(doc)
    if isinstance(node, T.Every):
        return lambda doc: True
    if isinstance(node, (T.Word, T.Phrase)):
        return _words_test(node)
    if isinstance(node, T.Prefix):
        return _prefix_test(node)
    if isinstance(node, T.Fuzzy):
        return _fuzzy_test(node)
    if isinstance(node, T.Entity):
        ref, actor = node.ref, node.kind == "actor"
        return lambda doc: ref in (doc.actors if actor else doc.places)
    if isinstance(node, T.Match):
        field, value = node.field, node.value
        return lambda doc: {"kind": doc.kind, "event": doc.event, "article": doc.article}[field] == value
    if isinstance(node, T.DateRange):
        return _date_test(node)
    if isinstance(node, T.Count):
        low, high = node.low, node.high
        return lambda doc: _within(doc.killed, low, high)
    raise TypeError(node)


def matches(node: T.Node, doc: OracleDoc) -> bool:
    """Does the document satisfy the query tree?"""
    return compile_test(node)(doc)


def evaluate(tree: T.Node, docs: list[OracleDoc]) -> set[str]:
    test = compile_test(tree)
    return {d.id for d in docs if test(d)}
