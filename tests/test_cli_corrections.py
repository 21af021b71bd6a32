"""`sahel-tui correct` / `sahel-tui corrections`, as a script uses them: refs from --json, JSON provenance,
rebuild survival, export from one data dir and import into another, conflicts reported."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahel_tui.cli import main
from tests.core.test_corrections import ARTICLE_ONE, ARTICLE_TWO


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.md").write_text(ARTICLE_ONE, encoding="utf-8")
    (folder / "two.md").write_text(ARTICLE_TWO, encoding="utf-8")
    return folder


@pytest.fixture
def run(corpus: Path, tmp_path: Path, capsys, monkeypatch):
    """Run the CLI on the corpus with a data dir by name ('a' unless told): (code, stdout, stderr)."""
    def call(*args: str, data: str = "a") -> tuple[int, str, str]:
        monkeypatch.setenv("SAHEL_TUI_DATA", str(tmp_path / f"data-{data}"))
        code = main(["--corpus", str(corpus), "--index", str(tmp_path / f"index-{data}"), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return call


def _ref(run, query: str, kind: str, data: str = "a") -> str:
    code, out, _ = run("search", query, "--kind", kind, "--json", data=data)
    assert code == 0, out
    return str(json.loads(out)["hits"][0]["ref"])


def _quote(run, words: str, data: str = "a") -> dict:
    code, out, _ = run("quotes", words, "--json", data=data)
    return next(q for q in json.loads(out)["quotes"] if words in q["text"])


def test_correct_a_speaker_by_ref_and_json_shows_the_original(run) -> None:
    ref = _ref(run, "abandon north", "quote")
    before = _quote(run, "abandon")["speaker"]
    code, out, _ = run("correct", ref, "--speaker", "Front spokesman", "--json")
    assert code == 0 and json.loads(out)["op"] == "speaker"
    quote = _quote(run, "abandon")
    assert quote["speaker"] == "Front spokesman" and quote["corrected"] is True
    assert quote["original"]["speaker"] == before
    run("index", "--rebuild")
    assert _quote(run, "abandon")["speaker"] == "Front spokesman"


def test_reject_an_event_then_undo(run) -> None:
    ref = _ref(run, "killing soldiers", "event")
    assert run("correct", ref, "--not-event")[0] == 0
    assert all(e["killed"] != 12 for e in json.loads(run("timeline", "--json")[1])["events"])
    code, out, _ = run("corrections", "list", "--json")
    (entry,) = json.loads(out)
    assert entry["op"] == "not_event" and entry["status"] == "applied"
    assert run("corrections", "undo", str(entry["id"]))[0] == 0
    assert any(e["killed"] == 12 for e in json.loads(run("timeline", "--json")[1])["events"])


def test_alias_adds_the_articles_to_the_profile(run) -> None:
    code, out, _ = run("actors", "--json")
    actor = json.loads(out)["actors"][0]["id"]
    assert run("correct", "alias", actor, "Azawad Liberation Front")[0] == 0
    profile = json.loads(run("actors", actor, "--json")[1])
    assert {"one", "two"} <= {a["id"] for a in profile["articles"]}


def test_bad_usage_is_one_line_with_exit_2(run) -> None:
    ref = _ref(run, "abandon north", "quote")
    code, _, err = run("correct", ref)
    assert code == 2 and "exactly one change" in err
    code, _, err = run("correct", ref, "--killed", "3")
    assert code == 2 and "cannot take --killed" in err
    code, _, err = run("correct", "q:nope:1", "--not-quote")
    assert code == 2 and "no such quote" in err
    code, _, err = run("correct", "alias", "no_such_actor", "x")
    assert code == 2 and "no actor" in err


def test_export_import_between_data_dirs_and_conflict(run, tmp_path: Path) -> None:
    ref = _ref(run, "abandon north", "quote")
    run("correct", ref, "--speaker", "Speaker from A")
    run("correct", _ref(run, "killing soldiers", "event"), "--killed", "13")
    shared = tmp_path / "a.jsonl"
    assert run("corrections", "export", str(shared))[0] == 0
    code, out, _ = run("corrections", "import", str(shared), data="b")
    assert code == 0 and "2 corrections added" in out
    assert _quote(run, "abandon", data="b")["speaker"] == "Speaker from A"
    assert "0 corrections added, 2 already here" in run("corrections", "import", str(shared), data="b")[1]

    run("correct", _ref(run, "abandon north", "quote", data="b"), "--speaker", "Speaker from B", data="b")
    run("corrections", "export", str(tmp_path / "b.jsonl"), data="b")
    code, out, _ = run("corrections", "import", str(tmp_path / "b.jsonl"))
    assert code == 0 and "conflict" in out and "Speaker from B" in out and "--take-theirs" in out
    assert _quote(run, "abandon")["speaker"] == "Speaker from A"
    uid = out.split("conflict ", 1)[1][:8]
    code, out, _ = run("corrections", "import", str(tmp_path / "b.jsonl"), "--take-theirs", uid)
    assert code == 0 and _quote(run, "abandon")["speaker"] == "Speaker from B"


def test_edited_source_is_reported_by_index(run, corpus: Path) -> None:
    run("correct", _ref(run, "abandon north", "quote"), "--role", "spokesman")
    path = corpus / "one.md"
    path.write_text(path.read_text().replace("abandon the north", "leave the region"), encoding="utf-8")
    code, _, err = run("index")
    assert code == 0 and "1 correction no longer applies: source changed" in err
    code, out, _ = run("corrections", "list", "--stale")
    assert "source changed" in out
