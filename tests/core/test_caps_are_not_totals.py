"""A capped list never passes its cap off as the total, and "deadliest first" is the deadliest
of the whole set, not of one page: every listing asked for one item says how many there are in
all, the same number it gives when asked for everything."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("query", ["Mali", "kind:quote", "kind:event published:2023", "actor:wagner OR Niger"])
def test_a_one_hit_search_page_counts_every_hit(seed_library, query):
    every = seed_library.search(query, limit=None)
    assert len(every.hits) > 1, "the query must have more than one hit to test a cap"
    for sort in ("relevance", "newest", "oldest"):
        page = seed_library.search(query, limit=1, sort=sort)
        assert len(page.hits) == 1 and page.total == every.total == len(every.hits)


def test_a_one_event_timeline_page_counts_every_report(seed_library):
    every = seed_library.timeline_page("", limit=None)
    assert every.covered == every.total > 1
    for sort in ("newest", "oldest", "toll"):
        assert seed_library.timeline_page("", limit=1, sort=sort).total == every.total


def test_a_one_quote_page_counts_every_quote(seed_library):
    every = seed_library.quotes_page("", limit=None)
    assert len(every.items) == every.total > 1
    for sort in ("newest", "speaker"):
        assert seed_library.quotes_page("", limit=1, sort=sort).total == every.total


def test_the_deadliest_page_holds_the_deadliest_events_of_all(seed_library):
    tolls = sorted((h.event.killed for h in seed_library.timeline_page("", limit=None).items
                    if h.event.killed is not None), reverse=True)
    assert len(tolls) > 2
    top = [h.event.killed for h in seed_library.timeline_page("", limit=2, sort="toll").items]
    assert top == tolls[:len(top)] and top


def test_a_profile_counts_more_than_it_lists(seed_library, monkeypatch):
    from sahel_tui.core import library
    monkeypatch.setattr(library, "PROFILE_ITEMS", 1)
    profile = seed_library.profile("mali")
    assert len(profile.quotes) == 1 and profile.quote_total > 1
    assert profile.event_total > 1 and len(profile.events) <= 1
