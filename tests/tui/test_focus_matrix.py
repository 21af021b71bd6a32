"""The focus model (see sahel_tui/tui/app.py), walked as a table: every pane × every global key,
from the pane's list and from its box, then from every other screen.

Quitting is recorded, not done (`action_quit` is replaced on the app), so one app serves a row.
"""
from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, TabbedContent

from sahel_tui.tui.screens.help import HelpScreen
from sahel_tui.tui.screens.main import PANES, MainScreen
from sahel_tui.tui.screens.profile import ProfileScreen
from sahel_tui.tui.screens.reader import ReaderScreen
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.tui_helpers import settle

PANE_KEYS = {str(n): name for n, name in enumerate(PANES, 1)}
#: The quick loop (-m "not slow") walks the Search pane and the help screen; the full run walks them all.
WALKED_PANES = [pytest.param(p, marks=() if p == "search" else pytest.mark.slow) for p in PANES]
#: Every global key, as Pilot names it, with the character it types in a box (None: not printable).
GLOBAL_KEYS = {**{k: k for k in PANE_KEYS}, "question_mark": "?", "slash": "/", "q": "q",
               "ctrl+q": None, "ctrl+p": None}


def quit_recorder(app) -> list[str]:
    """Replace quitting by a note, so the walk goes on."""
    quits: list[str] = []
    app.action_quit = lambda: quits.append("quit")
    return quits


async def back_to_main(pilot) -> MainScreen:
    app = pilot.app
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    app.screen.pane(app.screen.active_pane).focus_list()  # where the last key may have left a box
    return app.screen


async def start_on(pilot, pane: str, where: str) -> MainScreen:
    """On `pane`, focus on its list (`where` = "list") or in its box ("box", reached with `f`),
    every box of the pane empty."""
    screen = await back_to_main(pilot)
    screen.action_show_pane(pane)
    for box in screen.pane(pane).query(Input):
        box.value = ""
    await settle(pilot)
    if where == "box":
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(screen.focused, Input) and screen.focused in screen.pane(pane).query(Input)
    else:
        assert isinstance(screen.focused, SahelList)
    return screen


def focused_list_pane(app) -> str | None:
    """The pane whose list has the focus (None if the focus is not on a pane's list)."""
    focused = app.screen.focused
    if not isinstance(focused, SahelList) or not isinstance(app.screen, MainScreen):
        return None
    return next(name for name in PANES if focused in app.screen.pane(name).query(SahelList))


def assert_global_outcome(app, key: str, quits: list[str]) -> None:
    """What a global key does when it is not typed into a box."""
    if key in PANE_KEYS:
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(TabbedContent).active == PANE_KEYS[key]
        assert focused_list_pane(app) == PANE_KEYS[key], "a pane key lands on the pane's list"
    elif key == "question_mark":
        assert isinstance(app.screen, HelpScreen)
    elif key == "slash":
        assert isinstance(app.screen, MainScreen)
        assert app.screen.focused is app.screen.query_one("#search-input", Input)
    elif key in ("q", "ctrl+q"):
        assert quits == ["quit"]
    elif key == "ctrl+p":
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("pane", WALKED_PANES)
async def test_every_global_key_from_a_list(make_app, pane: str) -> None:
    app = make_app()
    quits = quit_recorder(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in GLOBAL_KEYS:
            await start_on(pilot, pane, "list")
            quits.clear()
            await pilot.press(key)
            await pilot.pause()
            assert_global_outcome(app, key, quits)


@pytest.mark.parametrize("pane", WALKED_PANES)
async def test_in_a_box_printable_keys_type_and_escape_hands_back(make_app, pane: str) -> None:
    app = make_app()
    quits = quit_recorder(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if not app.screen.pane(pane).query(Input):
            pytest.skip(f"the {pane} pane has no text box")
        for key, char in GLOBAL_KEYS.items():
            screen = await start_on(pilot, pane, "box")
            box = screen.focused
            assert isinstance(box, Input), f"the {pane} box is not focused"
            quits.clear()
            await pilot.press(key)
            await settle(pilot)
            if char is None:  # ctrl keys work even while typing
                assert_global_outcome(app, key, quits)
                continue
            assert app.screen is screen and screen.focused is box, f"{key} left the {pane} box"
            assert box.value == char and quits == []
            assert screen.query_one(TabbedContent).active == pane
        screen = await start_on(pilot, pane, "box")
        box = screen.focused
        assert isinstance(box, Input), f"the {pane} box is not focused"
        await pilot.press("x", "escape")
        await pilot.pause()
        assert focused_list_pane(app) == pane
        assert box.value == "x"  # the box keeps its text


async def open_reader(pilot) -> None:
    await back_to_main(pilot)
    await pilot.press("1", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReaderScreen)


async def open_profile(pilot) -> None:
    await back_to_main(pilot)
    pilot.app.open_actor("jnim")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfileScreen)


async def open_help(pilot) -> None:
    await back_to_main(pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)


@pytest.mark.parametrize("opener", [pytest.param(open_reader, id="reader", marks=pytest.mark.slow),
                                    pytest.param(open_profile, id="profile", marks=pytest.mark.slow),
                                    pytest.param(open_help, id="help")])
async def test_every_global_key_from_every_screen(make_app, opener) -> None:
    app = make_app()
    quits = quit_recorder(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in GLOBAL_KEYS:
            await opener(pilot)
            quits.clear()
            await pilot.press(key)
            await settle(pilot)
            if opener is open_help and key == "question_mark":  # ? toggles the help
                assert isinstance(app.screen, MainScreen)
                continue
            assert_global_outcome(app, key, quits)


# The Brief pane starts empty (a new user has no clips): nothing to open there.
@pytest.mark.parametrize("pane", [p for p in PANES if p != "brief"])
async def test_escape_from_the_reader_returns_to_the_row_that_was_opened(make_app, pane: str) -> None:
    """From every pane's list: Enter opens (a reader, or a profile from Actors), Esc comes back to
    the same list with the same row selected."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(str(list(PANES).index(pane) + 1))
        await settle(pilot)
        rows = app.screen.focused
        assert isinstance(rows, SahelList)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, (ReaderScreen, ProfileScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.focused is rows and rows.highlighted == 2


async def test_escape_after_opening_from_the_box_lands_on_the_list_not_the_box(make_app) -> None:
    """The reported bug: Esc from the reader put the focus in the search box, so `2` typed 'Wagner2'."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Wagner", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert focused_list_pane(app) == "search"
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "timeline"
        assert app.screen.query_one("#search-input", Input).value == "Wagner"


async def test_the_actors_type_selector_hands_back_with_escape_and_j(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3", "tab")  # Tab from the list wraps round to the name box …
        await pilot.pause()
        for _ in range(3):  # … and on to the type selector
            if app.screen.focused.id == "actors-type":
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.screen.focused.id == "actors-type"
        await pilot.press("escape")
        await pilot.pause()
        assert focused_list_pane(app) == "actors"
        app.screen.set_focus(app.screen.query_one("#actors-type"))
        await pilot.press("j")
        await pilot.pause()
        assert focused_list_pane(app) == "actors"
