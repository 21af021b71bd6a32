"""A corpus of hostile file names and contents, and a check that output stays inert."""
from __future__ import annotations

import os
import re
from pathlib import Path

from sahel_tui.core.text import BIDI_CONTROLS

#: Each body differs (a number): identical texts would be indexed once, as exact copies.
BODY = ("---\ntitle: {title}\npublished: 2024-03-01\n---\nZarkowite report\n\nGunmen attacked Kayes, officials "
        "said. Report number {n}.\n")

#: Names as bytes: escape sequences (clipboard write, clear screen), C1 CSI, bidi overrides,
#: invalid UTF-8, a newline, a very long name.
HOSTILE_NAMES = [
    b"osc\x1b]52;c;aGVsbG8=\x07.md",
    b"clear\x1b[2J\x1b[H.md",
    b"c1\xc2\x9b31m.md",
    "bidi\u202etxt.exe\u2066x\u200f.md".encode(),
    b"latin\xff\xfe-name.md",
    b"two\nlines.md",
    b"long-" + b"y" * 200 + b".md",
]
#: Anything that can drive a terminal or reorder text (newlines and tabs are layout).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\ud800-\udfff]")


def hostile_corpus(folder: Path) -> list[bytes]:
    """Write one article per hostile name (title hostile too) plus an empty one; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, name in enumerate(HOSTILE_NAMES):
        path = os.path.join(os.fsencode(folder), name)
        title = f'"Title {n} \\e]0;pwned\\a [bold]markup[/bold] \u202eevil"'  # YAML escapes: ESC, BEL
        with open(path, "wb") as fh:
            fh.write(BODY.format(title=title, n=n).encode())
        paths.append(path)
    empty = os.path.join(os.fsencode(folder), b"empty\x1b[31m\xe2\x80\xae.md")
    open(empty, "wb").close()
    paths.append(empty)
    return paths


def raw_controls(data: bytes | str) -> list[str]:
    """The unsafe characters present in output (decoded as UTF-8, undecodable bytes included)."""
    text = data.decode("utf-8", "surrogateescape") if isinstance(data, bytes) else data
    return sorted({repr(c) for c in UNSAFE.findall(text)})
