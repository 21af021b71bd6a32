"""What each pane asks the core for, timed: actor profiles, the unfiltered timeline, quotes, actors.

Why: the search mix measures queries, but a pane that takes seconds (the profile of the most
mentioned actor, the whole timeline) is what an analyst feels most. These run in a child on the
built index, as the app's worker would call them; the UI-thread side is measured by stall.py.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any


def _ms(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def measure_panes(library: Any, top_actors: int = 5) -> dict[str, object]:
    """Milliseconds per pane request; profiles of the most mentioned actors (the slowest ones)."""
    out: dict[str, object] = {}
    actors: list[Any] = []
    out["pane_actors_ms"] = _ms(lambda: actors.extend(library.actors()))
    profiles = {a.actor.id: 0.0 for a in actors[:top_actors]}
    for ident in profiles:
        profiles[ident] = _ms(functools.partial(library.profile, ident))
    out["pane_profile_ms"] = profiles
    out["pane_profile_max_ms"] = max(profiles.values(), default=0.0)
    out["pane_timeline_ms"] = _ms(lambda: library.timeline())
    out["pane_quotes_ms"] = _ms(lambda: library.quotes())
    top = next(iter(profiles), None)
    if top:
        out["pane_timeline_actor_ms"] = _ms(lambda: library.timeline(actor=top))
    slowest = max(v for k, v in out.items() if isinstance(v, float))
    out["pane_max_ms"] = max(slowest, float(out["pane_profile_max_ms"]))  # type: ignore[arg-type]
    return out
