"""Text primitives shared by the loader, the linkers, the extractors and the analyzer.

One definition of "the same word" for the whole project: case, accents, apostrophes and
dashes never make two spellings differ.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’‘ʼ`´"
_PUNCT_MAP = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ",
})

#: A word: letters/digits, with apostrophes *inside* it kept (Jama’at, d’Ivoire).
WORD_RE = re.compile(r"\w+(?:[" + APOSTROPHES + r"]\w+)*")


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Fold one word for comparison: no accents, no apostrophes, lower case.

    >>> fold_word("Jama’at"), fold_word("Ménaka"), fold_word("GOÏTA")
    ('jamaat', 'menaka', 'goita')
    """
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in APOSTROPHES)
    return stripped.casefold()


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Fold a whole string (accents, quotes, dashes, case, spaces) for loose comparison."""
    if text.isascii():  # most sentences: no accents or typographic marks to undo
        return " ".join(text.replace("`", "'").split()).casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCT_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text with its offsets; ``key`` is the folded form used for matching."""

    key: str
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Split text into words with offsets; a trailing possessive ’s is left out of the word.

    >>> [t.key for t in tokenize("Mali’s junta, ISIS-GS and al-Qaeda")]
    ['mali', 'junta', 'isis', 'gs', 'and', 'al', 'qaeda']
    """
    tokens: list[Token] = []
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        word = m.group()
        if len(word) > 2 and word[-1] in "sS" and word[-2] in APOSTROPHES:
            end -= 2
            word = word[:-2]
        tokens.append(Token(fold_word(word), start, end, word))
    return tokens


def alias_keys(alias: str) -> tuple[str, ...]:
    """The folded token sequence of a name, as the linker matches it."""
    return tuple(t.key for t in tokenize(alias))


def slugify(name: str) -> str:
    """A stable snake_case id for a name: 'Aly Tounkara' -> 'aly_tounkara'."""
    return "_".join(alias_keys(name)) or "unnamed"
