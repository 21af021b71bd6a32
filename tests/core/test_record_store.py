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
from tests.conftest import make_config
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
    return indexer.live_generation(library.config.index) / RECORDS_FILE


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
    gen = indexer.live_generation(library.config.index)
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
