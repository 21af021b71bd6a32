"""When two event reports are the same happening, and merging them across articles.

Kept apart from the extractors (events.py, dates.py compile hundreds of rules at import) so the
timeline and profiles can merge reports without loading them.
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from ..models import Event
from ..text import fold

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def period(value: date, precision: str) -> tuple[date, date]:
    """First and last day of the period a value stands for: 2022-03 (month) -> Mar 1..Mar 31.

    >>> period(date(2022, 3, 1), "month")
    (datetime.date(2022, 3, 1), datetime.date(2022, 3, 31))
    """
    if precision == "year":
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=1), value.replace(day=last)
    if precision == "week":  # Monday to Sunday
        monday = value - timedelta(days=value.weekday())
        return monday, monday + timedelta(days=6)
    return value, value


def coarser(a: str, b: str) -> str:
    """The coarser of two precisions: coarser("day", "month") == "month"."""
    return a if PRECISION_RANK[a] >= PRECISION_RANK[b] else b


def merge_events(events_by_article: Mapping[str, Sequence[Event]]) -> list[tuple[Event, tuple[str, ...]]]:
    """One entry per happening across articles, with every article that reports it, by date.

    Same happening = same kind, a shared place (or the very same sentence, as in syndicated
    copy) and dates equal at the coarser precision. The most precise report represents it.

    >>> a = Event(date(2025, 7, 1), "day", "last Tuesday", "...", 0, 3, "attack", places=("kayes",))
    >>> b = Event(date(2025, 7, 1), "month", "July", "...", 0, 3, "attack", places=("kayes",))
    >>> [(e.precision, ids) for e, ids in merge_events({"x": [b], "y": [a]})]
    [('day', ('x', 'y'))]
    """
    groups: list[list[tuple[str, Event]]] = []
    # Only events of the same kind and year can be the same happening: comparing within those
    # buckets keeps a timeline of thousands of events fast (all-pairs was seconds at 2,000).
    buckets: dict[tuple[str, int | None], list[list[tuple[str, Event]]]] = {}
    for article_id, events in events_by_article.items():
        for event in events:
            bucket = buckets.setdefault((event.kind, event.date.year if event.date else None), [])
            home = next((g for g in bucket if article_id not in {a for a, _ in g}
                         and any(same_happening(event, other) for _, other in g)), None)
            if home is None:
                bucket.append([(article_id, event)])
                groups.append(bucket[-1])
            else:
                home.append((article_id, event))
    merged = [(representative(g), tuple(dict.fromkeys(a for a, _ in g))) for g in groups]
    return sorted(merged, key=lambda pair: (pair[0].date is None, pair[0].date or date.max,
                                            PRECISION_RANK.get(pair[0].precision, 0)))


def overlap(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None and fold(a.date_text) == fold(b.date_text)
    (a0, a1), (b0, b1) = period(a.date, a.precision), period(b.date, b.precision)
    return a0 <= b1 and b0 <= a1


def same_happening(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.date is None or b.date is None:
        return False
    precision = coarser(a.precision, b.precision)
    same_date = period(a.date, precision)[0] == period(b.date, precision)[0] if precision != "week" else \
        overlap(a, b)
    return same_date and (bool(set(a.places) & set(b.places)) or fold(a.sentence) == fold(b.sentence))


def representative(group: list[tuple[str, Event]]) -> Event:
    """The most precise report; among equals the one with most figures, then the first."""
    def key(pair: tuple[int, tuple[str, Event]]) -> tuple[int, int, int]:
        index, (_, e) = pair
        figures = sum(x is not None for x in (e.killed, e.injured, e.abducted))
        return PRECISION_RANK.get(e.precision, 0), -figures, index
    return min(enumerate(group), key=key)[1][1]
