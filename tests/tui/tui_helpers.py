"""Helpers for the app tests: wait like a user, type, read the screen as text."""
from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from sahel_tui.tui.app import SahelApp


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the screen has caught up (twice: workers start workers)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into the focused box, then let the debounce timer fire and the search finish."""
    await pilot.press(*text)
    await pilot.pause(0.3)
    await settle(pilot)


def screen_text(app: SahelApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def still_cursor(app: SahelApp) -> None:
    """Stop the input cursor blinking so snapshots do not depend on timing."""
    for box in app.screen.query(Input):
        box.cursor_blink = False
