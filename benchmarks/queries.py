"""The fixed, seeded query mix: every kind of query the UI issues, with its grep-like equivalent.

Each query carries both what the app calls (``Library.search`` / ``timeline`` / ``quotes``) and
a `ScanSpec` saying how a plain scan of the files would answer it, so the index and the scan
are timed on the same questions. Phrases and words are drawn from generated articles, so they
hit; rare words come from the lexicon's tail, so some hit only a few articles (or none).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date

from sahel_tui.core.knowledge import KnowledgeBase

from .cast import PROMINENT_ACTORS, PROMINENT_PLACES
from .corpus_gen import FIRST_YEAR, LAST_YEAR, Generator
from .lexicon import NEWS_WORDS
from .scan import ScanSpec, fold_text

#: Words typed keystroke by keystroke ("K", "Ka", "Kay", ...), beside a few drawn from the lexicon.
TYPED = ("Kayes", "Ménaka", "Ouagadougou", "Djibo", "ambush", "convoy")
ALIASES = ("GSIM", "JNIM", "Barkhane", "FAMa", '"Wagner Group"', "ISGS", "AQIM", '"Africa Corps"',
           "Goïta", "MINUSMA")


@dataclass(frozen=True)
class Query:
    kind: str
    call: str  # "search" | "timeline" | "quotes"
    text: str = ""
    as_you_type: bool = False
    args: dict = field(default_factory=dict)  # timeline/quotes keyword arguments (dates as ISO strings)
    scan: ScanSpec = ScanSpec()

    def label(self) -> str:
        if self.call == "search":
            return self.text
        return f"{self.call}({', '.join(f'{k}={v}' for k, v in self.args.items())})"


def _word(word: str) -> ScanSpec:
    return ScanSpec(groups=((fold_text(word),),))


def _names(kb: KnowledgeBase, kind: str, ident: str) -> tuple[str, ...]:
    item = kb.actors[ident] if kind == "actor" else kb.places[ident]
    return tuple(dict.fromkeys(fold_text(n) for n in (item.name, *item.aliases) if fold_text(n).strip()))


class _Mix:
    """Builds the mix; one seeded RNG, so the same seed always yields the same queries."""

    def __init__(self, gen: Generator, kb: KnowledgeBase, docs: int, seed: int) -> None:
        self.gen, self.kb, self.rng = gen, kb, random.Random(f"queries:{seed}")
        self.samples = [gen.article(i).body for i in self.rng.sample(range(max(docs, 1)), min(docs, 40))]
        self.out: list[Query] = []

    def add(self, kind: str, text: str, scan: ScanSpec, **kw) -> None:
        self.out.append(Query(kind, "search", text, scan=scan, **kw))

    def words(self, n: int) -> None:
        lex = self.gen.lex.words
        for _ in range(n):
            common = self.rng.choice(NEWS_WORDS[:40] + lex[:60])
            rare = self.rng.choice(lex[3000:30000])
            self.add("word_common", common, _word(common))
            self.add("word_rare", rare, _word(rare))
            first, second = self.rng.choice(NEWS_WORDS[:80]), self.rng.choice(lex[100:3000])
            self.add("and2", f"{first} {second}", ScanSpec(groups=((first,), (second,))))

    def phrases(self, n: int) -> None:
        while sum(q.kind == "phrase" for q in self.out) < n:
            words = re.findall(r"[^\W\d_]+(?:[’'][^\W\d_]+)?|[^\w\s]", self.rng.choice(self.samples))
            start, size = self.rng.randrange(len(words) - 4), self.rng.choice((2, 2, 3))
            run = words[start:start + size]
            if all(w[0].isalpha() for w in run):
                pattern = r"\b" + r"\W+".join(re.escape(fold_text(w)) for w in run) + r"\b"
                self.add("phrase", f'"{" ".join(run)}"', ScanSpec(patterns=(pattern,)))

    def prefixes(self, extra: int) -> None:
        typed = list(TYPED) + self.rng.sample(self.gen.lex.words[20:2000], extra)
        for word in typed:
            for end in range(1, len(word) + 1):
                prefix = word[:end]
                self.add("prefix", prefix, ScanSpec(patterns=(r"\b" + re.escape(fold_text(prefix)),)),
                         as_you_type=True)

    def fuzzy(self, n: int) -> None:
        pool = list(NEWS_WORDS[:60]) + list(self.gen.lex.words[:1500]) + ["Kayes", "Tombouctou", "Ménaka"]
        for _ in range(n):
            word = self.rng.choice(pool)
            if self.rng.random() < 0.5 and len(word) > 4:  # a typo, as a user would make
                i = self.rng.randrange(1, len(word) - 2)
                word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            self.add("fuzzy", f"{word}~", ScanSpec(patterns=(_edit1(fold_text(word)),)))

    def filters(self, n: int) -> None:
        actors = [a for a in PROMINENT_ACTORS if a in self.kb.actors] + list(self.kb.actors)[40:60]
        places = [p for p in PROMINENT_PLACES if p in self.kb.places] + list(self.kb.places)[120:140]
        for i in range(n):
            actor, place = self.rng.choice(actors), self.rng.choice(places)
            word = self.rng.choice(NEWS_WORDS[:30])
            value = "GSIM" if i % 5 == 0 and "jnim" in self.kb.actors else actor
            ident = "jnim" if value == "GSIM" else actor
            tail = f" {word}" if i % 2 else ""
            extra = ((word,),) if tail else ()
            self.add("actor", f"actor:{value}{tail}", ScanSpec(groups=(_names(self.kb, "actor", ident),) + extra))
            self.add("place", f"place:{place}{tail}", ScanSpec(groups=(_names(self.kb, "place", place),) + extra))
        for alias in ALIASES:
            bare = alias.strip('"')
            owner = self._owner(bare)
            names = _names(self.kb, "actor", owner) if owner else (fold_text(bare),)
            self.add("alias", alias, ScanSpec(groups=(names,)))

    def _owner(self, alias: str) -> str | None:
        for actor in self.kb.actors.values():
            if fold_text(alias) in {fold_text(n) for n in (actor.name, *actor.aliases)}:
                return actor.id
        return None

    def dates(self, n: int) -> None:
        for _ in range(n):
            lo = self.rng.randint(FIRST_YEAR, LAST_YEAR - 1)
            hi = min(LAST_YEAR, lo + self.rng.randint(0, 3))
            word = self.rng.choice(("", "", "attack ", "junta ", "convoy ", "Kayes "))
            bounds = (date(lo, 1, 1).isoformat(), date(hi, 12, 31).isoformat())
            groups = ((fold_text(word.strip()),),) if word else ()
            self.add("date", f"{word}published:{lo}..{hi}", ScanSpec(groups=groups, published=bounds))

    def panes(self, n: int) -> None:
        actors = [a for a in PROMINENT_ACTORS if a in self.kb.actors]
        places = [p for p in PROMINENT_PLACES if p in self.kb.places]
        for _ in range(n):
            actor, place = self.rng.choice(actors), self.rng.choice(places)
            since = date(self.rng.randint(FIRST_YEAR, LAST_YEAR - 2), 1, 1).isoformat()
            self.out.append(Query("timeline_actor", "timeline", args={"actor": actor},
                                  scan=ScanSpec(groups=(_names(self.kb, "actor", actor),))))
            self.out.append(Query("timeline_place", "timeline", args={"place": place, "since": since},
                                  scan=ScanSpec(groups=(_names(self.kb, "place", place),), published=(since, None))))
            person = self.gen.cast.speaker(self.rng)
            self.out.append(Query("quotes", "quotes", args={"speaker": person.name},
                                  scan=ScanSpec(groups=((fold_text(person.name),),), quote=True)))


def _edit1(word: str) -> str:
    """A regex for every word one edit away (what ``word~`` means), as egrep would run it."""
    w = re.escape
    variants = {word}
    for i in range(len(word)):
        variants.add(w(word[:i]) + r"\w" + w(word[i + 1:]))  # substitution
        variants.add(w(word[:i]) + w(word[i + 1:]))  # deletion
        variants.add(w(word[:i]) + r"\w" + w(word[i:]))  # insertion
    return r"\b(?:" + "|".join(sorted(variants)) + r")\b"


def build_queries(gen: Generator, kb: KnowledgeBase, docs: int, seed: int) -> list[Query]:
    """About 300 queries: ~20 of each kind, 10–12 of each pane query, ~60 keystrokes."""
    mix = _Mix(gen, kb, docs, seed)
    mix.words(20)
    mix.phrases(20)
    mix.prefixes(4)
    mix.fuzzy(15)
    mix.filters(15)
    mix.dates(15)
    mix.panes(10)
    return mix.out


def call_args(args: dict) -> dict:
    """Timeline/quotes keyword arguments with ISO strings turned back into dates."""
    return {k: date.fromisoformat(v) if k in ("since", "until") else v for k, v in args.items()}
