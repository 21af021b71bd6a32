"""The list every pane uses: an OptionList with vi keys and a payload per row.

Rows carry the value Enter acts on (a SearchHit, an EventHit …) in `payloads`, keyed by the
option id, so a pane turns a selection into a message without re-querying anything.

Long lists are added in small batches: the first screenful at once, the rest a batch per turn
of the event loop (an async worker), so a keystroke is echoed between two batches instead of
waiting for a thousand rows to be measured. Each row carries the rule drawn below it (so adding
rows never re-measures the ones already there); the last row's rule is not drawn.
"""
from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import Any

from rich.style import Style
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

REVERSE = Style(reverse=True)
FIRST_BATCH = 50  # rows shown at once: more than a screenful
BATCH = 25  # rows added per turn of the event loop after that (each is measured: a few ms in all)


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
        self._fill = 0  # bumped by every show_*: a batch of an older fill stops at its next turn
        self._pending = 0  # options still to add

    @property
    def filling(self) -> bool:
        """Are rows still being added (the end of the list is not the end of the page yet)?"""
        return self._pending > 0

    def _rules(self) -> bool:
        return not getattr(self.app, "ascii_glyphs", False)

    def _options_for(self, rows: Iterable[tuple[Content, Any]]) -> list[Option | None]:
        """Options for rows (payloads registered), each followed by its rule when rules are drawn."""
        options: list[Option | None] = []
        rules = self._rules()
        for prompt, payload in rows:
            key = f"row-{len(self.payloads)}"
            self.payloads[key] = payload
            options.append(Option(prompt, id=key))
            if rules:
                options.append(None)  # a thin rule below the row (a box-drawing line)
        return options

    def show_rows(self, rows: Iterable[tuple[Content, Any]], empty: str = "Nothing to show.") -> None:
        """Replace the rows; each is (prompt, payload). Keeps no stale payloads around."""
        self.payloads = {}
        options = self._options_for(rows)
        if not options:
            options.append(Option(Content(empty).stylize(".sahel--muted"), disabled=True))
        self._show_options(options)
        self.highlighted = 0 if self.payloads else None

    def append_rows(self, rows: Iterable[tuple[Content, Any]]) -> None:
        """Add rows at the end (the next page of a long list), the cursor staying where it is."""
        options = self._options_for(rows)
        if options:
            self._add_soon(options, self._fill)

    def _show_options(self, options: list[Option | None]) -> None:
        """Replace every option: the first batch now, the rest soon."""
        self._fill += 1
        self._pending = 0
        head = FIRST_BATCH * (2 if self._rules() else 1)
        self.set_options(options[:head])
        if len(options) > head:
            self._add_soon(options[head:], self._fill)

    def _add_soon(self, options: Sequence[Option | None], fill: int) -> None:
        self._pending += len(options)
        self.run_worker(self._add_in_batches(options, fill), group="list-fill", exit_on_error=False)

    async def _add_in_batches(self, options: Sequence[Option | None], fill: int) -> None:
        """Add options a batch per turn of the event loop; stop when a newer fill replaced them.
        Ends normally either way (never cancelled), so waiting for workers never fails on it."""
        step = BATCH * (2 if self._rules() else 1)
        for start in range(0, len(options), step):
            await asyncio.sleep(0)
            if fill != self._fill:
                return
            batch = options[start:start + step]
            self.add_options(batch)
            self._pending -= len(batch)

    def near_end(self, index: int | None) -> bool:
        """Is the option at ``index`` among the last few rows (time to load the next page)? Never
        while rows of the page are still being added."""
        return index is not None and not self.filling and index >= self.option_count - 6

    def show_sections(self, sections: Iterable[tuple[str, list[tuple[Content, Any]]]]) -> None:
        """Rows grouped under disabled headings (the profile screen's layout)."""
        self.payloads = {}
        options: list[Option | None] = []
        for heading, rows in sections:
            options.append(Option(Content(heading).stylize(".sahel--heading"), disabled=True))
            if not rows:
                options.append(Option(Content("  none").stylize(".sahel--muted"), disabled=True))
            for prompt, payload in rows:
                key = f"row-{len(self.payloads)}"
                self.payloads[key] = payload
                options.append(Option(prompt, id=key))
        self._show_options(options)
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        self.highlighted = first

    def render_line(self, y: int) -> Strip:
        """Textual's line; the selected row in reverse video where colour cannot show it (16 colours,
        NO_COLOR), since OptionList's highlight style drops `reverse`. Lines carry their option
        index in their style's meta, which is how the selected row's lines are found. The rule
        below the last row is not drawn (the list ends there)."""
        if self._is_last_rule(self.scroll_offset.y + y):
            return Strip.blank(self.scrollable_content_region.width,
                               self.get_visual_style("option-list--option").rich_style)
        strip = super().render_line(y)
        app = self.app
        if self.highlighted is not None and (app.no_color or app.native_ansi_color) \
                and _option_index(strip) == self.highlighted:
            return strip.apply_style(REVERSE)
        return strip

    def _is_last_rule(self, line: int) -> bool:
        options = self.options
        return bool(options) and options[-1]._divider and line == len(self._lines) - 1

    def payload(self, option: Option | None) -> Any:
        """The value behind an option (None for headings and placeholders)."""
        return self.payloads.get(option.id) if option is not None and option.id else None

    @property
    def current(self) -> Any:
        """The value behind the highlighted row."""
        return self.payload(self.highlighted_option)
