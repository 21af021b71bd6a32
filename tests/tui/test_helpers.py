"""The Pilot helpers wait the way the tests need: past cancelled and failed workers, never on a clock."""
from __future__ import annotations

import threading

from tests.tui.conftest import MakeApp
from tests.tui.tui_helpers import settle


async def test_settle_waits_past_a_worker_that_fails_while_it_waits(make_app: MakeApp) -> None:
    """A library worker that fails (the app reports it on screen) must not break the wait: an index
    that cannot be written made a test fail or pass depending on when its worker ended."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        release = threading.Event()
        finished = threading.Event()

        def fail() -> None:
            release.wait(30)
            finished.set()
            raise RuntimeError("the index folder is a file")

        app.run_worker(fail, thread=True, exit_on_error=False, name="failing")
        release.set()  # it fails while settle is waiting for it
        await settle(pilot)
        assert finished.is_set() and app.is_running
