"""The base of every sahel-tui screen: the named styles that rows and the reader use, a footer
that puts the essential keys first, and size classes for small terminals.

Content spans refer to styles by component class (".sahel--hit"); Textual resolves them by
walking up to the nearest widget that declares the class, so declaring them once here makes them
available to every pane and list, and sahel.tcss gives them theme-aware colours.
"""
from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import ActiveBinding
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Footer

STYLE_NAMES = (
    "sahel--hit", "sahel--title", "sahel--meta", "sahel--muted", "sahel--count", "sahel--note", "sahel--error",
    "sahel--heading", "sahel--date", "sahel--toll", "sahel--place", "sahel--actor", "sahel--speaker",
    "sahel--quote", "sahel--type", "sahel--unlisted", "sahel--key",
    "sahel--kind-article", "sahel--kind-quote", "sahel--kind-event",
    "sahel--event-attack", "sahel--event-coup", "sahel--event-withdrawal", "sahel--event-agreement",
    "sahel--event-statement", "sahel--event-report", "sahel--event-deployment", "sahel--event-political",
    "sahel--event-other",
    "reader--hit", "reader--actor", "reader--place", "reader--quote", "reader--noted",
)


#: Footer order: these first (in this order), so a narrow terminal cuts the screen's own keys, not these.
ESSENTIAL_ACTIONS = ("app.back", "back", "leave_input", "help", "app.help", "quit", "app.quit")
SHORT_HEIGHT = 30  # rows: below this, headers shrink to one or two lines (class -short)
NARROW_WIDTH = 80  # columns: below this, class -narrow


#: Key names whose character Textual's key_to_character misses: without these its footer offers
#: `/ Search` while the search box types the slash.
MISSED_CHARACTERS = {"plus": "+", "minus": "-", "slash": "/", "at": "@", "backslash": "\\", "underscore": "_"}


def key_character(key: str) -> str | None:
    """The character a key types, if any."""
    return key_to_character(key) or MISSED_CHARACTERS.get(key)


def essentials_first(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings, Back/Help/Quit first (dicts keep insertion order; the footer follows it)."""
    def rank(item: tuple[str, ActiveBinding]) -> int:
        action = item[1].binding.action
        return ESSENTIAL_ACTIONS.index(action) if action in ESSENTIAL_ACTIONS else len(ESSENTIAL_ACTIONS)
    return dict(sorted(bindings.items(), key=rank))


class SahelFooter(Footer):
    """Textual's footer; the ordering lives in SahelScreen.active_bindings (see essentials_first)."""


class SahelScreen(Screen[None]):
    """A screen that declares the project's named styles (see sahel.tcss) and degrades when small."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(STYLE_NAMES)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings without the keys the focused box types, essential keys first
        (the footer draws them in this order)."""
        bindings = super().active_bindings
        focused = self.focused
        if focused is not None:
            bindings = {key: active for key, active in bindings.items()
                        if active.node is focused or not focused.check_consume_key(key, key_character(key))}
        return essentials_first(bindings)

    def on_resize(self, event: events.Resize) -> None:
        """Size classes the stylesheet uses to keep headers small on small terminals."""
        self._size_classes(event.size.width, event.size.height)

    def on_screen_resume(self) -> None:
        self._size_classes(*self.app.size)

    def _size_classes(self, width: int, height: int) -> None:
        self.set_class(height < SHORT_HEIGHT, "-short")
        self.set_class(width < NARROW_WIDTH, "-narrow")
