"""The base of every sahel-tui screen: the named styles that rows and the reader use.

Content spans refer to styles by component class (".sahel--hit"); Textual resolves them by
walking up to the nearest widget that declares the class, so declaring them once here makes them
available to every pane and list, and sahel.tcss gives them theme-aware colours.
"""
from __future__ import annotations

from typing import ClassVar

from textual.screen import Screen

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


class SahelScreen(Screen[None]):
    """A screen that declares the project's named styles (see sahel.tcss)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(STYLE_NAMES)
