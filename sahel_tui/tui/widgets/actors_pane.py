"""Actors of the corpus, most mentioned first, narrowed by type and by name or alias.

The statistics come from the Library once (cached on the handle when the index opens); typing
in the name box narrows that list in a worker (thousands of actors, each a row to build), and
the newest filter's rows replace the list, the older ones dropped.
"""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Select, Static

from ...core.models import ActorStat
from ..display import count_text
from ..handle import LibraryHandle
from ..messages import OpenActor
from .lists import SahelList
from .pane import Pane
from .rows import actor_row

ALL_TYPES = "all"


def matches(stat: ActorStat, words: str, type_: str) -> bool:
    """Does the actor's type fit, and does every typed word occur in its name, id or an alias?"""
    actor = stat.actor
    if type_ != ALL_TYPES and actor.type != type_:
        return False
    names = " ".join((actor.name, actor.id, *actor.aliases)).casefold()
    return all(word in names for word in words.casefold().split())


class ActorsPane(Pane):
    """Name filter, type selector, count and the actor list; Enter opens the profile."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="actors-bar"):
            yield Input(placeholder="Name or alias…", id="actors-filter", compact=True)
            yield Select([("all types", ALL_TYPES)], value=ALL_TYPES, allow_blank=False, id="actors-type",
                         compact=True, type_to_search=False)  # letters stay keys: j, q, 1-5 work from it
        yield Static("", id="actors-info", markup=False)
        yield SahelList(id="actors-list")

    def focus_filter(self) -> None:
        self.screen.set_focus(self.query_one("#actors-filter", Input))

    def load(self) -> None:
        """Offer the types present in the corpus, then draw the list."""
        assert self.handle is not None
        types = sorted({s.actor.type for s in self.handle.actor_stats})
        select = self.query_one("#actors-type", Select)
        select.set_options([("all types", ALL_TYPES), *((t.replace("_", " "), t) for t in types)])
        select.value = ALL_TYPES
        self._draw()

    @on(Input.Changed, "#actors-filter")
    @on(Select.Changed, "#actors-type")
    def _draw(self) -> None:
        if self.handle is None:
            return
        self._filter(self.handle, *self._wanted())

    def _wanted(self) -> tuple[str, str]:
        """The name filter and type the user has set now."""
        words = self.query_one("#actors-filter", Input).value
        type_ = self.query_one("#actors-type", Select).value
        return words, type_ if isinstance(type_, str) else ALL_TYPES

    @work(thread=True, exclusive=True, group="actors", exit_on_error=False)
    def _filter(self, handle: LibraryHandle, words: str, type_: str) -> None:
        """Narrow the actors and build their rows off the UI thread."""
        stats = [s for s in handle.actor_stats if matches(s, words, type_)]
        unlisted = sum(1 for s in stats if not s.actor.listed)
        info = count_text(len(stats), "actor") + (
            f" ({unlisted} unlisted: people named in articles, not in the knowledge base)" if unlisted else "")
        rows = [(actor_row(s), s) for s in stats]
        self.app.call_from_thread(self._show, words, type_, info, rows)

    def _show(self, words: str, type_: str, info: str, rows: list[tuple[Content, ActorStat]]) -> None:
        if (words, type_) != self._wanted():  # the user typed on meanwhile: a newer worker follows
            return
        self.query_one("#actors-info", Static).update(Content(info).stylize(".sahel--count"))
        self.query_one(SahelList).show_rows(rows, empty="No actor matches.")

    @on(Input.Submitted, "#actors-filter")
    def _submitted(self) -> None:
        self.focus_list()

    @on(SahelList.OptionSelected, "#actors-list")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        stat = self.query_one(SahelList).payload(event.option)
        if isinstance(stat, ActorStat):
            self.post_message(OpenActor(stat.actor.id))
