"""The Rich console every command prints through: corpus text made inert on its way out.

Apart from output.py so that only a command that prints with Rich imports Rich.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from ..core.text import inert


class SafeConsole(Console):
    """A Rich console whose text is made inert just before it is written (styles stay Rich's own).

    Piped output is not wrapped at 80 columns: lines are as long as their text.
    """

    def __init__(self, **kwargs: object) -> None:
        stream = sys.stderr if kwargs.get("stderr") else sys.stdout
        piped = not (hasattr(stream, "isatty") and stream.isatty())
        kwargs.setdefault("soft_wrap", piped)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def on_broken_pipe(self) -> None:
        """The reader went away (`| head -1`): that is a normal end, exit 0 quietly (Rich exits 1)."""
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(inert(text), style, control) if not control else Segment(text, style, control)
            for text, style, control in buffer)
