"""Every key, per screen, and the query language — so nobody has to leave the app to look it up."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from ...core.query import GRAMMAR
from .base import SahelScreen

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("1 2 3 4 5", "search · timeline · actors · quotes · brief (when not typing)"),
        ("/", "go to the search box"), ("f", "go to the pane's filter box"),
        ("escape", "back to the previous screen; in a box, back to the list"),
        ("j k ↓ ↑", "move in lists"), ("g G", "first · last row"), ("enter", "open"),
        ("s", "change the order: search relevance/newest/oldest, timeline newest/oldest/deadliest, "
              "quotes newest/by speaker"),
        ("ctrl+p", "command palette: panes, every actor, theme, help"),
        ("ctrl+t", "switch dark / light theme (remembered)"), ("?", "this help"), ("q", "quit (when not typing)"),
        ("x", "correct the selected quote, event or marked mention (kept across rebuilds)"),
        ("u", "undo your last correction (palette: “Corrections” lists them all)"),
    ]),
    ("Reader", [
        ("n N", "next · previous search hit"), ("] [", "next · previous quote"),
        ("m M", "next · previous actor mention"),
        ("enter", "profile of the marked actor (or the marked quote's speaker)"),
        ("j k space pgup pgdn", "scroll"),
    ]),
    ("Filter boxes (the query language below)", [
        ("timeline", "actor:jnim place:menaka event:attack since:2023 until:2024-06 killed>=10 words"),
        ("quotes", 'speaker:"Goïta" actor:wagner words'),
        ("actors", "any part of a name or alias; pick a type on the right"),
    ]),
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

#: The query language, straight from the parser's own table (core/query.py; a test parses each row).
SYNTAX = [*GRAMMAR, ("starred:yes  tag:kidal  note:word", "only what you starred · tagged · noted with that word"),
          ("GSIM", "known names expand to every alias: GSIM also finds JNIM")]


def _table(rows: list[tuple[str, str]], width: int) -> Content:
    return Content("\n").join(Content.assemble((key.ljust(width), ".sahel--key"), "  ", text) for key, text in rows)


def help_content() -> Content:
    """The whole help text (also used by tests to check that every key is documented)."""
    parts: list[Content] = []
    for title, rows in KEYS:
        parts += [Content(title).stylize(".sahel--heading"), _table(rows, 20), Content("")]
    parts += [Content("Query language (search box, timeline and quotes boxes, CLI)").stylize(".sahel--heading"),
              _table(SYNTAX, 40)]
    parts += [Content(""), Content("A query that cannot be read (unbalanced quotes or brackets, an unknown field) "
                                   "falls back to its plain words, and says so under the box; a reversed range or "
                                   "a date that is not a date is an error.").stylize(".sahel--muted")]
    parts += [Content(""), Content("Briefing").stylize(".sahel--heading"), _table(BRIEFING_KEYS, 20)]
    return Content("\n").join(parts)


class HelpScreen(SahelScreen):
    """Keys and query syntax; escape or ? closes it."""

    BINDINGS = [Binding("escape", "app.back", "Back"), Binding("question_mark", "app.back", "Close", show=False),
                Binding("j", "scroll(1)", show=False), Binding("k", "scroll(-1)", show=False)]

    def compose(self) -> ComposeResult:
        yield Static(Content("sahel-tui help").stylize(".sahel--title"), id="help-title")
        with VerticalScroll(id="help-scroll"):
            yield Static(help_content(), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)
