"""Search as you type: debounced input, one exclusive worker, stale results dropped.

Modelled on Textual's examples/dictionary.py. A keystroke restarts a short timer; when it fires,
an exclusive thread worker runs the query (cancelling the previous one) and hands the results
back only if the input still holds that query, so typing never queues behind a slow search.
"""
from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...core.models import ArticleRef, SearchHit, SearchResults
from ..messages import OpenArticle
from ..text import count_text, plain
from .lists import SahelList
from .pane import Pane, debounce_seconds
from .rows import article_row, search_row

DEBOUNCE_SECONDS = 0.15
RESULT_LIMIT = 25  # ~3 screens of results
SNIPPETS = 10  # the results that can be on screen get a snippet (cutting one reads the article)


class SearchInput(Input):
    """The query box: Down moves into the results (a Pane binding), Enter opens the top one."""


class SearchPane(Pane):
    """Query input, notes (alias expansion, fallbacks), result count and ranked results."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._pending: Callable[[], object] | None = None
        self._wanted = ""
        self._shown: str | None = None  # the query whose results are on screen
        self._open_when_shown = False  # Enter was pressed before the results arrived

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="Search articles, quotes, events…  e.g. JNIM Kayes, actor:wagner, date:2023",
                          id="search-input", compact=True)
        yield Static("Checking the index…", id="search-info", markup=False)
        yield SahelList(id="search-results")

    def focus_main(self) -> None:
        self.screen.set_focus(self.query_one(SearchInput))

    def show_message(self, content: Content) -> None:
        """A message in place of the result count (index building, index failed)."""
        self.query_one("#search-info", Static).update(content)

    def load(self) -> None:
        self._schedule(self.query_one(SearchInput).value, delay=0)

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._schedule(event.value, debounce_seconds(self.app, DEBOUNCE_SECONDS))

    def _schedule(self, query: str, delay: float) -> None:
        """Restart the debounce timer; only the last keystroke's query runs.

        A trailing space means the last word is finished: it is then searched as a whole word
        (with alias expansion) rather than as a prefix.
        """
        self._wanted = query.strip()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.handle is not None:
            as_you_type = not query.endswith(" ")
            self._pending = lambda: self._search(self._wanted, as_you_type)
            if delay <= 0:  # (no zero-delay Timer: stopping one breaks Textual's Timer)
                self.flush()
            else:
                self._timer = self.set_timer(delay, self.flush)

    def flush(self) -> None:
        """Run the search the debounce timer is waiting for, now (the timer calls this; so can tests)."""
        pending, self._pending = self._pending, None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if pending is not None:
            pending()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, as_you_type: bool = True) -> None:
        handle, worker = self.handle, get_current_worker()
        if handle is None:
            return
        if not query:
            refs = handle.run(lambda lib: lib.article_refs())
            self.app.call_from_thread(self._show_newest, refs)
            return
        results = handle.run(lambda lib: None if worker.is_cancelled else
                             lib.search(query, limit=RESULT_LIMIT, as_you_type=as_you_type, snippets=SNIPPETS))
        if results is not None and not worker.is_cancelled and query == self._wanted:
            self.app.call_from_thread(self._show_results, query, results)

    def _show_results(self, query: str, results: SearchResults) -> None:
        if query != self._wanted:  # the user typed on while we were drawing
            return
        shown = len(results.hits)
        count = results.total_label
        count += f" (top {shown} shown)" if shown < results.total else ""
        info = Content(count).stylize(".sahel--count")
        for note in results.notes:
            info = Content("\n").join([info, plain(note, ".sahel--note")])
        self.query_one("#search-info", Static).update(info)
        rows = [(search_row(hit), hit) for hit in results.hits]
        empty = "No match. Try fewer words, a prefix* or fuzzy~ (press ? for the syntax)."
        self.query_one(SahelList).show_rows(rows, empty=empty)
        self._shown = query
        self._open_pending()

    def _show_newest(self, refs: list[ArticleRef]) -> None:
        if self._wanted:
            return
        info = Content(f"{count_text(len(refs), 'article')}, newest first. Press / to search.").stylize(".sahel--count")
        self.query_one("#search-info", Static).update(info)
        self.query_one(SahelList).show_rows([(article_row(ref), ref) for ref in refs], empty="The corpus is empty.")
        self._shown = ""
        self._open_pending()

    def _open_pending(self) -> None:
        if self._open_when_shown:
            self._open_when_shown = False
            self._open(self.query_one(SahelList).current)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        """Enter opens the top result — of the query as typed, even if its results are not in yet."""
        if self._shown == self._wanted:
            self._open(self.query_one(SahelList).current)
        else:
            self._open_when_shown = True
            self._schedule(self.query_one(SearchInput).value, delay=0)

    @on(SahelList.OptionSelected, "#search-results")
    def _selected(self, event: SahelList.OptionSelected) -> None:
        event.stop()
        self._open(self.query_one(SahelList).payload(event.option))

    def _open(self, item: SearchHit | ArticleRef | None) -> None:
        """Ask for the reader: articles open at the top, quotes and events at their sentence."""
        if isinstance(item, ArticleRef):
            self.post_message(OpenArticle(item.id))
        elif isinstance(item, SearchHit):
            kind = item.kind if item.kind in ("quote", "event") else ""
            span = _span(item)
            self.post_message(OpenArticle(item.article_id, query=self._wanted, span=span, ref=item.ref,
                                          focus_kind=kind))


def _span(hit: SearchHit) -> tuple[int, int] | None:
    """Offsets of a quote/event hit when the core provides them (else the reader resolves `ref`)."""
    start, end = hit.extra.get("start"), hit.extra.get("end")
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None
