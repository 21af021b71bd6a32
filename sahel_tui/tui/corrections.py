"""Correcting from the keyboard: `x` on what is selected opens the dialog, `u` undoes the last fix.

What is "selected": the marked quote or mention in the reader, or the highlighted row of the
focused list (a quote, an event, or a quote/event search hit). The correction itself runs in a
thread worker through the Library handle (it re-indexes the article), then the screens reload
so the corrected value shows at once, marked ✎.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.models import Event, EventHit, Mention, Quote, QuoteHit, SearchHit
from .display import shorten
from .screens.correct import ActorChoice, CorrectScreen, Fix, FixSpec, event_fixes, mention_fixes, quote_fixes
from .widgets.lists import SahelList

if TYPE_CHECKING:
    from textual.app import App

    from ..core.corrections import Correction
    from ..core.library import Library
    from .handle import LibraryHandle

Record = Quote | Event | Mention


@dataclass(frozen=True)
class Selected:
    """The object `x` acts on: an article's quote, event or mention, or a ref from a search hit."""

    article_id: str
    record: Record | None = None
    ref: str = ""


def selected(app: App[Any]) -> Selected | None:
    """What the user has selected on the current screen, if it can be corrected."""
    screen = app.screen
    data, current = getattr(screen, "data", None), getattr(screen, "current", None)
    if data is not None and current is not None and hasattr(data, "targets"):  # the reader's mark
        kind, index = current
        record = data.targets[kind][index].record
        if isinstance(record, (Quote, Mention, Event)):
            return Selected(data.article.id, record)
    focused = app.focused
    payload = focused.current if isinstance(focused, SahelList) else None
    if isinstance(payload, QuoteHit):
        return Selected(payload.article_id, payload.quote)
    if isinstance(payload, EventHit):
        return Selected(payload.article_id, payload.event)
    if isinstance(payload, SearchHit) and payload.kind in ("quote", "event"):
        return Selected(payload.article_id, ref=payload.ref)
    return None


def _resolve(lib: Library, chosen: Selected) -> Record | None:
    """A search hit's ref becomes its record (the dialog needs the current values)."""
    from ..core.index_records import event_from, quote_from
    if chosen.record is not None:
        return chosen.record
    for doc in lib.searcher.documents(id=chosen.ref):
        return quote_from(doc.payload) if chosen.ref.startswith("q:") else event_from(doc.payload)
    return None


def actor_choices(handle: LibraryHandle) -> list[ActorChoice]:
    """Every actor the dialog can offer: the knowledge base and the people found in articles."""
    kb = handle.library.kb
    choices = {a.id: (a.id, a.name, a.aliases) for a in kb.actors.values()}
    for stat in handle.actor_stats:
        choices.setdefault(stat.actor.id, (stat.actor.id, stat.actor.name, stat.actor.aliases))
    return list(choices.values())


def dialog_for(handle: LibraryHandle, record: Record, body: str) -> CorrectScreen:
    """The dialog for a record: the fixes that fit its kind, with its text shown."""
    fixes: list[FixSpec]
    if isinstance(record, Quote):
        title, excerpt, fixes = "Correct this quote", f"“{shorten(record.text, 200)}” — {record.speaker}", \
            quote_fixes(record.speaker)
    elif isinstance(record, Event):
        title, excerpt = "Correct this event", f"{record.date_display} {record.kind}: {shorten(record.sentence, 200)}"
        fixes = event_fixes([(a, handle.actor_name(a)) for a in record.actors],
                            [(p, handle.place_name(p)) for p in record.places])
    else:
        name = handle.actor_name(record.ref) if record.kind == "actor" else handle.place_name(record.ref)
        surface = body[record.start:record.end]
        title, excerpt = f"Correct this {record.kind} mention", f"“{surface}” linked to {name}"
        fixes = mention_fixes(record.kind, record.ref, name, surface)
    return CorrectScreen(title, excerpt, fixes, actor_choices(handle))


def apply_fix(lib: Library, article_id: str, record: Record, fix: Fix) -> Correction:
    """Make the chosen correction (in a worker, holding the Library lock)."""
    from ..core.correcting import Corrector
    fixer = Corrector(lib)
    try:
        if fix.op == "new_actor":  # the actor, then this mention linked to it (u undoes the link first)
            surface = lib.article(article_id).text[record.start:record.end]
            made = fixer.new_actor(str(fix.value["name"]), str(fix.value["type"]), surface)
            if isinstance(record, Mention) and record.ref != made.value["id"]:
                fixer.correct(fixer.target_of(article_id, record), "mention",
                              {"kind": "actor", "ref": made.value["id"], "was": record.ref})
            return made
        if fix.op == "alias":
            surface = lib.article(article_id).text[record.start:record.end]
            return fixer.add_alias(str(fix.value), surface)
        return fixer.correct(fixer.target_of(article_id, record), fix.op, fix.value)
    finally:
        fixer.close()


