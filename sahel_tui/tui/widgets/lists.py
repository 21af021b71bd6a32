"""The list every pane uses: an OptionList with vi keys and a payload per row.

Rows carry the value Enter acts on (a SearchHit, an EventHit …) in `payloads`, keyed by the
option id, so a pane turns a selection into a message without re-querying anything.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.style import Style
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

REVERSE = Style(reverse=True)


def _option_index(strip: Strip) -> int | None:
    """The option a rendered line belongs to (OptionList puts it in the segments' meta)."""
    for segment in strip:
        if segment.style is not None and "option" in segment.style.meta:
            return int(segment.style.meta["option"])
    return None


class SahelList(OptionList):
    """A keyboard list: j/k and arrows move, g/G jump to the ends, Enter selects."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, tooltip="next row (also ↓)"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="previous row (also ↑)"),
        Binding("g", "first", "First", show=False, tooltip="first row (also Home)"),
        Binding("G", "last", "Last", show=False, tooltip="last row (also End)"),
        Binding("enter", "select", "Open", tooltip="open the row: article, passage or profile"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.payloads: dict[str, Any] = {}

    def show_rows(self, rows: Iterable[tuple[Content, Any]], empty: str = "Nothing to show.") -> None:
        """Replace the rows; each is (prompt, payload). Keeps no stale payloads around."""
        self.payloads = {}
        options: list[Option | None] = []
        for n, (prompt, payload) in enumerate(rows):
            key = f"row-{n}"
            self.payloads[key] = payload
            if options and not getattr(self.app, "ascii_glyphs", False):
                options.append(None)  # a thin rule between multi-line rows (a box-drawing line)
            options.append(Option(prompt, id=key))
        if not options:
            options.append(Option(Content(empty).stylize(".sahel--muted"), disabled=True))
        self.set_options(options)
        self.highlighted = 0 if self.payloads else None

    def append_rows(self, rows: Iterable[tuple[Content, Any]]) -> None:
        """Add rows at the end (the next page of a long list), the cursor staying where it is."""
        options: list[Option | None] = []
        for prompt, payload in rows:
            key = f"row-{len(self.payloads)}"
            self.payloads[key] = payload
            options += [None, Option(prompt, id=key)]
        if options:
            self.add_options(options)

    def near_end(self, index: int | None) -> bool:
        """Is the option at ``index`` among the last few rows (time to load the next page)?"""
        return index is not None and index >= self.option_count - 6

    def show_sections(self, sections: Iterable[tuple[str, list[tuple[Content, Any]]]]) -> None:
        """Rows grouped under disabled headings (the profile screen's layout)."""
        self.payloads = {}
        options: list[Option] = []
        for heading, rows in sections:
            options.append(Option(Content(heading).stylize(".sahel--heading"), disabled=True))
            if not rows:
                options.append(Option(Content("  none").stylize(".sahel--muted"), disabled=True))
            for prompt, payload in rows:
                key = f"row-{len(self.payloads)}"
                self.payloads[key] = payload
                options.append(Option(prompt, id=key))
        self.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.highlighted = first

    def render_line(self, y: int) -> Strip:
        """Textual's line; the selected row in reverse video where colour cannot show it (16 colours,
        NO_COLOR), since OptionList's highlight style drops `reverse`. Lines carry their option
        index in their style's meta, which is how the selected row's lines are found."""
        strip = super().render_line(y)
        app = self.app
        if self.highlighted is not None and (app.no_color or app.native_ansi_color) \
                and _option_index(strip) == self.highlighted:
            return strip.apply_style(REVERSE)
        return strip

    def payload(self, option: Option | None) -> Any:
        """The value behind an option (None for headings and placeholders)."""
        return self.payloads.get(option.id) if option is not None and option.id else None

    @property
    def current(self) -> Any:
        """The value behind the highlighted row."""
        return self.payload(self.highlighted_option)
