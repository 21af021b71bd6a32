"""A wire story reprinted by two outlets is one story with two reports, not two hits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahel_tui.cli import main
from sahel_tui.core.indexer import BuildReport
from sahel_tui.core.library import Library
from tests.conftest import live_generation, make_config
from tests.core import material as m

WIRE = m.paragraphs("zorvexwire", place="the river town", n=6)


def outlet(folder: Path, name: str, site: str, body: list[str], headline: str = "Aid convoy reaches river town") -> None:
    m.write_all(folder, {name: m.html_page(headline, "x", site=site, url=f"https://{name}.example/", body=body)})


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    outlet(folder, "first.html", "First Outlet", WIRE)
    outlet(folder, "second.html", "Second Outlet", WIRE, headline="Convoy arrives in river town, officials say")
    m.write_all(folder, {"other.md": "Unrelated note on zorvexwire prices\n\nMillet prices rose in the market "
                                     "this week, traders said, after a poor harvest in the west.\n"})
    return folder


def open_library(corpus: Path, tmp_path: Path) -> tuple[Library, BuildReport]:
    """The library on this corpus, and what bringing its index up to date did."""
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    return lib, lib.ensure_index()


def test_identical_copies_are_one_story_with_two_reports(corpus, tmp_path):
    lib, report = open_library(corpus, tmp_path)
    hits = lib.search("convoy zorvexwire", kinds=("article",)).hits
    assert len(hits) == 1  # the exact copy is indexed once
    reports = lib.copies_of(hits[0].article_id)
    assert sorted(r["source"] for r in reports) == ["First Outlet", "Second Outlet"]
    assert [(Path(p.path).name, p.kind) for p in report.problems] == [("second.html", "duplicate")]
    lib.close()


def test_cli_search_counts_copies_as_one_independent_source(corpus, tmp_path, capsys):
    code = main(["--corpus", str(corpus), "--index", str(tmp_path / "i"), "search", "zorvexwire", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and (data["reports"], data["independent_sources"]) == (3, 2)
    story = [h for h in data["hits"] if h["copies"]]
    assert len(story) == 1 and len(story[0]["copies"]) == 2


def test_a_reprint_with_its_own_intro_is_a_near_copy(corpus, tmp_path, capsys):
    outlet(corpus, "second.html", "Second Outlet", ["An editor's introduction written by the second outlet "
                                                    "for its readers in the capital city.", *WIRE[:-1]])
    lib, _ = open_library(corpus, tmp_path)
    hits = lib.search("convoy zorvexwire", kinds=("article",)).hits
    assert len(hits) == 2  # different texts: both indexed
    assert {r["source"] for r in lib.copies_of(hits[0].article_id)} == {"First Outlet", "Second Outlet"}
    assert lib.copies_of(lib.search("millet", kinds=("article",)).hits[0].article_id) == []
    lib.close()
    main(["--corpus", str(corpus), "--index", str(tmp_path / "index"), "search", "convoy zorvexwire"])
    out = capsys.readouterr().out
    assert "2 reports, 1 independent source shown" in out and "2 reports: First Outlet, Second Outlet" in out


def test_removing_the_kept_copy_indexes_the_other(corpus, tmp_path):
    open_library(corpus, tmp_path)[0].close()
    (corpus / "first.html").unlink()
    lib, report = open_library(corpus, tmp_path)
    hits = lib.search("convoy zorvexwire", kinds=("article",)).hits
    assert [h.source for h in hits] == ["Second Outlet"] and not report.problems
    lib.close()


def test_timeline_counts_a_reprinted_story_as_one_source(corpus, tmp_path):
    wire = ["Gunmen attacked the zorvexwire market town on 3 February 2024, killing five people, officials said.",
            *WIRE[1:]]
    outlet(corpus, "first.html", "First Outlet", wire)
    outlet(corpus, "second.html", "Second Outlet", ["An editor's introduction for readers in the capital.", *wire])
    lib, _ = open_library(corpus, tmp_path)
    [event] = [e for e in lib.timeline("zorvexwire") if e.event.kind == "attack"]
    assert (len(event.sources), event.independent) == (2, 1)
    lib.close()


def test_a_copy_added_later_joins_the_story_on_update(corpus, tmp_path):
    (corpus / "second.html").unlink()
    open_library(corpus, tmp_path)[0].close()
    outlet(corpus, "second.html", "Second Outlet", ["An editor's introduction for readers in the capital.", *WIRE])
    lib, report = open_library(corpus, tmp_path)
    assert (report.action, report.indexed) == ("update", 1)
    hit = lib.search("convoy zorvexwire", kinds=("article",)).hits[0]
    assert {r["source"] for r in lib.copies_of(hit.article_id)} == {"First Outlet", "Second Outlet"}
    gen = live_generation(lib.config.index)
    saved = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    assert all("sketch" not in e for e in saved["files"].values())  # kept beside the index, not in the manifest
    lib.close()
