"""Helpers for the app tests: wait like a user, type, read the screen as text."""
from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from sahel_tui.core.models import Mention, Profile, Quote
from sahel_tui.tui.app import SahelApp
from sahel_tui.tui.reading import ReaderData, Target
from sahel_tui.tui.screens.profile import ProfileScreen
from sahel_tui.tui.screens.reader import ReaderScreen

RecordT = TypeVar("RecordT", Quote, Mention)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker is done and the screen has caught up (again: workers start workers).
    A stale search cancelled by a newer one is not an error, nor is a worker that failed: the app
    reports a failed worker itself (that report is what the tests check), so wait for the rest."""
    for _ in range(3):
        for _ in range(50):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except (WorkerCancelled, WorkerFailed):
                await pilot.pause()
        await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type into the focused box and let the search finish (make_app sets no typing pause)."""
    await pilot.press(*text)
    await settle(pilot)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def record_notices(app: SahelApp) -> list[str]:
    """Every notice the app shows from now on, kept after its toast times out (a journey on a busy
    machine can outlast the toast)."""
    notices: list[str] = []
    show = app.notify

    def notify(message: str, *, title: str = "", **kwargs: Any) -> None:
        notices.append(message)
        show(message, title=title, **kwargs)

    app.notify = notify  # type: ignore[method-assign]  # the instance's notify, recorded
    return notices


def still_cursor(app: App[Any]) -> None:
    """Stop the input cursor blinking so snapshots do not depend on timing."""
    for box in app.screen.query(Input):
        box.cursor_blink = False


async def search_for(pilot: Pilot, text: str) -> None:
    """Go to the search box with `/` (the app starts on the results list), then type."""
    await pilot.press("slash")
    await type_text(pilot, text)



def sahel_app(pilot: Pilot[Any]) -> SahelApp:
    """The pilot's app, as the SahelApp the tests started."""
    assert isinstance(pilot.app, SahelApp)
    return pilot.app


def loaded(screen: Screen[Any]) -> ReaderData:
    """What the reader on screen shows; fails if the screen is not a reader or has not loaded yet."""
    assert isinstance(screen, ReaderScreen), screen
    assert screen.data is not None, "the reader has not loaded its article"
    return screen.data


def mark(reader: ReaderScreen) -> tuple[str, int]:
    """(kind, index into the targets of that kind) the reader has marked: a jump key was pressed."""
    assert reader.current is not None, "nothing is marked in the reader"
    return reader.current


def marked_target(reader: ReaderScreen) -> Target:
    """The target the reader has marked."""
    kind, index = mark(reader)
    return loaded(reader).targets[kind][index]


def record(target: Target, kind: type[RecordT]) -> RecordT:
    """The quote or mention behind a reader target, checked to be of that kind."""
    assert isinstance(target.record, kind), target
    return target.record


def shown_profile(screen: Screen[Any]) -> Profile:
    """The profile on screen; fails if the screen is not a loaded profile."""
    assert isinstance(screen, ProfileScreen), screen
    assert screen.profile is not None, "the profile has not loaded"
    return screen.profile
