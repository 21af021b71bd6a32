"""Pane 5, the brief: the current brief's clips in order, to reorder, annotate, group and export.

Clips come from the user's store (fast, on the UI thread); whether each clip's text is still in
its article is checked by the Library in a worker, so a changed or vanished source is marked
without blocking a keystroke. Every key is one store transaction, then the list is redrawn.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ...core import briefing
from ...core.briefing import BriefView
from ...core.store import Clip, UnknownBrief
from ..clipping import briefing_of
from ..display import plain, shorten
from ..screens.prompt import TextPrompt
from .lists import SahelList
from .pane import Pane

KIND_LABELS = {"article": "ARTICLE", "quote": " QUOTE ", "event": " EVENT ", "actor": " ACTOR ",
               "passage": "PASSAGE"}
HINT = "J/K move · h heading · a note · d remove (u undo) · e export · y copy clip · Y copy brief"


def clip_row(clip: Clip, state: str) -> Content:
    """Kind, citation, the clipped text, the note and, if its source moved on, a warning."""
    if clip.kind == "heading":
        return plain(f"§ {clip.text}", ".sahel--heading")
    c = clip.citation
    badge = Content(KIND_LABELS.get(clip.kind, clip.kind)).stylize(
        f".sahel--kind-{clip.kind if clip.kind in ('article', 'quote', 'event') else 'article'}")
    who = c.get("speaker") if clip.kind == "quote" else c.get("date_display") if clip.kind == "event" else ""
    cite = " · ".join(str(p) for p in (who, c.get("source"), c.get("published"), c.get("type")) if p)
    lines = [Content.assemble(badge, " ", plain(cite, ".sahel--meta")),
             plain(shorten(" ".join(clip.text.split()), 200), ".sahel--quote")]
    if clip.note:
        lines.append(plain(f"note: {clip.note}", ".sahel--note"))
    if state not in (briefing.OK, briefing.UNCHECKED):
        lines.append(plain(f"{state}: shown as clipped", ".sahel--error"))
    return Content("\n").join(lines)


def _today() -> date:
    return datetime.now(UTC).date()


def slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name).strip("-").lower() or "brief"


class BriefPane(Pane):
    """The current brief. Enter on a clip opens its source."""

    BINDINGS = [
        Binding("J", "move(1)", "Move down"),
        Binding("K", "move(-1)", "Move up"),
        Binding("h", "heading", "Heading"),
        Binding("a", "note", "Note"),
        Binding("asterisk", "star", "Star", show=False),
        Binding("d", "remove", "Remove"),
        Binding("u", "undo", "Undo", show=False),
        Binding("e", "export", "Export"),
        Binding("y", "copy_clip", "Copy clip"),
        Binding("Y", "copy_brief", "Copy brief", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: BriefView | None = None
        self._removed: list[int] = []  # clip ids, newest last (u restores)
        self._keep: int | None = None  # clip id to highlight after the next redraw

    def compose(self) -> ComposeResult:
        yield Static("", id="brief-info", markup=False)
        yield SahelList(id="brief-list")

    def on_mount(self) -> None:
        briefing_of(self.app).listeners.append(self._changed)

    def on_unmount(self) -> None:
        listeners = briefing_of(self.app).listeners
        if self._changed in listeners:
            listeners.remove(self._changed)

    def _changed(self) -> None:
        if self._active:
            self.reload()

    def activate(self) -> None:
        """Shown: redraw every time (clips were added from the other panes)."""
        self._active = True
        self.reload()

    def load(self) -> None:
        self.reload()

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        """Read the clips now and draw them; check their sources in a worker."""
        found = briefing_of(self.app).guarded(self._read)
        if found is None:
            self.query_one("#brief-info", Static).update(plain("Your store cannot be opened; see the message.",
                                                               ".sahel--error"))
            return
        name, clips = found
        self._show(BriefView(name, tuple((c, briefing.UNCHECKED) for c in clips), None,
                             _today()))
        if self.handle is not None:
            self._check(name, clips)

    def _read(self) -> tuple[str, list[Clip]]:
        store = briefing_of(self.app).store
        name = store.current()
        try:
            return name, store.clips(name)
        except UnknownBrief:
            return name, []

    @work(thread=True, exclusive=True, group="brief", exit_on_error=False)
    def _check(self, name: str, clips: list[Clip]) -> None:
        handle = self.handle
        assert handle is not None
        states, cutoff = handle.run(lambda lib: ([briefing.status(lib, c.target) for c in clips],
                                                 briefing.corpus_cutoff(lib)))
        view = BriefView(name, tuple(zip(clips, states, strict=True)), cutoff, _today())
        self.app.call_from_thread(self._show, view)

    def _show(self, view: BriefView) -> None:
        if self.view is not None and self.view.name == view.name and self._keep is None:
            current = self._selected()
            self._keep = current.id if current else None
        self.view = view
        count = sum(c.kind != "heading" for c, _ in view.clips)
        changed = sum(s in (briefing.CHANGED, briefing.MISSING) for _, s in view.clips)
        info = f"Brief “{view.name}” · {count} clip{'s' * (count != 1)}"
        info += f" · {changed} with a changed or missing source" if changed else ""
        self.query_one("#brief-info", Static).update(Content.assemble(
            plain(info, ".sahel--count"), "   ", plain(HINT, ".sahel--muted")))
        rows = [(clip_row(c, s), c) for c, s in view.clips]
        listing = self.query_one(SahelList)
        listing.show_rows(rows, empty="No clips yet: press c on a row, a quote or a passage (v … v) to clip it.")
        if self._keep is not None:
            index = next((i for i, (c, _) in enumerate(view.clips) if c.id == self._keep), None)
            if index is not None:
                listing.highlighted = index
        self._keep = None

    def _selected(self) -> Clip | None:
        current = self.query_one(SahelList).current
        return current if isinstance(current, Clip) else None

    def _state(self, clip: Clip) -> str:
        states = dict((c.id, s) for c, s in self.view.clips) if self.view else {}
        return states.get(clip.id, briefing.UNCHECKED)

    # ------------------------------------------------------------ keys
    def action_move(self, step: int) -> None:
        clip = self._selected()
        b = briefing_of(self.app)
        if clip is not None and b.guarded(b.store.move_clip, clip.id, step):
            self._keep = clip.id
            self.reload()

    def action_heading(self) -> None:
        def add(text: str | None) -> None:
            if text and text.strip():
                b = briefing_of(self.app)
                clip = b.guarded(lambda: b.store.add_heading(b.current, text.strip()))
                self._keep = clip.id if clip else None
                self.reload()
        self.app.push_screen(TextPrompt("New heading (added at the end; move it with J/K)"), add)

    def action_note(self) -> None:
        clip = self._selected()
        if clip is None or clip.kind == "heading":
            return

        def save(text: str | None) -> None:
            if text is not None:
                b = briefing_of(self.app)
                b.guarded(b.store.set_clip_note, clip.id, text.strip())
                self._keep = clip.id
                self.reload()
        self.app.push_screen(TextPrompt("Note under this clip (empty removes it)", shorten(clip.text, 120),
                                        clip.note), save)

    def action_star(self) -> None:
        clip = self._selected()
        if clip is not None and clip.kind != "heading":
            b = briefing_of(self.app)
            mark = b.guarded(b.store.toggle_star, clip.target)
            if mark is not None:
                self.notify(("Starred: " if mark.starred else "Unstarred: ") + shorten(clip.text, 60), markup=False)

    def action_remove(self) -> None:
        clip = self._selected()
        if clip is None:
            return
        b = briefing_of(self.app)
        if not b.guarded(b.store.remove_clip, clip.id):
            return
        self._removed.append(clip.id)
        self.notify(f"Removed: {shorten(clip.text, 60)} (u undoes)", markup=False)
        self.reload()

    def action_undo(self) -> None:
        if not self._removed:
            self.notify("Nothing to undo.", timeout=2)
            return
        clip_id = self._removed.pop()
        b = briefing_of(self.app)
        b.guarded(b.store.restore_clip, clip_id)
        self._keep = clip_id
        self.reload()

    def action_export(self) -> None:
        if self.view is None:
            return
        config = self.app.config  # type: ignore[attr-defined]
        default = Path(config.data_dir) / "exports" / f"{slug(self.view.name)}.md"
        self.app.push_screen(TextPrompt("Export to (.md Markdown, .csv ACLED columns, .json every clip)",
                                        value=str(default)), self._export_to)

    def _export_to(self, path: str | None) -> None:
        if not path or not path.strip() or self.view is None:
            return
        if self.handle is None:
            self.notify("The index is still opening; export again in a moment.", severity="warning")
            return
        target = Path(path.strip()).expanduser()
        fmt = {".csv": "csv", ".json": "json"}.get(target.suffix.lower(), "md")
        try:
            text = briefing.export(self.view, fmt, self.handle.library.kb)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as err:
            self.notify(f"Could not write {target}: {err}", severity="error", markup=False)
            return
        self.notify(f"Exported “{self.view.name}” as {fmt} to {target}", title="Exported", markup=False)

    def action_copy_clip(self) -> None:
        clip = self._selected()
        if clip is None:
            self.action_copy_brief()
            return
        text = briefing.clip_markdown(clip, self._state(clip))
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the clip as Markdown ({len(text)} characters).", title="Clipboard", markup=False)

    def action_copy_brief(self) -> None:
        if self.view is None:
            return
        text = briefing.to_markdown(self.view)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the brief “{self.view.name}” as Markdown ({len(text)} characters).",
                    title="Clipboard", markup=False)
