"""User journeys through the app on the seed index: each test asserts what a user would notice."""
from __future__ import annotations

import json

from textual.command import CommandPalette
from textual.widgets import Input, Static, TabbedContent

from sahel_tui.core.models import ActorStat, EventHit, Mention, QuoteHit, SearchHit
from sahel_tui.tui.screens.help import HelpScreen
from sahel_tui.tui.screens.main import MainScreen
from sahel_tui.tui.screens.profile import ProfileScreen
from sahel_tui.tui.screens.reader import ReaderScreen
from sahel_tui.tui.widgets.article_view import ArticleView
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.tui_helpers import (
    loaded,
    mark,
    marked_target,
    record,
    screen_text,
    search_for,
    settle,
    shown_profile,
    type_text,
)

KAYES_TITLE = "‘No one is safe’: Civilians, foreigners caught in escalating Mali violence"


def static_text(screen, selector: str) -> str:
    widget = screen.query_one(selector, Static)
    return str(widget.content)


async def open_search_hit(pilot, query: str) -> ReaderScreen:
    await settle(pilot)
    await search_for(pilot, query)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen


async def test_type_a_query_and_open_the_top_hit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        results = app.screen.query_one("#search-results", SahelList)
        top = results.current
        assert isinstance(top, SearchHit) and top.title == KAYES_TITLE
        assert "result" in static_text(app.screen, "#search-info")
        assert KAYES_TITLE in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert static_text(app.screen, "#reader-title") == KAYES_TITLE
        assert "Al Jazeera" in static_text(app.screen, "#reader-meta")


