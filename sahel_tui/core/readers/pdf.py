"""PDF reports (UN, Crisis Group, NGO notes): the text layer, via pypdf (pure Python, ~4 MB).

A scanned PDF has pages but no text layer; it is reported as such rather than indexed empty.
"""
from __future__ import annotations

import io
import logging
import re
from datetime import date
from typing import Any

from .base import Reading, Unreadable, clean, parse_date
from .language import guess_language

log = logging.getLogger(__name__)
logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every slightly odd file


def read(data: bytes) -> Reading:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise Unreadable("unreadable", "password-protected PDF")
        pages = [page.extract_text() or "" for page in pdf.pages]
        info: Any = pdf.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise Unreadable("unreadable", f"damaged PDF ({err})") from None
    text = join_lines("\n".join(pages))
    if len(re.findall(r"\w", text)) < 20:
        if pages:
            plural = "s" * (len(pages) != 1)
            raise Unreadable("scanned", f"scanned PDF without a text layer ({len(pages)} page{plural}; needs OCR)")
        raise Unreadable("empty", "PDF without pages")
    published = _pdf_date(info.get("/CreationDate"))
    return Reading(text=text, title=clean(info.get("/Title")), author=clean(info.get("/Author")),
                   published=published, language=guess_language(text),
                   warnings=("date taken from the PDF's creation date",) if published else ())


def _pdf_date(value: object) -> date | None:
    """PDF dates look like D:20230828101500Z."""
    m = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", str(value or ""))
    return parse_date(f"{m[1]}-{m[2]}-{m[3]}") if m else None


def join_lines(text: str) -> str:
    """Rejoin lines a PDF broke inside a paragraph (and words hyphenated across lines).

    >>> join_lines("Gunmen attacked a\\nvillage near Ménaka.\\nA new para-\\ngraph starts.")
    'Gunmen attacked a village near Ménaka.\\nA new paragraph starts.'
    """
    out: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        prev = out[-1] if out else ""
        if prev and re.search(r"[a-zà-ÿ]-$", prev) and line[:1].islower():
            out[-1] = prev[:-1] + line
        elif prev and not re.search(r"[.!?:;»\"”)]$", prev) and (line[:1].islower() or len(prev) > 50):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return "\n".join(ln for ln in out if ln)
