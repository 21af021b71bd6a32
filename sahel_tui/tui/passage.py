"""Selecting a passage in the reader by keyboard, and what the reader's briefing keys act on.

`v` starts a selection at the sentence under the current mark; move the mark with the jump keys
(n, ], m …); `v` again ends it at the sentence under the mark. Whole sentences, because a clip
cut mid-sentence misquotes. The next c / * / a / # acts on the passage, then the selection ends.
"""
from __future__ import annotations

from ..core import briefing
from ..core.extract.sentences import split_sentences
from ..core.models import Mention, Quote
from .clipping import Pointer

Span = tuple[int, int]


def sentence_span(text: str, offset: int) -> Span:
    """The sentence around ``offset`` (the nearest one after it between sentences)."""
    sentences = split_sentences(text)
    for s in sentences:
        if offset < s.end:
            return (s.start, s.end)
    return (sentences[-1].start, sentences[-1].end) if sentences else (0, len(text))


class PassageSelection:
    """The reader's selection: started (``start``), finished (``span``) or none."""

    def __init__(self) -> None:
        self.start: Span | None = None
        self.span: Span | None = None

    def toggle(self, text: str, position: int) -> tuple[Span, str]:
        """Start or end the selection at ``position``; the span to mark and what to tell the user."""
        here = sentence_span(text, max(position, 0))
        if self.start is None:
            self.start, self.span = here, None
            return here, "Selecting from this sentence: move with n ] m, then v ends the passage (v v: one sentence)."
        begin, end = min(self.start[0], here[0]), max(self.start[1], here[1])
        self.start, self.span = None, (begin, end)
        return (begin, end), f"Passage selected ({end - begin} characters): c clips it, * stars it, a notes it."

    def take(self) -> Span | None:
        """The finished selection, which ends by being used."""
        span, self.span = self.span, None
        return span


def reader_pointer(article_id: str, passage: Span | None, record: Quote | Mention | None) -> Pointer:
    """In the reader: the selected passage, else the marked quote or actor, else the article."""
    if passage is not None:
        start, end = passage
        return Pointer("passage", lambda lib: briefing.draft_passage(lib, article_id, start, end))
    if isinstance(record, Quote):
        quote = record
        return Pointer("quote", lambda lib: briefing.draft_quote(lib, article_id, quote))
    if isinstance(record, Mention) and record.kind == "actor":
        actor_id = record.ref
        return Pointer("actor", lambda lib: briefing.draft_actor(lib, actor_id))
    return Pointer("article", lambda lib: briefing.draft_article(lib, article_id))
