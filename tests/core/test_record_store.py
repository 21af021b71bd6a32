"""The record store beside the Whoosh files: damage is detected, an index of the previous format
is rebuilt with a clear message (never misread), and updates keep records and index in step."""
from __future__ import annotations

import json
from datetime import date

import pytest

from sahel_tui.core import indexer, search
from sahel_tui.core.library import Library
from sahel_tui.core.query import parse
from sahel_tui.core.record_store import RECORDS_FILE
from tests.conftest import live_generation, make_config
from tests.core.test_indexer import ARTICLE, titles


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for day, place in enumerate(["Kayes", "Gao", "Mopti", "Menaka"], 1):
        (folder / f"{place.lower()}.md").write_text(ARTICLE.format(title=f"Attack in {place}", day=day, place=place))
    return folder


@pytest.fixture
def library(corpus, tmp_path):
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    yield lib
    lib.close()


def _records(library):
    return live_generation(library.config.index) / RECORDS_FILE


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_a_damaged_record_store_is_detected_on_open_and_rebuilt(library, damage):
    library.ensure_index()
    records = _records(library)
    if damage == "truncate":
        records.write_bytes(records.read_bytes()[:100])
    else:
        records.unlink()
    library.close()
    with pytest.raises(search.IndexCorrupt, match="damaged"):
        library.open_existing()
    report = library.ensure_index()
    assert report.action == "build" and "damaged" in report.reason
    assert len(titles(library, "attacked")) == 4


def _as_previous_format(library) -> None:
    """What an index of format 5 looks like to this version: payloads in Whoosh, no record store."""
    gen = live_generation(library.config.index)
    library.close()
    (gen / RECORDS_FILE).unlink()
    data = json.loads((gen / "manifest.json").read_text())
    data["schema_version"] = 5
    data["segments"].pop(RECORDS_FILE)
    (gen / "manifest.json").write_text(json.dumps(data))


def test_an_index_of_the_previous_format_is_named_as_such_and_rebuilt(library):
    library.ensure_index()
    _as_previous_format(library)
    with pytest.raises(search.IndexOutdated, match="another version of sahel-tui"):
        library.open_existing()
    assert indexer.plan(library.config.index, library.config.corpus, library.kb).reason == "the index format changed"
    report = library.ensure_index()
    assert (report.action, report.reason) == ("build", "the index format changed")
    hits = library.search("attacked", kinds=("article",)).hits
    assert sorted(h.title for h in hits) == ["Attack in Gao", "Attack in Kayes", "Attack in Menaka", "Attack in Mopti"]
    assert all(h.snippet and "attacked" in h.snippet for h in hits)


def test_an_update_replaces_an_articles_records_and_snippet_text(library, corpus):
    library.ensure_index()
    (corpus / "gao.md").write_text(ARTICLE.format(title="Raid in Gao", day=2, place="Gao").replace(
        "Gunmen attacked", "Soldiers repelled gunmen who attacked"))
    (corpus / "mopti.md").unlink()
    assert library.ensure_index().action == "update"
    hits = {h.title: h for h in library.search("attacked", kinds=("article",)).hits}
    assert sorted(hits) == ["Attack in Kayes", "Attack in Menaka", "Raid in Gao"]
    assert "Soldiers repelled" in hits["Raid in Gao"].snippet, "the snippet is cut from the new text"
    assert list(library.searcher.documents(article="mopti")) == [], "a removed article leaves no record"


def test_a_date_filter_leaves_out_deleted_documents_not_yet_merged_away(tmp_path):
    ix = search.create(tmp_path)
    search.write(ix, [search.Document(id=f"a:{n}", kind="article", article=str(n), title=f"Report {n}", body="attack",
                                      published=date(2024, 3, n + 1)) for n in range(3)], optimize=True)
    search.write(ix, [], delete_articles=["1"])  # deleted in place: the segment keeps its column values
    with search.searching(tmp_path) as searcher:
        assert searcher._searcher.reader().has_deletions()
        results = searcher.run(parse("published:2024-03").tree, (), limit=None)
        assert results.total == 2
        assert sorted(h.fields.title for h in results.hits) == ["Report 0", "Report 2"]


def test_records_round_trip_and_an_articles_records_are_its_own(tmp_path):
    def docs(article: str, title: str) -> list[search.Document]:
        return [search.Document(id=f"a:{article}", kind="article", article=article, title=title, body="Raid text.",
                                source="Wire", path=f"/c/{article}.md", published=date(2024, 3, 1),
                                payload={"marks": [["place", "gao", 0, 3]]}),
                search.Document(id=f"q:{article}:0", kind="quote", article=article, title=title, body="We held.",
                                source="Wire", speaker="A Mayor", path=f"/c/{article}.md",
                                published=date(2024, 3, 1), payload={"text": "We held.", "start": 5}),
                search.Document(id=f"e:{article}:0", kind="event", article=article, title="Another title",
                                body="Raid", source="Wire", path=f"/c/{article}.md", published=date(2024, 3, 1),
                                date=date(2024, 2, 28), event="attack", payload={"sentence": "Raid."})]
    ix = search.create(tmp_path)
    search.write(ix, docs("gao", "Raid in Gao") + docs("gao:2", "Raid in Gao, again"), optimize=True)
    with search.searching(tmp_path) as searcher:
        quote = next(searcher.documents(article="gao", kind="quote"))
        assert (quote.id, quote.title, quote.source, quote.path, quote.published, quote.speaker, quote.payload) == (
            "q:gao:0", "Raid in Gao", "Wire", "/c/gao.md", date(2024, 3, 1), "A Mayor",
            '{"text": "We held.", "start": 5}')
        event = next(searcher.documents(id="e:gao:0"))
        assert (event.title, event.date, event.event) == ("Another title", date(2024, 2, 28), "attack")
        assert [d.id for d in searcher.documents(article="gao")] == ["a:gao", "e:gao:0", "q:gao:0"]
        assert searcher.article_text("gao:2") == "Raid text."
    search.write(search.open_index(tmp_path), [], delete_articles=["gao"])
    with search.searching(tmp_path) as searcher:
        assert list(searcher.documents(article="gao")) == []
        assert len(list(searcher.documents(article="gao:2"))) == 3, "deleting gao leaves gao:2 alone"
