"""A one-shot `sahel-tui search` on an index that is up to date: what it must not do, and that
it still never answers from a stale index (issue 19)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sahel_tui.core import indexer
from sahel_tui.core.library import Library
from tests.conftest import live_generation, make_config

ARTICLE = "---\ntitle: {title}\npublished: 2024-03-0{day}\n---\n{title}\n\nGunmen attacked {place} on Monday, officials said.\n"
EXTRACTORS = ("sahel_tui.core.extract.pipeline", "sahel_tui.core.extract.events", "sahel_tui.core.extract.tolls",
              "sahel_tui.core.extract.quotes", "sahel_tui.core.extract.dates")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for day, place in enumerate(["Kayes", "Gao", "Mopti"], 1):
        (folder / f"{place.lower()}.md").write_text(ARTICLE.format(title=f"Attack in {place}", day=day, place=place))
    return folder


@pytest.fixture
def library(corpus, tmp_path) -> Iterator[Library]:
    lib = Library(make_config(corpus, tmp_path / "index", tmp_path / "data"))
    yield lib
    lib.close()


def _run_cli(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)


SEARCH_THEN_LIST_MODULES = """
import sys
from sahel_tui.cli import main
code = main(sys.argv[1:])
print("LOADED", *[m for m in sys.modules if m.startswith("sahel_tui.core.extract.") or m == "rich.progress"])
sys.exit(code)
"""


def test_a_search_of_an_up_to_date_index_loads_no_extractor(library, corpus):
    library.ensure_index()
    library.close()
    result = _run_cli(SEARCH_THEN_LIST_MODULES, "--corpus", str(corpus), "--index", str(library.config.index),
                      "search", "Kayes")
    assert result.returncode == 0, result.stderr
    assert "Attack in Kayes" in result.stdout and "index " not in result.stderr  # found, nothing rebuilt
    loaded = result.stdout.split("LOADED", 1)[1].split()
    assert not [m for m in loaded if m in EXTRACTORS or m == "rich.progress"], loaded


def test_the_timeline_merges_reports_without_loading_the_extractors(library, corpus):
    """Merging the same happening across articles needs its rules, not the extractors' hundreds of
    regexes (their import was 0.4 s of the first timeline or profile)."""
    library.ensure_index()
    library.close()
    result = _run_cli(SEARCH_THEN_LIST_MODULES, "--corpus", str(corpus), "--index", str(library.config.index),
                      "timeline")
    assert result.returncode == 0, result.stderr
    assert "Kayes" in result.stdout and "Mopti" in result.stdout  # the events are listed
    loaded = result.stdout.split("LOADED", 1)[1].split()
    assert not [m for m in loaded if m in EXTRACTORS], loaded


def test_a_search_after_an_edit_answers_from_the_edited_text(library, corpus):
    library.ensure_index()
    library.close()
    (corpus / "gao.md").write_text(ARTICLE.format(title="Attack in Gao", day=2, place="Tessalit"))
    result = _run_cli(SEARCH_THEN_LIST_MODULES, "--corpus", str(corpus), "--index", str(library.config.index),
                      "search", "Tessalit")
    assert result.returncode == 0, result.stderr
    assert "Attack in Gao" in result.stdout and "index update" in result.stderr


def test_help_loads_neither_rich_nor_the_index_code():
    code = ("import sys\nfrom sahel_tui.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', *[m for m in sys.modules if m.split('.')[0] in ('rich', 'whoosh', 'yaml', 'textual') "
            "or m.startswith(('sahel_tui.core.library', 'sahel_tui.core.search', 'sahel_tui.core.knowledge'))])")
    result = _run_cli(code)
    assert "usage: sahel-tui" in result.stdout
    assert result.stdout.split("LOADED", 1)[1].split() == [], result.stdout


def test_an_index_is_proven_current_by_its_stamp_until_the_corpus_changes(library, corpus):
    config = library.config
    library.ensure_index()
    assert indexer.up_to_date(config.index, corpus, library.kb) is not None
    (corpus / "new.md").write_text(ARTICLE.format(title="Attack in Ber", day=4, place="Ber"))
    assert indexer.up_to_date(config.index, corpus, library.kb) is None, "an added file"
    assert library.ensure_index().action == "update"
    assert indexer.up_to_date(config.index, corpus, library.kb) is not None
    (corpus / "gao.md").unlink()
    assert indexer.up_to_date(config.index, corpus, library.kb) is None, "a removed file"
    library.ensure_index()
    os.remove(live_generation(config.index) / "manifest.json")
    assert indexer.up_to_date(config.index, corpus, library.kb) is None, "a missing manifest"


def test_an_edit_that_keeps_size_and_mtime_of_a_freshly_indexed_file_is_seen(library, corpus, monkeypatch):
    """Files indexed right after they were written are 'racy': their stat alone proves nothing."""
    monkeypatch.setattr(indexer, "RACY_SECONDS", 10**9)  # 'right after', however slow the machine
    target = corpus / "kayes.md"
    assert library.ensure_index().action == "build"
    before = target.stat()
    target.write_text(target.read_text().replace("Kayes on Monday", "Nioro on Monday"))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    assert indexer.up_to_date(library.config.index, corpus, library.kb) is None
    assert library.ensure_index().action == "update"
    assert [h.title for h in library.search("Nioro", kinds=("article",)).hits] == ["Attack in Kayes"]


def test_a_search_opens_a_stamped_index_without_reading_its_manifest(library, monkeypatch):
    library.ensure_index()
    fresh = Library(library.config)
    reads: list[Path] = []
    real = indexer.Manifest.load
    def counted(cls: type[indexer.Manifest], folder: Path) -> indexer.Manifest | None:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(indexer.Manifest, "load", classmethod(counted))
    assert fresh.ensure_index().action == "none"
    assert [h.title for h in fresh.search("Kayes", kinds=("article",)).hits] == ["Attack in Kayes"]
    assert reads == []
    assert fresh.article_count() == 3 and reads == []  # the stamp knows the count
    assert len(fresh.article_refs()) == 3 and reads == []  # so does the aggregates store
    assert len(fresh.manifest.files) == 3 and len(reads) == 1  # read when something needs it
    fresh.close()


def test_an_index_from_before_stamps_is_checked_in_full_then_stamped(library, corpus, capsys):
    from sahel_tui.cli import main
    from sahel_tui.core.stamp import STAMP_FILE
    library.ensure_index()
    library.close()
    stamp_file = live_generation(library.config.index) / STAMP_FILE
    stamp_file.unlink()
    assert indexer.up_to_date(library.config.index, corpus, library.kb) is None
    assert main(["--corpus", str(corpus), "--index", str(library.config.index), "index"]) == 0
    assert "none: up to date" in capsys.readouterr().out
    assert stamp_file.is_file() and indexer.up_to_date(library.config.index, corpus, library.kb) is not None
