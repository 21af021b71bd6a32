"""Presentation helpers: corpus strings made safe to draw, dates and tolls as the panes show them.

Article text is data. Nothing here parses markup: strings become `Content` objects whose
characters are drawn as they are, and control characters (ESC, BEL, CR …) are replaced one for
one by their visible Unicode pictures, so offsets into the text stay valid for highlighting.
"""
from __future__ import annotations

from datetime import date

from textual.content import Content

from ..core.text import inert
from ..core.wording import count_text, speaker_parts, speaker_phrase

__all__ = ["clean", "count_text", "date_text", "highlighted", "one_line", "plain", "shorten", "speaker_parts",
           "speaker_phrase", "toll_text"]


def clean(text: str | None) -> str:
    """The same string made inert for the terminal (core.text.inert: control characters and bidi
    overrides made visible, same length and offsets); tabs become spaces."""
    return inert(text or "").replace("\t", " ")


def one_line(text: str | None) -> str:
    """A clean string on one line (for titles, names and list rows)."""
    return clean((text or "").replace("\n", " "))


def plain(text: str | None, style: str = "") -> Content:
    """Corpus text as Content, drawn literally (no markup), optionally in a component style."""
    content = Content(one_line(text), strip_control_codes=False)
    return content.stylize(style) if style else content


def shorten(text: str, limit: int) -> str:
    """Cut a long string at a word boundary with an ellipsis (list rows stay a few lines high)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:") + "…"


def date_text(value: date | None) -> str:
    """An ISO date, or the words the reader expects when the article gives none."""
    return value.isoformat() if value else "date unknown"


def toll_text(killed: int | None, injured: int | None, abducted: int | None) -> str:
    """'12 killed, 3 injured' — only the figures the article states."""
    parts = [f"{n} {label}" for n, label in ((killed, "killed"), (injured, "injured"), (abducted, "abducted")) if n]
    return ", ".join(parts)


def highlighted(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], style: str) -> Content:
    """Text with the given character spans in `style` (snippets with their query hits)."""
    content = Content(one_line(text), strip_control_codes=False)
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content

