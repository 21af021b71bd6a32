"""Who said what: every direct quotation, newest article first, filtered by speaker or actor.

Filter box: speaker:"name" (any part of the speaker's name or role), actor:id-or-alias and free
words. Enter opens the article scrolled to the quote, highlighted.
"""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ...core.knowledge import UnknownActor
from ...core.models import QuoteHit
from ..messages import OpenArticle
from ..text import count_text
from .filters import split_filters
from .lists import SahelList
from .pane import FilteredPane
from .rows import quote_row

FILTER_KEYS = frozenset({"speaker", "actor"})


class QuotesPane(FilteredPane):
    """Filter box, count and quote list."""

    FILTER_ID = "quotes-filter"

    def compose(self) -> ComposeResult:
        yield Input(placeholder='Filter: speaker:"Goïta" actor:jnim words', id=self.FILTER_ID, compact=True)
        yield Static("", id="quotes-info", markup=False)
        yield SahelList(id="quotes-list")

    def apply_filter(self, box: str) -> None:
        if self.handle is not None:
            self._load(box)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def _load(self, box: str) -> None:
        handle = self.handle
        assert handle is not None
        found, words = split_filters(box, FILTER_KEYS)
        try:
            hits = handle.run(lambda lib: lib.quotes(words, speaker=found.get("speaker"), actor=found.get("actor")))
        except UnknownActor as err:
            self.app.call_from_thread(self._info, Content(f"No actor is called {err}.").stylize(".sahel--error"))
            return
        self.app.call_from_thread(self._show, hits)

    def _info(self, content: Content) -> None:
        self.query_one("#quotes-info", Static).update(content)

    def _show(self, hits: list[QuoteHit]) -> None:
        self._info(Content(f"{count_text(len(hits), 'quote')}, newest article first").stylize(".sahel--count"))
        self.query_one(SahelList).show_rows([(quote_row(h), h) for h in hits], empty="No quotes match.")

    @on(SahelList.OptionSelected, "#quotes-list")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        hit = self.query_one(SahelList).payload(event.option)
        if isinstance(hit, QuoteHit):
            span = (hit.quote.start, hit.quote.end)
            self.post_message(OpenArticle(hit.article_id, span=span, focus_kind="quote"))
