"""Regressions from issue 11: every answer here was silently wrong before the query tree."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sahel_tui.core.query import QueryError
from sahel_tui.core.text import fold

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def ids(results) -> set[str]:
    return {h.article_id for h in results.hits}


def articles(library, query: str) -> set[str]:
    return ids(library.search(query, limit=None, kinds=("article",)))


def seeds_containing(phrase: str) -> set[str]:
    return {p.stem for p in SEEDS.glob("*.txt") if fold(phrase) in fold(p.read_text(encoding="utf-8"))}


def test_not_phrase_excludes_the_phrase(seed_library):
    found = articles(seed_library, 'Wagner NOT "Africa Corps"')
    assert found, "some seed names Wagner without Africa Corps"
    assert not found & seeds_containing("Africa Corps")


def test_or_with_a_phrase_is_a_union(seed_library):
    kayes = articles(seed_library, "Kayes")
    either = articles(seed_library, 'Kayes OR "Nioro du Sahel"')
    assert kayes and kayes <= either


@pytest.mark.parametrize("left,right", [("actor:wagner", "actor:africa_corps"), ("place:kayes", "place:gao")])
def test_or_of_field_filters_is_a_union(seed_library, left, right):
    one, two = articles(seed_library, left), articles(seed_library, right)
    assert one and two
    assert articles(seed_library, f"{left} OR {right}") == one | two


def test_a_date_filter_that_matches_nothing_gives_nothing(seed_library):
    results = seed_library.search("Mali published:2030", kinds=("article",))
    assert results.total == 0 and not results.hits


@pytest.mark.parametrize("query", ["date:2025..2020", "published:2025..2020", "Mali until:2020 since:2025"])
def test_a_reversed_range_is_a_usage_error(seed_library, query):
    with pytest.raises(QueryError, match="reversed|after"):
        seed_library.search(query)


def test_a_reversed_timeline_is_a_usage_error(seed_library):
    with pytest.raises(QueryError):
        seed_library.timeline(since=date(2025, 1, 1), until=date(2020, 12, 31))


@pytest.mark.parametrize("prefix,word", [("wagner*", "Wagner"), ("Kay*", "Kayes"), ("Wagn*", "Wagner")])
def test_a_typed_prefix_is_a_full_prefix(seed_library, prefix, word):
    found = articles(seed_library, prefix)
    assert found and seeds_containing(word) <= found


def test_a_profile_says_how_many_quotes_and_events_there_are_beyond_its_list(seed_library, monkeypatch):
    from sahel_tui.core import library as library_module
    monkeypatch.setattr(library_module, "PROFILE_ITEMS", 2)
    profile = seed_library.profile("jnim")
    assert len(profile.quotes) <= 2 and profile.quote_total >= len(profile.quotes)
    assert profile.event_total > 2, "the seeds report JNIM in more than two events"


def test_timeline_pages_cover_every_event_report_once(seed_library):
    page = seed_library.timeline_page(limit=10, sort="oldest")
    assert page.total > 10 and page.more and page.label("event reports", lead="earliest ").startswith("earliest 10 of")
    covered = page.covered
    while page.more:
        page = seed_library.timeline_page(limit=10, offset=page.next_offset, sort="oldest")
        covered += page.covered
    assert covered == page.total


def test_sorting_by_toll_lists_the_deadliest_first(seed_library):
    tolls = [h.event.killed or 0 for h in seed_library.timeline_page("event:attack", sort="toll").items]
    assert tolls[0] > 0 and tolls == sorted(tolls, reverse=True)


def test_search_pages_do_not_overlap(seed_library):
    one = seed_library.search("Mali", limit=3, kinds=("article",), sort="newest")
    two = seed_library.search("Mali", limit=3, offset=3, kinds=("article",), sort="newest")
    assert one.total == two.total == 5 and not {h.ref for h in one.hits} & {h.ref for h in two.hits}
    dates = [h.published for h in one.hits + two.hits]
    assert dates == sorted(dates, reverse=True)


def test_a_place_covers_the_places_inside_it(seed_library):
    """place:menaka = the town, the Ménaka Region and its towns; place:=menaka the town alone."""
    town = articles(seed_library, "place:=menaka")
    region = articles(seed_library, "place:=menaka_region")
    everything = seed_library.search("place:menaka", limit=None, kinds=("article",))
    assert town and region - town, "the seeds name the region where they do not name the town"
    assert {h.article_id for h in everything.hits} >= town | region
    assert any("place:=menaka" in note for note in everything.notes)
    town_events = seed_library.timeline_page("place:=menaka", limit=None).items
    events = seed_library.timeline_page(place="menaka", limit=None).items  # the CLI's --place
    assert len(events) > len(town_events) and any("menaka_region" in e.event.places for e in events)


def test_an_event_row_opens_the_article_whose_sentence_it_shows_and_names_its_outlets(seed_library):
    for hit in seed_library.timeline_page(limit=None).items:
        text = seed_library.article(hit.article_id).text
        assert text[hit.event.start:hit.event.end] == hit.event.sentence
        assert len(hit.outlets) == len(hit.sources) and hit.provenance.startswith(f"{len(hit.sources)} source")


def test_every_source_of_a_merged_event_can_be_opened_at_its_own_sentence(seed_library):
    merged = [h for h in seed_library.timeline_page(limit=None).items if len(h.sources) > 1]
    assert merged, "the seeds tell at least one event in two articles"
    for hit in merged:
        assert [r.article_id for r in hit.reports] == list(hit.sources)
        for report in hit.reports:
            text = seed_library.article(report.article_id).text
            assert text[report.start:report.end] == report.sentence
