"""Layout snapshots of the main screens on the seed index (dark theme, no clock-dependent text).

Update after a deliberate change: `pytest tests/tui --snapshot-update`, then look at the SVGs.
They depend on the extractors' output on the seeds: a better extractor changes them too.
"""
from __future__ import annotations

from textual.pilot import Pilot
from tui_helpers import settle, still_cursor, type_text


def test_search_results_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await type_text(pilot, "Kayes")
        still_cursor(pilot.app)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_timeline_120x36(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_reader_with_a_marked_hit_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await type_text(pilot, "Kayes")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n", "n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_jnim_profile_120x36(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.open_actor("jnim")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_actors_light_theme_80x24(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("escape", "3")
        await settle(pilot)

    assert snap_compare(make_app(theme="textual-light"), terminal_size=(80, 24), run_before=run_before)
