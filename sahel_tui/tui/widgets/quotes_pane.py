"""Who said what: every direct quotation, newest article first (s: by speaker).

The filter box reads the one query language: speaker:"name" (words of the speaker's name or
role), actor:id-or-alias, words, since:/published:, AND/OR/NOT. Enter opens the article scrolled
to the quote, highlighted; reaching the end of the list loads the next page.
"""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ...core.knowledge import UnknownActor
from ...core.models import Page, QuoteHit
from ...core.query import QueryError
from ..messages import OpenArticle
from .lists import SahelList
from .pane import FilteredPane
from .rows import quote_row

PAGE = 500
ORDER_LABELS = {"newest": "newest article first", "speaker": "by speaker"}


class QuotesPane(FilteredPane):
    """Filter box, count and quote list."""

    FILTER_ID = "quotes-filter"
    SORTS = ("newest", "speaker")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._page: Page[QuoteHit] | None = None
        self._box = ""
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder='Filter: speaker:"Goïta" actor:jnim words', id=self.FILTER_ID, compact=True)
        yield Static("", id="quotes-info", markup=False)
        yield SahelList(id="quotes-list")

    def apply_filter(self, box: str) -> None:
        if self.handle is not None:
            self._box = box
            self._load(box, self.sort, 0)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def _load(self, box: str, sort: str, offset: int) -> None:
        handle = self.handle
        assert handle is not None
        try:
            page = handle.run(lambda lib: lib.quotes_page(box, limit=PAGE, offset=offset, sort=sort))
        except UnknownActor as err:
            self.app.call_from_thread(self.show_error, self._info_widget(), f"No actor is called {err}.")
            return
        except QueryError as err:
            self.app.call_from_thread(self.show_error, self._info_widget(), str(err))
            return
        rows = [(quote_row(h), h) for h in page.items]  # built here, off the UI thread
        self.app.call_from_thread(self._show, box, sort, page, rows)

    def _info_widget(self) -> Static:
        return self.query_one("#quotes-info", Static)

    def _show(self, box: str, sort: str, page: Page[QuoteHit], rows: list[tuple[Content, QuoteHit]]) -> None:
        if box != self._box or sort != self.sort:
            return
        self._loading = False
        if page.offset == 0:
            self.query_one(SahelList).show_rows(rows, empty="No quotes match.")
        else:
            self.query_one(SahelList).append_rows(rows)
        self._page = page
        more = " — page down for more" if page.more else ""
        lead = "first " if sort == "speaker" else "latest "
        info = Content(f"{page.label('quotes', lead=lead, cumulative=True)}, {ORDER_LABELS[sort]} (s: order){more}")
        parts = [info.stylize(".sahel--count"), *(Content(n).stylize(".sahel--note") for n in page.notes)]
        self._info_widget().update(Content("\n").join(parts))

    @on(SahelList.OptionHighlighted, "#quotes-list")
    def _moved(self, event: SahelList.OptionHighlighted) -> None:
        page, listing = self._page, self.query_one(SahelList)
        if page is not None and page.more and not self._loading and listing.near_end(event.option_index):
            self._loading = True
            self._load(self._box, self.sort, page.next_offset)

    @on(SahelList.OptionSelected, "#quotes-list")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        hit = self.query_one(SahelList).payload(event.option)
        if isinstance(hit, QuoteHit):
            span = (hit.quote.start, hit.quote.end)
            self.post_message(OpenArticle(hit.article_id, span=span, focus_kind="quote"))
