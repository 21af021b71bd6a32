"""Convert between core records and index documents, both ways.

Articles, quotes and events become `search.Document`s at index time; stored payloads become
`Quote`, `Event` and `Mention` records again at query time.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from .models import Article, Event, Extraction, Mention, Quote
from .search import Document

MENTION_WEIGHT_CAP = 8


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _inside(mentions: tuple[Mention, ...], start: int, end: int, kind: str) -> list[str]:
    return [m.ref for m in mentions if m.kind == kind and start <= m.start and m.end <= end]


def _weighted(mentions: tuple[Mention, ...], kind: str) -> tuple[str, ...]:
    """Entity ids repeated as often as they are mentioned (up to a cap), so that a search for an
    actor ranks the articles about it above those that name it once."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == kind:
            counts[m.ref] = counts.get(m.ref, 0) + 1
    return tuple(ref for ref, n in counts.items() for _ in range(min(n, MENTION_WEIGHT_CAP)))


def article_document(article: Article, extraction: Extraction) -> Document:
    marks = [[m.kind, m.ref, m.start, m.end] for m in extraction.mentions]
    return Document(
        id=f"a:{article.id}", kind="article", article=article.id, title=article.title, body=article.text,
        source=article.source or "", author=article.author or "",
        actors=_weighted(extraction.mentions, "actor"), places=_weighted(extraction.mentions, "place"),
        published=article.published, path=article.path,
        payload={"marks": marks, "precision": article.published_precision},
    )


def quote_document(article: Article, extraction: Extraction, n: int, quote: Quote) -> Document:
    actors = _unique(([quote.speaker_actor] if quote.speaker_actor else [])
                     + _inside(extraction.mentions, quote.start, quote.end, "actor"))
    return Document(
        id=f"q:{article.id}:{n}", kind="quote", article=article.id, title=article.title,
        body="\n".join(filter(None, (quote.text, quote.speaker, quote.speaker_role))),
        source=article.source or "", speaker=" ".join(filter(None, (quote.speaker, quote.speaker_role))),
        actors=actors, places=_unique(_inside(extraction.mentions, quote.start, quote.end, "place")),
        published=article.published, path=article.path, payload=asdict(quote),
    )


def event_document(article: Article, n: int, event: Event) -> Document:
    payload = asdict(event)
    payload["date"] = _iso(event.date)
    return Document(
        id=f"e:{article.id}:{n}", kind="event", article=article.id, title=article.title,
        body=f"{event.sentence}\n{event.label}", source=article.source or "", actors=event.actors,
        places=event.places, event=event.kind, published=article.published, date=event.date,
        path=article.path, payload=payload, killed=event.killed,
    )


def documents_for(article: Article, extraction: Extraction) -> list[Document]:
    """Every index document of one article: itself, its quotes and its events."""
    docs = [article_document(article, extraction)]
    docs += [quote_document(article, extraction, n, q) for n, q in enumerate(extraction.quotes)]
    docs += [event_document(article, n, e) for n, e in enumerate(extraction.events)]
    return docs


# ---------------------------------------------------------------- back from the index
def _known(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def quote_from(payload: str | dict[str, Any]) -> Quote:
    data = json.loads(payload) if isinstance(payload, str) else payload
    return Quote(**_known(Quote, data))


def event_from(payload: str | dict[str, Any]) -> Event:
    data = dict(json.loads(payload) if isinstance(payload, str) else payload)
    data["date"] = date.fromisoformat(data["date"]) if data.get("date") else None
    for key in ("places", "actors"):
        data[key] = tuple(data.get(key) or ())
    return Event(**_known(Event, data))


def mentions_from(payload: str | dict[str, Any]) -> tuple[Mention, ...]:
    data = json.loads(payload) if isinstance(payload, str) else payload
    return tuple(Mention(kind, ref, start, end, "") for kind, ref, start, end in data.get("marks", []))
