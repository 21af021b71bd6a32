"""The timeline and quotes lists: one query language in their boxes, errors that clear the list,
honest counts with paging, and `s` to change the order."""
from __future__ import annotations

from textual.widgets import Static

from sahel_tui.core.models import EventHit
from sahel_tui.tui.widgets import quotes_pane, timeline_pane
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.tui_helpers import loaded, search_for, settle, type_text


def info(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def open_timeline(pilot) -> SahelList:
    await settle(pilot)
    await pilot.press("escape", "2")
    await settle(pilot)
    return pilot.app.screen.query_one("#timeline-list", SahelList)


async def test_a_bad_filter_clears_the_timeline_and_says_why(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        timeline = await open_timeline(pilot)
        assert timeline.payloads
        await pilot.press("f")
        await type_text(pilot, "since:banana")
        assert "not a date" in info(app, "#timeline-info")
        assert not timeline.payloads, "no stale list under an error"


async def test_a_reversed_range_in_the_timeline_box_is_an_error(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        timeline = await open_timeline(pilot)
        await pilot.press("f")
        await type_text(pilot, "since:2025 until:2020")
        assert "reversed" in info(app, "#timeline-info") and not timeline.payloads


async def test_the_timeline_box_reads_the_query_language(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        timeline = await open_timeline(pilot)
        await pilot.press("f")
        await type_text(pilot, "event:attack OR killed>=10")
        events = list(timeline.payloads.values())
        assert events and all(e.event.kind == "attack" or (e.event.killed or 0) >= 10 for e in events)


async def test_s_sorts_the_timeline_by_toll(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        timeline = await open_timeline(pilot)
        await pilot.press("s", "s")  # newest -> oldest -> toll
        await settle(pilot)
        tolls = [h.event.killed or 0 for h in timeline.payloads.values() if isinstance(h, EventHit)]
        assert "deadliest first" in info(app, "#timeline-info")
        assert tolls[0] == max(tolls) and tolls == sorted(tolls, reverse=True)


async def test_the_timeline_says_what_it_shows_and_pages_on(make_app, monkeypatch) -> None:
    monkeypatch.setattr(timeline_pane, "PAGE", 10)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        timeline = await open_timeline(pilot)
        text = info(app, "#timeline-info")
        assert text.startswith("latest 10 of ") and "page down for more" in text
        first = len(timeline.payloads)
        await pilot.press("G")  # to the end: the next page loads
        await settle(pilot)
        assert len(timeline.payloads) > first
        assert "event reports" in info(app, "#timeline-info")


async def test_quotes_page_on_and_sort_by_speaker(make_app, monkeypatch) -> None:
    monkeypatch.setattr(quotes_pane, "PAGE", 5)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "4")
        await settle(pilot)
        quotes = app.screen.query_one("#quotes-list", SahelList)
        shown = len(quotes.payloads)
        assert info(app, "#quotes-info").startswith(f"latest {shown} of ")
        await pilot.press("G")
        await settle(pilot)
        assert len(quotes.payloads) > shown and info(app, "#quotes-info").startswith(f"latest {len(quotes.payloads)} of ")
        await pilot.press("s")
        await settle(pilot)
        speakers = [h.quote.speaker or "" for h in quotes.payloads.values()]
        assert "by speaker" in info(app, "#quotes-info")
        named = [s.casefold() for s in speakers if s]
        assert named == sorted(named)


async def test_search_pages_on_with_snippets_and_sorts_by_date(make_app, monkeypatch) -> None:
    from sahel_tui.tui.widgets import search_pane
    monkeypatch.setattr(search_pane, "PAGE", 3)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Mali ")
        results = app.screen.query_one("#search-results", SahelList)
        await pilot.press("down", "G")
        await settle(pilot)
        pane = app.screen.query_one(search_pane.SearchPane)
        assert pane._results.offset > 0, "pages after the first were loaded"
        hits = pane._groups.hits()  # shown, or folded under their article's row
        assert len(hits) > 3 and all(h.snippet for h in hits), "rows beyond the first page keep snippets"
        await pilot.press("s")  # newest first
        await settle(pilot)
        dates = [h.published for h in results.payloads.values() if h.published]
        assert "newest" in info(app, "#search-info") and dates == sorted(dates, reverse=True)


async def test_a_bad_search_clears_the_results(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Mali ")
        results = app.screen.query_one("#search-results", SahelList)
        assert results.payloads
        await type_text(pilot, "published:2025..2020")
        assert "reversed" in info(app, "#search-info") and not results.payloads


def test_search_hits_are_grouped_under_their_article():
    from sahel_tui.core.models import SearchHit
    from sahel_tui.tui.widgets.rows import group_by_article

    def hit(kind: str, article: str) -> SearchHit:
        return SearchHit(kind=kind, article_id=article, title=article, score=1.0, ref=f"{kind}:{article}")
    ranked = [hit("event", "a"), hit("article", "b"), hit("quote", "a"), hit("article", "a"), hit("event", "b")]
    grouped = [(h.ref, nested) for h, nested in group_by_article(ranked)]
    assert grouped == [("article:a", False), ("event:a", True), ("quote:a", True),
                       ("article:b", False), ("event:b", True)]


async def test_another_source_of_a_merged_event_opens_from_its_own_row(make_app) -> None:
    from sahel_tui.core.models import EventReport
    from sahel_tui.tui.screens.reader import ReaderScreen
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        timeline = await open_timeline(pilot)
        keys = [k for k, v in timeline.payloads.items() if isinstance(v, EventReport)]
        assert keys, "the seeds' merged event lists its second source"
        report = timeline.payloads[keys[0]]
        timeline.highlighted = timeline.get_option_index(keys[0])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and loaded(app.screen).article.id == report.article_id
        assert app.screen._position == report.start


def test_profile_sections_say_when_they_show_part_of_a_list():
    from sahel_tui.tui.screens.profile import _of
    assert _of(200, 1234, "latest") == " (latest 200 of 1,234)"
    assert _of(3, 3, "latest") == ""
