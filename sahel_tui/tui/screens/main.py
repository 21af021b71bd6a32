"""The main screen: four panes in tabs (search, timeline, actors, quotes) and the loading bar.

It mediates: the Library handle flows down to the panes (data_bind), the panes' messages flow
up to the app, which opens readers and profiles. Number keys switch panes, `/` goes to search.
"""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Input, ProgressBar, Static, TabbedContent, TabPane

from ..handle import LibraryHandle
from ..text import plain
from ..widgets.actors_pane import ActorsPane
from ..widgets.brief_pane import BriefPane
from ..widgets.pane import Pane
from ..widgets.quotes_pane import QuotesPane
from ..widgets.search_pane import SearchPane
from ..widgets.timeline_pane import TimelinePane
from .briefing_keys import BriefingScreen

PANES = {"search": "1 Search", "timeline": "2 Timeline", "actors": "3 Actors", "quotes": "4 Quotes",
         "brief": "5 Brief"}


class MainScreen(BriefingScreen):
    """Tabs of panes over one Library; a status line says what the index holds or is doing."""

    BINDINGS = [
        Binding("1", "show_pane('search')", "Search", show=False),
        Binding("2", "show_pane('timeline')", "Timeline", show=False),
        Binding("3", "show_pane('actors')", "Actors", show=False),
        Binding("4", "show_pane('quotes')", "Quotes", show=False),
        Binding("5", "show_pane('brief')", "Brief", show=False),
        Binding("slash", "search", "Search"),
        Binding("f", "filter", "Filter"),
        Binding("escape", "leave_input", "To list", show=False),
    ]

    handle: reactive[LibraryHandle | None] = reactive(None)

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-bar"):
            yield Static(Content("sahel-tui").stylize(".sahel--title"), id="status-title")
            yield Static("Checking the index…", id="status", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        with TabbedContent(id="tabs"):
            with TabPane(PANES["search"], id="search"):
                yield SearchPane(id="search-pane").data_bind(MainScreen.handle)
            with TabPane(PANES["timeline"], id="timeline"):
                yield TimelinePane(id="timeline-pane").data_bind(MainScreen.handle)
            with TabPane(PANES["actors"], id="actors"):
                yield ActorsPane(id="actors-pane").data_bind(MainScreen.handle)
            with TabPane(PANES["quotes"], id="quotes"):
                yield QuotesPane(id="quotes-pane").data_bind(MainScreen.handle)
            with TabPane(PANES["brief"], id="brief"):
                yield BriefPane(id="brief-pane").data_bind(MainScreen.handle)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress").display = False
        self.pane("search").activate()
        self.pane("search").focus_main()

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}-pane", Pane)

    @property
    def search_pane(self) -> SearchPane:
        return self.query_one(SearchPane)

    @property
    def active_pane(self) -> str:
        return self.query_one(TabbedContent).active or "search"

    # ------------------------------------------------------------ loading
    def show_progress(self, done: int, total: int, message: str) -> None:
        """Progress of a first build or an update (called on the UI thread)."""
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#status", Static).update(plain(f"Indexing {done}/{total}: {message}"))
        self.search_pane.show_message(Content(f"Building the index: {done} of {total} articles. You can type; "
                                              "results appear when it is ready.").stylize(".sahel--note"))

    def library_ready(self, handle: LibraryHandle, summary: str) -> None:
        self.query_one("#progress").display = False
        self.query_one("#status", Static).update(Content(summary).stylize(".sahel--meta"))
        self.handle = handle

    def show_status(self, summary: str) -> None:
        """The line under the title: what the index holds."""
        self.query_one("#status", Static).update(Content(summary).stylize(".sahel--meta"))

    def library_failed(self, message: str) -> None:
        self.query_one("#progress").display = False
        self.query_one("#status", Static).update(plain(message, ".sahel--error"))
        self.search_pane.show_message(plain(message, ".sahel--error"))

    # ------------------------------------------------------------ navigation
    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self.pane(event.pane.id).activate()

    def action_show_pane(self, name: str) -> None:
        """Switch to a pane and put the focus where a user starts there."""
        self.query_one(TabbedContent).active = name
        self.pane(name).activate()
        self.pane(name).focus_main()

    def action_search(self) -> None:
        self.action_show_pane("search")

    def action_filter(self) -> None:
        """Focus the active pane's filter box (the search box on the search pane)."""
        pane = self.pane(self.active_pane)
        focus_filter = getattr(pane, "focus_filter", pane.focus_main)
        focus_filter()

    def action_leave_input(self) -> None:
        """Escape in a filter or search box moves to the pane's list (so keys like 1-4 work)."""
        if isinstance(self.focused, Input):
            self.pane(self.active_pane).focus_list()

    def apply_filter(self, pane: str, box: str) -> None:
        """Show a pane with a filter typed in (used by the command palette and profile links)."""
        self.action_show_pane(pane)
        target = self.pane(pane)
        if hasattr(target, "set_filter"):
            target.set_filter(box)
