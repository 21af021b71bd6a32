"""Word documents (.docx) with the standard library: paragraphs from word/document.xml, title and
author from docProps/core.xml. (A .docx is a zip of XML; no third-party package is needed.)"""
from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from .base import Reading, Unreadable, clean, paragraphs
from .language import guess_language

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def read(data: bytes) -> Reading:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = ElementTree.fromstring(z.read("word/document.xml"))
            core = ElementTree.fromstring(z.read("docProps/core.xml")) if "docProps/core.xml" in z.namelist() \
                else None
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as err:
        raise Unreadable("unreadable", f"damaged Word document ({err})") from None
    paras, heading = _paragraphs(body)
    text = paragraphs("\n".join(paras))
    if not text:
        raise Unreadable("empty", "Word document without text")
    title = clean(core.findtext(f"{_DC}title")) if core is not None else None
    author = clean(core.findtext(f"{_DC}creator")) if core is not None else None
    return Reading(text=text, title=title or heading, author=author, language=guess_language(text))


def _paragraphs(body: ElementTree.Element) -> tuple[list[str], str | None]:
    """Each w:p as one line; the first paragraph styled Title or Heading1 as the heading."""
    paras: list[str] = []
    heading = None
    for p in body.iter(f"{_W}p"):
        parts = []
        for el in p.iter():
            if el.tag == f"{_W}t" and el.text:
                parts.append(el.text)
            elif el.tag == f"{_W}tab":
                parts.append(" ")
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        line = "".join(parts)
        style = p.find(f"{_W}pPr/{_W}pStyle")
        if heading is None and style is not None and (style.get(f"{_W}val") or "").lower() in ("title", "heading1"):
            heading = clean(line)
        paras.append(line)
    return paras, heading
