"""What the briefing keys do anywhere in the app: clip (c), star (*), note (a) and tag (#).

A screen says *what* is selected (a row's payload, or the reader's passage) as a `Pointer`; this
module turns it into a draft in a worker (the Library is behind a lock), writes it to the user's
store (one SQLite transaction, fast enough for the UI thread) and confirms with a notification.
One `Briefing` per app, opened on first use, so start-up never touches the store.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..core import briefing
from ..core.models import Actor, ActorStat, ArticleRef, EventHit, QuoteHit, SearchHit
from ..core.refs import relocate
from ..core.store import BriefingStore, Clip, Mark
from ..core.userdb import StoreError
from .screens.prompt import TextPrompt

if TYPE_CHECKING:
    from ..core.library import Library
    from .handle import LibraryHandle


@dataclass(frozen=True)
class Pointer:
    """The selected thing: ``make`` builds its draft from the Library; ``label`` names it to the user."""

    label: str
    make: Callable[[Library], briefing.Draft]


def pointer_for(payload: Any) -> Pointer | None:
    """The pointer for a list row's payload (search hit, event, quote, actor, article), or None."""
    if isinstance(payload, SearchHit):
        if payload.kind == "article":
            return Pointer("article", lambda lib: briefing.draft_article(lib, payload.article_id))
        return Pointer(payload.kind, lambda lib: briefing.draft(lib, payload.ref))
    if isinstance(payload, EventHit):
        return Pointer("event", lambda lib: briefing.draft_event(lib, payload.article_id, payload.event))
    if isinstance(payload, QuoteHit):
        return Pointer("quote", lambda lib: briefing.draft_quote(lib, payload.article_id, payload.quote))
    if isinstance(payload, (ActorStat, Actor)):
        actor_id = payload.actor.id if isinstance(payload, ActorStat) else payload.id
        return Pointer("actor", lambda lib: briefing.draft_actor(lib, actor_id))
    if isinstance(payload, ArticleRef):
        return Pointer("article", lambda lib: briefing.draft_article(lib, payload.id))
    if isinstance(payload, Clip) and payload.kind != "heading":  # a clip in the Brief pane: its object, as clipped
        return Pointer(payload.kind, lambda lib: briefing.Draft(payload.target, payload.citation))
    return None


_BRIEFINGS: weakref.WeakKeyDictionary[App[Any], Briefing] = weakref.WeakKeyDictionary()


def briefing_of(app: App[Any]) -> Briefing:
    """The app's Briefing (created on first use)."""
    if app not in _BRIEFINGS:
        _BRIEFINGS[app] = Briefing(app)
    return _BRIEFINGS[app]


