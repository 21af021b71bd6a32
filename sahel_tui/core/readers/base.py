"""What every reader returns, and the one error every reader raises."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

#: Why a file was not read, grouped in the index report (in this order).
KINDS = ("unsupported", "unreadable", "empty", "scanned", "duplicate")
#: How reports name each kind.
KIND_LABELS = {"unsupported": "unsupported type", "unreadable": "unreadable", "empty": "empty",
               "scanned": "scanned PDF without text", "duplicate": "duplicate"}


class Unreadable(Exception):
    """A file no reader can use; ``kind`` is one of KINDS, the message says why in words."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Reading:
    """One article as a reader found it: plain body text (one paragraph per line) and metadata.

    Metadata is what the file itself states; ``None`` means "not stated", never a guess.
    """

    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())


def clean(value: object) -> str | None:
    """A metadata string squeezed to one line, or None when blank.

    >>> clean("  Le  Monde\\n"), clean("")
    ('Le Monde', None)
    """
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def parse_date(value: object) -> date | None:
    """The day of an ISO or e-mail style timestamp ('2023-08-28T10:00Z', 'Mon, 28 Aug 2023 ...').

    >>> parse_date("2023-08-28T09:30:00+00:00"), parse_date("Mon, 28 Aug 2023 10:00:00 GMT")
    (datetime.date(2023, 8, 28), datetime.date(2023, 8, 28))
    """
    text = clean(value)
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime
    try:
        stamp: datetime = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.date()


def paragraphs(text: str) -> str:
    """Whitespace squeezed within lines, blank lines dropped: one paragraph per line."""
    lines = (re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)
