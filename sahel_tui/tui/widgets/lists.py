"""The list every pane uses: an OptionList with vi keys and a payload per row.

Rows carry the value Enter acts on (a SearchHit, an EventHit …) in `payloads`, keyed by the
option id, so a pane turns a selection into a message without re-querying anything.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SahelList(OptionList):
    """A keyboard list: j/k and arrows move, g/G jump to the ends, Enter selects."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Open"),
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
            if options:
                options.append(None)  # a thin rule between multi-line rows
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

    def payload(self, option: Option | None) -> Any:
        """The value behind an option (None for headings and placeholders)."""
        return self.payloads.get(option.id) if option is not None and option.id else None

    @property
    def current(self) -> Any:
        """The value behind the highlighted row."""
        return self.payload(self.highlighted_option)
