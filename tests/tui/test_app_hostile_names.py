"""The app draws hostile file names and titles inert: on the screen and in its notices."""
from __future__ import annotations

from pathlib import Path

from tui_helpers import screen_text, settle, type_text

from sahel_tui.config import Config
from sahel_tui.tui.app import SahelApp
from tests.hostile import hostile_corpus, raw_controls


async def test_hostile_names_and_titles_reach_the_screen_inert(tmp_path: Path) -> None:
    hostile_corpus(tmp_path / "corpus")
    config = Config(tmp_path / "corpus", tmp_path / "index", tmp_path / "data")
    app = SahelApp(config, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notices = [str(n.message) + str(n.title) for n in app._notifications]
        assert any("could not be read" in n for n in notices)
        await type_text(pilot, "Zarkowite")
        shown = screen_text(app)
        assert "Title 0" in shown
        assert raw_controls(shown) == [] and raw_controls("".join(notices)) == []
        assert any("latin\\xff\\xfe-name.md" in n for n in notices)  # an undecodable name shown as bytes
