"""No string from the corpus drives the terminal: hostile file names and titles, printed by
`index`, `search` and `extract`, reach stdout/stderr with every control character made visible."""
from __future__ import annotations

import os
import subprocess
import sys

from sahel_tui.core.text import inert, inert_line
from tests.hostile import hostile_corpus, raw_controls


def run(*args: str | bytes, env_dir) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SAHEL_TUI_DATA": str(env_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "sahel_tui", *args], capture_output=True, env=env, timeout=120)


def test_index_search_and_extract_print_hostile_names_inert(tmp_path):
    paths = hostile_corpus(tmp_path / "corpus")
    base = ["--corpus", str(tmp_path / "corpus"), "--index", str(tmp_path / "index")]
    index = run(*base, "index", env_dir=tmp_path / "data")
    assert index.returncode == 0, index.stderr
    assert b"latin\\xff\\xfe-name.md" in index.stdout  # bad name shown, skipped
    search = run(*base, "search", "Zarkowite", "--limit", "20", env_dir=tmp_path / "data")
    assert search.returncode == 0 and search.stdout.count(b"Title ") == 6, search.stderr
    search_json = run(*base, "search", "Zarkowite", "--json", env_dir=tmp_path / "data")
    extract = run("extract", *paths, env_dir=tmp_path / "data")
    assert b"Title 0" in extract.stdout and b"skipped" in extract.stderr
    for result in (index, search, search_json, extract):
        assert raw_controls(result.stdout) == [] and raw_controls(result.stderr) == []
    assert b"[bold]markup[/bold]" in search.stdout  # markup in a title is printed, not applied


def test_inert_keeps_offsets_and_shows_what_was_there():
    text = "a\x1b[2Jb\u202ec\x9bd\ud800"
    assert len(inert(text)) == len(text) and inert(text) == "a␛[2Jb\ufffdc\ufffdd\ufffd"
    assert inert_line("x\ny\x07") == "x␤y␇"
