"""The palette's "Add files…" copies material into the corpus and the index follows; the status
names every file not read, by reason."""
from __future__ import annotations

from pathlib import Path

from sahel_tui.config import Config
from sahel_tui.tui.app import SahelApp
from sahel_tui.tui.messages import OpenArticle
from sahel_tui.tui.screens.add_files import AddFilesScreen
from tests.core import material as m
from tests.tui.tui_helpers import screen_text, search_for, settle


async def test_add_files_from_the_palette_indexes_them(tmp_path: Path) -> None:
    corpus, usb = tmp_path / "corpus", tmp_path / "usb"
    m.write_all(corpus, {"old.md": "Old note on the zorvexold wells\n\nThe wells were dug last year.\n"})
    m.write_all(usb, {"page.html": m.html_page("Convoy page added from a stick", "zorvexapp"),
                      "scan.pdf": m.scanned_pdf()})
    app = SahelApp(Config(corpus, tmp_path / "index", tmp_path / "data"), theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "1 article ·" in screen_text(app)
        app.action_add_files()
        await pilot.pause()
        assert isinstance(app.screen, AddFilesScreen)
        await pilot.press(*str(usb), "enter")
        await settle(pilot)
        assert sorted(p.name for p in corpus.iterdir()) == ["old.md", "page.html", "scan.pdf"]
        messages = [str(n.message) for n in app._notifications]
        assert "2 files copied into the corpus" in messages
        assert "1 file not read: 1 scanned PDF without text (scan.pdf)" in messages
        assert "2 articles" in screen_text(app)
        assert app.handle is not None
        hits = app.handle.run(lambda lib: lib.search("zorvexapp", kinds=("article",)).hits)
        assert [h.title for h in hits] == ["Convoy page added from a stick"]


async def test_escape_adds_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    m.write_all(corpus, {"old.md": "Old note on the zorvexold wells\n\nThe wells were dug last year.\n"})
    app = SahelApp(Config(corpus, tmp_path / "index", tmp_path / "data"), theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_add_files()
        await pilot.pause()
        await pilot.press("x", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, AddFilesScreen)
        assert [p.name for p in corpus.iterdir()] == ["old.md"]


async def test_the_reader_names_other_copies_of_a_wire_story(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    wire = m.paragraphs("zorvexwire", n=5)
    m.write_all(corpus, {"first.html": m.html_page("Aid convoy reaches river town", "x", site="First Outlet", body=wire),
                         "second.html": m.html_page("Convoy arrives", "x", site="Second Outlet", body=wire)})
    app = SahelApp(Config(corpus, tmp_path / "index", tmp_path / "data"), theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        app.post_message(OpenArticle("first"))
        await settle(pilot)
        assert "other copies of this story: Second Outlet" in screen_text(app)


async def test_search_shows_a_reprinted_story_once_with_its_reports(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    wire = m.paragraphs("zorvexwire", n=5)
    m.write_all(corpus, {"first.html": m.html_page("Aid convoy reaches river town", "x", site="First Outlet", body=wire),
                         "second.html": m.html_page("Convoy arrives", "x", site="Second Outlet",
                                                    body=["An introduction by the second outlet for its readers.", *wire[:-1]])})
    app = SahelApp(Config(corpus, tmp_path / "index", tmp_path / "data"), theme="textual-dark", debounce=0.0)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "zorvexwire kind:article")
        text = screen_text(app)
        assert "2 reports, 1 independent source shown" in text and "2 reports of this story" in text
        assert text.count("ARTICLE") == 1
