"""What every command shares for output: exit codes, JSON on stdout, one-line errors on stderr.

Every string printed here may come from the corpus (a file name, a title, a sentence), so all
output passes through core.text's `inert`/`inert_line`: no escape sequence, bidi override or
undecodable byte from an article or a file name ever reaches the terminal raw.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from ..core.text import inert, inert_line, json_safe

EXIT_ERROR, EXIT_USAGE = 1, 2


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


def emit_json(data: object) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"sahel-tui: {inert_line(message)}", file=sys.stderr)
    return code


class InertFormatter(logging.Formatter):
    """Log lines quote file names and titles: each record is made inert, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        return inert_line(super().format(record))