async def test_enter_before_results_arrive_opens_the_new_top_hit(make_app) -> None:
    """Typing then Enter at once must open the top hit of what was typed, not of a stale list."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.debounce = 60.0  # the results of "Kayes" will not be in when Enter is pressed
        await pilot.press("slash", *"Kayes", "enter")
        await settle(pilot)  # Enter searched at once, then opened the new top hit
        assert isinstance(app.screen, ReaderScreen)
        assert static_text(app.screen, "#reader-title") == KAYES_TITLE


async def test_alias_expansion_note_is_shown_under_the_input(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "GSIM ")  # a finished word is expanded to every name of the group
        info = static_text(app.screen, "#search-info")
        assert "GSIM" in info and "also matching" in info


async def test_n_moves_the_current_hit_and_scrolls(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_search_hit(pilot, "Mali")
        scroller = reader.query_one("#reader-scroll")
        hits = loaded(reader).targets["hit"]
        assert len(hits) > 3
        seen_scroll: list[float] = []
        seen_marks: list[tuple[str, int]] = []
        for _ in range(len(hits)):
            await pilot.press("n")
            await pilot.pause()
            seen_marks.append(mark(reader))
            seen_scroll.append(scroller.scroll_y)
        first = seen_marks[0][1]  # each press moves to the next hit, in order, wrapping at the end
        assert seen_marks == [("hit", (first + i) % len(hits)) for i in range(len(hits))]
        assert len({m for m in seen_marks}) == len(hits)  # every press moved the marker
        assert len(set(seen_scroll)) > 1  # and the view followed it
        assert f"hit {seen_marks[-1][1] + 1}/{len(hits)}" in static_text(reader, "#reader-status")
        await pilot.press("N")
        await pilot.pause()
        assert reader.current == ("hit", seen_marks[-2][1])


async def test_open_an_actor_from_a_mention_in_the_reader(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await open_search_hit(pilot, "Kayes")
        await pilot.press("m")
        await pilot.pause()
        kind, _ = mark(reader)
        mention = record(marked_target(reader), Mention)
        await pilot.press("enter")
        await settle(pilot)
        actor = shown_profile(app.screen).actor
        assert kind == "mention"
        assert actor.id == mention.ref
        head = static_text(app.screen, "#profile-head")
        assert actor.name in head
        assert all(alias in head for alias in actor.aliases[:3])


async def test_jnim_profile_from_the_actors_pane(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("f")
        await type_text(pilot, "JNIM")
        actors = app.screen.query_one("#actors-list", SahelList)
        assert isinstance(actors.current, ActorStat) and actors.current.actor.id == "jnim"
        await pilot.press("enter")  # from the filter box: to the list
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        head = static_text(app.screen, "#profile-head")
        assert "Jama’at Nusrat al-Islam wal-Muslimin" in head and "JNIM" in head
        names = app.screen.query_one("#profile-list", SahelList).options[-1].prompt
        assert "GSIM" in str(names)  # every alias, under "All names"
        assert shown_profile(app.screen).events, "JNIM has events in the seeds"
        text = screen_text(app)
        assert "Events (timeline)" in text


async def test_filter_the_timeline_by_actor_and_open_an_event(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        everything = list(app.screen.query_one("#timeline-list", SahelList).payloads.values())
        await pilot.press("f")
        await type_text(pilot, "actor:jnim")
        timeline = app.screen.query_one("#timeline-list", SahelList)
        events = list(timeline.payloads.values())
        assert events and len(events) < len(everything)
        assert all(isinstance(e, EventHit) and "jnim" in e.event.actors for e in events)
        await pilot.press("enter")  # leaves the filter box for the list
        await pilot.press("j", "enter")
        await settle(pilot)
        chosen = events[1]
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert loaded(reader).article.id == chosen.article_id
        assert static_text(reader, "#reader-title") == chosen.title
        assert reader._position == chosen.event.start  # the source sentence is marked


async def test_open_a_quote_source_highlighted(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        quotes = app.screen.query_one("#quotes-list", SahelList)
        first = quotes.current
        assert isinstance(first, QuoteHit)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert loaded(reader).article.id == first.article_id
        kind, _ = mark(reader)
        target = marked_target(reader)
        assert kind == "quote" and (target.start, target.end) == (first.quote.start, first.quote.end)
        assert "quote" in static_text(reader, "#reader-status")
        view = reader.query_one(ArticleView)
        assert first.quote.text[:30] in view.plain_text


async def test_escape_goes_back_through_the_screen_stack(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search_hit(pilot, "Kayes")
        await pilot.press("m", "enter")
        await settle(pilot)
        assert [type(s) for s in app.screen_stack] == [MainScreen, ReaderScreen, ProfileScreen]
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#search-input", Input).value == "Kayes"  # where the user was
        await pilot.press("escape")  # nothing below the main screen: stays
        assert isinstance(app.screen, MainScreen)


async def test_question_mark_opens_help_with_keys_and_syntax(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).content)
        assert "next search hit" in text and "actor:jnim" in text
        assert "Tounk*" in text and "killed>=10" in text  # the query grammar, lower down
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_types_in_the_search_box_and_quits_elsewhere(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "q")
        assert app.screen.query_one("#search-input", Input).value == "q"
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_command_palette_switches_pane_and_opens_an_actor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"go to the timeline")
        await settle(pilot)  # the palette gathers its matches in a worker
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(TabbedContent).active == "timeline"
        await pilot.press("ctrl+p")
        await pilot.press(*"open actor: wagner group")
        await settle(pilot)  # the palette gathers its matches in a worker
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.profile.actor.name == "Wagner Group"


async def test_theme_toggle_is_remembered(make_app, app_config) -> None:
    app = make_app(theme=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    assert json.loads(app_config.settings_file.read_text())["theme"] == "textual-light"
    again = make_app(theme=None)
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.theme == "textual-light"


async def test_typing_is_debounced_and_stale_results_are_dropped(make_app, seed_library, monkeypatch) -> None:
    """One search per pause in typing; a slow search the user typed past never reaches the screen."""
    import threading

    from sahel_tui.core.models import SearchResults
    from sahel_tui.tui.widgets.search_pane import SearchPane

    asked: list[str] = []
    release = threading.Event()
    real_search = seed_library.search

    def search(text: str, *args, **kwargs):
        asked.append(text)
        if text == "Ka":
            release.wait(5)  # a slow search, still running while the user types on
        return real_search(text, *args, **kwargs)

    monkeypatch.setattr(seed_library, "search", search)
    shown: list[str] = []
    real_show = SearchPane._show_results

    def show(pane: SearchPane, query: str, results: SearchResults) -> None:
        shown.append(query)
        real_show(pane, query, results)

    monkeypatch.setattr(SearchPane, "_show_results", show)
    app = make_app(debounce=60.0)  # the timer never fires by itself: the test fires it (flush)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        pane = app.screen.search_pane
        await pilot.press("slash", "K", "a")
        await pilot.pause()
        assert asked == []  # still typing: nothing searched yet
        pane.flush()  # the pause in typing: the slow "Ka" search starts
        await pilot.press(*"yes")
        pane.flush()
        release.set()
        await settle(pilot)
        assert asked == ["Ka", "Kayes"]  # one search per pause, not one per key
        assert shown == ["Kayes"]  # the stale "Ka" results were dropped
        assert app.screen.query_one("#search-results", SahelList).current.title == KAYES_TITLE


async def test_command_palette_finds_an_actor_by_alias(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"open actor: gsim")
        await settle(pilot)  # the palette gathers its matches in a worker
        await pilot.press("enter")
        await settle(pilot)
        assert shown_profile(app.screen).actor.id == "jnim"
