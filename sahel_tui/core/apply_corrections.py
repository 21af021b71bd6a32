"""Apply the analyst's correction log to what the extractors found, after them, on every build.

Why after the extractors and not instead of them: the extractors improve and the articles
change; the log says what the analyst decided about a piece of text, and is re-applied to
whatever the extractors now produce. Each correction is found again by its anchor's text
(refs.relocate); one whose text is gone is reported as "source changed", one whose text is
there but whose object the extractors no longer produce as "not found" — never moved onto other
text. Corrected quotes and events carry their provenance (``corrections``: what was there before,
who changed it, when), so the UI can mark them and JSON can show the original value.

Alias, new-actor and region corrections change the knowledge base instead (apply_to_knowledge),
so the linker finds the surface form in every article.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .corrections import EVENT_OPS, MENTION_OPS, QUOTE_OPS, Correction
from .models import Actor, Article, Event, Extraction, Mention, Place, Quote
from .refs import relocate
from .text import slugify

if TYPE_CHECKING:
    from .knowledge import KnowledgeBase

logger = logging.getLogger(__name__)

APPLIED, SOURCE_CHANGED, NOT_FOUND, INVALID = "applied", "source changed", "not found", "invalid value"
PRECISIONS = ("day", "month", "year")
#: The event kinds the timeline filters on (models.Event.kind; `sahel-tui timeline --kind`).
EVENT_KINDS = ("attack", "coup", "withdrawal", "agreement", "statement", "report", "deployment", "political", "other")


@dataclass
class Applied:
    """The corrected extraction and, per correction uid, what became of it."""

    extraction: Extraction
    outcomes: dict[str, str] = field(default_factory=dict)


def parse_date(text: str) -> tuple[date, str]:
    """``2024``, ``2024-03``, ``2024-03-05``, optionally ``/day|month|year``: first day and precision.

    >>> parse_date("2024-03")
    (datetime.date(2024, 3, 1), 'month')
    >>> parse_date("2024-03-05/month")
    (datetime.date(2024, 3, 1), 'month')
    """
    value, _, precision = text.strip().partition("/")
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a date: {text!r} (use 2024, 2024-03 or 2024-03-05, optionally /day, /month, /year)")
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    precision = precision or PRECISIONS[3 - len(parts)]
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r} (day, month or year)")
    day = date(numbers[0], numbers[1], numbers[2])
    return (day.replace(day=1) if precision != "day" else day).replace(
        month=1 if precision == "year" else day.month), precision


def _mark(was: Any, c: Correction, what: str) -> dict[str, Any]:
    return {"uid": c.uid, "field": what, "was": was, "on": c.day, "by": c.author}


# ---------------------------------------------------------------- quotes
def _quote(q: Quote, c: Correction) -> Quote | None:
    """The quote after one correction (None: it is not a quote)."""
    if c.op == "not_quote":
        return None
    if c.op == "speaker":
        value = c.value if isinstance(c.value, dict) else {"speaker": c.value}
        mark = _mark(q.speaker, c, "speaker")
        return replace(q, speaker=value.get("speaker"), speaker_actor=value.get("actor"),
                       speaker_role=value.get("role", q.speaker_role), corrections=(*q.corrections, mark))
    return replace(q, speaker_role=c.value or None, corrections=(*q.corrections, _mark(q.speaker_role, c, "role")))


# ---------------------------------------------------------------- events
def _toggle(items: tuple[str, ...], ref: str, present: bool) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*items, ref))) if present else tuple(i for i in items if i != ref)


def _event(e: Event, c: Correction) -> Event | None:
    """The event after one correction (None: it is not an event)."""
    if c.op == "not_event":
        return None
    if c.op == "date":
        day, precision = parse_date(str(c.value))
        return replace(e, date=day, precision=precision, corrections=(*e.corrections, _mark(e.date_display, c, "date")))
    if c.op in ("kind", "killed"):
        was = getattr(e, c.op)
        new = int(c.value) if c.op == "killed" and c.value is not None else c.value
        changes: dict[str, Any] = {c.op: new, "corrections": (*e.corrections, _mark(was, c, c.op))}
        return replace(e, **changes)
    what = "actors" if c.op == "event_actor" else "places"
    items: tuple[str, ...] = getattr(e, what)
    changed = _toggle(items, str(c.value["ref"]), bool(c.value.get("present", True)))
    lists: dict[str, Any] = {what: changed, "corrections": (*e.corrections, _mark(list(items), c, what))}
    return replace(e, **lists)


def _merge(events: list[Event], keep: int, drop: int, c: Correction) -> list[Event]:
    """Two events of one article that report the same happening become one (the first kept)."""
    a, b = events[keep], events[drop]
    merged = replace(a, places=tuple(dict.fromkeys(a.places + b.places)),
                     actors=tuple(dict.fromkeys(a.actors + b.actors)),
                     corrections=(*a.corrections, _mark(b.sentence, c, "merged with")))
    return [merged if n == keep else e for n, e in enumerate(events) if n != drop]


# ---------------------------------------------------------------- mentions
def _mentions(mentions: list[Mention], span: tuple[int, int], c: Correction, text: str) -> list[Mention]:
    """Reject (ref None) or relink the mention of that kind at that span (adding one if missing)."""
    kind, ref = str(c.value.get("kind", "actor")), c.value.get("ref")
    hit = [m for m in mentions if m.kind == kind and m.start < span[1] and span[0] < m.end]
    kept = [m for m in mentions if m not in hit]
    if ref:
        kept.append(Mention(kind, str(ref), span[0], span[1], text[span[0]:span[1]]))
    return sorted(kept, key=lambda m: (m.start, m.kind))


def _events_after_mention(events: list[Event], mentions: list[Mention], span: tuple[int, int],
                          c: Correction) -> list[Event]:
    """Keep events' actor/place lists in step with a rejected or relinked mention in their sentence."""
    kind, ref, was = str(c.value.get("kind", "actor")), c.value.get("ref"), c.value.get("was")
    what = "actors" if kind == "actor" else "places"
    out = []
    for e in events:
        if e.start <= span[0] < e.end:
            items: tuple[str, ...] = getattr(e, what)
            still = was and any(m.ref == was and m.kind == kind and e.start <= m.start < e.end for m in mentions)
            if was and not still:
                items = tuple(i for i in items if i != was)
            if ref:
                items = tuple(dict.fromkeys((*items, str(ref))))
            update: dict[str, Any] = {what: items}
            e = replace(e, **update)
        out.append(e)
    return out


