"""The index returns exactly what the plain-Python oracle (oracle.py) says, for hundreds of
generated queries: words, phrases, prefixes, fuzzy words, field filters, date and toll ranges,
AND/OR/NOT and brackets, nested.

Runs on the seeds and on a generated corpus of 1,000 short articles (benchmarks/corpus_gen.py),
extracted and indexed once per session by two worker processes (oracle_corpus.py). Set
SAHEL_ORACLE_ARTICLES (and SAHEL_ORACLE_WORDS, the articles' length cap) for a larger run.
"""
from __future__ import annotations

import os
import random
from collections import Counter

import pytest

from benchmarks.corpus_gen import write_corpus
from sahel_tui.core.query import EVENT_KINDS, OPERATORS, QueryError, parse
from sahel_tui.core.text import tokenize
from tests.conftest import SEEDS
from tests.core.oracle import evaluate
from tests.core.oracle_corpus import Corpus

ORACLE_ARTICLES = int(os.environ.get("SAHEL_ORACLE_ARTICLES", "1000"))
# Short articles (title, lead, a paragraph or two) keep 1,000 of them quick to extract and index;
# each still carries the generator's quotes, events, names, places and dates.
ORACLE_WORDS = int(os.environ.get("SAHEL_ORACLE_WORDS", "90"))
QUERIES = 300


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory) -> Corpus:
    return Corpus(SEEDS, tmp_path_factory.mktemp("oracle-seeds") / "index")


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory) -> Corpus:
    folder = tmp_path_factory.mktemp("oracle-gen")
    write_corpus(folder / "corpus", ORACLE_ARTICLES, max_words=ORACLE_WORDS)
    return Corpus(folder / "corpus", folder / "index", workers=2)


class QueryMaker:
    """Random queries from a corpus's own words, names, sources, speakers, dates and tolls."""

    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.rng = random.Random(seed)
        docs = corpus.documents
        self.bodies = [[t.text for t in tokenize(d.body)] for d in docs[:400] if d.body]
        self.words = sorted({w for body in self.bodies for w in body if w not in OPERATORS and len(w) > 1})
        self.titles = sorted({t.text for d in docs for t in tokenize(d.title)})
        self.sources = sorted({t.text for d in docs for t in tokenize(d.source)}) or ["Reuters"]
        self.speakers = sorted({t.text for d in docs for t in tokenize(d.speaker)}) or ["minister"]
        self.actors = sorted({a for d in docs for a in d.actors}) or ["jnim"]
        self.places = sorted({p for d in docs for p in d.places}) or ["gao"]

    def word(self) -> str:
        return self.rng.choice(self.words)

    def phrase(self) -> str:
        body = self.rng.choice([b for b in self.bodies if len(b) > 3])
        start = self.rng.randrange(len(body) - 3)
        return '"' + " ".join(body[start:start + self.rng.choice((2, 2, 3))]) + '"'

    def year(self, low: int = 2010, high: int = 2026) -> int:
        return self.rng.randint(low, high)

    def atom(self) -> str:
        r = self.rng
        choices = [
            (8, self.word), (4, self.phrase),
            (2, lambda: (w := r.choice([w for w in self.words if len(w) > 4]))[:r.randint(3, len(w) - 1)] + "*"),
            (1, lambda: self.word() + "~"),
            (3, lambda: f"actor:{r.choice(self.actors)}"), (3, lambda: f"place:{r.choice(self.places)}"),
            (1, lambda: f"place:={r.choice(self.places)}"), (1, lambda: "+" + self.word()),
            (2, lambda: f"kind:{r.choice(['article', 'quote', 'event'])}"),
            (2, lambda: f"event:{r.choice(sorted(EVENT_KINDS))}"),
            (1, lambda: f"title:{r.choice(self.titles)}"), (1, lambda: f"source:{r.choice(self.sources)}"),
            (1, lambda: f"speaker:{r.choice(self.speakers)}"),
            (2, lambda: f"published:{self.year()}"),
            (1, lambda: f"published:{self.year(2010, 2017)}..{self.year(2018, 2026)}"),
            (1, lambda: f"published:>={self.year()}-{r.randint(1, 12):02d}"),
            (1, lambda: f"date:{self.year()}"), (1, lambda: f"date:<{self.year()}"),
            (1, lambda: f"since:{self.year(2010, 2017)}"), (1, lambda: f"until:{self.year(2018, 2026)}"),
            (2, lambda: f"killed{r.choice(['>=', '>', '<', '<='])}{r.choice([0, 1, 3, 10, 40])}"),
            (1, lambda: f"killed:{r.randint(0, 5)}..{r.randint(5, 60)}"),
        ]
        make = r.choices([c for _, c in choices], weights=[w for w, _ in choices])[0]
        return make()

    def expr(self, depth: int) -> str:
        r = self.rng
        if depth == 0 or r.random() < 0.3:
            return self.atom()
        left, right = self.expr(depth - 1), self.expr(depth - 1)
        shape = r.choice(["{} {}", "{} AND {}", "{} OR {}", "{} NOT {}", "-{} {}", "({}) {}", "NOT ({} OR {})",
                          "({} OR {}) " + self.atom()])
        return shape.format(left, right)

    def queries(self, n: int) -> list[str]:
        return [self.expr(self.rng.randint(1, 3)) for _ in range(n)]


