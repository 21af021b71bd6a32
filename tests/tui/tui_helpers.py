"""Helpers for the app tests: wait like a user, type, read the screen as text."""
from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from sahel_tui.tui.app import SahelApp


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the screen has caught up (again: workers start workers).
    A stale search cancelled by a newer one is not an error: wait for the rest."""
    for _ in range(3):
        for _ in range(50):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                await pilot.pause()
        await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into the focused box and let the search finish (make_app sets no typing pause)."""
    await pilot.press(*text)
    await settle(pilot)


def screen_text(app: SahelApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def still_cursor(app: SahelApp) -> None:
    """Stop the input cursor blinking so snapshots do not depend on timing."""
    for box in app.screen.query(Input):
        box.cursor_blink = False


async def search_for(pilot: Pilot, text: str) -> None:
    """Go to the search box with `/` (the app starts on the results list), then type."""
    await pilot.press("slash")
    await type_text(pilot, text)

