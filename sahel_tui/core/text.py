"""Text primitives shared by the loader, the linkers, the extractors and the analyzer.

One definition of "the same word" for the whole project: case, accents, apostrophes and
dashes never make two spellings differ.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

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


class Token(NamedTuple):
    """A word of the text with its offsets; ``key`` is the folded form used for matching.

    A named tuple rather than a frozen dataclass: an article has hundreds of words and a frozen
    dataclass's ``__init__`` made up nearly half of tokenizing.
    """

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
    add = tokens.append
    for m in WORD_RE.finditer(text):
        word = m.group()
        if len(word) > 2 and word[-1] in "sS" and word[-2] in APOSTROPHES:
            start = m.start()
            word = word[:-2]
            add(Token(fold_word(word), start, start + len(word), word))
        else:
            add(Token(fold_word(word), m.start(), m.end(), word))
    return tokens


def alias_keys(alias: str) -> tuple[str, ...]:
    """The folded token sequence of a name, as the linker matches it."""
    return tuple(t.key for t in tokenize(alias))


def slugify(name: str) -> str:
    """A stable snake_case id for a name: 'Aly Tounkara' -> 'aly_tounkara'."""
    return "_".join(alias_keys(name)) or "unnamed"


# ---------------------------------------------------------------- terminal safety
#: Characters that can drive a terminal or reorder what is shown, mapped one for one to visible
#: symbols (same length, so offsets into article text stay valid): C0 controls (except newline and
#: tab) to their Unicode pictures (ESC -> ␛), DEL to ␡, C1 controls and the bidirectional
#: overrides/isolates/marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) to U+FFFD, and lone
#: surrogates (what a non-UTF-8 file name decodes to) to U+FFFD too, so printing never fails.
_INERT: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_INERT |= {0x7F: "\u2421"} | {c: "\ufffd" for c in range(0x80, 0xA0)}
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_INERT |= {ord(c): "\ufffd" for c in BIDI_CONTROLS}
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\ud800-\udfff]")


def inert(text: str) -> str:
    """Corpus text made harmless for a terminal, same length (newlines and tabs kept).

    >>> inert("red\\x1b[31m \\u202eevil")
    'red␛[31m \\ufffdevil'
    """
    if not _UNSAFE.search(text):
        return text
    return _SURROGATES.sub("\ufffd", text.translate(_INERT))


def inert_line(text: object) -> str:
    """A name, path or message made harmless and kept on one line, for terminals and notices.

    Bytes a file name could not decode (surrogate escapes) are shown as ``\\xNN``; line breaks as ␤.

    >>> inert_line("a\\nb\\udcff.txt")
    'a␤b\\\\xff.txt'
    """
    value = str(text)
    if _SURROGATES.search(value):
        value = value.encode("utf-8", "surrogateescape" if _is_escaped(value) else "replace").decode(
            "utf-8", "backslashreplace")
    return inert(value.replace("\n", "\u2424").replace("\t", " "))


def _is_escaped(value: str) -> bool:
    """Only surrogate escapes (U+DC80–U+DCFF), as os.fsdecode makes them for undecodable bytes."""
    return all("\udc80" <= c <= "\udcff" for c in _SURROGATES.findall(value))


def json_safe(dumped: str) -> str:
    """JSON text with every unsafe character written as a ``\\uXXXX`` escape (the same value)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