def _check(corpus: Corpus, seed: int) -> int:
    """Run QUERIES generated queries that read (a rare impossible one, such as a range the
    generator reversed, is replaced) and collect every disagreement. Most answers must be
    neither empty nor everything (a third at least), or agreeing would prove little."""
    checked, telling, wrong = 0, 0, []
    maker = QueryMaker(corpus, seed)
    while checked < QUERIES:
        text = maker.queries(1)[0]
        try:
            parsed = parse(text, corpus.aliases)
        except QueryError:
            continue
        assert not parsed.fallback, f"the generator wrote an unreadable query: {text!r} ({parsed.notes})"
        results = corpus.searcher.run(parsed.tree, limit=None)
        ranked = [h.fields.id for h in results.hits]
        got = set(ranked)
        want = evaluate(parsed.tree, corpus.docs)
        telling += 0 < len(want) < len(corpus.docs)
        if got != want or results.total != len(results.hits):
            wrong.append(f"{text!r} -> {parsed.text!r}: index-only {sorted(got - want)[:3]}, "
                         f"oracle-only {sorted(want - got)[:3]}")
        # A page (early termination, scoring only the result set) is the head of the full ranking,
        # and its total is exact.
        page = corpus.searcher.run(parsed.tree, limit=5, offset=1)
        if page.total != len(want) or [h.fields.id for h in page.hits] != ranked[1:6]:
            wrong.append(f"{text!r}: page of 5 from 1 is {[h.fields.id for h in page.hits]} of {page.total}, "
                         f"the full ranking has {ranked[1:6]} of {len(want)}")
        checked += 1
    assert not wrong, f"{len(wrong)} of {checked} queries differ:\n" + "\n".join(wrong[:10])
    assert telling > checked // 3, f"only {telling} of {checked} answers are neither empty nor everything"
    return checked


def test_the_index_agrees_with_the_oracle_on_the_seeds(seed_corpus):
    assert _check(seed_corpus, seed=11) == QUERIES


def test_the_index_agrees_with_the_oracle_on_a_generated_corpus(generated_corpus):
    assert len({d.article for d in generated_corpus.docs}) == ORACLE_ARTICLES
    kinds = Counter(d.kind for d in generated_corpus.docs)
    assert kinds["quote"] > ORACLE_ARTICLES // 4 and kinds["event"] > ORACLE_ARTICLES // 4, kinds
    assert sum(d.killed is not None for d in generated_corpus.docs) > 50
    assert _check(generated_corpus, seed=12) == QUERIES


def test_the_oracle_can_tell_a_wrong_answer(seed_corpus):
    """A negation the index got wrong before (NOT of a phrase run as AND) differs from the oracle."""
    parsed = parse('Mali NOT "Wagner Group"', seed_corpus.aliases)
    with_and = parse('Mali "Wagner Group"', seed_corpus.aliases)
    assert evaluate(parsed.tree, seed_corpus.docs) != evaluate(with_and.tree, seed_corpus.docs)
