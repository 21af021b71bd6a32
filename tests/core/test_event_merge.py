"""The timeline's fast merge (core/event_merge.py) groups reports exactly as merge_events does.

Invented reports: a few kinds, places, sentences and dates at every precision, so that many
share a place or a sentence but differ in date, and the same article reports several events.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from sahel_tui.core.event_merge import merge_reports
from sahel_tui.core.extract.happenings import merge_events
from sahel_tui.core.models import Event

KINDS = ("attack", "deployment", "statement")
PLACES = ("alpha", "bravo", "charlie", "delta", "echo")
SENTENCES = ("Gunmen struck a convoy near the river.", "The army said the post was reinforced.",
             "Officials announced a curfew.", "Residents fled after the raid.")


def _event(rng: random.Random) -> Event:
    dated = rng.random() > 0.1
    day = date(2023, 12, 20) + timedelta(days=rng.randrange(30)) if dated else None
    places = tuple(rng.sample(PLACES, rng.randrange(3)))
    sentence = rng.choice(SENTENCES) + (" " * rng.randrange(2))  # folded alike
    return Event(day, rng.choice(("day", "day", "week", "month", "year")), "on the day", sentence, 0, 10,
                 rng.choice(KINDS), places=places, killed=rng.choice((None, 1, 3)))


def _reports(seed: int) -> dict[str, list[Event]]:
    rng = random.Random(seed)
    return {f"article-{n}": [_event(rng) for _ in range(rng.randrange(1, 4))] for n in range(120)}


def test_the_same_groups_as_merge_events_in_the_same_order() -> None:
    for seed in range(8):
        reports = _reports(seed)
        assert merge_reports(reports) == merge_events(reports)


def test_reports_sharing_a_place_and_a_day_are_one_happening_from_two_articles() -> None:
    a = Event(date(2024, 3, 5), "day", "on Tuesday", "Gunmen attacked the market.", 0, 5, "attack", places=("alpha",))
    b = Event(date(2024, 3, 1), "month", "in March", "An attack hit the town.", 0, 5, "attack", places=("alpha",))
    c = Event(date(2024, 3, 5), "day", "on Tuesday", "An attack elsewhere.", 0, 5, "attack", places=("bravo",))
    merged = merge_reports({"x": [a, c], "y": [b]})
    assert [(e, ids) for e, ids in merged] == [(a, ("x", "y")), (c, ("x",))]
