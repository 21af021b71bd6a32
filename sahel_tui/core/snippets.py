"""Cut a short passage around the query's words, with the spans to highlight.

Snippets are cut from the article text the reader already has, not by Whoosh's highlighter
(which re-analyses stored text and is the slowest part of a search).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .text import tokenize

Span = tuple[int, int]


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: tuple[Span, ...]  # relative to ``text``


def hit_spans(text: str, term_keys: Iterable[str], key: Callable[[str], str]) -> list[Span]:
    """Every word of ``text`` whose index term is one of the query's terms."""
    keys = set(term_keys)
    if not keys:
        return []
    return [(t.start, t.end) for t in tokenize(text) if key(t.key) in keys]


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
