"""The timeline's activity strip: Textual's Sparkline, drawn in ASCII where block glyphs are missing.

The Linux console's fonts lack the eighth blocks (▁▂▃…) Sparkline draws with; on such a terminal
(app.ascii_glyphs, see themes.ascii_terminal) the same summary is drawn with ` .:-=+*#`.
"""
from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.widgets import Sparkline

ASCII_LEVELS = " .:-=+*#"


def ascii_sparkline(data: Sequence[float], width: int) -> str:
    """`width` characters, each the busiest value of its share of `data`, as one of ASCII_LEVELS."""
    if not data or width <= 0:
        return ""
    buckets = [data[i * len(data) // width:max((i + 1) * len(data) // width, i * len(data) // width + 1)]
               for i in range(min(width, len(data)))]
    peaks = [max(bucket) for bucket in buckets]
    top = max(peaks) or 1.0
    return "".join(ASCII_LEVELS[round(value / top * (len(ASCII_LEVELS) - 1))] for value in peaks)


class ActivitySparkline(Sparkline):
    """A Sparkline that falls back to ASCII_LEVELS on a console without block glyphs."""

    def render(self) -> RenderResult:
        if getattr(self.app, "ascii_glyphs", False):
            return Content(ascii_sparkline(list(self.data or []), self.size.width))
        return super().render()
