"""Never silently wrong: edits during a build, unreadable folders, undecodable names, damaged files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sahel_tui.core import indexer, search
from sahel_tui.core.library import Library
from tests.conftest import live_generation, make_config
from tests.core.test_indexer import ARTICLE, titles


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for day, place in enumerate(["Kayes", "Gao", "Mopti"], 1):
        (folder / f"{place.lower()}.md").write_text(ARTICLE.format(title=f"Attack in {place}", day=day, place=place))
    (folder / "sub" / "menaka.md").write_text(ARTICLE.format(title="Attack in Menaka", day=4, place="Menaka"))
    return folder


@pytest.fixture
def library(corpus, tmp_path):
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    yield lib
    lib.close()


def test_an_edit_made_while_the_file_is_indexed_is_picked_up_next_run(library, corpus, monkeypatch):
    from sahel_tui.core.corpus import load_articles as real

    target = corpus / "gao.md"

    def load_then_edit(path):
        article = real(path)
        if path == target:  # the analyst saves a new version right after the build read the old one
            target.write_text(ARTICLE.format(title="Ambush near Tessit", day=2, place="Tessit"))
        return article

    monkeypatch.setattr(indexer, "load_articles", load_then_edit)
    library.ensure_index()
    monkeypatch.setattr(indexer, "load_articles", real)
    report = library.ensure_index()
    assert report.action == "update" and report.indexed == 1
    assert titles(library, "Tessit") == ["Ambush near Tessit"]


def test_a_racy_edit_with_the_same_size_and_time_is_found_by_content(library, corpus, monkeypatch):
    # Every file counts as just written, however long this build takes on a busy machine (with the
    # real 2 s window, a slow first build made the edit below look old and the test fail).
    monkeypatch.setattr(indexer, "RACY_SECONDS", 3600.0)
    library.ensure_index()
    target = corpus / "gao.md"
    st = target.stat()
    target.write_text(target.read_text().replace("Gao", "Ber"))  # same size
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime (a coarse clock, a copy tool)
    report = library.ensure_index()
    assert report.action == "update" and titles(library, "Ber") == ["Attack in Ber"]


def test_an_unreadable_folder_is_named_and_its_articles_kept(library, corpus, monkeypatch):
    library.ensure_index()
    real_scandir = os.scandir
    blocked = str(corpus / "sub")

    def scandir(path="."):
        if os.fspath(path) == blocked:
            raise PermissionError(13, "Permission denied", blocked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = library.ensure_index()
    assert report.unreadable == (blocked,) and report.articles == 4
    assert titles(library, "Menaka") == ["Attack in Menaka"]  # kept as it was (stale)
    assert library.ensure_index().unreadable == (blocked,)  # said again on every run while it lasts


def test_a_file_name_that_is_not_utf8_is_skipped_by_name_and_rebuild_works(library, corpus):
    with open(os.path.join(os.fsencode(corpus), b"r\xe9sum\xe9.md"), "wb") as fh:
        fh.write(ARTICLE.format(title="Attack in Douentza", day=5, place="Douentza").encode())
    for rebuild in (False, True):
        report = library.ensure_index(rebuild=rebuild)
        assert report.articles == 4
        assert [p.path.rsplit("/", 1)[-1] for p in report.problems] == ["r\\xe9sum\\xe9.md"]
        assert "not valid UTF-8" in report.problems[0].reason
    assert library.ensure_index().action == "none"  # skipping it is not a change every run


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_a_damaged_segment_is_detected_on_open_and_rebuilt(library, damage):
    library.ensure_index()
    gen = live_generation(library.config.index)
    segment = max(gen.glob("*.trm"), key=lambda p: p.stat().st_size)  # the term dictionary
    if damage == "truncate":
        segment.write_bytes(segment.read_bytes()[:100])
    else:
        segment.unlink()
    library.close()
    with pytest.raises(search.IndexCorrupt, match="damaged"):
        library.open_existing()
    report = library.ensure_index()
    assert report.action == "build" and "damaged" in report.reason
    assert any("damaged" in n for n in library.notes)
    assert len(titles(library, "attacked")) == 4


def test_a_rebuild_while_a_folder_is_unreadable_keeps_the_index_that_has_its_articles(library, corpus, monkeypatch):
    library.ensure_index()
    real_scandir = os.scandir
    blocked = str(corpus / "sub")
    with monkeypatch.context() as patch:
        patch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "denied", blocked))
                      if os.fspath(p) == blocked else real_scandir(p))
        report = library.ensure_index(rebuild=True)
    assert report.action == "none" and report.unreadable == (blocked,) and report.articles == 4
    assert "not rebuilt" in report.reason and "1 article of" in report.reason
    assert any("not rebuilt" in n for n in library.notes)
    assert titles(library, "Menaka") == ["Attack in Menaka"]
    assert library.ensure_index(rebuild=True).action == "build"  # readable again: rebuilt as asked
