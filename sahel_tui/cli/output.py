"""What every command shares for output: exit codes, JSON on stdout, one-line errors on stderr."""
from __future__ import annotations

import json
import sys

EXIT_ERROR, EXIT_USAGE = 1, 2


def emit_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"sahel-tui: {message}", file=sys.stderr)
    return code
