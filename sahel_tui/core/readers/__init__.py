"""Readers: one module per input format, all behind one call, ``read(path, data) -> [Reading]``.

Analysts' material arrives as saved web pages, PDF reports, Word files, feed exports, e-mail and
clippings. Each reader turns bytes into plain article text plus the metadata the file itself
carries; the format is chosen by content first (an HTML page named ``.txt`` is read as HTML) and by
extension second. A file that cannot be read raises ``Unreadable`` with a kind a user can act on.
"""
from __future__ import annotations

from pathlib import Path

from .base import KINDS, Reading, Unreadable
from .detect import sniff

__all__ = ["KINDS", "Reading", "Unreadable", "read", "sniff"]


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
    if fmt in ("markdown", "text"):
        from . import markdown, plain
        return [markdown.read(data) if fmt == "markdown" else plain.read(data)]
    raise Unreadable("unsupported", f"unsupported file type ({path.suffix or 'no extension'})")
