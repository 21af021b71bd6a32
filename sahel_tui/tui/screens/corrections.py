"""Every correction you made, with whether it still applies; filter by typing, undo with Enter or u.

Opened from the command palette ("Corrections"). The status of each correction comes from the
core (Corrector.status re-applies the log to a fresh extraction), loaded in a worker.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Input, Static

from ..corrections import describe, reload_screens
from ..display import plain, shorten
from ..widgets.lists import SahelList
from .base import SahelScreen

if TYPE_CHECKING:
    from ...core.corrections import Correction
    from ...core.library import Library
    from ..handle import LibraryHandle


def correction_row(c: Correction, status: str) -> Content:
    """What it does, then when, by whom, on which article, and whether it still applies."""
    where = c.article or "every article"
    flag = plain(status, ".sahel--meta" if status == "applied" else ".sahel--error")
    meta = Content(" · ").join([plain(f"#{c.id}"), plain(c.day), plain(c.author), plain(where), flag])
    return Content("\n").join([plain(shorten(describe(c), 160), ".sahel--title"), meta.stylize(".sahel--meta")])


class CorrectionsScreen(SahelScreen):
    """The correction log as a filterable list."""

    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("u", "undo_selected", "Undo this"),
        Binding("f", "filter", "Filter"),
    ]

    def __init__(self, handle: LibraryHandle) -> None:
        super().__init__()
        self.handle = handle
        self.rows: list[tuple[Correction, str]] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("Your corrections").stylize(".sahel--title"), id="corrections-title")
        yield Input(placeholder="Filter: any words of the correction, article, author or status",
                    id="corrections-filter", compact=True)
        yield Static("Loading…", id="corrections-info", markup=False)
        yield SahelList(id="corrections-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SahelList).focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        from ...core.correcting import Corrector

        def ask(lib: Library) -> list[tuple[Correction, str]]:
            fixer = Corrector(lib)
            try:
                return fixer.status()
            finally:
                fixer.close()
        rows = self.handle.run(ask)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[tuple[Correction, str]]) -> None:
        self.rows = rows
        self._filter(self.query_one("#corrections-filter", Input).value)

    @on(Input.Changed, "#corrections-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @on(Input.Submitted, "#corrections-filter")
    def _submitted(self) -> None:
        self.query_one(SahelList).focus()

    def _filter(self, box: str) -> None:
        words = box.casefold().split()
        shown = [(c, s) for c, s in reversed(self.rows)
                 if all(w in f"{describe(c)} {c.article} {c.author} {s} {c.day}".casefold() for w in words)]
        stale = sum(s != "applied" for _, s in self.rows)
        info = f"{len(shown)} of {len(self.rows)} corrections, newest first"
        if stale:
            info += f" · {stale} no longer apply: source changed or not found"
        self.query_one("#corrections-info", Static).update(Content(info).stylize(".sahel--count"))
        self.query_one(SahelList).show_rows([(correction_row(c, s), c) for c, s in shown],
                                            empty="No corrections yet: press x on a quote, event or mention.")

    def action_filter(self) -> None:
        self.query_one("#corrections-filter", Input).focus()

    @on(SahelList.OptionSelected, "#corrections-list")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        self.action_undo_selected()

    def action_undo_selected(self) -> None:
        chosen = self.query_one(SahelList).current
        if chosen is not None:
            self._undo(chosen.uid)

    @work(thread=True, exit_on_error=False)
    def _undo(self, uid: str) -> None:
        from ...core.correcting import Corrector

        def ask(lib: Library) -> Correction:
            fixer = Corrector(lib)
            try:
                return fixer.undo(uid)
            finally:
                fixer.close()
        undone = self.handle.run(ask)
        self.handle.warm()
        self.app.call_from_thread(self._undone, undone)

    def _undone(self, undone: Correction) -> None:
        self.notify(f"Undone: {describe(undone)}", timeout=4, markup=False)
        reload_screens(self.app)

