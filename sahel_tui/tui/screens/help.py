"""Every key, per screen, and the query language — so nobody has to leave the app to look it up."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from .base import SahelScreen

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("1 2 3 4", "search · timeline · actors · quotes (when not typing)"),
        ("/", "go to the search box"), ("f", "go to the pane's filter box"),
        ("escape", "back to the previous screen; in a box, back to the list"),
        ("j k ↓ ↑", "move in lists"), ("g G", "first · last row"), ("enter", "open"),
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
    ("Filter boxes", [
        ("timeline", "actor:jnim place:menaka kind:attack since:2023 until:2024-06 words"),
        ("quotes", 'speaker:"Goïta" actor:wagner words'),
        ("actors", "any part of a name or alias; pick a type on the right"),
    ]),
]

SYNTAX = [
    ("words", "all must match (as you type, the last word also matches as a prefix)"),
    ('"exact phrase"', "words in this order"),
    ("OR  NOT  -word  ( )", "either · exclude · group"),
    ("prefix*  fuzzy~", "word beginnings · near spellings"),
    ("title: source: author: speaker:", "search one field"),
    ("actor:jnim  place:menaka", "an actor or place by id or any alias"),
    ("kind:article|quote|event  event:attack", "what to find · event kind"),
    ("published:2023  published:>=2023-01-01", "article date: exact period or comparison"),
    ("date:2020..2022", "event date range"),
    ("GSIM", "known names expand to every alias: GSIM also finds JNIM"),
]


def _table(rows: list[tuple[str, str]], width: int) -> Content:
    return Content("\n").join(Content.assemble((key.ljust(width), ".sahel--key"), "  ", text) for key, text in rows)


def help_content() -> Content:
    """The whole help text (also used by tests to check that every key is documented)."""
    parts: list[Content] = []
    for title, rows in KEYS:
        parts += [Content(title).stylize(".sahel--heading"), _table(rows, 20), Content("")]
    parts += [Content("Query syntax (search box)").stylize(".sahel--heading"), _table(SYNTAX, 40)]
    parts += [Content(""), Content("A query Whoosh cannot read falls back to its plain words, and says so under "
                                   "the box.").stylize(".sahel--muted")]
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
