"""The themes sahel-tui offers and how the terminal picks one: dark, light, high contrast, 16 colours.

Meaning never rests on hue alone: sahel.tcss adds text styles (reverse, bold, underline, italic)
under `App:ansi` (a 16-colour theme, chosen by itself on a terminal that reports 16 colours or
TERM=linux) and `App:nocolor` (NO_COLOR set), and the kind badges carry brackets. The high-contrast
theme is for bright sunlight: black on white, saturated accents, no muted greys.
"""
from __future__ import annotations

from collections.abc import Mapping

from textual.scrollbar import ScrollBarRender
from textual.theme import Theme

DARK, LIGHT, LOW_COLOUR = "textual-dark", "textual-light", "ansi-dark"
HIGH_CONTRAST = Theme(
    name="sahel-high-contrast",
    primary="#0000C8", secondary="#5A00A0", accent="#A00000", warning="#FFD400", error="#B00000",
    success="#005F00", foreground="#000000", background="#FFFFFF", surface="#FFFFFF", panel="#DADADA",
    boost="#E8E8E8", dark=False,
    variables={"foreground-muted": "#000000", "text-muted": "#000000", "footer-key-foreground": "#0000C8",
               "block-cursor-background": "#000000", "block-cursor-foreground": "#FFFFFF"},
)
#: ctrl+t walks these, in this order.
THEME_CYCLE = (DARK, LIGHT, HIGH_CONTRAST.name, LOW_COLOUR)
#: Terminals that show 16 colours at most (the Linux console among them).
LOW_COLOUR_TERMS = frozenset({"linux", "vt100", "vt220", "xterm", "xterm-color", "ansi", "cons25"})
#: Terminals whose font lacks box-drawing and block glyphs (the Linux console's 512-glyph fonts).
ASCII_TERMS = frozenset({"linux", "vt100", "vt220", "ansi", "cons25", "dumb"})


def low_colour_terminal(env: Mapping[str, str], color_system: str | None) -> bool:
    """Does this terminal show 16 colours at most? (COLORTERM=truecolor says it shows more.)"""
    if env.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return False
    return color_system in ("standard", "windows") or env.get("TERM", "") in LOW_COLOUR_TERMS


def ascii_terminal(env: Mapping[str, str]) -> bool:
    """Should glyphs fall back to ASCII? (TERM=linux console, or SAHEL_TUI_ASCII=1.)"""
    forced = env.get("SAHEL_TUI_ASCII", "")
    if forced:
        return forced not in ("0", "no", "false")
    return env.get("TERM", "") in ASCII_TERMS


def next_theme(current: str, skip: tuple[str, ...] = ()) -> str:
    """The theme after `current` in THEME_CYCLE (the first one after a theme not in it), leaving
    out `skip` (the 16-colour theme under NO_COLOR)."""
    cycle = [name for name in THEME_CYCLE if name not in skip]
    if current not in cycle:
        return cycle[0]
    return cycle[(cycle.index(current) + 1) % len(cycle)]


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbars without eighth-block glyphs: the thumb moves by whole cells (drawn in colour)."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8
