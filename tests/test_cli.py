"""The command line, as a user or a script sees it: output, JSON shapes, exit codes, messages."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sahel_tui.cli import main
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """Run `sahel-tui --corpus seeds --index <tmp> ...` in-process; returns (code, stdout, stderr)."""
    index = tmp_path_factory.mktemp("cli-index")

    def run(*args: str, capsys) -> tuple[int, str, str]:
        code = main(["--corpus", str(SEEDS), "--index", str(index), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_search_prints_ranked_results(cli, capsys):
    code, out, _ = cli("search", "Kayes", capsys=capsys)
    assert code == 0
    assert out.splitlines()[1].startswith(" 1. ‘No one is safe’") and "Al Jazeera" in out


def test_search_json_has_snippet_spans_and_paths(cli, capsys):
    code, out, _ = cli("search", "Kayes", "--json", capsys=capsys)
    data = json.loads(out)
    hit = data["hits"][0]
    assert code == 0 and data["total"] == 1
    assert hit["article_id"] == "003_b67f734423d71eed" and hit["path"].endswith(".txt")
    assert all(hit["snippet"][s:e] == "Kayes" for s, e in hit["snippet_spans"])


def test_bad_query_falls_back_with_a_note(cli, capsys):
    code, out, err = cli("search", '"unbalanced', capsys=capsys)
    assert code == 0 and "Could not read the query (unbalanced quote)" in " ".join(err.split())


def test_unusable_query_exits_2(cli, capsys):
    code, _, err = cli("search", "OR", capsys=capsys)
    assert code == 2 and err.startswith("sahel-tui: bad query")


def test_actor_profile_json(cli, capsys):
    code, out, _ = cli("actors", "GSIM", "--json", capsys=capsys)
    profile = json.loads(out)
    assert code == 0 and profile["actor"]["id"] == "jnim"
    assert "JNIM" in profile["actor"]["aliases"] and profile["articles"] and profile["events"]


def test_unknown_actor_exits_2(cli, capsys):
    code, _, err = cli("actors", "Nobody Group", capsys=capsys)
    assert code == 2 and "no actor matches" in err


def test_actor_list_is_sorted_by_mentions(cli, capsys):
    code, out, _ = cli("actors", "--json", "--type", "armed_group", "--limit", "2", capsys=capsys)
    data = json.loads(out)
    rows = data["actors"]
    assert len(rows) == 2 and data["total"] > 2, "the listing says how many there are beyond --limit"
    assert code == 0 and rows[0]["mentions"] >= rows[-1]["mentions"]
    assert all(r["type"] == "armed_group" for r in rows)


def test_quotes_by_speaker(cli, capsys):
    code, out, _ = cli("quotes", "--speaker", "Tounkara", "--json", capsys=capsys)
    quotes = json.loads(out)["quotes"]
    assert code == 0 and quotes and all(q["speaker"] == "Aly Tounkara" for q in quotes)


def test_timeline_filters(cli, capsys):
    code, out, _ = cli("timeline", "--since", "2025", "--kind", "attack", "--json", capsys=capsys)
    events = json.loads(out)["events"]
    assert code == 0 and events
    assert all(e["date"] >= "2025-01-01" and e["kind"] == "attack" for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)


def test_extract_json_is_the_scorer_shape(capsys):
    assert main(["extract", "--json", str(SEEDS / "001_19c81055f35ca7de.txt")]) == 0
    data = json.loads(capsys.readouterr().out)[0]
    assert data["article"] == "001_19c81055f35ca7de.txt" and data["published"] == "2023-08-28"
    assert {"actors", "places", "quotes", "events"} <= set(data)
    assert {"id", "name", "mentions"} <= set(data["actors"][0])


def test_errors_are_one_line_without_traceback(tmp_path):
    missing = tmp_path / "nope.txt"
    result = subprocess.run([sys.executable, "-m", "sahel_tui", "extract", str(missing)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nope.txt" in result.stderr and "cannot read" in result.stderr


def test_missing_corpus_folder_is_one_clear_line(tmp_path, capsys):
    code = main(["--corpus", str(tmp_path / "no-such-folder"), "--index", str(tmp_path / "i"), "search", "Mali"])
    err = capsys.readouterr().err
    assert code == 1 and err.strip() == f"sahel-tui: corpus folder {tmp_path / 'no-such-folder'} does not exist or is not a folder"


@pytest.mark.parametrize("args", [("timeline", "--since", "2025", "--until", "2020"),
                                  ("timeline", "since:2025 until:2020"),
                                  ("search", "date:2025..2020"),
                                  ("quotes", "published:2025..2020")])
def test_a_reversed_range_exits_2_with_a_message(cli, capsys, args):
    code, out, err = cli(*args, capsys=capsys)
    assert code == 2 and "reversed" in err and not out


def test_a_date_filter_matching_nothing_lists_nothing(cli, capsys):
    code, out, _ = cli("search", "Mali published:2030", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0 and data["total"] == 0 and data["hits"] == []


def test_kind_in_the_query_overrides_the_default_kind(cli, capsys):
    code, out, _ = cli("search", "kind:quote Kayes", "--json", capsys=capsys)
    hits = json.loads(out)["hits"]
    assert code == 0 and hits and all(h["kind"] == "quote" for h in hits)
