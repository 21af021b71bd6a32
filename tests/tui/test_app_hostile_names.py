"""The app draws hostile file names and titles inert: on the screen and in its notices."""
from __future__ import annotations

from pathlib import Path

from sahel_tui.config import Config
from sahel_tui.tui.app import SahelApp
from tests.hostile import hostile_corpus, raw_controls
from tests.tui.tui_helpers import screen_text, search_for, settle


async def test_hostile_names_and_titles_reach_the_screen_inert(tmp_path: Path) -> None:
    hostile_corpus(tmp_path / "corpus")
    config = Config(tmp_path / "corpus", tmp_path / "index", tmp_path / "data")
    app = SahelApp(config, theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notices = [str(n.message) + str(n.title) for n in app._notifications]
        assert any("not read" in n for n in notices)
        await search_for(pilot, "Zarkowite")
        shown = screen_text(app)
        assert "Title 0" in shown
        assert raw_controls(shown) == [] and raw_controls("".join(notices)) == []
        assert any("latin\\xff\\xfe-name.md" in n for n in notices)  # an undecodable name shown as bytes


async def test_a_damaged_index_is_said_and_rebuilt_never_shown_as_healthy(tmp_path: Path) -> None:
    from sahel_tui.core.library import Library
    from tests.conftest import live_generation
    from tests.core.test_indexer import ARTICLE

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "kayes.md").write_text(ARTICLE.format(title="Attack in Kayes", day=1, place="Kayes"))
    config = Config(tmp_path / "corpus", tmp_path / "index", tmp_path / "data")
    Library(config).ensure_index()
    for trm in live_generation(config.index).glob("*.trm"):
        trm.write_bytes(b"")
    app = SahelApp(config, theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("damaged" in str(n.message) for n in app._notifications)
        await search_for(pilot, "Kayes")
        assert "Attack in Kayes" in screen_text(app)


async def test_an_unreadable_folder_is_named_in_a_notice_and_the_status(tmp_path: Path, monkeypatch) -> None:
    import os

    from tests.core.test_indexer import ARTICLE

    (tmp_path / "corpus" / "usb").mkdir(parents=True)
    (tmp_path / "corpus" / "kayes.md").write_text(ARTICLE.format(title="Attack in Kayes", day=1, place="Kayes"))
    blocked = str(tmp_path / "corpus" / "usb")
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "denied", blocked))
                        if os.fspath(p) == blocked else real(p))
    app = SahelApp(Config(tmp_path / "corpus", tmp_path / "index", tmp_path / "data"), theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any(f"Cannot read folder {blocked}" in str(n.message) for n in app._notifications)
        assert "a folder could not be read" in screen_text(app)
