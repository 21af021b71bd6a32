"""Plain-text clippings: decoded as UTF-8, else cp1252, else latin-1 (French press is often cp1252)."""
from __future__ import annotations

from .base import Reading, Unreadable
from .language import guess_language


def decode(data: bytes) -> str:
    """Bytes to text without failing: UTF-8 (BOM or not), else cp1252, else latin-1.

    >>> decode(b"M\\xe9naka"), decode("Ménaka".encode())
    ('Ménaka', 'Ménaka')
    """
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read(data: bytes) -> Reading:
    if not data.strip():
        raise Unreadable("empty", "empty file")
    text = decode(data).replace("\r\n", "\n")
    return Reading(text=text, language=guess_language(text))
