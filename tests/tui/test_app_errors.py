"""Failures reach the user as messages, never as a traceback or a frozen screen."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from sahel_tui.config import Config
from sahel_tui.tui.app import SahelApp
from tests.tui.tui_helpers import screen_text, search_for, settle

REPO = Path(__file__).resolve().parents[2]


async def test_an_index_that_cannot_be_written_becomes_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    config = Config(REPO / "seeds", blocker / "index", tmp_path / "data")
    app = SahelApp(config, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        status = str(app.screen.query_one("#status", Static).content)
        assert "Could not open the index" in status and "Not a directory" in status
        await search_for(pilot, "Mali")  # typing still works; nothing is searched without an index
        assert "Could not open the index" in screen_text(app)


async def test_an_empty_corpus_says_so(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    config = Config(tmp_path / "corpus", tmp_path / "index", tmp_path / "data")
    app = SahelApp(config, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "0 articles" in screen_text(app)
        assert any("No articles found" in str(n.message) for n in app._notifications)


async def test_first_launch_builds_the_index_with_progress(tmp_path: Path, monkeypatch) -> None:
    """No index yet: the screen is up at once, progress is reported, then the results appear."""
    from sahel_tui.tui.screens.main import MainScreen

    seen: list[tuple[int, int]] = []
    original = MainScreen.show_progress

    def show_progress(screen: MainScreen, done: int, total: int, message: str) -> None:
        seen.append((done, total))
        original(screen, done, total, message)

    monkeypatch.setattr(MainScreen, "show_progress", show_progress)
    config = Config(REPO / "seeds", tmp_path / "index", tmp_path / "data")
    app = SahelApp(config, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#search-results").has_focus  # keys work before the index exists
        await settle(pilot)
        assert seen and seen[-1][0] == seen[-1][1] == 5
        assert "5 articles · indexed 5" in str(app.screen.query_one("#status", Static).content)
        assert "5 articles, newest first" in screen_text(app)
