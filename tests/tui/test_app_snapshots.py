"""Layout snapshots of the main screens on the seed index (dark theme, no clock-dependent text).

Dark, light, 16 colours and NO_COLOR at 80x24 (the last two: legible without hue).
Update after a deliberate change: `pytest tests/tui --snapshot-update`, then look at the SVGs.
They depend on the extractors' output on the seeds: a better extractor changes them too.
"""
from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.tui_helpers import sahel_app, search_for, settle, still_cursor


def test_search_results_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        still_cursor(pilot.app)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_timeline_120x36(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_reader_with_a_marked_hit_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n", "n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_jnim_profile_120x36(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        sahel_app(pilot).open_actor("jnim")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_actors_light_theme_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(make_app(theme="textual-light"), terminal_size=(80, 24), run_before=run_before)


def test_search_results_16_colours_80x24(snap_compare, make_app) -> None:
    """The 16-colour theme (chosen by itself on such a terminal): badges in brackets, hits bold and
    underlined, the selected row in reverse video — legible without a palette of greys."""
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        await pilot.press("escape", "j")  # to the list, second row selected
        await pilot.pause()
        still_cursor(pilot.app)

    assert snap_compare(make_app(theme="ansi-dark"), terminal_size=(80, 24), run_before=run_before)


def test_reader_no_colour_80x24(snap_compare, make_app, monkeypatch) -> None:
    """NO_COLOR: the reader's layers (hits, actors, places, quotes) differ by text style alone."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
