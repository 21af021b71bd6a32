"""Saved web pages: the article body without navigation, ads, comments and related lists.

The body comes from readability-lxml (a port of Mozilla's Readability; F1 0.957 on the project's
121-page benchmark, see README); title, date, outlet, author and canonical URL come from the
page's own metadata (Open Graph, ``article:published_time``, JSON-LD ``NewsArticle``, ``<time>``).
"""
from __future__ import annotations

import json
import logging
import re
from typing import Any

import lxml.html
from lxml import etree

from .base import Reading, Unreadable, clean, paragraphs, parse_date
from .language import guess_language

log = logging.getLogger(__name__)

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section",
           "article", "figcaption", "ul", "ol", "table", "header", "footer", "dd", "dt", "address", "hr"}


def read(data: bytes) -> Reading:
    """Read a saved page; raises Unreadable when it holds no text at all."""
    try:
        page = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as err:
        raise Unreadable("unreadable", f"not parseable as HTML: {err}") from None
    meta = metadata(page)
    text, warnings = _body(data, page)
    first, _, rest = text.partition("\n")
    if rest and meta.get("title") and clean(first) == meta["title"]:
        text = rest  # the headline is the title, not the body (and copies retitled by an outlet match)
    if not text:
        raise Unreadable("empty", "web page without article text")
    return Reading(text=text, title=meta.get("title"), published=parse_date(meta.get("published")),
                   source=meta.get("source"), author=meta.get("author"), url=meta.get("url"),
                   language=_language(meta.get("language"), text), warnings=tuple(warnings))


def _body(data: bytes, page: Any) -> tuple[str, list[str]]:
    from readability import Document
    try:
        summary = Document(data).summary(html_partial=True)
        text = block_text(lxml.html.fragment_fromstring(summary, create_parent="div"))
    except Exception as err:  # readability raises its own Unparseable and lxml errors on odd pages
        log.info("readability failed (%s); using the whole page text", err)
        text = ""
    if len(text) >= 200:
        return text, []
    body = page.find("body")
    whole = block_text(body if body is not None else page)
    if len(whole) > len(text):
        return whole, ["article body not found; the whole page text is shown (may include site furniture)"]
    return text, []


def block_text(root: Any) -> str:
    """An element's text with one paragraph per line (block elements and <br> break lines)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("script", "style", "noscript", "template"):
            el.text = ""
            continue
        if el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    return paragraphs(re.sub(r"[ \t\r\n]*\n[ \t\r\n]*", "\n", str(root.text_content())))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed item bodies, HTML e-mail)."""
    if not fragment.strip():
        return ""
    try:
        return block_text(lxml.html.fragment_fromstring(fragment, create_parent="div"))
    except (etree.ParserError, ValueError):
        return paragraphs(re.sub(r"<[^>]+>", " ", fragment))


def metadata(page: Any) -> dict[str, str]:
    """Title, published, source, author, url and language as the page states them."""
    metas: dict[str, str] = {}
    for el in page.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = clean(el.get("content"))
        if key and value and key not in metas:
            metas[key] = value
    ld = _json_ld(page)
    found = {
        "title": metas.get("og:title") or _s(ld.get("headline")) or _first_text(page, "h1") or
        _first_text(page, "title"),
        "published": metas.get("article:published_time") or _s(ld.get("datePublished")) or
        metas.get("og:published_time") or metas.get("datepublished") or metas.get("pubdate") or
        metas.get("date") or metas.get("dc.date") or metas.get("dcterms.date") or _time(page),
        "source": metas.get("og:site_name") or _name(ld.get("publisher")) or metas.get("application-name"),
        "author": _author(metas) or _name(ld.get("author")),
        "url": _canonical(page) or metas.get("og:url") or _s(ld.get("url")),
        "language": clean(page.get("lang")) or metas.get("og:locale"),
    }
    return {k: v for k, v in found.items() if v}


def _s(value: object) -> str | None:
    return clean(value) if isinstance(value, str) else None


def _name(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _s(value.get("name"))
    return _s(value)


def _author(metas: dict[str, str]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "byl"):
        value = metas.get(key)
        if value and not value.startswith("http"):
            return re.sub(r"^by\s+", "", value, flags=re.I)
    return None


def _first_text(page: Any, tag: str) -> str | None:
    for el in page.iter(tag):
        text = clean(el.text_content())
        if text:
            return text
    return None


def _time(page: Any) -> str | None:
    for el in page.iter("time"):
        value = el.get("datetime") or el.get("content")
        if value and parse_date(value):
            return str(value)
    return None


def _canonical(page: Any) -> str | None:
    for el in page.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split():
            return clean(el.get("href"))
    return None


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "webpage", "report"}


def _json_ld(page: Any) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (searching @graph lists too)."""
    for el in page.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            types = item.get("@type")
            names = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            if names & _ARTICLE_TYPES:
                return item
    return {}


def _ld_items(data: object) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [i for d in data for i in _ld_items(d)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_ld_items(graph) if graph else [])]
    return []


def _language(declared: str | None, text: str) -> str | None:
    guessed = guess_language(text)
    if guessed:
        return guessed
    return declared.split("-")[0].split("_")[0].lower() if declared else None
