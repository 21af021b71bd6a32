"""The sahel-tui Textual app: owns the screens, the global keys and the Library's lifecycle.

The focus model (one for every screen; tests/tui/test_focus_matrix.py walks it):

- Global keys live here, on the App, so they are at the end of every screen's binding chain:
  `1`-`5` panes, `/` search box, `?` help, `q` quit, `ctrl+p` palette, `ctrl+t` theme. From any
  screen they first return to the main screen. `ctrl+q` (Textual's priority binding) always quits.
- A text box (search, filter, name box) consumes printable keys: there `q`, `?`, `1` … type, and
  Textual drops the bindings they would trigger from the footer, so the footer never lies.
  Escape (or Down, or Enter) hands focus back to the pane's list.
- The first screen starts on the search pane's *list* (newest articles); `/` is one key away.
  Switching panes with `1`-`5` lands on that pane's list; `/` and `f` are the only ways into a box
  (plus Tab / Shift+Tab, which also reach the actors' type selector).
- Escape from the reader or a profile pops back to the screen below, whose focus Textual restores;
  the main screen moves it from a box to its list, so the row that was opened is still selected.

The first screen is drawn before the index is touched: the Library is created and brought up to
date in a thread worker (a first launch builds the index behind a progress bar), then handed to
the panes. Navigation requests (OpenArticle, OpenActor) bubble up here and become pushed screens;
escape pops them. No domain logic lives here.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from ..config import Config, load_settings, save_settings
from ..core.text import inert_line
from .display import count_text
from .gc_pacing import CHECK_S, GcPacer
from .handle import LibraryHandle
from .messages import OpenActor, OpenArticle
from .palette import SahelCommands
from .screens.help import HelpScreen
from .screens.main import PANES, MainScreen
from .screens.profile import ProfileScreen
from .screens.reader import ReaderScreen
from .themes import (
    DARK,
    HIGH_CONTRAST,
    LOW_COLOUR,
    AsciiScrollBarRender,
    ascii_terminal,
    low_colour_terminal,
    next_theme,
)

if TYPE_CHECKING:
    from ..core.indexer import BuildReport
    from ..core.library import Library

log = logging.getLogger(__name__)

ASCII_KEYS = {"enter": "Enter", "escape": "Esc", "up": "Up", "down": "Down", "left": "Left", "right": "Right"}
PROGRESS_INTERVAL = 0.1  # seconds between progress redraws during a build


class SahelApp(App[int]):
    """Offline briefing reader. Pass a Library to reuse one (tests); otherwise one is opened lazily."""

    CSS_PATH = Path(__file__).with_name("sahel.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "sahel-tui"
    COMMANDS = App.COMMANDS | {SahelCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", tooltip="this help (every key, generated from the bindings)"),
        Binding("q", "quit", "Quit", tooltip="quit (in a text box q types; ctrl+q always quits)"),
        Binding("slash", "search", "Search", tooltip="go to the search box"),
        *(Binding(str(n), f"show_pane('{name}')", title, show=False, tooltip=f"the {title.lower()} pane")
          for n, (name, title) in enumerate(PANES.items(), 1)),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, tooltip="next theme (remembered)"),
        Binding("x", "correct", "Correct", show=False, tooltip="correct the selected quote, event or mention"),
        Binding("u", "undo_correction", "Undo fix", show=False, tooltip="undo your last correction"),
    ]

    def __init__(self, config: Config, library: Library | None = None, theme: str | None = None,
                 remember_theme: bool = True, debounce: float | None = None) -> None:
        super().__init__()
        self.config = config
        self.debounce = debounce  # typing pause before a search/filter runs; None: the panes' defaults
        self.handle: LibraryHandle | None = None
        self._library = library
        self._remember_theme = remember_theme
        self._last_progress = 0.0
        self._gc = GcPacer()  # full collections while idle, once the index is open
        self.register_theme(HIGH_CONTRAST)
        self.ascii_glyphs = ascii_terminal(os.environ)
        wanted = theme or load_settings(config).get("theme") or DARK
        if theme is None and not self.no_color and low_colour_terminal(os.environ, self.console.color_system):
            wanted = LOW_COLOUR  # a truecolour theme folds into one grey on 16 colours
        # (not under NO_COLOR: Textual chose its Monochrome filter for a truecolour theme at start,
        # and Monochrome turns an ANSI theme's default colours into black on black)
        self.theme = wanted if wanted in self.available_themes else DARK

    def notify(self, message: str, *, title: str = "", **kwargs: Any) -> None:
        """Every notice is made inert first: it may quote a file name or a title from the corpus."""
        super().notify(inert_line(message), title=inert_line(title), **kwargs)

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        self.set_class(self.ascii_glyphs, "-ascii")  # sahel.tcss swaps glyphs a console font lacks
        if self.ascii_glyphs:  # Textual's documented hook; put back on unmount (one app per process,
            ScrollBar.renderer = AsciiScrollBarRender  # but tests run many)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for note in self.config.notes:
            self.notify(note, title="Note", timeout=8, markup=False)
        self.call_after_refresh(self._open_library)  # draw the first frame before importing Whoosh
        self.set_interval(CHECK_S, self._gc.tick)

    def on_unmount(self) -> None:
        ScrollBar.renderer = ScrollBarRender
        self._gc.restore()  # collections as before (an app run in a longer process: the tests)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._gc.input_seen()  # a full collection waits until keys and mouse are quiet
        await super().on_event(event)

    def _main_screen(self) -> MainScreen | None:
        """The main screen, or None while the app starts or shuts down (no screen mounted):
        workers finish after the screens are gone, and their callbacks must not raise."""
        stack = self.screen_stack if self.is_running else []
        screen = stack[0] if stack else None
        return screen if isinstance(screen, MainScreen) else None

    def _on_main(self, method: str, *args: object) -> None:
        """Call a MainScreen method if there is one (see _main_screen)."""
        screen = self._main_screen()
        if screen is not None:
            getattr(screen, method)(*args)

    def _from_thread(self, method: str, *args: object) -> None:
        """`_on_main` from a worker thread (see _call_safely)."""
        self._call_safely(self._on_main, method, *args)

    def _call_safely(self, callback: Callable[..., object], *args: object) -> None:
        """call_from_thread, or nothing once the app has stopped (a late worker must not raise)."""
        if self.is_running:
            try:
                self.call_from_thread(callback, *args)
            except RuntimeError:  # the app stopped between the check and the call
                log.debug("app stopped before %s ran", getattr(callback, "__name__", callback))

    # ------------------------------------------------------------ the Library
    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self) -> None:
        """Create (importing Whoosh here, off the first frame), update and open the index."""
        from ..core.library import Library
        from ..core.search import IndexProblem

        library = self._library or Library(self.config)
        handle = LibraryHandle(library)
        try:  # the index as it is: searchable at once, while the corpus is checked for changes
            handle.run(lambda lib: lib.open_existing())
            self._call_safely(self._library_opened, handle)
            handle.warm()  # the palette's actor list: not needed to start searching
            opened = True
        except IndexProblem:
            opened = False
        report = handle.run(lambda lib: lib.ensure_index(progress=self._progress))
        if opened and report.action == "none":
            self._gc.settle()
            self._from_thread("show_status", count_text(report.articles, "article"))
            return
        handle.warm()
        self._gc.settle()
        self._call_safely(self._library_ready, handle, report)

    def _library_opened(self, handle: LibraryHandle) -> None:
        """The existing index is open: panes can search while the corpus is checked."""
        self.handle = handle
        count = handle.library.article_count()
        self._on_main("library_ready", handle, f"{count_text(count, 'article')} · checking for new files…")

    def _progress(self, done: int, total: int, message: str) -> None:
        """Index build progress (worker thread); redraws at most every PROGRESS_INTERVAL."""
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL or done >= total:
            self._last_progress = now
            self._from_thread("show_progress", done, total, message)

    def _library_ready(self, handle: LibraryHandle, report: BuildReport) -> None:
        self.handle = handle
        summary = count_text(report.articles, "article")
        if report.action != "none":
            summary += f" · indexed {report.indexed} in {report.seconds:.1f}s"
        if report.articles == 0:
            self.notify(f"No articles found in {self.config.corpus}.", severity="warning", timeout=10, markup=False)
        if report.problems:
            from ..core.readers import not_read_summary
            summary += f" · {len(report.problems)} files not read"
            self.notify(not_read_summary(report.problems), severity="warning", timeout=8, markup=False)
        for folder in report.unreadable:
            summary += " · a folder could not be read"
            self.notify(f"Cannot read folder {folder}: its articles are kept as they were (stale).",
                        severity="error", timeout=10, markup=False)
        for note in handle.library.notes:
            if note not in self.config.notes:
                self.notify(note, title="Note", timeout=8, markup=False)
        screen = self._main_screen()
        if screen is None:
            return
        if screen.handle is handle:  # reopened after an update: let the panes load again
            screen.handle = None
        screen.library_ready(handle, summary)
        if report.action != "none":
            from .corrections import check_stale
            check_stale(self, handle)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed becomes a notification (and an in-pane message for the index)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        log.error("worker %s failed: %r", event.worker.name, error)
        if self._main_screen() is None:  # shutting down: nothing left to tell
            return
        message = f"{type(error).__name__}: {error}"
        if event.worker.group == "library":
            message = f"Could not open the index ({message}). Try `sahel-tui index --rebuild`."
            self._on_main("library_failed", message)
        self.notify(message, severity="error", timeout=10, markup=False)

    def action_add_files(self) -> None:
        """Palette "Add files…": ask for paths, copy them into the corpus, update the index."""
        from .screens.add_files import AddFilesScreen
        self.push_screen(AddFilesScreen(self.config.corpus), self._paths_chosen)

    def _paths_chosen(self, paths: list[str] | None) -> None:
        self._add_files(paths)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _add_files(self, paths: list[str] | None) -> None:
        if not paths or self.handle is None:
            return
        from ..core.adding import add_paths
        handle = self.handle
        added = add_paths([Path(p).expanduser() for p in paths], self.config.corpus)
        self.call_from_thread(self.notify, added.summary(), severity="warning" if added.failed else "information",
                              timeout=8, markup=False)
        report = handle.run(lambda lib: lib.ensure_index(progress=self._progress))
        handle.warm()
        self._gc.settle()
        self.call_from_thread(self._library_ready, handle, report)

    # ------------------------------------------------------------ navigation
    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        if self.handle is not None:
            self.push_screen(ReaderScreen(self.handle, message))

    @on(OpenActor)
    def _open_actor(self, message: OpenActor) -> None:
        self.open_actor(message.actor_id)

    def open_actor(self, actor_id: str) -> None:
        if self.handle is not None:
            self.push_screen(ProfileScreen(self.handle, actor_id))

    def action_back(self) -> None:  # type: ignore[override]  # a sync action: Escape pops one screen
        """Escape: return to the previous screen (the main screen stays at the bottom)."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_correct(self) -> None:
        from .corrections import start_correction
        start_correction(self, self.handle)

    def action_undo_correction(self) -> None:
        from .corrections import start_undo
        start_undo(self, self.handle)

    def action_corrections(self) -> None:
        from .screens.corrections import CorrectionsScreen
        if self.handle is not None and not isinstance(self.screen, CorrectionsScreen):
            self.push_screen(CorrectionsScreen(self.handle))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _to_main(self) -> MainScreen | None:
        """Pop every screen above the main one (global keys work from any screen)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self._main_screen()

    def action_show_pane(self, name: str) -> None:
        """Back to the main screen, on a pane's list (keys 1-5, command palette)."""
        if (screen := self._to_main()) is not None:
            screen.action_show_pane(name)

    def action_search(self) -> None:
        """`/`: back to the main screen, into the search box."""
        if (screen := self._to_main()) is not None:
            screen.action_search()

    def filter_pane(self, name: str, box: str) -> None:
        if (screen := self._to_main()) is not None:
            screen.apply_filter(name, box)

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the footer; words instead of ⏎ and arrows where the font may lack them."""
        if self.ascii_glyphs:
            return ASCII_KEYS.get(binding.key, super().get_key_display(binding))
        return super().get_key_display(binding)

    # ------------------------------------------------------------ theme
    def action_toggle_theme(self) -> None:
        """ctrl+t: dark → light → high contrast → 16 colours → dark."""
        self.theme = next_theme(self.theme, skip=(LOW_COLOUR,) if self.no_color else ())

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the theme (whichever way it was chosen) in the settings file."""
        if not self._remember_theme:
            return
        settings = load_settings(self.config)
        if settings.get("theme") != theme.name:
            settings["theme"] = theme.name
            if not save_settings(self.config, settings):
                self.notify("Could not save the theme: the data folder is read-only.", severity="warning")


def run_app(config: Config) -> int:
    """Run the app on a resolved config (the Library is opened inside the app); exit status 0."""
    app = SahelApp(config)
    app.run()
    if app.handle is not None:
        app.handle.library.close()
    return 0
