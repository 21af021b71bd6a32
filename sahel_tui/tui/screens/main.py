"""The main screen: four panes in tabs (search, timeline, actors, quotes) and the loading bar.

It mediates: the Library handle flows down to the panes (data_bind), the panes' messages flow
up to the app, which opens readers and profiles. The number keys and `/` are the app's (global
keys, see app.py for the focus model); this screen owns `f` and Escape out of a box.
"""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static, TabbedContent, TabPane

from ..display import plain
from ..handle import LibraryHandle
from ..widgets.actors_pane import ActorsPane
from ..widgets.brief_pane import BriefPane
from ..widgets.lists import SahelList
from ..widgets.pane import Pane
from ..widgets.quotes_pane import QuotesPane
from ..widgets.search_pane import SearchPane
from ..widgets.timeline_pane import TimelinePane
from .base import SahelFooter
from .briefing_keys import BriefingScreen

#: Pane id -> title, in key order: pane N is shown by key N (the app's bindings are made from this).
PANES = {"search": "Search", "timeline": "Timeline", "actors": "Actors", "quotes": "Quotes", "brief": "Brief"}


def _tab(name: str) -> str:
    """A tab's label: its key and title ('1 Search')."""
    return f"{list(PANES).index(name) + 1} {PANES[name]}"


class MainScreen(BriefingScreen):
    """Tabs of panes over one Library; a status line says what the index holds or is doing."""

    BINDINGS = [
        Binding("f", "filter", "Filter", tooltip="go to the pane's filter box (the search box on pane 1)"),
        Binding("escape", "leave_input", "List", tooltip="in a box or the type selector: back to the pane's list"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is offered (and shown in the footer) only where it does something: out of a box."""
        if action == "leave_input":
            return self.focused is not None and not isinstance(self.focused, SahelList)
        return True

    handle: reactive[LibraryHandle | None] = reactive(None)

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-bar"):
            yield Static(Content("sahel-tui").stylize(".sahel--title"), id="status-title")
            yield Static("Checking the index…", id="status", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        with TabbedContent(id="tabs"):
            with TabPane(_tab("search"), id="search"):
                yield SearchPane(id="search-pane").data_bind(MainScreen.handle)
            with TabPane(_tab("timeline"), id="timeline"):
                yield TimelinePane(id="timeline-pane").data_bind(MainScreen.handle)
            with TabPane(_tab("actors"), id="actors"):
                yield ActorsPane(id="actors-pane").data_bind(MainScreen.handle)
            with TabPane(_tab("quotes"), id="quotes"):
                yield QuotesPane(id="quotes-pane").data_bind(MainScreen.handle)
            with TabPane(_tab("brief"), id="brief"):
                yield BriefPane(id="brief-pane").data_bind(MainScreen.handle)
        yield SahelFooter()

    def on_mount(self) -> None:
        """Start on the search pane's list: every global key works at once, `/` opens the box."""
        self.query_one("#progress").display = False
        self.pane("search").activate()
        self.pane("search").focus_list()

    def on_screen_suspend(self) -> None:
        """Leaving for the reader or a profile: the way back is to the list (the row that was opened
        is still selected), even if the article was opened with Enter in a box. Done now, not on
        resume, so a global key that returns here (`/`) can still choose the box."""
        if not isinstance(self.focused, SahelList):
            self.pane(self.active_pane).focus_list()

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
        """Switch to a pane, on its list (so the next key is a key, not a letter in a box)."""
        self.query_one(TabbedContent).active = name
        self.pane(name).activate()
        self.pane(name).focus_list()

    def action_search(self) -> None:
        """Into the search box (from the app's `/`)."""
        self.action_show_pane("search")
        self.pane("search").focus_main()

    def action_filter(self) -> None:
        """Focus the active pane's filter box (the search box on the search pane)."""
        pane = self.pane(self.active_pane)
        focus_filter = getattr(pane, "focus_filter", pane.focus_main)
        focus_filter()

    def action_leave_input(self) -> None:
        """Escape in a box or a selector moves to the pane's list (so keys like 1-4 work)."""
        if self.focused is not None and not isinstance(self.focused, SahelList):
            self.pane(self.active_pane).focus_list()

    def apply_filter(self, pane: str, box: str) -> None:
        """Show a pane with a filter typed in (used by the command palette and profile links)."""
        self.action_show_pane(pane)
        target = self.pane(pane)
        if hasattr(target, "set_filter"):
            target.set_filter(box)
