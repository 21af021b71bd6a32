"""The palette's "Add files…": ask which files or folders to copy into the corpus.

The copying and the index update happen in the app's worker (``SahelApp._add_files``); this
screen only collects the paths.
"""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AddFilesScreen(ModalScreen[list[str] | None]):
    """Enter: the typed paths (separated by ';'); escape: nothing."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AddFilesScreen { align: center middle; }
    AddFilesScreen > Vertical { width: 80%; height: auto; padding: 1 2; background: $panel; border: round $primary; }
    """

    def __init__(self, corpus: Path) -> None:
        super().__init__()
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"Add files or folders to the corpus ({self.corpus}). They are copied, "
                                 "keeping their names; the index is then updated."))
            yield Input(placeholder="paths, separated by ;  e.g. /media/usb/reports; ~/Downloads/note.pdf",
                        id="add-paths")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        paths = [p.strip() for p in event.value.split(";") if p.strip()]
        self.dismiss(paths or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
