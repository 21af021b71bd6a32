"""Deterministic synthetic corpus: N news articles as .md files with YAML front matter.

Each article depends only on (seed, index), so article 42 is the same file in a 1k and a 50k
corpus and a bigger run extends a smaller one. Text mixes real function words, Sahel security
vocabulary, a per-article burst of topic words and a Zipf tail of pseudo-words; it names
knowledge-base actors and places at skewed frequencies, and carries the shapes the extractors
work on: quotations with speakers and roles, and date expressions (explicit, relative to the
publication date, and relative to the previous date).
"""
from __future__ import annotations

import hashlib
import json
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sahel_tui.core.knowledge import KnowledgeBase, load_knowledge

from .cast import Cast, build_cast
from .lexicon import Lexicon, build_lexicon

GENERATOR_VERSION = 1
FIRST_YEAR, LAST_YEAR = 2010, 2024  # fifteen years of publication dates
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TARGETS = ("an army post", "a military camp", "a convoy", "a gendarmerie post", "a checkpoint",
           "a market", "a mining site", "a patrol")
EVENTS = (
    "{actor} fighters attacked {target} near {place} {date}, killing {n} soldiers.",
    "{Date}, gunmen on motorcycles raided the village of {place}, killing {n} civilians, residents said.",
    "{actor} claimed responsibility for the ambush on a convoy near {place} {date}.",
    "Two days later, soldiers were deployed to {place} to secure the road.",
    "The junta, which seized power in {year}, announced new sanctions {date}.",
    "{actor} and {actor2} signed a ceasefire agreement in {place} {date}.",
    "At least {n} people were kidnapped near {place} {date}, local sources said.",
    "A drone strike killed {n} militants near {place} {date}, the army said.",
    "{actor} withdrew its troops from {place} in {month} {year}.",
    "The next day, {actor} attacked the camp at {place}.",
    "{Date}, clashes between {actor} and {actor2} left {n} dead in {place}.",
)
QUOTES = (
    "“{clause},” said {name}, {role}.",
    "“{clause},” {name} told {outlet}.",
    "{name}, {role}, said: “{clause}.”",
    "“{clause},” {pronoun} added.",
    "According to {name}, {role}, “{clause}.”",
    "“{clause},” {actor} said in a statement {date}.",
)


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # file name
    meta: dict
    body: str

    def render(self) -> str:
        """Front matter as JSON-quoted YAML scalars (always valid YAML), then the body."""
        lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.meta.items()]
        return "\n".join(lines + ["---", self.body, ""])


