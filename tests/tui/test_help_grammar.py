"""The ? help shows the query language exactly as the parser defines it (core.query.GRAMMAR)."""
from __future__ import annotations

from sahel_tui.core.query import GRAMMAR
from sahel_tui.tui.screens.help import help_content


def test_help_lists_every_grammar_row():
    text = help_content().plain
    for syntax, meaning in GRAMMAR:
        assert syntax in text and meaning in text
