"""RSS and Atom feed exports: one article per item, with its own title, date, link and author."""
from __future__ import annotations

from xml.etree import ElementTree

from .base import Reading, Unreadable, clean, paragraphs
from .base import parse_date as _date
from .html import html_to_text
from .language import guess_language


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].split(":")[-1].lower()


def _child(el: ElementTree.Element, *names: str) -> ElementTree.Element | None:
    for name in names:
        for child in el:
            if _local(child.tag) == name:
                return child
    return None


def _text(el: ElementTree.Element, *names: str) -> str:
    child = _child(el, *names)
    return "".join(child.itertext()) if child is not None else ""


def read(data: bytes) -> list[Reading]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise Unreadable("unreadable", f"damaged feed XML ({err})") from None
    channel = _child(root, "channel")
    source = clean(_text(channel if channel is not None else root, "title"))
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    readings = [r for r in (_item(el, source) for el in items) if r is not None]
    if not readings:
        raise Unreadable("empty", f"feed without items with text ({len(items)} items)")
    return readings


def _item(el: ElementTree.Element, source: str | None) -> Reading | None:
    body = _text(el, "encoded", "content") or _text(el, "description", "summary")
    text = paragraphs(html_to_text(body)) if "<" in body else paragraphs(body)
    title = clean(_text(el, "title"))
    if not text and not title:
        return None
    author = _child(el, "author", "creator")
    author_name = clean(_text(author, "name") or "".join(author.itertext())) if author is not None else None
    return Reading(text=text or title or "", title=title, source=source, author=author_name, url=_link(el),
                   published=_date(_text(el, "pubdate", "published", "date", "updated")),
                   language=guess_language(text))


def _link(el: ElementTree.Element) -> str | None:
    for child in el:
        if _local(child.tag) == "link":
            href = child.get("href")
            if href and child.get("rel", "alternate") == "alternate":
                return clean(href)
            if child.text and child.text.strip():
                return clean(child.text)
    return clean(_text(el, "guid")) if _text(el, "guid").startswith("http") else None
