"""Full garbage collections while the analyst is idle, not while they type.

Why: CPython's full (generation 2) collection walks every object it tracks and holds every
thread while it does. With a timeline of 1,000 events, 500 quotes and the search pages alive,
one took 55-160 ms at 10,000 articles: a keystroke that lands then waits, and the UI-thread
stall probe measured exactly these pauses. Once the index is open (``settle``) what was loaded
is set aside (``gc.freeze``: it lives as long as the index) and the automatic full collection is
switched off; the app runs it itself when keys and mouse have been quiet for ``IDLE_S`` and as
many younger collections have passed as would have triggered one. The young generations are
collected as usual (a few ms). Cyclic garbage waits for the next quiet moment, no longer.

Pure standard library; the app calls ``input_seen`` on input events and ``tick`` on a timer.
"""
from __future__ import annotations

import gc
import time

IDLE_S = 2.0  # quiet this long before a full collection runs
CHECK_S = 1.0  # how often the app asks
_NEVER = 1 << 30  # a generation-2 threshold no session reaches


class GcPacer:
    """Moves full collections to idle moments between ``settle`` and ``restore``."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()
        self.collections = 0  # full collections run here (for tests and the curious)

    @property
    def active(self) -> bool:
        return self._saved is not None

    def settle(self) -> None:
        """Set what is loaded aside and take over full collections (again after each rebuild)."""
        gc.freeze()
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, _NEVER)

    def input_seen(self) -> None:
        self._last_input = time.monotonic()

    def due(self) -> bool:
        """Would CPython have run a full collection by now, and has the user been idle long enough?"""
        if self._saved is None or time.monotonic() - self._last_input < IDLE_S:
            return False
        return gc.get_count()[2] >= self._saved[2]

    def tick(self) -> bool:
        """Run the deferred full collection if it is due; say whether it ran."""
        if not self.due():
            return False
        gc.collect()
        self.collections += 1
        return True

    def restore(self) -> None:
        """Give collections back to CPython (the app is leaving; tests run many apps in one process)."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
        gc.unfreeze()
