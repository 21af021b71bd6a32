"""Plain JSON shapes of the core records, for `--json` output and the scorer.

The `extract` shape is the one ``shared/tools/score.py`` reads: article, published, actors,
places, quotes, events.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .knowledge import KnowledgeBase
from .models import Actor, Article, Event, Extraction, Quote


def find_actor(kb: KnowledgeBase, unlisted: dict[str, Actor], actor_id: str) -> Actor | None:
    return kb.actors.get(actor_id) or unlisted.get(actor_id)


def place_name(kb: KnowledgeBase, place_id: str, unlisted: dict[str, str] | None = None) -> str:
    """The place's name: the knowledge base's, else an unlisted place's (``unlisted``: id -> name), else the id."""
    place = kb.places.get(place_id)
    return place.name if place else (unlisted or {}).get(place_id, place_id)


def provenance(corrections: tuple[dict[str, Any], ...]) -> dict[str, Any]:
    """``corrected`` and, per corrected field, the value before the analyst's first correction."""
    original: dict[str, Any] = {}
    for mark in corrections:
        original.setdefault(mark["field"], mark["was"])
    return {"corrected": bool(corrections), **({"original": original} if corrections else {})}


def quote_json(quote: Quote) -> dict[str, Any]:
    """A quote with its attribution ``confidence`` (0–1), whether that is low enough to be a guess,
    and whether the analyst corrected it (with the original values)."""
    data = {**asdict(quote), **provenance(quote.corrections)}
    data["confidence"] = round(quote.confidence, 2)
    data["uncertain"] = quote.uncertain
    return data


def event_json(event: Event, kb: KnowledgeBase, unlisted: dict[str, str] | None = None) -> dict[str, Any]:
    data = asdict(event)
    data["date"] = event.date.isoformat() if event.date else None
    data["date_display"] = event.date_display
    data["places"] = [place_name(kb, p, unlisted) for p in event.places]
    data["place_ids"] = list(event.places)
    return {**data, **provenance(event.corrections)}


def actors_json(extraction: Extraction, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One entry per actor: distinct surface strings in document order and their count."""
    unlisted = {a.id: a for a in extraction.unlisted}
    surfaces: dict[str, list[str]] = {}
    counts: Counter[str] = Counter()
    for m in extraction.mentions:
        if m.kind != "actor":
            continue
        counts[m.ref] += 1
        forms = surfaces.setdefault(m.ref, [])
        if m.surface not in forms:
            forms.append(m.surface)
    out = []
    for actor_id, forms in surfaces.items():
        actor = find_actor(kb, unlisted, actor_id)
        out.append({"id": actor_id, "name": actor.name if actor else actor_id,
                    "type": actor.type if actor else None, "listed": bool(actor and actor.listed),
                    "mentions": forms, "count": counts[actor_id]})
    return out


def extraction_json(article: Article, extraction: Extraction, kb: KnowledgeBase) -> dict[str, Any]:
    unlisted = {p.id: p.name for p in extraction.unlisted_places}
    places: list[str] = []
    for m in extraction.mentions:
        if m.kind == "place" and place_name(kb, m.ref, unlisted) not in places:
            places.append(place_name(kb, m.ref, unlisted))
    return {
        "article": Path(article.path).name, "id": article.id, "title": article.title,
        "source": article.source, "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision,
        "actors": actors_json(extraction, kb), "places": places,
        "unlisted_places": [{"id": p.id, "name": p.name, "kind": p.kind, "region": p.admin_region, "listed": False}
                            for p in extraction.unlisted_places],
        "quotes": [quote_json(q) for q in extraction.quotes],
        "events": [event_json(e, kb, unlisted) for e in extraction.events],
        "extractor_version": extraction.extractor_version,
    }
