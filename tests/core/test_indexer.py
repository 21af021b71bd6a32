"""Index lifecycle: built when missing, updated when files change, rebuilt when versions change,
and never broken by an interrupted build."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from sahel_tui.core import indexer, search
from sahel_tui.core.library import Library
from sahel_tui.core.query import parse
from tests.conftest import live_generation, make_config

ARTICLE = "---\ntitle: {title}\npublished: 2024-03-0{day}\n---\n{title}\n\nGunmen attacked {place} on Monday, officials said.\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for day, place in enumerate(["Kayes", "Gao", "Mopti"], 1):
        (folder / f"{place.lower()}.md").write_text(ARTICLE.format(title=f"Attack in {place}", day=day, place=place))
    return folder


@pytest.fixture
def library(corpus: Path, tmp_path: Path) -> Iterator[Library]:
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    yield lib
    lib.close()


def titles(library: Library, query: str) -> list[str]:
    return sorted(h.title for h in library.search(query, kinds=("article",)).hits)


def test_built_when_missing_then_up_to_date(library):
    assert library.ensure_index().action == "build"
    assert titles(library, "attacked") == ["Attack in Gao", "Attack in Kayes", "Attack in Mopti"]
    assert library.ensure_index().action == "none"


def test_added_changed_and_removed_files_update_only_those(library, corpus):
    library.ensure_index()
    (corpus / "menaka.md").write_text(ARTICLE.format(title="Attack in Menaka", day=4, place="Ménaka"))
    (corpus / "gao.md").write_text(ARTICLE.format(title="Raid in Gao", day=2, place="Gao"))
    (corpus / "mopti.md").unlink()
    report = library.ensure_index()
    assert (report.action, report.indexed, report.articles) == ("update", 2, 3)
    assert titles(library, "attacked") == ["Attack in Kayes", "Attack in Menaka", "Raid in Gao"]
    assert titles(library, "Mopti") == []


def test_a_broken_file_is_reported_and_the_rest_indexed(library, corpus):
    (corpus / "broken.md").write_bytes(b"---\ntitle: [oops\n---\ntext")
    report = library.ensure_index()
    assert report.articles == 3
    assert [(Path(p.path).name, "invalid YAML" in p.reason) for p in report.problems] == [("broken.md", True)]
    assert library.ensure_index().action == "none", "a broken file is not retried until it changes"


def test_version_change_rebuilds(library, monkeypatch):
    library.ensure_index()
    monkeypatch.setattr(search, "SCHEMA_VERSION", search.SCHEMA_VERSION + 1)
    assert indexer.plan(library.config.index, library.config.corpus, library.kb).reason == "the index format changed"
    assert library.ensure_index().action == "build"


def test_interrupted_build_leaves_the_old_index_working(library):
    library.ensure_index()
    library.close()

    def explode(done, total, name):
        if done == 2:
            raise KeyboardInterrupt("killed half-way")

    with pytest.raises(KeyboardInterrupt):
        indexer.build(library.config.index, library.config.corpus, library.kb, progress=explode, workers=1)
    assert len(list(library.config.index.glob("gen-*"))) == 1, "the half-built generation is removed"
    library.open_existing()
    assert len(titles(library, "attacked")) == 3


def test_corrupt_index_is_rebuilt_with_a_note(library):
    library.ensure_index()
    library.close()
    gen = live_generation(library.config.index)
    for toc in gen.glob("_sahel_*.toc"):
        toc.write_bytes(b"garbage")
    report = library.ensure_index()
    assert report.action == "build" and any("damaged" in n for n in library.notes)
    assert len(titles(library, "attacked")) == 3


def test_missing_manifest_means_rebuild(library):
    library.ensure_index()
    os.remove(live_generation(library.config.index) / "manifest.json")
    assert library.ensure_index().action == "build"


def test_a_file_that_vanishes_during_the_build_is_a_problem_not_a_crash(library, corpus, monkeypatch):
    from sahel_tui.core.corpus import scan_corpus as real

    def listing_with_a_ghost(folder):
        scan = real(folder)
        return replace(scan, files=(*scan.files, folder / "ghost.md"))

    monkeypatch.setattr(indexer, "scan_corpus", listing_with_a_ghost)
    report = library.ensure_index()
    assert report.articles == 3 and [Path(p.path).name for p in report.problems] == ["ghost.md"]


@pytest.mark.slow  # a spawned process pool
def test_parallel_build_finds_what_a_serial_build_finds(corpus, tmp_path, monkeypatch, kb):
    for n in range(9):
        (corpus / f"extra{n}.md").write_text(ARTICLE.format(title=f"Raid {n} near Gao", day=n % 9 + 1, place="Gao"))
    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 4)
    ticks = []
    serial = indexer.build(tmp_path / "serial", corpus, kb, workers=1)
    parallel = indexer.build(tmp_path / "parallel", corpus, kb, workers=2, progress=lambda d, t, n: ticks.append(d))
    assert parallel.files.keys() == serial.files.keys() and ticks[-1] == 12
    found = []
    for folder in ("serial", "parallel"):
        with search.searching(live_generation(tmp_path / folder)) as s:
            found.append(sorted(h.fields.id for h in s.run(parse("Gao").tree, limit=None).hits))
    assert found[0] == found[1] and len(found[0]) >= 10
