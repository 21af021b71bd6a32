"""Cut a short passage around the query's words, with the spans to highlight.

Snippets are cut from the article text the reader already has, not by Whoosh's highlighter
(which re-analyses stored text and is the slowest part of a search).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import APOSTROPHES, fold_word

Span = tuple[int, int]
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: tuple[Span, ...]  # relative to ``text``


def hit_spans(text: str, term_keys: Iterable[str], key: Callable[[str], str]) -> list[Span]:
    """Every word of ``text`` whose index term is one of the query's terms.

    The words are those of `text.tokenize` (a possessive ’s left out). ``key`` maps a folded word
    to its term and keeps its first letter (Porter stemming does), so only words whose first
    character folds to a term's first letter are looked at: this runs over a whole article for
    every hit shown, and most of its words cannot match.
    """
    keys = set(term_keys)
    if not keys:
        return []
    spans: list[Span] = []
    for m in _candidates(frozenset(k[:1] for k in keys), frozenset(text)).finditer(text):
        word = m.group()
        start, end = m.span()
        if len(word) > 2 and word[-1] in "sS" and word[-2] in APOSTROPHES:
            end -= 2
            word = word[:-2]
        if key(fold_word(word)) in keys:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=256)
def _candidates(firsts: frozenset[str], chars: frozenset[str]) -> re.Pattern[str]:
    """The words of `text.WORD_RE` that begin with a character folding to one of ``firsts`` (or
    to nothing, like a modifier apostrophe), among the characters a text uses."""
    starts = sorted(c for c in chars if _WORD_CHAR.match(c) and fold_word(c)[:1] in firsts | {""})
    if not starts:
        return re.compile(r"(?!)")  # no word of the text can match
    begin = "[" + "".join(re.escape(c) for c in starts) + "]"
    # A word starts where no word character (nor a word character and an apostrophe) precedes it.
    return re.compile(rf"(?<!\w)(?<!\w[{APOSTROPHES}]){begin}\w*(?:[{APOSTROPHES}]\w+)*")


def make_snippet(text: str, spans: Iterable[Span], width: int = 240) -> Snippet:
    """The window of ``width`` characters that shows the most distinct hits, on one line.

    >>> s = make_snippet("Intro words here. The attack on Kayes was claimed by JNIM.", [(32, 37)], width=30)
    >>> s.text[s.spans[0][0]:s.spans[0][1]]
    'Kayes'
    """
    spans = sorted(set(spans))
    if not spans:
        return Snippet(_one_line(_cut(text, 0, width)), ())
    best, best_score = spans[0][0], -1
    for start, _ in spans:
        inside = {text[s:e].casefold() for s, e in spans if start <= s and e <= start + width}
        if len(inside) > best_score:
            best, best_score = start, len(inside)
    begin = _back_to_boundary(text, best, width // 4)
    piece = _cut(text, begin, width)
    shift = begin - (1 if piece.startswith("…") else 0)
    marked = tuple((s - shift, e - shift) for s, e in spans
                   if s >= begin and e - shift <= len(piece.rstrip("…")))
    return Snippet(_one_line(piece), marked)


def _back_to_boundary(text: str, offset: int, most: int) -> int:
    """Start a little before the hit, at a sentence or word start."""
    floor = max(0, offset - most)
    for mark in (". ", "\n"):
        found = text.rfind(mark, floor, offset)
        if found != -1:
            return found + len(mark)
    space = text.find(" ", floor, offset)
    return space + 1 if floor and space != -1 else floor


def _cut(text: str, begin: int, width: int) -> str:
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    piece = text[begin:end]
    return ("…" if begin > 0 else "") + piece + ("…" if end < len(text) else "")


def _one_line(text: str) -> str:
    """Same length, no line breaks, so spans stay valid."""
    return text.replace("\n", " ").replace("\t", " ")