# ---------------------------------------------------------------- one article
def _find(items: Sequence[Quote | Event], span: tuple[int, int], c: Correction) -> int | None:
    """The position of the object at that span: exact span first, then one that overlaps it."""
    exact = [n for n, x in enumerate(items) if (x.start, x.end) == span]
    if isinstance(c.original, dict) and len(exact) > 1:  # several events in one sentence
        same = [n for n in exact if getattr(items[n], "date_text", None) == c.original.get("date_text")]
        exact = same or exact
    if exact:
        return exact[0]
    overlap = [n for n, x in enumerate(items) if x.start < span[1] and span[0] < x.end]
    return overlap[0] if overlap else None


def apply_corrections(article: Article, extraction: Extraction, log: Sequence[Correction]) -> Applied:
    """The extraction with the log's corrections for this article applied, in log order."""
    quotes, events = list(extraction.quotes), list(extraction.events)
    mentions = list(extraction.mentions)
    outcomes: dict[str, str] = {}
    for c in (c for c in log if c.article == article.id):
        span = relocate(c.anchor, article.text)
        if span is None:
            outcomes[c.uid] = SOURCE_CHANGED
            continue
        try:
            outcomes[c.uid] = _apply_at(c, span, article.text, quotes, events, mentions)
        except (KeyError, TypeError, ValueError, AttributeError) as err:  # e.g. a hand-edited import
            logger.warning("correction %s (%s) not applied to %s: %r", c.uid, c.op, article.id, err)
            outcomes[c.uid] = INVALID
    corrected = replace(extraction, mentions=tuple(mentions), quotes=tuple(quotes), events=tuple(events))
    return Applied(corrected, outcomes)


def _apply_at(c: Correction, span: tuple[int, int], text: str, quotes: list[Quote], events: list[Event],
              mentions: list[Mention]) -> str:
    """Apply one correction at its relocated span, changing the lists in place."""
    if c.op in MENTION_OPS:
        mentions[:] = _mentions(mentions, span, c, text)
        events[:] = _events_after_mention(events, mentions, span, c)
        return APPLIED
    if c.op in QUOTE_OPS:
        return _apply_one(quotes, span, c, _quote)
    if c.op == "merge":
        return _apply_merge(events, span, c, text)
    if c.op in EVENT_OPS:
        return _apply_one(events, span, c, _event)
    return APPLIED


def _apply_one(items: list[Any], span: tuple[int, int], c: Correction, fix: Callable[[Any, Correction], Any]) -> str:
    """Correct the object at ``span`` in place (removing it when ``fix`` says None)."""
    n = _find(items, span, c)
    if n is None:
        return APPLIED if c.op in ("not_quote", "not_event") else NOT_FOUND
    fixed = fix(items[n], c)
    if fixed is None:
        del items[n]
    else:
        items[n] = fixed
    return APPLIED


def _apply_merge(events: list[Event], span: tuple[int, int], c: Correction, text: str) -> str:
    """``value`` anchors the event to merge into this one: {"start", "end", "text"}."""
    from .refs import Anchor
    other = relocate(Anchor(c.article, int(c.value["start"]), int(c.value["end"]), str(c.value["text"])), text)
    keep = _find(events, span, c)
    drop = _find(events, other, c) if other else None
    if keep is None or drop is None or keep == drop:
        return SOURCE_CHANGED if other is None else NOT_FOUND
    events[:] = _merge(events, keep, drop, c)
    return APPLIED


# ---------------------------------------------------------------- the knowledge base
def apply_to_knowledge(kb: KnowledgeBase, log: Sequence[Correction]) -> None:
    """Add the analyst's actors, aliases and place regions to a loaded knowledge base (in place).

    Not part of ``kb.fingerprint``: a new alias re-indexes the articles that contain it
    (correcting.py), not the whole corpus.
    """
    for c in log:
        value = c.value if isinstance(c.value, dict) else {}
        if c.op == "new_actor":
            actor_id = str(value.get("id") or slugify(str(value.get("name", c.text))))
            kb.actors[actor_id] = Actor(actor_id, str(value.get("name") or c.text), str(value.get("type") or "person"),
                                        aliases=tuple(dict.fromkeys(filter(None, (value.get("name"), c.text)))),
                                        description=str(value.get("description") or ""))
        elif c.op == "alias" and value.get("actor") in kb.actors:
            actor = kb.actors[str(value["actor"])]
            if c.text not in actor.aliases:
                kb.actors[actor.id] = replace(actor, aliases=(*actor.aliases, c.text))
        elif c.op == "place_region":
            place_id = str(value.get("id") or slugify(c.text))
            known = kb.places.get(place_id) or Place(place_id, c.text, "town", aliases=(c.text,))
            kb.places[place_id] = replace(known, admin_region=value.get("region"),
                                          country=value.get("country") or known.country)
