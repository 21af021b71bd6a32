"""Search results grouped by article: an article's quotes and events fold under its row, `o`
(→/←) shows and hides them, and records found on a later page join their article's group."""
from __future__ import annotations

from textual.widgets import Static

from sahel_tui.core.models import SearchHit
from sahel_tui.tui.widgets import search_pane
from sahel_tui.tui.widgets.lists import SahelList
from sahel_tui.tui.widgets.rows import ArticleGroups
from tests.tui.tui_helpers import screen_text, search_for, settle


def hit(kind: str, article: str, n: int = 0) -> SearchHit:
    return SearchHit(kind=kind, article_id=article, title=article, score=1.0,
                     ref="" if kind == "article" else f"{article}#{kind}{n}")


def test_a_later_pages_records_join_their_articles_group():
    groups = ArticleGroups()
    groups.add([hit("event", "a"), hit("article", "b"), hit("quote", "a")])
    groups.add([hit("article", "a"), hit("event", "b"), hit("quote", "c"), hit("quote", "a")])  # last: a repeat
    assert [(h.kind, h.article_id) for h, _, _ in groups.rows()] == [("article", "a"), ("article", "b"),
                                                                        ("quote", "c")]
    assert len(groups) == 6
    a = groups.groups["a"]
    assert a.summary() == "1 quote, 1 event"
    a.open = True
    assert [(h.kind, nested) for h, nested, g in groups.rows() if g is a] == [("article", False), ("event", True),
                                                                              ("quote", True)]


def test_a_group_led_by_a_record_counts_the_others_as_more():
    groups = ArticleGroups()
    groups.add([hit("quote", "a", 1), hit("quote", "a", 2), hit("quote", "a", 3)])
    assert groups.groups["a"].lead.ref == "a#quote1" and groups.groups["a"].summary() == "2 more quotes"


async def test_o_shows_and_hides_an_articles_records_under_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Mali ")
        results = app.screen.query_one("#search-results", SahelList)
        pane = app.screen.query_one(search_pane.SearchPane)
        folded = [g for g in pane._groups.groups.values() if g.article is not None and g.nested]
        assert folded, "some seed article matches with quotes or events of its own"
        group = folded[0]
        rows = list(results.payloads.values())
        assert all(h.kind == "article" or h.article_id != group.article_id for h in rows), "folded by default"
        assert "by article" in str(app.screen.query_one("#search-info", Static).content)
        await pilot.press("escape")
        results.highlighted = results.get_option_index(
            next(k for k, h in results.payloads.items() if h is group.article))
        await pilot.press("o")
        await pilot.pause()
        shown = [h for h in results.payloads.values() if h.article_id == group.article_id]
        assert shown[0] is group.article and len(shown) == 1 + len(group.nested), "the article row comes first"
        keys = list(results.payloads)
        at = keys.index(next(k for k, h in results.payloads.items() if h is group.article))
        assert [results.payloads[k] for k in keys[at + 1:at + 1 + len(group.nested)]] == group.nested
        await pilot.press("down", "left")  # on a record: ← hides the group and goes back to its article
        await pilot.pause()
        assert results.current is group.article
        assert [h for h in results.payloads.values() if h.article_id == group.article_id] == [group.article]
        await pilot.press("right")
        await pilot.pause()
        assert len([h for h in results.payloads.values() if h.article_id == group.article_id]) > 1


async def test_every_page_joins_the_groups_and_the_count_stays_the_whole(make_app, monkeypatch) -> None:
    monkeypatch.setattr(search_pane, "PAGE", 3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Mali ")
        pane = app.screen.query_one(search_pane.SearchPane)
        results = app.screen.query_one("#search-results", SahelList)
        total = pane._results.total
        await pilot.press("escape")
        for _ in range(total):  # to the end, page after page
            if pane._results.offset + len(pane._results.hits) >= total:
                break
            await pilot.press("G")
            await settle(pilot)
        assert len(pane._groups) == total, "every result is loaded, in some group"
        leads = [h.article_id for h in results.payloads.values()]
        assert len(leads) == len(set(leads)), "one row per article while the groups are folded"
        assert info_text(app).startswith(f"{total} results"), "the count is the whole result set"
        assert "o: show" in screen_text(app)


def info_text(app) -> str:
    return str(app.screen.query_one("#search-info", Static).content)


def test_a_copy_of_a_story_on_a_later_page_is_left_out():
    from dataclasses import replace

    from sahel_tui.core.models import HitDetail
    first = replace(hit("article", "a"), extra=HitDetail(story="s1", reports=2))
    copy = replace(hit("article", "b"), extra=HitDetail(story="s1", reports=2))
    groups = ArticleGroups()
    groups.add([first])
    groups.add([copy, hit("article", "c")])
    assert [h.article_id for h, _, _ in groups.rows()] == ["a", "c"]
