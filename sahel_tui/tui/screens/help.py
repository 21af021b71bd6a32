"""Every key, per screen, and the query language — generated from the bindings, so it cannot drift.

Sections come from the classes that own the keys: the app (global keys), Textual's screen keys
(Tab / Shift+Tab), the main screen, every widget on the main screen that declares BINDINGS (panes
and lists, whoever adds them), then the reader and the profile. A binding's help text is its
`tooltip` (longer) or else its footer `description`; bindings with neither are not keys a user is
meant to know. The query grammar comes from the core when it publishes one (see grammar_rows).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import Screen
from textual.widgets import Static

from .base import SahelFooter, SahelScreen

#: Better words for keys Textual owns (their own descriptions are terse or missing).
TEXTUAL_KEYS = {
    "quit": "quit, from anywhere, even while typing",
    "command_palette": "command palette: panes, every actor, theme, help",
    "app.focus_next": "next control: box → list; on Actors also the type selector",
    "app.focus_previous": "previous control",
}
#: Textual bindings not worth a line (copying is ctrl+c in a box; ctrl+c alone only says how to quit).
HIDDEN_ACTIONS = frozenset({"help_quit", "screen.copy_text", "app.copy_text"})

TEXT_BOXES = [
    ("letters, digits, ? / q", "type into the box (keys like 1-5, q and ? only work from a list)"),
    ("enter", "search box: open the top result · filter box: go to the list"),
    ("escape ↓", "back to the pane's list, the box keeps its text"),
]

#: Rows the help adds below the parser's own grammar (core/query.GRAMMAR): the store's filters
#: (answered by core/markfilter.py, outside the parser) and what known names do.
EXTRA_SYNTAX = [
    ("starred:yes  tag:kidal  note:word", "only what you starred · tagged · noted with that word"),
    ("GSIM", "known names expand to every alias: GSIM also finds JNIM"),
]

FILTER_BOXES = [
    ("timeline", "actor:jnim place:menaka event:attack since:2023 until:2024-06 words"),
    ("quotes", 'speaker:"Goïta" actor:wagner words'),
    ("actors", "any part of a name or alias; Tab reaches the type selector"),
]

BRIEFING_KEYS: list[tuple[str, str]] = [
    ("5", "the Brief pane: the current brief's clips (switch briefs from ctrl+p)"),
    ("c", "clip the selected row (reader: the selected passage, marked quote or actor, else the article)"),
    ("* a #", "star · note · tag the selected row, passage, quote or actor"),
    ("v", "reader: start, then end, a passage selection (whole sentences; v v = one sentence)"),
    ("J K", "Brief pane: move the clip down · up"), ("h", "Brief pane: add a heading"),
    ("d u", "Brief pane: remove the clip · undo"), ("a", "Brief pane: the note under the clip"),
    ("e", "Brief pane: export (.md with citations, .csv ACLED columns, .json)"),
    ("y Y", "Brief pane: copy the clip · the whole brief as Markdown"),
]



@dataclass(frozen=True)
class HelpRow:
    """One line of help: the keys, what they do, and where the action is looked up (for tests)."""

    keys: str
    text: str
    action: str
    owner: type[DOMNode]


def grammar_rows() -> list[tuple[str, str]]:
    """The query language exactly as the parser defines it (a test parses each row), then EXTRA_SYNTAX."""
    from ...core.query import GRAMMAR

    return [*GRAMMAR, *EXTRA_SYNTAX]


def key_name(binding: Binding) -> str:
    """'ctrl+q', '?', '[' — readable, and unlike the footer's '^q' it says what to press."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    return "+".join([*modifiers, format_key(key)])


