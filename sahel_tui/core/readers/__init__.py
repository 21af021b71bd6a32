"""Readers: one module per input format, all behind one call, ``read(path, data) -> [Reading]``.

Analysts' material arrives as saved web pages, PDF reports, Word files, feed exports, e-mail and
clippings. Each reader turns bytes into plain article text plus the metadata the file itself
carries; the format is chosen by content first (an HTML page named ``.txt`` is read as HTML) and by
extension second. A file that cannot be read raises ``Unreadable`` with a kind a user can act on.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..models import LoadProblem
from .base import KIND_LABELS, KINDS, Reading, Unreadable
from .detect import sniff

__all__ = ["KINDS", "KIND_LABELS", "Reading", "Unreadable", "not_read_summary", "read", "sniff"]


def not_read_summary(problems: Iterable[LoadProblem]) -> str:
    """One line for a status bar: how many files were not read, by reason, with a name each.

    >>> not_read_summary([LoadProblem("a/x.jpg", "unsupported file type (.jpg)", "unsupported"),
    ...                   LoadProblem("b/y.jpg", "unsupported file type (.jpg)", "unsupported"),
    ...                   LoadProblem("scan.pdf", "scanned PDF without a text layer", "scanned")])
    '3 files not read: 2 unsupported type (x.jpg, y.jpg), 1 scanned PDF without text (scan.pdf)'
    """
    problems = list(problems)
    counts = Counter(p.kind for p in problems)
    parts = []
    for kind in sorted(counts, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS)):
        names = [Path(p.path).name for p in problems if p.kind == kind]
        shown = ", ".join(names[:3]) + (f", and {len(names) - 3} more" if len(names) > 3 else "")
        parts.append(f"{counts[kind]} {KIND_LABELS.get(kind, kind)} ({shown})")
    plural = "s" * (len(problems) != 1)
    return f"{len(problems)} file{plural} not read: " + ", ".join(parts) if problems else ""


def read(path: Path, data: bytes) -> list[Reading]:
    """Read one file's bytes into one or more articles (a feed or a mailbox holds several)."""
    fmt = sniff(path, data)
    if fmt == "html":
        from . import html
        return [html.read(data)]
    if fmt == "pdf":
        from . import pdf
        return [pdf.read(data)]
    if fmt == "docx":
        from . import docx
        return [docx.read(data)]
    if fmt == "feed":
        from . import feeds
        return feeds.read(data)
    if fmt == "email":
        from . import mail
        return mail.read(data)
    if fmt == "mhtml":
        from . import mail
        return [mail.read_web_archive(data)]
    if fmt in ("markdown", "text"):
        from . import markdown, plain
        return [markdown.read(data) if fmt == "markdown" else plain.read(data)]
    raise Unreadable("unsupported", f"unsupported file type ({path.suffix or 'no extension'})")
