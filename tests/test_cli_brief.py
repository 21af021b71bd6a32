"""`sahel-tui brief …`, `star`, `note` as a script uses them: refs in, briefs out, clear errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahel_tui.cli import main
from tests.conftest import SEEDS

KAYES = "003_b67f734423d71eed"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("brief-index")


@pytest.fixture
def cli(index, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--corpus", str(SEEDS), "--index", str(index), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_add_show_export_and_remove_a_brief(cli, tmp_path):
    assert cli("brief", "add", f"e:{KAYES}:1", "--brief", "Weekly Mali", "--note", "lead", "--tag", "kayes")[0] == 0
    code, out, _ = cli("brief", "add", "actor:jnim", "--brief", "Weekly Mali")
    assert code == 0 and "clipped actor actor:jnim into “Weekly Mali”" in out
    code, out, _ = cli("brief", "list", "--json")
    assert code == 0 and json.loads(out) == [
        {"name": "Weekly Mali", "created": json.loads(out)[0]["created"], "clips": 2, "current": False}]
    code, out, _ = cli("brief", "show", "Weekly Mali", "--json")
    clips = json.loads(out)
    assert [c["ref"] for c in clips] == [f"e:{KAYES}:1", "actor:jnim"] and clips[0]["note"] == "lead"
    target = tmp_path / "brief.md"
    code, out, _ = cli("brief", "export", "Weekly Mali", "--format", "md", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("# Weekly Mali") and "[^1]:" in text and "## Sources" in text
    code, out, _ = cli("brief", "export", "Weekly Mali", "--format", "csv")
    assert out.splitlines()[0].startswith("event_id_cnty,event_date,year,time_precision")
    assert len(out.splitlines()) == 2  # one event; the actor is not a CSV row
    assert cli("brief", "remove", "actor:jnim", "--brief", "Weekly Mali")[0] == 0
    code, out, _ = cli("brief", "show", "Weekly Mali", "--json")
    assert [c["ref"] for c in json.loads(out)] == [f"e:{KAYES}:1"]


def test_clips_go_to_the_brief_in_use(cli):
    assert cli("brief", "use", "Niger watch")[0] == 0
    cli("brief", "add", f"a:{KAYES}:20-60")
    code, out, _ = cli("brief", "show", "--json")
    assert code == 0 and [c["kind"] for c in json.loads(out)] == ["passage"]


def test_star_and_note_are_kept(cli):
    from sahel_tui.config import resolve
    from sahel_tui.core.store import BriefingStore
    assert cli("star", "actor:jnim")[0] == 0
    code, out, _ = cli("note", f"a:{KAYES}", "read the sources", "--tag", "Kayes")
    assert code == 0 and out.startswith(f"noted a:{KAYES}")
    marks = {m.target.key: m for m in BriefingStore(resolve().store_file).marks()}
    assert marks["actor:jnim"].starred
    assert marks[f"a:{KAYES}"].note == "read the sources" and marks[f"a:{KAYES}"].tags == ("kayes",)


@pytest.mark.parametrize(("args", "code", "message"), [
    (("brief", "add", "Kayes"), 2, "not a reference"),
    (("brief", "add", f"q:{KAYES}:999"), 1, "nothing is called"),
    (("brief", "add", "a:no_such_article"), 1, "no article"),
    (("star", "actor:nobody_at_all"), 1, "nobody_at_all"),
    (("brief", "show", "No such brief"), 1, "no brief called 'No such brief'"),
])
def test_errors_are_one_line_with_the_reason(cli, args, code, message):
    got, out, err = cli(*args)
    assert got == code and message in err and len(err.strip().splitlines()) == 1


def test_a_store_that_cannot_be_opened_is_one_line(cli, tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "user.sqlite3").mkdir(parents=True)  # the store's file is a folder: it cannot be opened
    monkeypatch.setenv("SAHEL_TUI_DATA", str(data))
    for args in (("brief", "list"), ("star", "actor:jnim"), ("brief", "add", "actor:jnim")):
        code, _, err = cli(*args)
        assert code == 1 and err.startswith("sahel-tui: cannot open the user store") and "Traceback" not in err