def _bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares itself (not inherited ones: those get their own section)."""
    declared: Iterable[BindingType] = cls.__dict__.get("BINDINGS", [])
    return [b for item in declared for b in Binding.make_bindings([item])]


def rows_for(owner: type[DOMNode], bindings: Iterable[Binding]) -> list[HelpRow]:
    """One row per action: keys for the same action share it ('j ↓')."""
    merged: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        text = TEXTUAL_KEYS.get(binding.action) or binding.tooltip or binding.description
        if not text or binding.action in HIDDEN_ACTIONS:
            continue
        keys, _ = merged.setdefault(binding.action, ([], text))
        keys.append(key_name(binding))
    return [HelpRow(" ".join(keys), text, action, owner) for action, (keys, text) in merged.items()]


def _title(cls: type[DOMNode]) -> str:
    """'SearchPane' -> 'Search pane'."""
    words = "".join(f" {c}" if c.isupper() else c for c in cls.__name__).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]).replace("Sahel list", "Lists")


def help_sections(app: App[Any]) -> list[tuple[str, list[HelpRow]]]:
    """Sections of key rows, in the order a user meets them."""
    from .main import MainScreen
    from .profile import ProfileScreen
    from .reader import ReaderScreen

    palette = [Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "palette")] \
        if app.ENABLE_COMMAND_PALETTE else []  # Textual adds this one at run time
    sections = [("Everywhere (from any list and any screen)",
                 rows_for(type(app), _bindings(type(app)) + _bindings(App) + palette)
                 + rows_for(Screen, _bindings(Screen))),
                ("Main screen", rows_for(MainScreen, _bindings(MainScreen)))]
    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    seen: set[type[DOMNode]] = set()
    for node in main.walk_children() if main is not None else []:
        for cls in type(node).__mro__:
            if cls in seen or not cls.__module__.startswith("sahel_tui"):
                continue
            seen.add(cls)
            if rows := rows_for(cls, _bindings(cls)):
                sections.append((_title(cls), rows))
    for title, cls in (("Reader", ReaderScreen), ("Actor profile", ProfileScreen)):
        sections.append((title, rows_for(cls, _bindings(cls))))
    known = {MainScreen, ReaderScreen, ProfileScreen, HelpScreen}
    for cls in _project_screens():  # dialogs and screens added since (a correction dialog …)
        if cls not in known:
            sections.append((_title(cls), rows_for(cls, _bindings(cls))))
    return [(title, rows) for title, rows in sections if rows]


def _project_screens() -> list[type[Screen[object]]]:
    """Every screen class of this project that has been imported (subclasses of Textual's Screen)."""
    found: list[type[Screen[object]]] = []
    pending: list[type[Screen[object]]] = [Screen]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("sahel_tui.") and sub not in found:
                found.append(sub)
    return found


def _table(rows: Iterable[tuple[str, str]], width: int) -> Content:
    return Content("\n").join(Content.assemble((key.ljust(width), ".sahel--key"), "  ", text) for key, text in rows)


def help_content(app: App[Any]) -> Content:
    """The whole help text (also used by tests to check that every key is documented)."""
    parts: list[Content] = []
    for title, rows in help_sections(app):
        parts += [Content(title).stylize(".sahel--heading"), _table(((r.keys, r.text) for r in rows), 20),
                  Content("")]
    parts += [Content("Text boxes (search, filter, actor name)").stylize(".sahel--heading"),
              _table(TEXT_BOXES, 20), Content("")]
    parts += [Content("Filter boxes").stylize(".sahel--heading"), _table(FILTER_BOXES, 20), Content("")]
    parts += [Content("Query language (search box, timeline and quotes boxes, CLI)").stylize(".sahel--heading"),
              _table(grammar_rows(), 40)]
    parts += [Content(""), Content("A query that cannot be read (unbalanced quotes or brackets, an unknown field) "
                                   "falls back to its plain words, and says so under the box; a reversed range or "
                                   "a date that is not a date is an error.").stylize(".sahel--muted")]
    parts += [Content(""), Content("Briefing").stylize(".sahel--heading"), _table(BRIEFING_KEYS, 20)]
    return Content("\n").join(parts)


class HelpScreen(SahelScreen):
    """Keys and query syntax; escape or ? closes it."""

    BINDINGS = [Binding("escape", "app.back", "Back", tooltip="close the help"),
                Binding("question_mark", "app.back", "Close", show=False, tooltip="close the help"),
                Binding("j", "scroll(1)", show=False), Binding("k", "scroll(-1)", show=False)]

    def compose(self) -> ComposeResult:
        yield Static(Content("sahel-tui help").stylize(".sahel--title"), id="help-title")
        with VerticalScroll(id="help-scroll"):
            yield Static(help_content(self.app), id="help-text")
        yield SahelFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)
