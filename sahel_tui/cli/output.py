"""What every command shares for output: exit codes, JSON on stdout, one-line errors on stderr.

Every string printed here may come from the corpus (a file name, a title, a sentence), so all
output passes through core.text's `inert`/`inert_line`: no escape sequence, bidi override or
undecodable byte from an article or a file name ever reaches the terminal raw.
Rich is not imported here: `--help`, `--version` and JSON output never pay for it
(the console lives in console.py).
"""
from __future__ import annotations

import json
import logging
import sys
from typing import Any

from ..core.text import inert_line, json_safe

EXIT_ERROR, EXIT_USAGE = 1, 2


def emit_json(data: object) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"sahel-tui: {inert_line(message)}", file=sys.stderr)
    return code


class InertFormatter(logging.Formatter):
    """Log lines quote file names and titles: each record is made inert, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        return inert_line(super().format(record))


def __getattr__(name: str) -> Any:
    """`SafeConsole` is still importable from here, loaded (with Rich) only when asked for."""
    if name == "SafeConsole":
        from .console import SafeConsole
        return SafeConsole
    raise AttributeError(name)
