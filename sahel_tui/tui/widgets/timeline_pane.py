"""The timeline: dated events, oldest first, with a per-month activity strip and a filter box.

Filters: actor:, place:, kind:, since:, until: and free words (see filters.py). The Library
does the filtering and the merging of the same event reported by several articles; this pane
only counts events per month for the strip and draws the rows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Sparkline, Static

from ...core.knowledge import UnknownActor
from ...core.models import EventHit
from ..messages import OpenArticle
from ..text import count_text
from .filters import date_bound, split_filters
from .lists import SahelList
from .pane import FilteredPane
from .rows import event_row
from .sparkline import ActivitySparkline

FILTER_KEYS = frozenset({"actor", "place", "kind", "since", "until"})


@dataclass(frozen=True)
class TimelineFilter:
    """The Library's timeline arguments, as read from the filter box."""

    text: str = ""
    actor: str | None = None
    place: str | None = None
    kind: str | None = None
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, box: str) -> TimelineFilter:
        """Raises ValueError on a malformed date."""
        found, rest = split_filters(box, FILTER_KEYS)
        since = date_bound(found["since"], end=False) if "since" in found else None
        until = date_bound(found["until"], end=True) if "until" in found else None
        return cls(rest, found.get("actor"), found.get("place"), found.get("kind"), since, until)


def month_counts(hits: list[EventHit]) -> tuple[list[float], str, str]:
    """Events per calendar month from the first to the last dated event (empty months count 0)."""
    months = Counter((h.event.date.year, h.event.date.month) for h in hits if h.event.date)
    if not months:
        return [], "", ""
    (y, m), last = min(months), max(months)
    first, data = f"{y}-{m:02d}", []
    while (y, m) <= last:
        data.append(float(months.get((y, m), 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return data, first, f"{last[0]}-{last[1]:02d}"


class TimelinePane(FilteredPane):
    """Filter box, activity strip, count and the event list; Enter opens the source sentence."""

    FILTER_ID = "timeline-filter"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: actor:jnim place:menaka kind:attack since:2023 until:2024-06 words",
                    id=self.FILTER_ID, compact=True)
        with Horizontal(id="timeline-strip"):
            yield Static("", id="timeline-first", markup=False)
            yield ActivitySparkline([], id="timeline-sparkline")
            yield Static("", id="timeline-last", markup=False)
        yield Static("", id="timeline-info", markup=False)
        yield SahelList(id="timeline-list")

    def apply_filter(self, box: str) -> None:
        try:
            wanted = TimelineFilter.parse(box)
        except ValueError as err:
            self._info(Content(str(err)).stylize(".sahel--error"))
            return
        if self.handle is not None:
            self._loaded = True
            self._load(wanted)

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _load(self, wanted: TimelineFilter) -> None:
        handle = self.handle
        assert handle is not None
        try:
            hits = handle.run(lambda lib: lib.timeline(wanted.text, wanted.actor, wanted.place, wanted.kind,
                                                       wanted.since, wanted.until))
        except UnknownActor as err:
            self.app.call_from_thread(self._info, Content(f"No actor is called {err}.").stylize(".sahel--error"))
            return
        self.app.call_from_thread(self._show, hits)

    def _info(self, content: Content) -> None:
        self.query_one("#timeline-info", Static).update(content)

    def _show(self, hits: list[EventHit]) -> None:
        data, first, last = month_counts(hits)
        self.query_one(Sparkline).data = data
        self.query_one("#timeline-first", Static).update(first)
        self.query_one("#timeline-last", Static).update(last)
        peak = f" · busiest month {count_text(int(max(data)), 'event')}" if data else ""
        self._info(Content(f"{count_text(len(hits), 'event')}, oldest first{peak}").stylize(".sahel--count"))
        handle = self.handle
        assert handle is not None
        self.query_one(SahelList).show_rows([(event_row(h, handle), h) for h in hits],
                                            empty="No events match these filters.")

    @on(SahelList.OptionSelected, "#timeline-list")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        hit = self.query_one(SahelList).payload(event.option)
        if isinstance(hit, EventHit):
            span = (hit.event.start, hit.event.end)
            self.post_message(OpenArticle(hit.article_id, span=span, focus_kind="event"))
