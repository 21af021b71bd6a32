"""Long lists stay usable: honest paged counts, every keystroke kept while rows are added, a
profile's header before its lists. Batches and pages are made tiny so the seeds behave as a
big corpus does (no test times anything)."""
from __future__ import annotations

import threading

from textual.widgets import Input, Static

from sahel_tui.core.library import Library
from sahel_tui.core.models import ArticleRef
from sahel_tui.tui.screens import profile as profile_screen
from sahel_tui.tui.screens.profile import ProfileScreen
from sahel_tui.tui.widgets import lists, search_pane
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.tui_helpers import settle, type_text


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_the_empty_box_lists_the_newest_articles_a_page_at_a_time(make_app, seed_library, monkeypatch) -> None:
    monkeypatch.setattr(search_pane, "NEWEST_PAGE", 1)
    newest = seed_library.article_refs()
    assert len(newest) > 3, "the seeds hold several pages"
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        results = app.screen.query_one("#search-results", SahelList)
        shown = len(results.payloads)
        assert 0 < shown < len(newest)  # (the highlighted first row is near the end: a page more)
        assert list(results.payloads.values()) == newest[:shown]
        assert text_of(app.screen, "#search-info").startswith(
            f"newest {shown} of {len(newest):,} articles — page down for more")
        app.screen.set_focus(results)
        for _ in newest:  # to the end of each page: the next one is added below
            await pilot.press("G")
            await settle(pilot)
        assert list(results.payloads.values()) == newest
        assert text_of(app.screen, "#search-info").startswith(f"{len(newest):,} articles, newest first")


async def test_every_keystroke_is_kept_while_a_long_list_is_being_added(make_app, seed_library, monkeypatch) -> None:
    monkeypatch.setattr(lists, "FIRST_BATCH", 1)  # one row at once, then one per turn of the loop
    monkeypatch.setattr(lists, "BATCH", 1)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "Kayes")
        # Clear the box (the whole newest-first list is rebuilt) and type on without waiting.
        await pilot.press(*["backspace"] * 5, "m", "a", "l", "i")
        await settle(pilot)
        assert app.screen.query_one("#search-input", Input).value == "mali"
        results = app.screen.query_one("#search-results", SahelList)
        assert results.payloads and not any(isinstance(p, ArticleRef) for p in results.payloads.values())
        await pilot.press(*["backspace"] * 4)
        await settle(pilot)
        assert list(results.payloads.values()) == seed_library.article_refs()  # every row, in order
        assert results.option_count == len(results.payloads)


async def test_a_profile_shows_who_it_is_before_its_lists_are_found(make_app, monkeypatch) -> None:
    gate = threading.Event()
    slow_profile = Library.profile

    def held(self, id_or_alias):  # the quotes and events take their time
        gate.wait(60)
        return slow_profile(self, id_or_alias)

    monkeypatch.setattr(Library, "profile", held)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_actor("jnim")
        head = ""
        for _ in range(500):
            await pilot.pause()
            head = text_of(app.screen, "#profile-head") if isinstance(app.screen, ProfileScreen) else ""
            if "JNIM" in head:
                break
        assert "Jama’at Nusrat al-Islam wal-Muslimin" in head and "mentions in" in head
        assert "finding quotes and events" in head
        assert app.screen.profile is None  # the lists are still being found
        gate.set()
        await settle(pilot)
        head = text_of(app.screen, "#profile-head")
        assert "quote" in head and "finding" not in head
        assert app.screen.query_one("#profile-list", SahelList).payloads


async def test_a_profile_lists_the_articles_naming_it_most_and_says_of_how_many(make_app, monkeypatch) -> None:
    monkeypatch.setattr(profile_screen, "ARTICLES_SHOWN", 2)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_actor("jnim")
        await settle(pilot)
        profile = app.screen.profile
        assert len(profile.articles) > 2
        listing = app.screen.query_one("#profile-list", SahelList)
        shown = [p for p in listing.payloads.values() if isinstance(p, ArticleRef)]
        assert shown == list(profile.articles[:2])
        headings = [str(o.prompt) for o in listing.options if o.disabled]
        assert f"Articles mentioning it (the 2 of {len(profile.articles):,} that mention it most)" in headings
