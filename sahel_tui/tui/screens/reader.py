"""The reader: one article with search hits, actor and place mentions and quotes highlighted.

Jump keys move a visible "current" mark (n/N hits, ]/[ quotes, m/M actor mentions) and scroll it
into view; Enter on an actor mention (or a quote with a known speaker) opens that profile.
Everything shown comes from the Library; this screen only lays out spans.
"""
from __future__ import annotations

from pathlib import Path

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core.corpus import ArticleError
from ...core.models import Mention, Quote
from ..clipping import Pointer, briefing_of
from ..display import count_text, date_text, plain
from ..handle import LibraryHandle
from ..messages import OpenActor, OpenArticle
from ..passage import PassageSelection, reader_pointer
from ..provenance import correction_note
from ..reading import ReaderData, Span, Target, gather
from ..widgets.article_view import ArticleView
from ..widgets.rows import speaker_text
from .base import SahelFooter
from .briefing_keys import BriefingScreen

HITS, QUOTES, MENTIONS = Binding.Group("hit", compact=True), Binding.Group("quote", compact=True), \
    Binding.Group("mention", compact=True)


class ReaderScreen(BriefingScreen):
    """One article; escape goes back to wherever it was opened from."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", tooltip="back to the list (or profile) the article was opened from"),
        Binding("n", "jump('hit', 1)", "next", group=HITS, tooltip="next search hit"),
        Binding("N", "jump('hit', -1)", "prev", group=HITS, tooltip="previous search hit"),
        Binding("right_square_bracket", "jump('quote', 1)", "next", group=QUOTES, tooltip="next quote"),
        Binding("left_square_bracket", "jump('quote', -1)", "prev", group=QUOTES, tooltip="previous quote"),
        Binding("m", "jump('mention', 1)", "next", group=MENTIONS, tooltip="next actor mention"),
        Binding("M", "jump('mention', -1)", "prev", group=MENTIONS, tooltip="previous actor mention"),
        Binding("enter", "open_current", "Profile", tooltip="profile of the marked actor (or the quote's speaker)"),
        Binding("j", "scroll(1)", "Down", show=False, tooltip="scroll down a line"),
        Binding("k", "scroll(-1)", "Up", show=False, tooltip="scroll up a line"),
        Binding("g", "edge(0)", "Top", show=False, tooltip="to the top of the article"),
        Binding("G", "edge(1)", "End", show=False, tooltip="to the end of the article"),
        Binding("v", "select_passage", "Select passage", show=False, tooltip="start, then end, a passage selection"),
        Binding("c", "brief('clip')", "Clip", show=False,
                tooltip="clip the passage, marked quote or actor, else the article"),
    ]

    def __init__(self, handle: LibraryHandle, request: OpenArticle) -> None:
        super().__init__()
        self.handle = handle
        self.request = request
        self.data: ReaderData | None = None
        self.current: tuple[str, int] | None = None  # (kind, index into data.targets[kind])
        self._position = -1  # offset of the current mark; jumps go from here
        self.selection = PassageSelection()

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="reader-title", markup=False)
        yield Static("", id="reader-meta", markup=False)
        with VerticalScroll(id="reader-scroll"):
            yield ArticleView(id="reader-text")
        yield Static("", id="reader-status", markup=False)
        yield SahelFooter()

    def on_mount(self) -> None:
        self.query_one("#reader-scroll").focus()
        briefing_of(self.app).listeners.append(self._marks_changed)
        self._load()

    def on_unmount(self) -> None:
        listeners = briefing_of(self.app).listeners
        if self._marks_changed in listeners:
            listeners.remove(self._marks_changed)

    def _marks_changed(self) -> None:
        """A note or star was set: redraw the marked passages."""
        if self.data is not None:
            a = self.data.article
            self.query_one(ArticleView).set_layer(".reader--noted", briefing_of(self.app).marked_spans(a.id, a.text))

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            data = gather(self.handle, self.request)
        except (KeyError, OSError, ArticleError) as err:
            self.app.call_from_thread(self._failed, f"Cannot open this article: {err}")
            return
        self.app.call_from_thread(self._show, data)

    def _failed(self, message: str) -> None:
        self.query_one("#reader-title", Static).update(plain(message, ".sahel--error"))
        self._status(Content("Press escape to go back.").stylize(".sahel--muted"))

    def _show(self, data: ReaderData) -> None:
        self.data = data
        a = data.article
        self.query_one("#reader-title", Static).update(plain(a.title or "(untitled)", ".sahel--title"))
        self.query_one("#reader-meta", Static).update(self._meta(data))
        t = data.targets
        layers = [(".reader--quote", [(x.start, x.end) for x in t["quote"]]), (".reader--place", data.places),
                  (".reader--actor", [(x.start, x.end) for x in t["mention"]]),
                  (".reader--hit", [(x.start, x.end) for x in t["hit"]]),
                  (".reader--noted", briefing_of(self.app).marked_spans(a.id, a.text))]
        self.query_one(ArticleView).show(a.text, layers)
        if data.focus:
            self._focus_on(*data.focus)
        else:
            self._status(self._hint(data))

    def _meta(self, data: ReaderData) -> Content:
        a, t = data.article, data.targets
        parts: list[Content | str] = [plain(a.source or "source unknown"), date_text(a.published)]
        if a.author:
            parts.append(plain(f"by {a.author}"))
        others = [r for r in data.copies if not (r.get("indexed") and r.get("id") == a.id)]
        if others:  # a wire story reprinted elsewhere: the same story, not another source
            names = sorted({r.get("source") or Path(r["path"]).name for r in others})
            parts.append(plain(f"other copies of this story: {', '.join(names)}"))
        legend = Content.assemble(("hits", ".reader--hit"), " ", ("actors", ".reader--actor"), " ",
                                  ("places", ".reader--place"), " ", ("quotes", ".reader--quote"), " ",
                                  ("noted", ".reader--noted"))
        counts = " · ".join(count_text(len(t[kind]), label) for kind, label in
                            (("hit", "hit"), ("quote", "quote"), ("mention", "actor mention")))
        # the legend first: on a short screen the line is cut, and without colour the legend is the key
        return legend + Content("   ") + Content(" · ").join([*parts, counts]).stylize(".sahel--meta")

    def _hint(self, data: ReaderData) -> Content:
        keys = "]/[ quotes, m/M actor mentions, Enter opens the marked actor, v selects a passage, c clips"
        if not self.request.query:  # opened from a list, not a search: no hits to count
            return Content(keys[0].upper() + keys[1:]).stylize(".sahel--muted")
        hits = count_text(len(data.targets["hit"]), "hit")
        query = plain(f"{hits} for “{self.request.query}”")
        return Content.assemble(query, f" — n/N hits, {keys}").stylize(".sahel--muted")

    # ------------------------------------------------------------ jumping
    def _focus_on(self, kind: str, span: Span) -> None:
        """Start on the quote/sentence the reader was opened for."""
        assert self.data is not None
        targets = self.data.targets.get(kind, [])
        index = next((i for i, t in enumerate(targets) if (t.start, t.end) == span), None)
        if index is not None:
            self._set_current(kind, index)
            return
        self._position = span[0]
        self.query_one(ArticleView).mark(span)
        self._status(Content(f"The {kind or 'passage'} you opened is marked.").stylize(".sahel--muted"))
        self.call_after_refresh(self._scroll_to_offset, span[0])

    def action_jump(self, kind: str, step: int) -> None:
        """Go to the next (step 1) or previous (-1) target of a kind after/before the current mark."""
        if self.data is None:
            return
        targets = self.data.targets[kind]
        if not targets:
            self._status(Content(f"No {kind}s in this article.").stylize(".sahel--muted"))
            return
        if step > 0:
            index = next((i for i, t in enumerate(targets) if t.start > self._position), 0)
        else:
            index = next((i for i in range(len(targets) - 1, -1, -1) if targets[i].start < self._position),
                         len(targets) - 1)
        self._set_current(kind, index)

    def _set_current(self, kind: str, index: int) -> None:
        assert self.data is not None
        target = self.data.targets[kind][index]
        self.current, self._position = (kind, index), target.start
        self.query_one(ArticleView).mark((target.start, target.end))
        self._status(self._describe(kind, index, target))
        self.call_after_refresh(self._scroll_to_offset, target.start)

    def _describe(self, kind: str, index: int, target: Target) -> Content:
        total = len(self.data.targets[kind]) if self.data else 0
        where = Content(f"{kind} {index + 1}/{total}").stylize(".sahel--count")
        record = target.record
        if isinstance(record, Mention):
            name = self.handle.actor_name(record.ref)
            return Content.assemble(where, " · ", plain(name, ".sahel--actor"),
                                    " — Enter opens the profile, x corrects")
        if isinstance(record, Quote):
            return Content.assemble(where, " · ", speaker_text(record.speaker, record.speaker_role),
                                    correction_note(record.corrections), " — x corrects")
        return where

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding `offset` sits a third of the way down the view.
        (Not `_scroll_to`: that name is Textual's own Widget method, which `scroll_to` calls.)"""
        scroller = self.query_one("#reader-scroll", VerticalScroll)
        line = self.query_one(ArticleView).line_of(offset)
        scroller.scroll_to(y=max(0, line - scroller.size.height // 3), animate=False)

    def _status(self, content: Content) -> None:
        self.query_one("#reader-status", Static).update(content)

    def on_resize(self, event: events.Resize) -> None:
        """A new width re-wraps the text: bring the marked sentence back into view."""
        if self._position >= 0:
            self.call_after_refresh(self._scroll_to_offset, self._position)

    def action_edge(self, end: int) -> None:
        """g / G: the top or the end of the article."""
        scroller = self.query_one("#reader-scroll", VerticalScroll)
        scroller.scroll_to(y=scroller.max_scroll_y if end else 0, animate=False)

    def action_scroll(self, lines: int) -> None:
        scroller = self.query_one("#reader-scroll", VerticalScroll)
        scroller.scroll_relative(y=lines, animate=False)

    def action_open_current(self) -> None:
        """Enter: the marked actor's profile (a mention, or the speaker of a marked quote)."""
        record = self._current_record()
        if isinstance(record, Mention):
            self.post_message(OpenActor(record.ref))
        elif isinstance(record, Quote) and record.speaker_actor:
            self.post_message(OpenActor(record.speaker_actor))
        else:
            self.notify("Mark an actor mention first (m), then press Enter.", timeout=3)

    def action_select_passage(self) -> None:
        """v: start, then end, a passage selection of whole sentences (see passage.py)."""
        if self.data is None:
            return
        span, message = self.selection.toggle(self.data.article.text, self._position)
        self.query_one(ArticleView).mark(span)
        self._status(Content(message).stylize(".sahel--muted"))

    def pointer(self) -> Pointer | None:
        """What c / * / a / # act on here: the selected passage, the marked quote or actor, or the article."""
        if self.data is None:
            return None
        return reader_pointer(self.data.article.id, self.selection.take(), self._current_record())

    def _current_record(self) -> Quote | Mention | None:
        if self.data is None or self.current is None:
            return None
        kind, index = self.current
        return self.data.targets[kind][index].record
