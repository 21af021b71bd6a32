"""The opened Library as the UI holds it: one lock, because workers run on several threads.

A Whoosh searcher and the Library's article cache are not made for concurrent use, and the UI
runs searches, timeline loads and profile loads in separate thread workers. Every call goes
through `run`, one at a time; workers check for staleness after they get the lock.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..core.library import Library
    from ..core.models import ActorStat

T = TypeVar("T")


class LibraryHandle:
    """A Library plus the lock that serialises access to it, and a few values cached at open."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._lock = threading.Lock()
        self.actor_stats: list[ActorStat] = []
        self._names: dict[str, str] = {}  # actor id -> name of the unlisted people (a lookup per row)

    def run(self, call: Callable[[Library], T]) -> T:
        """Run `call(library)` while holding the lock (call from a worker thread)."""
        with self._lock:
            return call(self.library)

    def warm(self) -> None:
        """Cache what the command palette and the actors pane read on the UI thread."""
        stats = self.run(lambda lib: lib.actors())
        self._names = {s.actor.id: s.actor.name for s in stats}
        self.actor_stats = stats

    def actor_name(self, actor_id: str) -> str:
        """A display name for an actor id (the knowledge base, the unlisted people, else the id)."""
        kb = self.library.kb
        if actor_id in kb.actors:
            return kb.actors[actor_id].name
        return self._names.get(actor_id, actor_id)

    def place_name(self, place_id: str) -> str:
        places = self.library.kb.places
        return places[place_id].name if place_id in places else place_id
