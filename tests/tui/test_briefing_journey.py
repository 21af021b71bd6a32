"""The analyst's briefing journey, by keyboard: clip from the reader, star and note in the timeline,
reorder in the Brief pane, export Markdown, copy to the clipboard."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from sahel_tui.core import briefing
from sahel_tui.core.models import EventHit, Quote
from sahel_tui.core.store import BriefingStore, Clip
from sahel_tui.tui.screens.main import MainScreen
from sahel_tui.tui.screens.prompt import TextPrompt
from sahel_tui.tui.screens.reader import ReaderScreen
from sahel_tui.tui.widgets.article_view import ArticleView
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.conftest import MakeApp
from tests.tui.tui_helpers import loaded, marked_target, record, record_notices, search_for, settle, type_text

JNIM_CLAIM = "JNIM claimed responsibility for last Tuesday’s attacks"
RED_CROSS = "No one is safe from the new terrorist threat"


async def _press_until(pilot: Pilot[Any], key: str, done: Callable[[], bool], limit: int = 40) -> None:
    for _ in range(limit):
        if done():
            return
        await pilot.press(key)
        await pilot.pause()
    assert done(), f"pressing {key} never got there"


def _notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _clip_in_the_reader(pilot) -> ReaderScreen:
    """Search Kayes, open it, clip the JNIM claim sentence (v v c) and the Red Cross quote (] c)."""
    await settle(pilot)
    await search_for(pilot, "Kayes")
    await pilot.press("enter")
    await settle(pilot)
    reader = pilot.app.screen
    assert isinstance(reader, ReaderScreen)
    text = loaded(reader).article.text
    claim = text.index(JNIM_CLAIM)
    await _press_until(pilot, "n", lambda: claim <= reader._position < text.index(".", claim))
    await pilot.press("v", "v", "c")
    await settle(pilot)
    await _press_until(pilot, "right_square_bracket",
                       lambda: reader.current is not None and reader.current[0] == "quote"
                       and record(marked_target(reader), Quote).text.startswith(RED_CROSS))
    await pilot.press("c")
    await settle(pilot)
    return reader


async def test_clip_star_note_reorder_and_export_a_brief_by_keyboard(make_app: MakeApp) -> None:
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await _clip_in_the_reader(pilot)
        assert any("Clipped passage" in n for n in notices) and any("Clipped quote" in n for n in notices)

        await pilot.press("escape", "escape", "2", "f")
        await type_text(pilot, "Kayes")
        await pilot.press("enter")
        timeline = app.screen.query_one("#timeline-list", SahelList)
        await _press_until(pilot, "j", lambda: isinstance(timeline.current, EventHit)
                           and timeline.current.event.sentence.startswith(JNIM_CLAIM))
        await pilot.press("asterisk")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "toll unconfirmed")
        await pilot.press("enter")
        await settle(pilot)
        store = BriefingStore(app.config.store_file)
        [mark] = store.marks()
        assert mark.starred and mark.note == "toll unconfirmed" and mark.target.text.startswith(JNIM_CLAIM)

        await pilot.press("5")
        await settle(pilot)
        brief = app.screen.query_one("#brief-list", SahelList)
        clips = list(brief.payloads.values())
        assert [c.kind for c in clips] == ["passage", "quote"]
        assert clips[0].text.startswith(JNIM_CLAIM) and clips[0].text.endswith("Diboli.")
        await pilot.press("J")  # the claim moves below the quote
        await settle(pilot)
        assert [c.kind for c in brief.payloads.values()] == ["quote", "passage"]
        assert isinstance(brief.current, Clip) and brief.current.kind == "passage"  # the moved clip stays selected

        await pilot.press("e")
        await settle(pilot)
        path = app.screen.query_one(Input).value
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and any("Exported" in n for n in notices)
    md = Path(path).read_text(encoding="utf-8")
    body, sources = md.split("## Sources")
    assert body.index(RED_CROSS) < body.index(JNIM_CLAIM)
    assert "> — Jean Marie Konate, a community development expert with the Red Cross in the Kayes region[^1]" in body
    assert "Diboli.[^2]" in body
    assert "[^1]: Jean Marie Konate" in sources and "[^2]: Al Jazeera, “‘No one is safe’" in sources
    assert "1. Al Jazeera, “‘No one is safe’: Civilians, foreigners caught in escalating Mali violence”, 2025-07-07." \
        in sources and "accessed " in sources


async def test_y_copies_the_selected_clip_and_shift_y_the_whole_brief(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _clip_in_the_reader(pilot)
        await pilot.press("escape", "escape", "5")
        await settle(pilot)
        brief = app.screen.query_one("#brief-list", SahelList)
        await pilot.press("j")  # the quote
        await pilot.press("y")
        assert app.clipboard == briefing.clip_markdown(brief.current)
        assert app.clipboard.startswith(f"> “{RED_CROSS}") and "[^1]: Jean Marie Konate" in app.clipboard
        assert "Copied the clip as Markdown" in _notes(app)
        await pilot.press("Y")
        assert app.clipboard.startswith("# Brief\n") and JNIM_CLAIM in app.clipboard and RED_CROSS in app.clipboard
        assert "Copied the brief “Brief”" in _notes(app)


async def test_remove_and_undo_in_the_brief_pane(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _clip_in_the_reader(pilot)
        await pilot.press("escape", "escape", "5")
        await settle(pilot)
        brief = app.screen.query_one("#brief-list", SahelList)
        await pilot.press("d")
        assert [c.kind for c in brief.payloads.values()] == ["quote"]
        await pilot.press("u")
        assert [c.kind for c in brief.payloads.values()] == ["passage", "quote"]


async def test_a_note_in_the_reader_marks_its_passage_at_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        await pilot.press("right_square_bracket")
        quote = record(marked_target(reader), Quote)
        view = reader.query_one(ArticleView)
        assert dict(view._layers)[".reader--noted"] == []
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "check")
        await pilot.press("enter")
        await settle(pilot)
        assert dict(view._layers)[".reader--noted"] == [(quote.start, quote.end)]


async def test_headings_clip_notes_and_a_new_brief_from_the_palette(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _clip_in_the_reader(pilot)
        await pilot.press("escape", "escape", "5")
        await settle(pilot)
        await pilot.press("h")
        await type_text(pilot, "Kayes")
        await pilot.press("enter", "K", "K")  # the heading goes to the top
        await pilot.press("j", "a")
        await type_text(pilot, "lead")
        await pilot.press("enter")
        await settle(pilot)
        brief = app.screen.query_one("#brief-list", SahelList)
        clips = list(brief.payloads.values())
        assert [(c.kind, c.note) for c in clips] == [("heading", ""), ("passage", "lead"), ("quote", "")]
        await pilot.press("ctrl+p")
        await type_text(pilot, "new brief")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Niger watch")
        await pilot.press("enter")
        await settle(pilot)
        assert BriefingStore(app.config.store_file).current() == "Niger watch"
        assert list(brief.payloads.values()) == []
        assert "Brief “Niger watch” · 0 clips" in str(app.screen.query_one("#brief-info").content)


async def test_a_store_that_cannot_be_opened_is_a_message_not_a_crash(seed_library, seed_config, tmp_path) -> None:
    from dataclasses import replace

    from sahel_tui.tui.app import SahelApp
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app = SahelApp(replace(seed_config, data_dir=blocker), library=seed_library, theme="textual-dark")
    async with app.run_test(size=(120, 36)) as pilot:
        await _press_clip_on_first_search_hit(pilot)
        assert "cannot open the user store" in _notes(app)
        await pilot.press("5")
        await settle(pilot)
        assert "cannot be opened" in str(app.screen.query_one("#brief-info", Static).content)


async def _press_clip_on_first_search_hit(pilot) -> None:
    await settle(pilot)
    await search_for(pilot, "Kayes")
    await pilot.press("down", "c")
    await settle(pilot)


async def test_c_clips_the_highlighted_search_result_with_its_ref(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _press_clip_on_first_search_hit(pilot)
        hit = app.screen.query_one("#search-results", SahelList).current
        [clip] = BriefingStore(app.config.store_file).clips("Brief")
        assert clip.kind == hit.kind and clip.target.ref == hit.ref
        assert clip.citation["title"] == hit.title and clip.citation["source"] == "Al Jazeera"


async def test_tags_on_a_clip_in_the_brief_pane_go_to_its_object(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _press_clip_on_first_search_hit(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("number_sign")
        await settle(pilot)
        await type_text(pilot, "kayes weekly")
        await pilot.press("enter")
        await settle(pilot)
        [clip] = BriefingStore(app.config.store_file).clips("Brief")
        mark = BriefingStore(app.config.store_file).mark(clip.target.key)
        assert mark is not None and mark.tags == ("kayes", "weekly")
