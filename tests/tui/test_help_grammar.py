"""The ? help shows the query language exactly as the parser defines it (core.query.GRAMMAR)."""
from __future__ import annotations

from sahel_tui.core.query import GRAMMAR
from sahel_tui.tui.screens.help import help_content


async def test_help_lists_every_grammar_row(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)):
        text = help_content(app).plain
    for syntax, meaning in GRAMMAR:
        assert syntax in text and meaning in text
