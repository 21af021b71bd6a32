"""Correcting from the keyboard: x on a quote, an event or a reader mention, u to undo.

Each test has its own index of the seeds (corrections re-index), built into tmp.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from sahel_tui.config import resolve
from sahel_tui.core.library import Library
from sahel_tui.core.models import EventHit, Mention, QuoteHit
from sahel_tui.tui.app import SahelApp
from sahel_tui.tui.screens.correct import CorrectScreen
from sahel_tui.tui.screens.corrections import CorrectionsScreen
from sahel_tui.tui.screens.help import help_content
from sahel_tui.tui.screens.reader import ReaderScreen
from sahel_tui.tui.widgets.lists import SahelList
from tests.tui.tui_helpers import loaded, marked_target, record, screen_text, search_for, settle

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_library(tmp_path: Path):
    config = resolve(corpus=str(REPO / "seeds"), index=str(tmp_path / "index"),
                     env={"SAHEL_TUI_DATA": str(tmp_path / "user-data")})
    library = Library(config)
    library.ensure_index()
    yield library
    library.close()


@pytest.fixture
def app(own_library: Library) -> SahelApp:
    return SahelApp(replace(own_library.config), library=own_library, theme="textual-dark", remember_theme=False)


def _rows(app: SahelApp, list_id: str) -> list:
    """The list's records (a merged event's rows for its other sources are left out)."""
    from sahel_tui.core.models import EventReport
    return [p for p in app.screen.query_one(list_id, SahelList).payloads.values() if not isinstance(p, EventReport)]


async def _choose(pilot, label_part: str) -> None:
    """In the correction dialog, move to the fix whose label contains ``label_part`` and press Enter."""
    dialog = pilot.app.screen
    assert isinstance(dialog, CorrectScreen)
    choices = dialog.query_one("#correct-choices", OptionList)
    index = next(n for n, spec in enumerate(dialog.fixes) if label_part in spec.label)
    choices.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def test_fix_a_quote_speaker_from_the_quotes_pane(app: SahelApp, own_library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "4")
        await settle(pilot)
        quote = app.screen.query_one("#quotes-list", SahelList).current
        assert isinstance(quote, QuoteHit)
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "Speaker is not")
        assert isinstance(app.focused, Input)
        await pilot.press(*"jnim")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        fixed = next(h for h in _rows(app, "#quotes-list") if h.quote.start == quote.quote.start
                     and h.article_id == quote.article_id)
        jnim = own_library.kb.actor("jnim")
        assert (fixed.quote.speaker, fixed.quote.speaker_actor) == (jnim.name, jnim.id)
        assert "✎ corrected by you" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        back = next(h for h in _rows(app, "#quotes-list") if h.quote.start == quote.quote.start
                    and h.article_id == quote.article_id)
        assert back.quote.speaker == quote.quote.speaker and not back.quote.corrections


async def test_reject_a_false_event_from_the_timeline(app: SahelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        hit = app.screen.query_one("#timeline-list", SahelList).current
        assert isinstance(hit, EventHit)
        key = (hit.article_id, hit.event.start)
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "Not an event")
        await settle(pilot)
        assert key not in {(h.article_id, h.event.start) for h in _rows(app, "#timeline-list")}
        assert not isinstance(app.screen, CorrectScreen)


async def test_alias_from_a_reader_mention_reaches_search_and_profile(app: SahelApp, own_library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("m")
        await pilot.pause()
        mention = record(marked_target(reader), Mention)
        surface = loaded(reader).article.text[mention.start:mention.end]
        target_actor = "wagner" if mention.ref != "wagner" else "jnim"
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "alias of another actor")
        await pilot.press(*target_actor)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        using = {a.id for a in own_library.article_refs()
                 if surface.casefold() in " ".join(own_library.article(a.id).text.split()).casefold()}
        profile = {r.id for r in own_library.profile(target_actor).articles}
        found = {h.article_id for h in own_library.search(f"actor:{target_actor}", kinds=("article",)).hits}
        assert using and using <= profile and using <= found


async def test_palette_lists_corrections_and_keys_are_in_help(app: SahelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "Not an event")
        await settle(pilot)
        app.action_corrections()
        await settle(pilot)
        assert isinstance(app.screen, CorrectionsScreen)
        assert "not event" in screen_text(app) and "applied" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert "No corrections yet" in screen_text(app)
        text = help_content(app).plain
    assert "correct the selected quote" in text and "undo your last correction" in text


async def test_x_with_nothing_selected_says_what_to_do(app: SahelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # out of the search box: a search hit list with no quote selected
        await pilot.press("x")
        await settle(pilot)
        assert not isinstance(app.screen, CorrectScreen)


async def test_app_says_when_corrections_no_longer_apply(tmp_path: Path) -> None:
    from sahel_tui.core.correcting import Corrector
    from tests.core.test_corrections import ARTICLE_ONE

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.md").write_text(ARTICLE_ONE, encoding="utf-8")
    config = resolve(corpus=str(corpus), index=str(tmp_path / "index"), env={"SAHEL_TUI_DATA": str(tmp_path / "d")})
    library = Library(config)
    library.ensure_index()
    quote = next(q for q in library.article_quotes("one") if "abandon" in q.text)
    fixer = Corrector(library)
    fixer.correct(fixer.target_of("one", quote), "role", "spokesman")
    library.close()
    (corpus / "one.md").write_text(ARTICLE_ONE.replace("abandon the north", "leave"), encoding="utf-8")
    app = SahelApp(config, theme="textual-dark", remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("1 correction no longer applies: source changed" in m for m in messages), messages


async def test_new_actor_from_a_reader_mention(app: SahelApp, own_library: Library) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Kayes")
        await pilot.press("enter")
        await settle(pilot)
        article_id = loaded(app.screen).article.id
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "is a new actor")
        await pilot.press(*"Invented Front, armed_group")
        await pilot.press("enter")
        await settle(pilot)
        profile = own_library.profile("invented_front")
        assert profile.actor.type == "armed_group" and article_id in {r.id for r in profile.articles}


async def test_an_unknown_place_is_refused_with_a_message(app: SahelApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        before = [(h.article_id, h.event.places) for h in _rows(app, "#timeline-list")]
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "Add a place")
        await pilot.press(*"Atlantis", "enter")
        await settle(pilot)
        assert any("Not corrected: no place 'Atlantis'" in n.message for n in app._notifications)
        assert [(h.article_id, h.event.places) for h in _rows(app, "#timeline-list")] == before
