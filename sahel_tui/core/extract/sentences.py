"""Sentence and paragraph boundaries with offsets, tuned for news copy.

Handles abbreviations (Gen., U.S., Col.), closing quotes after the full stop (`.”`), and
the scraped "Bamako.In" / "fire.A petroleum official" glue where a space is missing after a full stop.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon.people import TITLE_ABBREVIATIONS

_ABBREVIATIONS = TITLE_ABBREVIATIONS | {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.n", "e.g", "i.e", "etc", "vs", "approx", "mt", "ft", "jr", "sr", "inc", "ltd", "co", "corp",
}
# A sentence ends at . ! ? or … optionally followed by closing quotes/brackets,
# then whitespace and an opening capital/quote/digit — or a lowercase word glued to a capital.
_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9À-Ý]|\s*$)")
# A full stop glued to the next sentence: "Bamako.In", "set on fire.A petroleum official" (a
# one-letter word "A"/"I" followed by a space opens a sentence too).
_GLUED_RE = re.compile(r"(?<=[a-z]{3})\.(?=[A-ZÀ-Ý][a-zà-ÿ]|[AI]\s+[a-z])")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index of the paragraph the sentence belongs to


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty paragraphs (separated by one or more line breaks)."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.span()
        chunk = m.group()
        if chunk.strip():
            s += len(chunk) - len(chunk.lstrip())
            e -= len(chunk) - len(chunk.rstrip())
            spans.append((s, e))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the word ending at ``dot`` an abbreviation (Gen., U.S) or an initial (J.)?

    Walks back from the full stop instead of searching the whole paragraph before it.
    """
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences with offsets; never joins across paragraphs.

    >>> [s.text for s in split_sentences("Gen. Ag Gamou left. He said “no.” Then Bamako.In Mali")]
    ['Gen. Ag Gamou left.', 'He said “no.”', 'Then Bamako.', 'In Mali']
    """
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        para = text[p_start:p_end]
        cuts = {m.end() for m in _END_RE.finditer(para) if not _is_abbreviation(para, m.start())}
        cuts |= {m.end() for m in _GLUED_RE.finditer(para)}
        begin = 0
        for cut in sorted(cuts) + [len(para)]:
            piece = para[begin:cut]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                s, e = p_start + begin + lead, p_start + cut - trail
                out.append(Sentence(text[s:e], s, e, p_index))
            begin = cut
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing a character offset."""
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None
