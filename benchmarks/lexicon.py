"""The vocabulary of the synthetic corpus: a Zipf-distributed pseudo-word lexicon plus real words.

Why synthetic words: reshuffling the seeds' few thousand words makes every term occur in a
third of the corpus, so posting lists are all long and "rare word" queries do not exist. Real
news text has a long tail: a few hundred words make half the tokens and most of the tens of
thousands of types occur in a handful of articles. The lexicon reproduces that shape
(rank-frequency ~ 1/r^1.05, shorter words more frequent) with pronounceable pseudo-words, and
the real function words and Sahel security vocabulary sit on top of it.
"""
from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

LEXICON_SIZE = 40_000
ZIPF_EXPONENT = 1.05

#: English function words, roughly in frequency order (a Zipf weight is applied over the order).
FUNCTION_WORDS = tuple(dict.fromkeys(["the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "it", "on", "with", "as", "he", "by", "at", "from", "his", "be", "an", "are", "have", "this", "but", "not", "they", "which", "had", "has", "were", "or", "their", "been", "its", "who", "one", "will", "would", "all", "also", "more", "there", "about", "after", "when", "we", "she", "her", "than", "into", "over", "some", "two", "other", "new", "out", "said", "up", "them", "only", "can", "could", "most", "what", "these", "first", "three", "if", "time", "those", "while", "so", "many", "during", "against", "between", "since", "before", "because", "under", "where", "both", "through", "then", "such", "any", "each", "very", "our", "well", "against", "while", "just", "how", "even", "last", "years", "still", "only", "people", "told"]))

#: Real words of Sahel security reporting (frequency order), so queries read like real ones.
NEWS_WORDS = tuple(dict.fromkeys(["security", "attack", "army", "soldiers", "military", "forces", "government", "region", "militants", "jihadist", "attacks", "killed", "junta", "country", "troops", "armed", "groups", "civilians", "village", "people", "group", "operation", "president", "authorities", "violence", "border", "north", "villages", "fighters", "state", "local", "insecurity", "humanitarian", "crisis", "central", "minister", "defence", "mission", "terrorist", "displaced", "police", "west", "power", "transition", "population", "political", "official", "officials", "communities", "support", "killing", "insurgents", "camp", "base", "islamist", "gunmen", "patrol", "convoy", "ambush", "wounded", "drone", "strike", "strikes", "operations", "conflict", "refugees", "food", "aid", "elections", "sanctions", "peace", "agreement", "mediation", "talks", "negotiations", "ceasefire", "hostage", "hostages", "kidnapped", "ransom", "gold", "mining", "herders", "farmers", "cattle", "market", "mosque", "imam", "schools", "teachers", "closed", "curfew", "checkpoint", "mayor", "governor", "spokesman", "statement", "communique", "coup", "rebels", "separatist", "northern", "eastern", "western", "southern", "national", "international", "mercenaries", "counterterrorism", "withdrawal", "deployment", "peacekeepers", "peacekeeping", "displacement", "famine", "drought", "rainy", "season", "roads", "explosive", "device", "mines", "motorcycles", "weapons", "ammunition", "smuggling", "trafficking", "fuel", "blockade", "siege", "town", "towns", "district", "province", "capital", "residents", "witnesses", "sources", "hospital", "casualties", "bodies", "victims", "massacre", "reprisals", "abuses", "executions", "investigation", "report", "rights", "accountability", "commander", "commanders", "leader", "leaders", "recruits", "recruitment", "youth", "economy", "prices", "trade", "routes", "desert", "river", "lake", "forest", "bush", "rural", "urban", "volunteers", "militia", "militias", "dozos", "self-defence", "network", "intelligence", "surveillance", "helicopter", "aircraft", "airstrike", "bombing", "raid", "raids", "clashes", "offensive", "counteroffensive", "recapture", "control", "territory", "expansion", "influence", "alliance", "partners", "partnership", "cooperation", "diplomatic", "ambassador", "expelled", "embassy", "summit"]))

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "s", "t", "w", "y", "z", "dj", "gb",
           "kh", "mb", "nd", "ng", "sh", "ts", "r", "p", "v", "tch")
_VOWELS = ("a", "e", "i", "o", "u", "ou", "ai", "ia", "oi", "a", "i", "o")
_CODAS = ("", "", "", "", "n", "r", "l", "m", "s", "k", "t")
_SUFFIXES = ("s", "ed", "ing", "er", "ers", "ly")


@dataclass(frozen=True)
class Zipf:
    """A fixed population sampled with 1/r^s weights (cumulative weights precomputed once)."""

    items: tuple[str, ...]
    cum: tuple[float, ...]

    @classmethod
    def over(cls, items: tuple[str, ...], exponent: float = ZIPF_EXPONENT, offset: float = 2.7) -> Zipf:
        weights = [1.0 / (rank + offset) ** exponent for rank in range(len(items))]
        return cls(items, tuple(accumulate(weights)))

    def sample(self, rng: random.Random, k: int = 1) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=k)

    def one(self, rng: random.Random) -> str:
        """One draw; cheaper than ``sample(rng, 1)[0]`` in the hot loop."""
        return self.items[bisect_left(self.cum, rng.random() * self.cum[-1])]


def _pseudo_word(rng: random.Random) -> str:
    syllables = rng.choices((1, 2, 3, 4), weights=(10, 45, 35, 10))[0]
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return "".join(parts) + rng.choice(_CODAS)


def pseudo_words(seed: int, size: int = LEXICON_SIZE) -> tuple[str, ...]:
    """Unique pseudo-words in rank order: shorter words tend to rank higher (Zipf's brevity law)."""
    rng = random.Random(f"lexicon:{seed}")
    reserved = set(FUNCTION_WORDS) | set(NEWS_WORDS)
    words: dict[str, None] = {}
    while len(words) < size:
        word = _pseudo_word(rng)
        if len(word) >= 3 and word not in reserved:
            words.setdefault(word)
    ranked = sorted(words, key=lambda w: len(w) + rng.gauss(0.0, 2.5))
    return tuple(ranked)


@dataclass(frozen=True)
class Lexicon:
    """Every word source of the generator, built once per seed."""

    words: tuple[str, ...]  # the pseudo-word lexicon, rank order
    lexicon: Zipf
    function: Zipf
    news: Zipf

    def inflect(self, rng: random.Random, word: str) -> str:
        """Sometimes add an English suffix, so stemming and prefix search meet word families."""
        return word + rng.choice(_SUFFIXES) if rng.random() < 0.12 else word

    def rare(self, rank_from: int = 5_000) -> tuple[str, ...]:
        return self.words[rank_from:]


def build_lexicon(seed: int) -> Lexicon:
    words = pseudo_words(seed)
    return Lexicon(words, Zipf.over(words), Zipf.over(FUNCTION_WORDS, 0.9, 1.0), Zipf.over(NEWS_WORDS, 1.0, 3.0))
