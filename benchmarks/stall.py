"""UI-thread stalls: the longest time the app's event loop could not run while a user works.

Why: a keystroke is echoed only when the event loop is free. Work done on the UI thread (building
10,000 rows when the search box is cleared, rendering a long profile) freezes typing even when
every query is fast. A probe task asks to wake every 5 ms; the largest lateness it sees while the
app types, clears, switches panes and opens profiles is the longest stall a user would feel.
Runs headless (``App.run_test``) in a child, on the built index.
"""
from __future__ import annotations

import asyncio
import time
from typing import Any

TICK = 0.005


class Probe:
    """Records the worst lateness of a 5 ms heartbeat on the running event loop."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.where = ""
        self.phase = "start"
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        while True:
            due = time.perf_counter() + TICK
            await asyncio.sleep(TICK)
            late = time.perf_counter() - due
            if late > self.worst:
                self.worst, self.where = late, self.phase

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def stop(self) -> None:
        if self._task:
            self._task.cancel()


async def _settle(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _session(app: Any, probe: Probe, word: str) -> None:
    from textual.widgets import Input

    async with app.run_test(headless=True, size=(120, 36)) as pilot:
        while app.handle is None:
            await asyncio.sleep(0.01)
        await _settle(app, pilot)
        probe.start()
        box = app.screen.query(Input).first()
        box.focus()
        probe.phase = "typing"
        for ch in word:
            await pilot.press(ch)
            await pilot.pause()
        await _settle(app, pilot)
        probe.phase = "clearing the search box"
        for _ in word:
            await pilot.press("backspace")
        await _settle(app, pilot)
        for key, phase in (("escape", "leaving the box"), ("2", "timeline pane"), ("3", "actors pane"),
                           ("enter", "opening the top actor's profile"), ("escape", "back"),
                           ("4", "quotes pane"), ("1", "search pane")):
            probe.phase = phase
            await pilot.press(key)
            await _settle(app, pilot)
        probe.stop()


def measure_stall(config: Any, word: str = "attack") -> dict[str, object]:
    """The longest UI-thread stall (ms) and during what, for one scripted session."""
    from sahel_tui.tui.app import SahelApp

    probe = Probe()
    app = SahelApp(config, remember_theme=False)
    asyncio.run(_session(app, probe, word))
    return {"ui_stall_max_ms": probe.worst * 1000, "ui_stall_during": probe.where}
