"""Full garbage collections wait for an idle moment once the index is open, and the app gives
collections back to CPython when it leaves (the stall probe measured 55-160 ms pauses at
10,000 articles, each a full collection landing while the user typed)."""
from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sahel_tui.tui import gc_pacing
from sahel_tui.tui.gc_pacing import GcPacer
from tests.tui.tui_helpers import settle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fake = Clock()
    monkeypatch.setattr(gc_pacing.time, "monotonic", fake)
    before = gc.get_threshold()
    yield fake
    gc.set_threshold(*before)
    gc.unfreeze()


def _young_collections(n: int) -> None:
    for _ in range(n):
        gc.collect(1)  # each one counts towards the next full collection, as allocation would


def test_a_full_collection_waits_until_keys_are_quiet_then_runs_once(clock: Clock) -> None:
    pacer = GcPacer()
    saved = gc.get_threshold()
    pacer.settle()
    assert gc.get_threshold()[2] > 10**6 and gc.get_threshold()[:2] == saved[:2]  # CPython no longer runs it
    assert gc.get_freeze_count() > 0  # what the index loaded is set aside
    _young_collections(saved[2] + 1)
    pacer.input_seen()
    clock.now += gc_pacing.IDLE_S / 2
    assert not pacer.tick() and pacer.collections == 0  # the user is typing
    clock.now += gc_pacing.IDLE_S
    assert pacer.tick() and pacer.collections == 1
    assert not pacer.tick() and pacer.collections == 1  # nothing due until as many young ones pass again
    pacer.restore()
    assert gc.get_threshold() == saved and gc.get_freeze_count() == 0


def test_nothing_is_collected_before_the_index_is_open(clock: Clock) -> None:
    pacer = GcPacer()
    _young_collections(gc.get_threshold()[2] + 1)
    clock.now += 60
    assert not pacer.tick() and not pacer.active


async def test_the_app_paces_collections_while_it_runs_and_gives_them_back(make_app) -> None:
    before = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app._gc.active and gc.get_threshold()[2] > 10**6
        quiet_since = app._gc._last_input
        await pilot.press("2")
        assert app._gc._last_input > quiet_since  # a key restarts the quiet time
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
