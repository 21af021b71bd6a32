"""The timeline: dated events, newest first (s: oldest first, by toll), with a per-month activity
strip and a filter box that reads the one query language (actor:jnim place:menaka event:attack
since:2023 until:2024-06 killed>=10 words, AND/OR/NOT …).

The Library filters, pages and merges the same event reported by several articles; this pane
counts events per month for the strip, draws the rows and loads the next page at the end.
"""
from __future__ import annotations

from collections import Counter

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Sparkline, Static

from ...core.knowledge import UnknownActor
from ...core.models import EventHit, EventReport, Page
from ...core.query import QueryError
from ..messages import OpenArticle
from .lists import SahelList
from .pane import FilteredPane
from .rows import event_row, report_row
from .sparkline import ActivitySparkline

PAGE = 1000  # event reports per page
ORDER_LABELS = {"newest": "newest first", "oldest": "oldest first", "toll": "deadliest first"}


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
    SORTS = ("newest", "oldest", "toll")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._page: Page[EventHit] | None = None
        self._hits: list[EventHit] = []
        self._box = ""
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: actor:jnim place:menaka event:attack since:2023 until:2024-06 "
                    "killed>=10 words", id=self.FILTER_ID, compact=True)
        with Horizontal(id="timeline-strip"):
            yield Static("", id="timeline-first", markup=False)
            yield ActivitySparkline([], id="timeline-sparkline")
            yield Static("", id="timeline-last", markup=False)
        yield Static("", id="timeline-info", markup=False)
        yield SahelList(id="timeline-list")

    def apply_filter(self, box: str) -> None:
        if self.handle is not None:
            self._loaded = True
            self._box = box
            self._load(box, self.sort, 0)

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _load(self, box: str, sort: str, offset: int) -> None:
        handle = self.handle
        assert handle is not None
        try:
            page = handle.run(lambda lib: lib.timeline_page(box, limit=PAGE, offset=offset, sort=sort))
        except UnknownActor as err:
            self.app.call_from_thread(self.show_error, self._info_widget(), f"No actor is called {err}.")
            return
        except QueryError as err:
            self.app.call_from_thread(self.show_error, self._info_widget(), str(err))
            return
        rows: list[tuple[Content, EventHit | EventReport]] = []
        for h in page.items:  # a merged event: one row per other source, to open its own sentence
            rows += [(event_row(h, handle), h), *((report_row(r), r) for r in h.reports[1:])]
        self.app.call_from_thread(self._show, box, sort, page, rows)

    def _info_widget(self) -> Static:
        return self.query_one("#timeline-info", Static)

    def _show(self, box: str, sort: str, page: Page[EventHit],
              rows: list[tuple[Content, EventHit | EventReport]]) -> None:
        """Apply a page whose rows the worker built (the list adds them in small batches)."""
        if box != self._box or sort != self.sort:  # the user changed the filter meanwhile
            return
        self._loading = False
        if page.offset == 0:
            self._hits = list(page.items)
            self.query_one(SahelList).show_rows(rows, empty="No events match these filters.")
        else:
            self._hits += page.items
            self.query_one(SahelList).append_rows(rows)
        self._page = page
        data, first, last = month_counts(self._hits)
        self.query_one(Sparkline).data = data
        self.query_one("#timeline-first", Static).update(first)
        self.query_one("#timeline-last", Static).update(last)
        lead = {"newest": "latest ", "oldest": "earliest ", "toll": "deadliest "}[sort]
        count = page.label("event reports", lead=lead, cumulative=True)
        more = " — page down for more" if page.more else ""
        peak = f" · busiest month {max(data):.0f}" if data else ""
        text = f"{count}, {ORDER_LABELS[sort]} (s: order){more}{peak}"
        parts = [Content(text).stylize(".sahel--count"), *(Content(n).stylize(".sahel--note") for n in page.notes)]
        self._info_widget().update(Content("\n").join(parts))

    @on(SahelList.OptionHighlighted, "#timeline-list")
    def _moved(self, event: SahelList.OptionHighlighted) -> None:
        page, listing = self._page, self.query_one(SahelList)
        if page is not None and page.more and not self._loading and listing.near_end(event.option_index):
            self._loading = True
            self._load(self._box, self.sort, page.next_offset)

    @on(SahelList.OptionSelected, "#timeline-list")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        hit = self.query_one(SahelList).payload(event.option)
        if isinstance(hit, EventHit):
            span = (hit.event.start, hit.event.end)
            self.post_message(OpenArticle(hit.article_id, span=span, focus_kind="event"))
        elif isinstance(hit, EventReport):
            self.post_message(OpenArticle(hit.article_id, span=(hit.start, hit.end), focus_kind="event"))