class Generator:
    """Builds articles from one lexicon and cast; cheap to call once they are built."""

    def __init__(self, seed: int, kb: KnowledgeBase | None = None) -> None:
        self.seed = seed
        self.lex: Lexicon = build_lexicon(seed)
        self.kb = kb or load_knowledge(None)
        self.cast: Cast = build_cast(self.kb)

    # ------------------------------------------------------------ words
    def words(self, rng: random.Random, n: int, topic: list[str]) -> list[str]:
        lex, out = self.lex, [""]
        for _ in range(n):
            r = rng.random()
            if r < 0.46:
                word = lex.function.one(rng)
                out.append(word if word != out[-1] else lex.function.one(rng))
            elif r < 0.64:
                out.append(lex.news.one(rng))
            elif r < 0.70:
                out.append(rng.choice(topic))
            else:
                out.append(lex.inflect(rng, lex.lexicon.one(rng)))
        return out[1:]

    def filler(self, rng: random.Random, topic: list[str], lo: int = 8, hi: int = 30) -> str:
        """A plain sentence; a third name an actor or a place somewhere inside."""
        words = self.words(rng, rng.randint(lo, hi), topic)
        if rng.random() < 0.35:
            at = rng.randrange(1, len(words))
            words.insert(at, self.cast.actor(rng)[1] if rng.random() < 0.5 else "in " + self.cast.place(rng)[1])
        for i in range(2, len(words) - 2):
            if rng.random() < 0.05:
                words[i] += ","
        words[0] = words[0][0].upper() + words[0][1:]
        return " ".join(words) + "."

    # ------------------------------------------------------------ dates
    def date_expr(self, rng: random.Random, published: date, fronted: bool = False) -> str:
        """A date expression before publication, in one of the shapes news copy uses."""
        year = published.year - rng.choice((0, 0, 0, 1, 2, 3))
        month = MONTHS[rng.randrange(12 if year < published.year else published.month)]
        options = (f"on {month} {rng.randint(1, 28)}", f"on {month} {rng.randint(1, 28)}, {year}",
                   f"last {rng.choice(WEEKDAYS)}", f"on {rng.choice(WEEKDAYS)}", f"in {month} {year}",
                   f"in {month}", "last week", "earlier this month", f"in late {year}", f"in mid-{year}")
        expr = rng.choice(options)
        return expr[0].upper() + expr[1:] if fronted else expr

    # ------------------------------------------------------------ sentences
    def event(self, rng: random.Random, published: date) -> str:
        template = rng.choice(EVENTS)
        return template.format(
            actor=self.cast.actor(rng)[1], actor2=self.cast.actor(rng)[1], place=self.cast.place(rng)[1],
            target=rng.choice(TARGETS), n=rng.choice((2, 3, 5, 7, 12, 15, 20, 31, "dozens of")),
            date=self.date_expr(rng, published), Date=self.date_expr(rng, published, fronted=True),
            year=published.year - rng.randint(0, 4), month=rng.choice(MONTHS))

    def quote(self, rng: random.Random, published: date, topic: list[str]) -> str:
        clause = self.filler(rng, topic, 6, 20)[:-1]
        person = self.cast.speaker(rng)
        return rng.choice(QUOTES).format(
            clause=clause, name=person.name, role=person.role, outlet=self.cast.outlets.one(rng),
            pronoun=rng.choice(("he", "she")), actor=self.cast.actor(rng)[1], date=self.date_expr(rng, published))

    def paragraph(self, rng: random.Random, published: date, topic: list[str]) -> str:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.13:
                sentences.append(self.event(rng, published))
            elif r < 0.25:
                sentences.append(self.quote(rng, published, topic))
            else:
                sentences.append(self.filler(rng, topic))
        return " ".join(sentences)

    # ------------------------------------------------------------ articles
    def published(self, rng: random.Random) -> date:
        """More articles in recent years, as coverage of the Sahel grew."""
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        year = rng.choices(years, weights=[y - FIRST_YEAR + 3 for y in years])[0]
        return date(year, 1, 1) + timedelta(days=rng.randrange(365))

    def title(self, rng: random.Random, topic: list[str]) -> str:
        words = [w for w in self.words(rng, 14, topic) if w not in self.lex.function.items][:rng.randint(3, 6)]
        actor, place = self.cast.actor(rng)[1], self.cast.place(rng)[1]
        text = f"{actor} {' '.join(words)} in {place}" if rng.random() < 0.6 else f"{' '.join(words)} in {place}"
        return text[0].upper() + text[1:]

    def article(self, index: int, max_words: int | None = None) -> GeneratedArticle:
        """Article ``index``; ``max_words`` cuts it short (title, lead and a few paragraphs), for
        tests that need many articles quickly. Its text is the start of the full article's."""
        rng = random.Random(f"article:{self.seed}:{index}")
        topic = [self.lex.words[rng.randrange(100, 8000)] for _ in range(15)]
        published = self.published(rng)
        outlet, title = self.cast.outlets.one(rng), self.title(rng, topic)
        target = max(300, min(1500, int(rng.lognormvariate(6.45, 0.45))))
        if max_words is not None:
            target = min(target, max_words)
        paragraphs = [title]
        if rng.random() < 0.5:
            paragraphs.append(f"By {self.cast.author(rng)}")
        lead = self.paragraph(rng, published, topic)
        if rng.random() < 0.5:
            lead = f"{self.cast.place(rng)[1].upper()} ({outlet}) - {lead}"
        paragraphs.append(lead)
        count = sum(len(p.split()) for p in paragraphs)
        while count < target:
            paragraphs.append(self.paragraph(rng, published, topic))
            count += len(paragraphs[-1].split())
        meta = {"title": title, "source": outlet, "author": self.cast.author(rng), "published": published.isoformat()}
        digest = hashlib.sha1(f"{self.seed}:{index}".encode()).hexdigest()[:10]
        return GeneratedArticle(f"{index:06d}_{digest}.md", meta, "\n\n".join(paragraphs))


# ---------------------------------------------------------------- files
_worker: Generator | None = None


_max_words: int | None = None


def _init(seed: int, max_words: int | None = None) -> None:
    global _worker, _max_words
    _worker, _max_words = Generator(seed), max_words


def _write_range(folder: str, start: int, stop: int) -> list[str]:
    assert _worker is not None
    paths = []
    for index in range(start, stop):
        article = _worker.article(index, _max_words)
        path = Path(folder) / article.name
        path.write_text(article.render(), encoding="utf-8")
        paths.append(str(path))
    return paths


def write_corpus(folder: Path, count: int, seed: int = 1, start: int = 0, workers: int = 1,
                 max_words: int | None = None) -> list[Path]:
    """Write articles start..start+count-1 into ``folder``; the same seed gives the same bytes.
    ``max_words`` makes short articles (see ``Generator.article``)."""
    folder.mkdir(parents=True, exist_ok=True)
    stop, step = start + count, 500
    chunks = [(str(folder), lo, min(lo + step, stop)) for lo in range(start, stop, step)]
    if workers <= 1 or count < 2 * step:
        _init(seed, max_words)
        return [Path(p) for chunk in chunks for p in _write_range(*chunk)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(seed, max_words)) as pool:
        return [Path(p) for paths in pool.map(_write_range, *zip(*chunks, strict=False)) for p in paths]
