"""The sahel-tui Textual app: owns the screens, the global keys and the Library's lifecycle.

The first screen is drawn before the index is touched: the Library is created and brought up to
date in a thread worker (a first launch builds the index behind a progress bar), then handed to
the panes. Navigation requests (OpenArticle, OpenActor) bubble up here and become pushed screens;
escape pops them. No domain logic lives here.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from ..config import Config, load_settings, save_settings
from ..core.text import inert_line
from .handle import LibraryHandle
from .messages import OpenActor, OpenArticle
from .palette import SahelCommands
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.profile import ProfileScreen
from .screens.reader import ReaderScreen

if TYPE_CHECKING:
    from ..core.indexer import BuildReport
    from ..core.library import Library

log = logging.getLogger(__name__)

DARK, LIGHT = "textual-dark", "textual-light"
PROGRESS_INTERVAL = 0.1  # seconds between progress redraws during a build


class SahelApp(App[int]):
    """Offline briefing reader. Pass a Library to reuse one (tests); otherwise one is opened lazily."""

    CSS_PATH = Path(__file__).with_name("sahel.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "sahel-tui"
    COMMANDS = App.COMMANDS | {SahelCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("x", "correct", "Correct", show=False, tooltip="Correct the selected quote, event or mention"),
        Binding("u", "undo_correction", "Undo fix", show=False, tooltip="Undo your last correction"),
    ]

    def __init__(self, config: Config, library: Library | None = None, theme: str | None = None,
                 remember_theme: bool = True) -> None:
        super().__init__()
        self.config = config
        self.handle: LibraryHandle | None = None
        self._library = library
        self._remember_theme = remember_theme
        self._last_progress = 0.0
        wanted = theme or load_settings(config).get("theme") or DARK
        self.theme = wanted if wanted in self.available_themes else DARK

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:  # type: ignore[override]
        """Every notice is made inert first: it may quote a file name or a title from the corpus."""
        super().notify(inert_line(message), title=inert_line(title), **kwargs)

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for note in self.config.notes:
            self.notify(note, title="Note", timeout=8, markup=False)
        self.call_after_refresh(self._open_library)  # draw the first frame before importing Whoosh

    def _main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    # ------------------------------------------------------------ the Library
    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self) -> None:
        """Create (importing Whoosh here, off the first frame), update and open the index."""
        from ..core.library import Library
        from ..core.search import IndexError_

        library = self._library or Library(self.config)
        handle = LibraryHandle(library)
        try:  # the index as it is: searchable at once, while the corpus is checked for changes
            handle.run(lambda lib: lib.open_existing())
            self.call_from_thread(self._library_opened, handle)
            handle.warm()  # the palette's actor list: not needed to start searching
            opened = True
        except IndexError_:
            opened = False
        report = handle.run(lambda lib: lib.ensure_index(progress=self._progress))
        if opened and report.action == "none":
            self.call_from_thread(self._main_screen().show_status, f"{report.articles} articles")
            return
        handle.warm()
        self.call_from_thread(self._library_ready, handle, report)

    def _library_opened(self, handle: LibraryHandle) -> None:
        """The existing index is open: panes can search while the corpus is checked."""
        self.handle = handle
        count = handle.library.article_count()
        self._main_screen().library_ready(handle, f"{count} articles · checking for new files…")

    def _progress(self, done: int, total: int, message: str) -> None:
        """Index build progress (worker thread); redraws at most every PROGRESS_INTERVAL."""
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL or done >= total:
            self._last_progress = now
            self.call_from_thread(self._main_screen().show_progress, done, total, message)

    def _library_ready(self, handle: LibraryHandle, report: BuildReport) -> None:
        self.handle = handle
        summary = f"{report.articles} articles"
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
        message = f"{type(error).__name__}: {error}"
        if event.worker.group == "library":
            message = f"Could not open the index ({message}). Try `sahel-tui index --rebuild`."
            self._main_screen().library_failed(message)
        self.notify(message, severity="error", timeout=10, markup=False)

    def action_add_files(self) -> None:
        """Palette "Add files…": ask for paths, copy them into the corpus, update the index."""
        from .screens.add_files import AddFilesScreen
        self.push_screen(AddFilesScreen(self.config.corpus), self._add_files)

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

    def action_back(self) -> None:
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

    def action_show_pane(self, name: str) -> None:
        """Back to the main screen, on a pane (command palette)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._main_screen().action_show_pane(name)

    def filter_pane(self, name: str, box: str) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._main_screen().apply_filter(name, box)

    # ------------------------------------------------------------ theme
    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

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
