"""The command palette's sahel-tui commands: panes, every actor (profile and timeline), theme, help.

Actor names come from the list cached when the index opened, so searching the palette never
touches the index on the UI thread.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from .clipping import brief_commands
from .display import count_text

if TYPE_CHECKING:
    from .app import SahelApp

PANE_COMMANDS = [("search", "Go to the search pane"), ("timeline", "Go to the timeline"),
                 ("actors", "Go to the actors list"), ("quotes", "Go to the quotes list"),
                 ("brief", "Go to the brief")]


class SahelCommands(Provider):
    """Every action of the app and a jump to every actor."""

    @property
    def sahel(self) -> SahelApp:
        return cast("SahelApp", self.app)

    def commands(self) -> Iterator[tuple[str, Callable[[], object], str, tuple[str, ...]]]:
        """(title, callback, help, other texts it answers to) for every command, fixed ones first."""
        app = self.sahel
        for n, (pane, title) in enumerate(PANE_COMMANDS, 1):
            yield title, partial(app.action_show_pane, pane), f"Key {n}", ()
        yield "Next theme (dark, light, high contrast, 16 colours)", app.action_toggle_theme, \
            "Key ctrl+t; remembered between runs", ()
        yield "Help: keys and query syntax", app.action_help, "Key ?", ()
        yield "Add files…", app.action_add_files, "Copy files or folders into the corpus and index them", ()
        yield from brief_commands(app)
        yield "Corrections: list, filter and undo yours", app.action_corrections, "Key x corrects, u undoes", ()
        if app.handle is None:
            return
        for stat in app.handle.actor_stats:
            a = stat.actor
            about = (f"{a.type.replace('_', ' ')} · {count_text(stat.mentions, 'mention')} in "
                     f"{count_text(stat.articles, 'article')}")
            yield f"Open actor: {a.name}", partial(app.open_actor, a.id), about, \
                tuple(f"Open actor: {alias}" for alias in a.aliases)
            yield f"Timeline of {a.name}", partial(app.filter_pane, "timeline", f'actor:"{a.id}"'), \
                f"Events involving {a.name}", tuple(f"Timeline of {alias}" for alias in a.aliases)

    # The palette parses help text as markup: escape it, names come from the corpus.
    async def discover(self) -> Hits:
        for title, callback, help_text, _ in self.commands():
            if not title.startswith("Timeline of"):
                yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text, also in self.commands():
            # an alias answers too ("jnim", "GSIM"), a little below a match on the shown name
            score = max([matcher.match(title)] + [0.9 * matcher.match(text) for text in also])
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=escape(help_text))