def undo_last(lib: Library) -> Correction:
    from ..core.correcting import Corrector
    fixer = Corrector(lib)
    try:
        return fixer.undo()
    finally:
        fixer.close()


def describe(c: Correction) -> str:
    """A short confirmation line (plain text)."""
    value = c.value
    if c.op == "alias":
        return f"“{c.text}” is now an alias of {value.get('actor')} in every article"
    if c.op == "mention":
        return f"“{c.text}” is {value.get('ref')}" if value.get("ref") else f"“{c.text}” is not {value.get('was')}"
    if c.op in ("not_quote", "not_event"):
        return f"{c.op.replace('_', ' ')}: “{shorten(c.text, 50)}”"
    if isinstance(value, dict):
        value = value.get("speaker") or value.get("ref")
    return f"{c.op.replace('_', ' ')} → {value}"


def reload_screens(app: App[Any]) -> None:
    """Show the corrected index: every open screen loads again (the main screen's panes that were
    opened re-run their query or filter, as after an index update)."""
    from .screens.main import MainScreen
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            handle, screen.handle = screen.handle, None
            screen.handle = handle
            continue
        reload = getattr(screen, "_load", None)
        if callable(reload):
            reload()


# ---------------------------------------------------------------- the flow (called by the app's actions)
def start_correction(app: App[Any], handle: LibraryHandle | None) -> None:
    """`x`: find the selection's current values (worker), open the dialog, make the chosen fix."""
    chosen = selected(app)
    if handle is None or chosen is None:
        app.notify("Select a quote or an event in a list, or mark a quote or mention in the reader (] or m), "
                   "then press x.", timeout=4)
        return

    def gather() -> None:
        def ask(lib: Library) -> tuple[Record | None, str]:
            return _resolve(lib, chosen), lib.article(chosen.article_id).text
        record, body = handle.run(ask)
        app.call_from_thread(show, record, body)

    def show(record: Record | None, body: str) -> None:
        if record is None:
            app.notify("That item is no longer in the index.", severity="warning")
            return
        app.push_screen(dialog_for(handle, record, body),
                        callback=lambda fix: _make(app, handle, chosen.article_id, record, fix) if fix else None)

    app.run_worker(gather, thread=True, group="correct", exit_on_error=False)


def _make(app: App[Any], handle: LibraryHandle, article_id: str, record: Record, fix: Fix) -> None:
    def work() -> None:
        from ..core.corrections import CorrectionError
        from ..core.knowledge import UnknownActor
        try:
            made = handle.run(lambda lib: apply_fix(lib, article_id, record, fix))
        except (CorrectionError, UnknownActor) as err:
            message = f"No actor {err} in the knowledge base." if isinstance(err, UnknownActor) else str(err)
            app.call_from_thread(app.notify, f"Not corrected: {message}", severity="warning", markup=False)
            return
        handle.warm()  # an alias or relink changes the actor counts the palette shows
        app.call_from_thread(_done, app, f"Corrected: {describe(made)} — u undoes")
    app.run_worker(work, thread=True, group="correct", exit_on_error=False)


def start_undo(app: App[Any], handle: LibraryHandle | None) -> None:
    """`u`: undo the latest correction in force (worker), then reload."""
    if handle is None:
        return

    def work() -> None:
        from ..core.corrections import CorrectionError
        try:
            undone = handle.run(undo_last)
        except CorrectionError as err:
            app.call_from_thread(app.notify, str(err), timeout=3)
            return
        handle.warm()
        app.call_from_thread(_done, app, f"Undone your correction ({describe(undone)})")
    app.run_worker(work, thread=True, group="correct", exit_on_error=False)


def _done(app: App[Any], message: str) -> None:
    app.notify(message, timeout=5, markup=False)
    reload_screens(app)


def check_stale(app: App[Any], handle: LibraryHandle) -> None:
    """After the index was built or updated: say (once) which corrections no longer apply."""
    if not handle.library.kb.corrections:
        return

    def work() -> None:
        from ..core.correcting import Corrector

        def ask(lib: Library) -> list[tuple[Correction, str]]:
            fixer = Corrector(lib)
            try:
                return fixer.stale()
            finally:
                fixer.close()
        stale = handle.run(ask)
        if stale:
            reasons = ", ".join(sorted({why for _, why in stale}))
            count = f"{len(stale)} correction no longer applies" if len(stale) == 1 else \
                f"{len(stale)} corrections no longer apply"
            app.call_from_thread(app.notify, f"{count}: {reasons}. Palette → Corrections lists them.",
                                 severity="warning", timeout=10, markup=False)
    app.run_worker(work, thread=True, group="correct", exit_on_error=False)
