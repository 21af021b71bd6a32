"""Every key in the help and the footers does what it says: help is generated from the bindings,
every footer key is live where it is shown, and the keys the issue found dead now work."""
from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from sahel_tui.tui.app import SahelApp
from sahel_tui.tui.screens.help import HelpScreen, help_content, help_sections
from sahel_tui.tui.screens.main import MainScreen
from sahel_tui.tui.screens.profile import ProfileScreen
from sahel_tui.tui.screens.reader import ReaderScreen
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.tui_helpers import settle


def resolves(action: str, owner: type) -> bool:
    """Is there a method behind an action string ('app.back', "jump('hit', 1)", 'cursor_down')?"""
    name = action.split("(", 1)[0]
    if name.startswith("app."):
        owner, name = SahelApp, name[4:]
    elif name.startswith("screen."):
        owner, name = Screen, name[7:]
    return callable(getattr(owner, f"action_{name}", None))


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


async def test_help_rows_come_from_bindings_and_every_action_exists(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        sections = dict(help_sections(app))
        rows = [row for section in sections.values() for row in section]
        assert rows and all(resolves(row.action, row.owner) for row in rows), \
            [r for r in rows if not resolves(r.action, r.owner)]
        keys = {key for row in rows for key in row.keys.split()}
        for key in ("1", "2", "3", "4", "?", "/", "q", "ctrl+q", "ctrl+p", "f", "tab", "shift+tab", "n", "N",
                    "]", "[", "m", "M", "g", "G", "j", "k"):
            assert key in keys, f"{key} is not in the help"
        text = help_content(app).plain
        assert "type selector" in text  # Tab is how the actors' type selector is reached
        assert "Tounk*" in text and "actor:jnim" in text  # the query grammar


async def test_help_lists_a_key_added_to_a_pane_without_editing_the_help(make_app, monkeypatch) -> None:
    """Generated, so it cannot drift: a new binding on a widget appears in the help by itself."""
    monkeypatch.setattr(SahelList, "BINDINGS", [*SahelList.BINDINGS,
                                                Binding("asterisk", "star", "Star", tooltip="star the row")])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "star the row" in help_content(app).plain


async def footer_states(pilot):
    """(name, footer keys) on every screen and focus a user meets."""
    app = pilot.app
    await settle(pilot)
    yield "main list", footer_keys(app)
    await pilot.press("slash")
    await pilot.pause()
    yield "search box", footer_keys(app)
    await pilot.press("escape", "enter")
    await settle(pilot)
    assert isinstance(app.screen, ReaderScreen)
    yield "reader", footer_keys(app)
    await pilot.press("escape")
    app.open_actor("jnim")
    await settle(pilot)
    yield "profile", footer_keys(app)
    await pilot.press("question_mark")
    await pilot.pause()
    yield "help", footer_keys(app)


async def test_every_footer_key_is_live_where_it_is_shown(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        async for name, keys in footer_states(pilot):
            await pilot.pause()
            assert keys, name
            for footer_key in keys:
                active = app.screen.active_bindings[footer_key.key]
                assert active.enabled, (name, footer_key.key)
                assert resolves(active.binding.action, type(active.node)), (name, footer_key.key)


async def test_the_search_box_footer_offers_no_key_the_box_would_type(make_app) -> None:
    """The reported bug: in the search box the footer said `/ Search` (and `q Quit`), but they typed."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        shown = {k.key for k in footer_keys(app)}
        assert not shown & {"slash", "q", "question_mark", "f"}
        assert "escape" in shown  # and it says how to get out


async def test_a_narrow_footer_keeps_back_help_and_quit_first(make_app) -> None:
    """At 60 columns the reader's footer was cut and lost `? Help`: the essential keys come first."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        order = [k.key for k in footer_keys(app)]
        assert order[:3] == ["escape", "question_mark", "q"]
        footer_line = app.screen._compositor.render_strips()[-1].text
        assert "esc Back" in footer_line and "? Help" in footer_line and "q Quit" in footer_line


async def test_g_and_G_move_in_the_reader(make_app) -> None:
    """`g`/`G` were listed in help but did nothing in the reader."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        scroller = app.screen.query_one("#reader-scroll")
        await pilot.press("G")
        await pilot.pause()
        assert scroller.scroll_y == scroller.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert scroller.scroll_y == 0


async def test_q_from_the_first_screen_quits_and_question_mark_opens_help(make_app) -> None:
    """On a fresh launch `?` searched for "?" and `q` typed a q: the first screen starts on the list."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_status_lines_are_cut_with_an_ellipsis(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        status = app.screen.query_one("#reader-status", Static)
        status.update("A status line far longer than sixty columns, which must be cut where it ends " * 2)
        await pilot.pause()
        line = app.screen._compositor.render_strips()[-2].text
        assert line.rstrip().endswith("…")


async def test_profile_header_shrinks_on_a_short_terminal(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.open_actor("jnim")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen) and app.screen.has_class("-short")
        assert app.screen.query_one("#profile-head").size.height <= 4
        assert app.screen.query_one("#profile-list").size.height >= 13  # the list keeps most of the screen
        assert isinstance(app.screen_stack[0], MainScreen)


async def test_help_lists_the_keys_of_a_screen_added_later(make_app) -> None:
    """A dialog another change adds (say a correction dialog) shows in the help by its bindings."""
    from sahel_tui.tui.screens.base import SahelScreen

    class CorrectionDialog(SahelScreen):
        BINDINGS = [Binding("ctrl+s", "save", "Save", tooltip="save the correction")]

        def action_save(self) -> None:
            """Nothing to save in a test."""

    CorrectionDialog.__module__ = "sahel_tui.tui.screens.correction"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [title for title, _ in help_sections(app)]
        assert "Correction dialog" in titles and "save the correction" in help_content(app).plain
