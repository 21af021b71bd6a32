"""The CLI in the field: unreadable folders, damaged indexes, locks, pipes, option order."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sahel_tui.cli import main
from tests.conftest import live_generation
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
    gen = live_generation(corpus.parent / "index")
    for trm in gen.glob("*.trm"):
        trm.write_bytes(b"")
    code, out, err = cli(corpus, capsys, "search", "Kayes")
    assert code == 0 and "Attack in Kayes" in out
    assert len([line for line in err.splitlines() if "damaged" in line]) == 1


def test_output_into_a_closed_pipe_exits_0_quietly(corpus, capsys):
    """`sahel-tui search … | head -1`: head has gone when we write; no traceback, no error, exit 0."""
    cli(corpus, capsys, "index")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) has already exited
    try:
        result = subprocess.run([sys.executable, "-m", "sahel_tui", "--corpus", str(corpus), "--index",
                                 str(corpus.parent / "index"), "search", "attacked"],
                                stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 0 and result.stderr == b""


def test_piped_output_is_not_wrapped_at_80_columns(corpus, capsys):
    long_title = "Attack in Kayes " + "with a very long headline that goes on " * 4
    (corpus / "kayes.md").write_text(ARTICLE.format(title=long_title.strip(), day=1, place="Kayes"))
    code, out, _ = cli(corpus, capsys, "search", "Kayes")
    assert code == 0 and any(len(line) > 150 and "goes on with" in line for line in out.splitlines())


def test_corpus_and_index_work_after_the_command_too(corpus, capsys):
    index = str(corpus.parent / "index")
    code = main(["search", "Kayes", "--corpus", str(corpus), "--index", index])
    out = capsys.readouterr().out
    assert code == 0 and "Attack in Kayes" in out
    assert main(["--corpus", str(corpus), "index", "--index", index]) == 0
    assert "2 articles indexed in " + index in capsys.readouterr().out


def test_paths_prints_every_location(corpus, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_TUI_DATA", str(tmp_path / "data"))
    code, out, _ = cli(corpus, capsys, "paths", "--json")
    found = json.loads(out)
    assert code == 0 and found["corpus"] == str(corpus) and found["index"] == str(corpus.parent / "index")
    assert found["user files"] == str(tmp_path / "data") and found["log"].endswith("sahel-tui.log")
    assert Path(found["knowledge base"], "actors.yaml").is_file()
    code, out, _ = cli(corpus, capsys, "paths")
    assert code == 0 and all(label in out for label in ("corpus", "index", "knowledge base", "user files", "log"))


def test_while_the_app_runs_log_lines_go_to_the_log_file_not_the_screen(tmp_path, capsys):
    import logging

    from sahel_tui.cli import log_to_file
    from sahel_tui.config import Config

    config = Config(tmp_path / "corpus", tmp_path / "index", tmp_path / "data")
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    logging.basicConfig(level=logging.ERROR, force=True)  # what main() set up for the CLI
    try:
        log_to_file(config)
        logging.getLogger("sahel_tui.core.indexer").warning("cannot read folder %s", "usb\x1b[2J")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = saved
    assert capsys.readouterr().err == ""
    assert "cannot read folder usb␛[2J" in config.log_file.read_text(encoding="utf-8")
