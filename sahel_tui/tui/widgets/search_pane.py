"""Search as you type: debounced input, one exclusive worker, stale results dropped.

Modelled on Textual's examples/dictionary.py. A keystroke restarts a short timer; when it fires,
an exclusive thread worker runs the query (cancelling the previous one) and hands the results
back only if the input still holds that query, so typing never queues behind a slow search.
"""
from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...core.models import ArticleRef, SearchHit, SearchResults
from ...core.query import QueryError
from ..display import count_text, plain
from ..messages import OpenArticle
from .lists import SahelList
from .pane import Pane, debounce_seconds
from .rows import ArticleGroups, article_row, group_row, hit_key, search_row

DEBOUNCE_SECONDS = 0.15
PAGE = 15  # results per page, each with its snippet (cutting one reads the article); more on scrolling
NEWEST_PAGE = 500  # articles per page of the empty box's newest-first list
SORTS = ("relevance", "newest", "oldest")


class SearchInput(Input):
    """The query box: Down moves into the results (a Pane binding), Enter opens the top one."""


class SearchPane(Pane):
    """Query input, notes (alias expansion, fallbacks), result count and ranked results; `s`
    cycles relevance / newest / oldest; reaching the end of the list loads the next page.

    Results are grouped by article: an article's quotes and events fold under its row ("+ 3
    quotes, 2 events"), `o` (or → / ←) shows or hides them, and a later page's records join
    their article's group instead of adding rows far below it."""

    BINDINGS = [Binding("s", "cycle_sort", "Sort"),
                Binding("o", "toggle_group", "Show/hide", tooltip="show or hide an article's quotes and events"),
                Binding("right", "open_group", "Show records", show=False,
                        tooltip="show the quotes and events under an article's row (also o)"),
                Binding("left", "close_group", "Hide records", show=False,
                        tooltip="hide the quotes and events under an article's row (also o)")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sort = 0
        self._results: SearchResults | None = None
        self._groups = ArticleGroups()  # every hit loaded so far, by article
        self._drawn: dict[tuple[str, bool, bool, int, bool], Content] = {}  # rows drawn for these groups
        self._loading = False
        self._typing = False
        self._timer: Timer | None = None
        self._pending: Callable[[], object] | None = None
        self._wanted = ""
        self._shown: str | None = None  # the query whose results are on screen
        self._open_when_shown = False  # Enter was pressed before the results arrived
        self._newest_shown = 0  # rows of the newest-first list loaded (the empty box)
        self._newest_total = 0

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
            self._typing = as_you_type  # the next pages are of the same query
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

    @property
    def sort(self) -> str:
        return SORTS[self._sort]

    def action_cycle_sort(self) -> None:
        """Relevance, newest, oldest: the same query in another order."""
        self._sort = (self._sort + 1) % len(SORTS)
        self._schedule(self.query_one(SearchInput).value, delay=0)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, as_you_type: bool = True, offset: int = 0) -> None:
        handle, worker, sort = self.handle, get_current_worker(), self.sort
        if handle is None:
            return
        if not query:  # the newest articles, a page at a time, rows built here (off the UI thread)
            refs = handle.run(lambda lib: lib.article_refs())
            page = refs[offset:offset + NEWEST_PAGE]
            rows = [(article_row(ref), ref) for ref in page if not worker.is_cancelled]
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_newest, len(refs), offset, rows)
            return
        try:
            results = handle.run(lambda lib: None if worker.is_cancelled else
                                 lib.search(query, limit=PAGE, as_you_type=as_you_type, offset=offset, sort=sort))
        except QueryError as err:
            self.app.call_from_thread(self._show_error, query, str(err))
            return
        if results is not None and not worker.is_cancelled and query == self._wanted:
            self.app.call_from_thread(self._show_results, query, results)

    def _show_error(self, query: str, message: str) -> None:
        """A query the core refused: the reason under the box, and no stale results below it."""
        if query != self._wanted:
            return
        self._results, self._groups = None, ArticleGroups()
        self.query_one("#search-info", Static).update(Content(message).stylize(".sahel--error"))
        self.query_one(SahelList).show_rows([], empty="Nothing shown: fix the query above (? for the syntax).")
        self._shown = None

    def _show_results(self, query: str, results: SearchResults) -> None:
        if query != self._wanted:  # the user typed on while we were drawing
            return
        self._loading = False
        self._results = results
        if not results.offset:
            self._groups, self._drawn = ArticleGroups(), {}
        self._groups.add(results.hits)
        self.query_one("#search-info", Static).update(self._count_line(results))
        if results.offset:
            self._redraw()
            return
        empty = "No match. Try fewer words, a prefix* or fuzzy~ (press ? for the syntax)."
        self.query_one(SahelList).show_rows(self._rows(), empty=empty)
        self._shown = query
        self._open_pending()

    def _count_line(self, results: SearchResults) -> Content:
        """How many results in all and how many are loaded (hits, not rows: a folded group's
        records are loaded, only hidden), the order, copies of one story, the query's notes."""
        shown = results.offset + len(results.hits)
        count = results.total_label
        if shown < results.total:
            lead = {"relevance": "top", "newest": "newest", "oldest": "oldest"}[self.sort]
            count = f"{lead} {shown:,} of {count} — page down for more"
        if self.sort != "relevance":
            count += f" · {self.sort} first"
        loaded = self._groups.hits()
        reports = sum(h.extra.reports or 1 for h in loaded if h.kind == "article")
        stories = sum(1 for h in loaded if h.kind == "article")
        if stories and reports != stories:
            count += f" · {reports} reports, {stories} independent source{'s' * (stories != 1)} shown"
        if len(self._groups.groups) < len(self._groups):
            count += f" · by article ({count_text(len(self._groups.groups), 'article')}, o: show/hide)"
        info = Content(count + " (s: order)").stylize(".sahel--count")
        for note in results.notes:
            info = Content("\n").join([info, plain(note, ".sahel--note")])
        return info

    def _rows(self) -> list[tuple[Content, SearchHit]]:
        """The rows to show, drawn once each: a new page redraws the list, not every row."""
        rows = []
        for hit, nested, group in self._groups.rows():
            key = (hit_key(hit), nested, group.open, len(group.nested), group.article is hit)
            if key not in self._drawn:
                self._drawn[key] = search_row(hit, nested) if nested else group_row(group)
            rows.append((self._drawn[key], hit))
        return rows

    def _redraw(self, keep: SearchHit | None = None) -> None:
        """Show the groups again (a page came in, a group opened or closed), the cursor staying
        on ``keep`` (default: the row it is on)."""
        listing = self.query_one(SahelList)
        current = keep or listing.current
        listing.show_rows(self._rows(), empty="No match.")
        if isinstance(current, SearchHit):
            key = hit_key(current)
            for option_id, hit in listing.payloads.items():
                if hit_key(hit) == key:
                    listing.highlighted = listing.get_option_index(option_id)
                    break

    def _set_group(self, open_: bool | None) -> None:
        """Open, close (or with None, toggle) the group of the highlighted row."""
        current = self.query_one(SahelList).current
        group = self._groups.group_of(current) if isinstance(current, SearchHit) else None
        if group is None or not group.nested:
            return
        wanted = (not group.open) if open_ is None else open_
        if wanted != group.open:
            group.open = wanted
            self._redraw(current if wanted else group.lead)  # closing from a record: back to its article

    def action_toggle_group(self) -> None:
        """Show or hide the quotes and events under the highlighted article."""
        self._set_group(None)

    def action_open_group(self) -> None:
        self._set_group(True)

    def action_close_group(self) -> None:
        self._set_group(False)

    @on(SahelList.OptionHighlighted, "#search-results")
    def _moved(self, event: SahelList.OptionHighlighted) -> None:
        results, listing = self._results, self.query_one(SahelList)
        if self._shown == "" == self._wanted and not self._loading and listing.near_end(event.option_index) \
                and self._newest_shown < self._newest_total:  # the next page of the newest articles
            self._loading = True
            self._search("", offset=self._newest_shown)
            return
        if results is None or self._loading or self._shown != self._wanted or not listing.near_end(event.option_index):
            return
        loaded = results.offset + len(results.hits)
        if loaded < results.total:
            self._loading = True
            query = self._wanted
            self._search(query, self._typing, loaded)

    def _show_newest(self, total: int, offset: int, rows: list[tuple[Content, ArticleRef]]) -> None:
        """The empty box: the newest articles, a page at a time (the count says how many in all)."""
        if self._wanted:
            return
        self._loading = False
        self._results, self._groups = None, ArticleGroups()
        self._newest_total, self._newest_shown = total, offset + len(rows)
        count = f"{count_text(total, 'article')}, newest first"
        if self._newest_shown < total:
            count = f"newest {self._newest_shown:,} of {count_text(total, 'article')} — page down for more"
        info = Content(f"{count}. Press / to search.").stylize(".sahel--count")
        self.query_one("#search-info", Static).update(info)
        if offset:
            self.query_one(SahelList).append_rows(rows)
            return
        self.query_one(SahelList).show_rows(rows, empty="The corpus is empty.")
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
    start, end = hit.extra.start, hit.extra.end
    return (start, end) if start is not None and end is not None else None
