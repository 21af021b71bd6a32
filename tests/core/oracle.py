"""A reference evaluator of the query language: plain Python over article text and extracted
records, no index. The oracle test checks that the index returns exactly its result set.

It reads the same `search.Document` values the index is built from (an article's text, its
quotes and events, the actors and places the linker found), and decides each query node the
obvious way: a word is in the field's words, a phrase is a run of them, a date is in range.
"""
from __future__ import annotations

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


def matches(node: T.Node, doc: OracleDoc) -> bool:
    """Does the document satisfy the query tree?"""
    if isinstance(node, T.And):
        return all(matches(c, doc) for c in node.children)
    if isinstance(node, T.Or):
        return any(matches(c, doc) for c in node.children)
    if isinstance(node, T.Not):
        return not matches(node.child, doc)
    if isinstance(node, T.Every):
        return True
    if isinstance(node, (T.Word, T.Phrase)):
        wanted = list(terms(node.text))
        if not wanted or not doc.vocab[node.field].issuperset(wanted):
            return False
        return len(wanted) == 1 or _run(doc.words[node.field], wanted)
    if isinstance(node, T.Prefix):
        keys = [t.key for t in tokenize(node.text)]
        head = [term_key(k) for k in keys[:-1] if k not in T.STOP_WORDS]
        have = doc.vocab[node.field]
        return all(h in have for h in head) and any(w.startswith(keys[-1]) for w in have)
    if isinstance(node, T.Fuzzy):
        key = fold_word(node.text)
        return any(w[:1] == key[:1] and abs(len(w) - len(key)) <= node.distance and _distance(w, key) <= node.distance
                   for w in doc.vocab[node.field])
    if isinstance(node, T.Entity):
        return node.ref in (doc.actors if node.kind == "actor" else doc.places)
    if isinstance(node, T.Match):
        return {"kind": doc.kind, "event": doc.event, "article": doc.article}[node.field] == node.value
    if isinstance(node, T.DateRange):
        when = {"published": doc.published, "date": doc.date,
                "when": doc.date if doc.kind == "event" else doc.published}[node.field]
        return _within(when, node.start, node.end)
    if isinstance(node, T.Count):
        return _within(doc.killed, node.low, node.high)
    raise TypeError(node)


def evaluate(tree: T.Node, docs: list[OracleDoc]) -> set[str]:
    return {d.id for d in docs if matches(tree, d)}
