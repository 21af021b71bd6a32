"""The correction dialog: pick what is wrong with a quote, event or mention, then the right value.

Two steps, all keyboard: a list of fixes for the kind of object (Enter picks one); fixes that need
a value open a box — for an actor, the box filters the knowledge base by fuzzy match as you type
and ↓/Enter picks one. The dialog only says what the analyst chose (a `Fix`); the app makes the
correction in a worker, so this screen never touches the index.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.apply_corrections import EVENT_KINDS, parse_date
from ...core.knowledge import ACTOR_TYPES
from .base import STYLE_NAMES

ActorChoice = tuple[str, str, tuple[str, ...]]  # id, name, aliases
ACTOR_MATCHES = 8


@dataclass(frozen=True)
class FixSpec:
    """One line of the dialog: what it says, the correction op, and what value it needs."""

    label: str
    op: str
    needs: str = ""  # "" (no value) | "text" | "date" | "int" | "actor" | "actor_or_text" | "name_type"
    value: Any = True  # the value when none is asked (or a template the chosen value goes into)
    placeholder: str = ""


@dataclass(frozen=True)
class Fix:
    """What the analyst chose: ``op`` and ``value`` for Corrector.correct (``alias``: add_alias)."""

    op: str
    value: Any
    label: str = ""


def quote_fixes(speaker: str | None) -> list[FixSpec]:
    return [FixSpec(f"Speaker is not “{speaker or 'unattributed'}”: choose an actor or type who",
                    "speaker", "actor_or_text", placeholder="actor name, or a description (a local official)"),
            FixSpec("Edit the speaker's role", "role", "text", placeholder="role, e.g. army spokesman"),
            FixSpec("Not a quote", "not_quote")]


def event_fixes(actors: Sequence[tuple[str, str]], places: Sequence[tuple[str, str]] = ()) -> list[FixSpec]:
    specs = [FixSpec("Not an event", "not_event"),
             FixSpec("Change the date", "date", "date", placeholder="2024, 2024-03 or 2024-03-05 (/day /month /year)"),
             FixSpec("Change the kind", "kind", "text", placeholder=", ".join(EVENT_KINDS)),
             FixSpec("Change the toll (killed)", "killed", "int", placeholder="number killed"),
             FixSpec("Add an actor", "event_actor", "actor", {"present": True})]
    specs += [FixSpec(f"Remove actor {name}", "event_actor", value={"ref": ref, "present": False})
              for ref, name in actors]
    specs.append(FixSpec("Add a place", "event_place", "text", {"present": True},
                         placeholder="place name, e.g. Menaka"))
    specs += [FixSpec(f"Remove place {name}", "event_place", value={"ref": ref, "present": False})
              for ref, name in places]
    return specs


def mention_fixes(kind: str, ref: str, name: str, surface: str) -> list[FixSpec]:
    return [FixSpec(f"“{surface}” is not {name}", "mention", value={"kind": kind, "ref": None, "was": ref}),
            FixSpec(f"“{surface}” is another {kind}: choose it", "mention", "actor" if kind == "actor" else "text",
                    {"kind": kind, "was": ref}),
            *([FixSpec(f"“{surface}” is an alias of {name} in every article", "alias", value=ref)]
              if kind == "actor" and surface.casefold() != name.casefold() else []),
            *([FixSpec(f"“{surface}” is an alias of another actor, in every article: choose it", "alias",
                       "actor"),
               FixSpec(f"“{surface}” is a new actor: name, type", "new_actor", "name_type",
                       placeholder=f"{surface}, armed_group   (types: {', '.join(sorted(ACTOR_TYPES))})")]
              if kind == "actor" else [])]


def parse_new_actor(typed: str) -> dict[str, str]:
    """'Name, type' -> {"name", "type"}; the type defaults to person.

    >>> parse_new_actor("Katiba Serma, armed_group")
    {'name': 'Katiba Serma', 'type': 'armed_group'}
    """
    name, _, kind = typed.rpartition(",") if "," in typed else (typed, "", "person")
    name, kind = name.strip(), kind.strip() or "person"
    if not name:
        raise ValueError("give the actor's name, then a comma and its type")
    if kind not in ACTOR_TYPES:
        raise ValueError(f"unknown type {kind!r} (one of {', '.join(sorted(ACTOR_TYPES))})")
    return {"name": name, "type": kind}


class CorrectScreen(ModalScreen[Fix | None]):
    """Choose a fix (Enter), give its value if asked (Enter), or escape to leave it as it is."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(STYLE_NAMES)
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    CorrectScreen { align: center middle; }
    CorrectScreen > Vertical { width: 90; max-width: 95%; height: auto; max-height: 90%;
                               border: round $accent; background: $panel; padding: 0 1; }
    CorrectScreen #correct-choices, CorrectScreen #correct-actors { height: auto; max-height: 12; }
    CorrectScreen .hidden { display: none; }
    """

    def __init__(self, title: str, excerpt: str, fixes: list[FixSpec], actors: list[ActorChoice]) -> None:
        super().__init__()
        self.title_text, self.excerpt, self.fixes, self.actors = title, excerpt, fixes, actors
        self.spec: FixSpec | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text).stylize("bold"), id="correct-title")
            yield Static(Content(self.excerpt), id="correct-excerpt", markup=False)
            yield OptionList(*[Option(Content(s.label), id=f"fix-{n}") for n, s in enumerate(self.fixes)],
                             id="correct-choices", markup=False)
            yield Input(id="correct-value", classes="hidden", compact=True)
            yield OptionList(id="correct-actors", classes="hidden", markup=False)
            yield Static(Content("Enter chooses · escape cancels"), id="correct-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#correct-choices", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#correct-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        spec = self.fixes[int(str(event.option.id).removeprefix("fix-"))]
        if not spec.needs:
            self.dismiss(Fix(spec.op, spec.value, spec.label))
            return
        self.spec = spec
        box = self.query_one("#correct-value", Input)
        box.placeholder = spec.placeholder or ("type to find an actor" if "actor" in spec.needs else "")
        box.remove_class("hidden")
        self.query_one("#correct-actors", OptionList).set_class("actor" not in spec.needs, "hidden")
        self.query_one("#correct-hint", Static).update(Content(
            f"{spec.label} — type, ↓ to the matches, Enter confirms · escape cancels"))
        self._match("")
        box.focus()

    @on(Input.Changed, "#correct-value")
    def _typed(self, event: Input.Changed) -> None:
        self._match(event.value)

    def _match(self, typed: str) -> None:
        """Fill the actor list with the best fuzzy matches on names and aliases."""
        if self.spec is None or "actor" not in self.spec.needs:
            return
        matcher = Matcher(typed) if typed.strip() else None
        scored = []
        for actor_id, name, aliases in self.actors:
            score = max([matcher.match(n) for n in (name, actor_id, *aliases)]) if matcher else 1.0
            if score > 0:
                scored.append((-score, name, actor_id))
        listing = self.query_one("#correct-actors", OptionList)
        listing.set_options([Option(Content(f"{name}  ({actor_id})"), id=actor_id)
                             for _, name, actor_id in sorted(scored)[:ACTOR_MATCHES]])
        listing.highlighted = 0 if scored else None

    @on(Input.Submitted, "#correct-value")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        spec, typed = self.spec, event.value.strip()
        assert spec is not None
        listing = self.query_one("#correct-actors", OptionList)
        picked = listing.highlighted_option.id if "actor" in spec.needs and listing.highlighted_option else None
        if spec.needs == "actor_or_text" and typed and picked is None:
            self._done(spec, typed)
        elif "actor" in spec.needs:
            if picked is None:
                self.notify("Choose an actor from the list (type part of its name).", severity="warning")
                return
            self._done(spec, picked)
        else:
            self._typed_value(spec, typed)

    @on(OptionList.OptionSelected, "#correct-actors")
    def _actor_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.spec is not None and event.option.id:
            self._done(self.spec, event.option.id)

    def _typed_value(self, spec: FixSpec, typed: str) -> None:
        try:
            if spec.needs == "date":
                parse_date(typed)
                value: Any = typed
            elif spec.op == "kind" and typed not in EVENT_KINDS:
                raise ValueError(f"unknown event kind {typed!r} (one of {', '.join(EVENT_KINDS)})")
            elif spec.needs == "name_type":
                value = parse_new_actor(typed)
            elif spec.needs == "int":
                value = int(typed)
                if value < 0:
                    raise ValueError("a toll cannot be negative")
            else:
                value = typed
        except ValueError as err:
            self.notify(str(err), severity="warning", markup=False)
            return
        self._done(spec, value)

    def _done(self, spec: FixSpec, chosen: Any) -> None:
        """Put the chosen value into the op's shape and close."""
        value = chosen
        if isinstance(spec.value, dict):
            key = "ref"
            value = {**spec.value, key: chosen}
        self.dismiss(Fix(spec.op, value, spec.label))
