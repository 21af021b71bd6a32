"""A one-line text prompt over the current screen: notes, tags, headings, export paths.

Enter returns the text, escape returns None; the caller gets it through push_screen's callback.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; `subject` (corpus text) is shown literally under the title."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical { width: 80%; max-width: 100; height: auto; padding: 1 2;
                            background: $panel; border: round $primary; }
    TextPrompt #prompt-subject { color: $foreground-muted; }
    """

    def __init__(self, title: str, subject: str = "", value: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.subject = subject
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt_title, id="prompt-title", markup=False)
            if self.subject:
                yield Static(self.subject, id="prompt-subject", markup=False)
            yield Input(self.value, id="prompt-input", select_on_focus=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
