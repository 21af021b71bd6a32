"""The reader's text: an article drawn literally, with layers of highlights and a current mark.

It is a Static holding one `Content`; styles are component classes of the screen (".reader--hit"
…), so they follow the theme. `line_of` repeats Textual's own wrapping (Content.wrap) to find the line an
offset is drawn on, which is how the reader scrolls a jump target into view.
"""
from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

from ..display import clean

Span = tuple[int, int]
#: The jump mark. Reverse video, not a component class: Textual draws component-class
#: backgrounds translucent, and the mark must stand out on top of every other layer in any theme.
CURRENT_STYLE = "reverse bold"


class ArticleView(Static):
    """Article text with highlight layers; layers are drawn in order, later ones on top."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._text = ""
        self._layers: list[tuple[str, list[Span]]] = []
        self._current: Span | None = None

    def show(self, text: str, layers: Iterable[tuple[str, Iterable[Span]]], current: Span | None = None) -> None:
        """Draw `text` with each (style, spans) layer, and the current target on top of all."""
        self._text = clean(text)
        self._layers = [(style, list(spans)) for style, spans in layers]
        self.mark(current)

    def set_layer(self, style: str, spans: Iterable[Span]) -> None:
        """Replace (or add) one layer, keeping the current mark (notes added while reading)."""
        self._layers = [(s, p) for s, p in self._layers if s != style] + [(style, list(spans))]
        self.mark(self._current)

    def mark(self, current: Span | None) -> None:
        """Redraw with a different current target (the layers stay)."""
        self._current = current
        content = Content(self._text, strip_control_codes=False)
        for style, spans in self._layers:
            for start, end in spans:
                content = content.stylize(style, start, end)
        if current is not None:
            content = content.stylize(CURRENT_STYLE, *current)
        self.update(content)

    @property
    def plain_text(self) -> str:
        return self._text

    def line_of(self, offset: int) -> int:
        """The wrapped line (0-based, within this widget) on which character `offset` is drawn."""
        width = max(1, self.content_size.width)
        y, position = 0, 0
        for paragraph in self._text.split("\n"):
            end = position + len(paragraph)
            starts = line_starts(paragraph, width)
            if offset <= end:
                return y + sum(1 for start in starts[1:] if start <= offset - position)
            y += len(starts)
            position = end + 1
        return y


def line_starts(paragraph: str, width: int) -> list[int]:
    """Where each line of `paragraph` starts once wrapped to `width` — by Textual's own public
    Content.wrap (what the widget draws), finding each drawn line in the paragraph in turn."""
    starts, position = [], 0
    for line in Content(paragraph).wrap(width):
        text = line.plain.strip()
        found = paragraph.find(text, position) if text else -1
        start = found if found >= 0 else position
        starts.append(start)
        position = start + len(text)
    return starts or [0]
