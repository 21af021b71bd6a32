"""What every pane shares: the Library handle flowing down, and loading only once it is seen.

The screen binds `handle` (data_bind) and calls `activate()` when the pane's tab is shown, so a
pane the user never opens never queries the index (2-core laptops: the search comes first).
"""
from __future__ import annotations

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from ..handle import LibraryHandle
from .lists import SahelList


def debounce_seconds(app: App[object], default: float) -> float:
    """The typing pause before a box re-runs its query: the app's `debounce` if it sets one
    (tests set 0: run at once, no waiting), else the pane's default."""
    value = getattr(app, "debounce", None)
    return default if value is None else float(value)


class Pane(Vertical):
    """A tab's content. Subclasses implement `load()` (start a worker) and `focus_main()`."""

    BINDINGS = [Binding("down,j", "focus_list", "To the list", show=False,  # from a box: j types, ↓ leaves
                        tooltip="from a box (↓) or the actors' type selector (↓ j): to the list")]

    handle: reactive[LibraryHandle | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._active = False
        self._loaded = False

    def watch_handle(self, handle: LibraryHandle | None) -> None:
        self._loaded = False
        self._load_if_ready()

    def activate(self) -> None:
        """The pane is on screen: load it now if the Library is ready and it never loaded."""
        self._active = True
        self._load_if_ready()

    def _load_if_ready(self) -> None:
        if self._active and self.handle is not None and not self._loaded:
            self._loaded = True
            self.load()

    def load(self) -> None:
        """Fill the pane from the Library (override; runs once per handle)."""

    def focus_main(self) -> None:
        """Focus the widget a user starts with on this pane (the list, unless overridden)."""
        self.focus_list()

    def focus_list(self) -> None:
        """Focus the list now (not on the next idle, as Widget.focus does): keys typed right after
        a pane switch or an Enter must reach the list, not the box they were typed from."""
        self.screen.set_focus(self.query_one(SahelList))

    def action_focus_list(self) -> None:
        self.focus_list()


class FilteredPane(Pane):
    """A pane whose list is driven by a filter box (id FILTER_ID): typing re-runs it after a
    short pause, Enter moves to the list, and the screen or palette can focus or fill the box.
    `s` cycles the list's order (SORTS); reaching the last rows loads the next page."""

    BINDINGS = [Binding("s", "cycle_sort", "Sort")]
    FILTER_ID = ""
    DEBOUNCE_SECONDS = 0.2
    SORTS: tuple[str, ...] = ("newest",)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._sort = 0

    @property
    def sort(self) -> str:
        return self.SORTS[self._sort]

    def action_cycle_sort(self) -> None:
        """Next order (newest, oldest, toll …), the filter kept."""
        self._sort = (self._sort + 1) % len(self.SORTS)
        self.apply_filter(self.filter_box().value)

    def show_error(self, info: Static, message: str) -> None:
        """A query the core refused: say why under the box and clear the list (never leave a stale
        list under an error)."""
        info.update(Content(message).stylize(".sahel--error"))
        self.query_one(SahelList).show_rows([], empty="Nothing shown: fix the filter above.")

    def filter_box(self) -> Input:
        return self.query_one(f"#{self.FILTER_ID}", Input)

    def focus_filter(self) -> None:
        self.screen.set_focus(self.filter_box())

    def set_filter(self, box: str) -> None:
        """Put a filter in the box (e.g. from the command palette); it runs as if typed."""
        self.filter_box().value = box

    def load(self) -> None:
        self.apply_filter(self.filter_box().value)

    def apply_filter(self, box: str) -> None:
        """Run the filter (override)."""

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.input.id != self.FILTER_ID:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        delay = debounce_seconds(self.app, self.DEBOUNCE_SECONDS)
        if delay <= 0:
            self.apply_filter(event.value)
        else:
            self._timer = self.set_timer(delay, lambda: self.apply_filter(event.value))

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.FILTER_ID:
            self.focus_list()
