"""The CLI in the field: unreadable folders, damaged indexes, locks, pipes, option order."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sahel_tui.cli import main
from sahel_tui.core import indexer
from tests.core.test_indexer import ARTICLE


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "usb").mkdir(parents=True)
    (folder / "kayes.md").write_text(ARTICLE.format(title="Attack in Kayes", day=1, place="Kayes"))
    (folder / "usb" / "gao.md").write_text(ARTICLE.format(title="Attack in Gao", day=2, place="Gao"))
    return folder


def cli(corpus: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(corpus), "--index", str(corpus.parent / "index"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_index_names_an_unreadable_folder_keeps_its_articles_and_exits_non_zero(corpus, capsys, monkeypatch):
    assert cli(corpus, capsys, "index")[0] == 0
    real = os.scandir
    blocked = str(corpus / "usb")
    monkeypatch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "denied", blocked))
                        if os.fspath(p) == blocked else real(p))
    code, out, err = cli(corpus, capsys, "index")
    assert code == 1 and f"cannot read folder {blocked}" in err and "2 articles" in out
    code, out, _ = cli(corpus, capsys, "search", "Gao")
    assert code == 0 and "Attack in Gao" in out


def test_search_on_a_damaged_index_says_so_in_one_line_and_rebuilds(corpus, capsys):
    cli(corpus, capsys, "index")
    gen = indexer.live_generation(corpus.parent / "index")
    for trm in gen.glob("*.trm"):
        trm.write_bytes(b"")
    code, out, err = cli(corpus, capsys, "search", "Kayes")
    assert code == 0 and "Attack in Kayes" in out
    assert len([line for line in err.splitlines() if "damaged" in line]) == 1
