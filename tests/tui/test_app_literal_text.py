"""Article text is data: markup-like strings and escape sequences are shown literally, never obeyed."""
from __future__ import annotations

from pathlib import Path

import pytest

from sahel_tui.config import resolve
from sahel_tui.core.library import Library
from sahel_tui.tui.app import SahelApp
from sahel_tui.tui.display import clean
from sahel_tui.tui.screens.reader import ReaderScreen
from tests.tui.tui_helpers import screen_text, search_for, settle

HOSTILE = """---
title: "[bold]Bamako[/] under [link=https://example.org]siege[/link]"
source: "[red]Wire[/red]"
published: '2024-01-05'
---
[bold]Bamako[/] -- Gunmen attacked a checkpoint near Bamako on January 3, 2024, killing 4 soldiers. \x1b[31mRED\x1b[0m
text and a bell \x07 and [link=https://evil.example]a link[/link] and [/] stray closers.

"We will not leave [our posts]," said Colonel Amadou Diallo, a spokesman for the army.
"""


@pytest.fixture
def hostile_app(tmp_path: Path) -> SahelApp:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    config = resolve(corpus=str(corpus), index=str(tmp_path / "index"), env={"SAHEL_TUI_DATA": str(tmp_path / "d")})
    library = Library(config)
    library.ensure_index()
    return SahelApp(config, library=library, theme="textual-dark", debounce=0.0)


def test_clean_keeps_offsets_and_shows_controls() -> None:
    text = "a\x1b[31mb\x07c\td\r\n"
    shown = clean(text)
    assert len(shown) == len(text)
    assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown
    assert "␛[31m" in shown and shown.endswith("\n")


async def test_markup_and_escapes_in_an_article_render_literally(hostile_app: SahelApp) -> None:
    app = hostile_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listing = screen_text(app)
        assert "[bold]Bamako[/] under [link=https://example.org]siege[/link]" in listing
        await search_for(pilot, "Bamako")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("n", "]")
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold]Bamako[/] under [link=https://example.org]siege[/link]" in shown
        assert "[red]Wire[/red]" in shown
        assert "[bold]Bamako[/] -- Gunmen" in shown
        assert "[link=https://evil.example]a link[/link] and [/] stray" in shown
        assert "␛[31mRED␛[0m" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert app.is_running