class Briefing:
    """The store and the current brief as the app uses them."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._store: BriefingStore | None = None
        self.listeners: list[Callable[[], None]] = []  # called after a clip is added (the Brief pane)

    @property
    def store(self) -> BriefingStore:
        if self._store is None:
            self._store = BriefingStore(self.app.config.store_file)  # type: ignore[attr-defined]
        return self._store

    @property
    def handle(self) -> LibraryHandle | None:
        return getattr(self.app, "handle", None)

    @property
    def current(self) -> str:
        return self.store.current()

    def use(self, name: str) -> None:
        self.store.set_current(name)
        self.app.notify(f"Clips now go to the brief “{name}”.", title="Brief", markup=False)
        self.changed()

    def ask_new(self) -> None:
        """Name a new brief (from the palette); it becomes the current one."""
        def create(name: str | None) -> None:
            if name and name.strip():
                self.guarded(self.use, name.strip())
        self.app.push_screen(TextPrompt("Name of the new brief (e.g. Weekly Mali 2025-W27)"), create)

    def marked_spans(self, article_id: str, body: str) -> list[tuple[int, int]]:
        """Where this article's noted or starred passages, quotes and events are now (the reader marks them)."""
        spans: list[tuple[int, int]] = []
        for mark in self.guarded(lambda: self.store.marks(article_id)) or []:
            anchor = mark.target.anchor
            if anchor is not None and (mark.note or mark.starred):
                span = relocate(anchor, body)
                if span is not None:
                    spans.append(span)
        return spans

    def changed(self) -> None:
        for listener in self.listeners:
            listener()

    # ------------------------------------------------------------ the keys
    def act(self, pointer: Pointer | None, action: str) -> None:
        """Do `action` (clip, star, note, tag) on the pointed-at object."""
        if pointer is None:
            self.app.notify("Select something first: a row of a list, or a quote, mention or passage (v) "
                            "in the reader.", severity="warning", timeout=4)
            return
        if self.handle is None:
            self.app.notify("The index is still opening.", severity="warning", timeout=3)
            return
        handle = self.handle
        self.app.run_worker(lambda: self._draft_then(handle, pointer, action), thread=True,
                            group="briefing", exit_on_error=False)

    def _draft_then(self, handle: LibraryHandle, pointer: Pointer, action: str) -> None:
        try:
            draft = handle.run(pointer.make)
        except (briefing.CannotClip, KeyError, LookupError, OSError) as err:
            self.app.call_from_thread(self.app.notify, f"Cannot {action} this {pointer.label}: {err}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self.guarded, getattr(self, f"_{action}"), draft)

    def guarded(self, call: Callable[..., Any], *args: Any) -> Any:
        """Run a store action; a store that cannot be opened or written becomes a notification
        (and None), not a crash."""
        try:
            return call(*args)
        except StoreError as err:
            self.app.notify(str(err), title="Your store", severity="error", timeout=10, markup=False)
            return None

    def _clip(self, draft: briefing.Draft) -> None:
        clip = self.store.add_clip(self.current, draft.target, draft.citation)
        self.app.notify(f"Clipped {clip.kind} into “{clip.brief}”: {_short(clip.text)}", title="Clipped",
                        markup=False)
        self.changed()

    def _star(self, draft: briefing.Draft) -> None:
        mark = self.store.toggle_star(draft.target)
        verb = "Starred" if mark.starred else "Unstarred"
        self.app.notify(f"{verb} {draft.target.kind}: {_short(draft.target.text)}", markup=False)
        self.changed()

    def _note(self, draft: briefing.Draft) -> None:
        mark = self.store.mark(draft.target.key)
        title = f"Note on this {draft.target.kind} (empty removes it)"

        def save(text: str | None) -> None:
            if text is not None:
                self.guarded(self.set_note, draft, text)
        self.app.push_screen(TextPrompt(title, _short(draft.target.text), mark.note if mark else ""), save)

    def set_note(self, draft: briefing.Draft, text: str) -> Mark:
        mark = self.store.set_note(draft.target, text.strip())
        self.app.notify("Note saved." if mark.note else "Note removed.", markup=False)
        self.changed()
        return mark

    def _tag(self, draft: briefing.Draft) -> None:
        mark = self.store.mark(draft.target.key)

        def save(text: str | None) -> None:
            saved = None if text is None else \
                self.guarded(self.store.set_tags, draft.target, text.replace(",", " ").split())
            if saved is not None:
                self.app.notify(f"Tags: {' '.join(saved.tags) or 'none'}", markup=False)
                self.changed()
        self.app.push_screen(TextPrompt("Tags (separated by spaces)", _short(draft.target.text),
                                        " ".join(mark.tags) if mark else ""), save)


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def brief_commands(app: App[Any]) -> Iterator[tuple[str, Callable[[], object], str, tuple[str, ...]]]:
    """The palette's brief commands: switch to each brief, start a new one."""
    b = briefing_of(app)
    try:
        current, briefs = b.current, b.store.briefs()
    except StoreError:
        return
    for info in briefs:
        mark = " · current" if info.name == current else ""
        yield f"Brief: switch to {info.name}", partial(b.use, info.name), f"{info.clips} clips{mark}", ()
    yield "Brief: new brief…", b.ask_new, f"Clips go to “{current}” now", ("New brief",)
