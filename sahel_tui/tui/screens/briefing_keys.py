"""The briefing keys every browsing screen shares: c clips, * stars, a notes, # tags the selection.

A base screen rather than app-wide keys, so the help lists them where they apply and a screen can
say what its selection is (`pointer`): here, the focused list's highlighted row; the reader
overrides it with its passage, quote or mention.
"""
from __future__ import annotations

from textual.binding import Binding

from ..clipping import Pointer, briefing_of, pointer_for
from ..widgets.lists import SahelList
from .base import SahelScreen


class BriefingScreen(SahelScreen):
    """A SahelScreen whose selection can be clipped into the current brief, starred, noted, tagged."""

    BINDINGS = [
        Binding("c", "brief('clip')", "Clip"),
        Binding("asterisk", "brief('star')", "Star", show=False),
        Binding("a", "brief('note')", "Note", show=False),
        Binding("number_sign", "brief('tag')", "Tags", show=False),
    ]

    def pointer(self) -> Pointer | None:
        """What the briefing keys act on: the highlighted row of the focused list."""
        focused = self.focused
        return pointer_for(focused.current) if isinstance(focused, SahelList) else None

    def action_brief(self, action: str) -> None:
        """Clip, star, note or tag the selection (see clipping.Briefing)."""
        briefing_of(self.app).act(self.pointer(), action)
