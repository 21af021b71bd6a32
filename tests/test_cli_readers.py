"""`sahel-tui text` shows what the readers make of files; `sahel-tui add` brings files and folders
into the corpus and updates the index incrementally; `index` names every file not read."""
from __future__ import annotations

import json
from pathlib import Path

from sahel_tui.cli import main
from tests.core import material as m


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, out if "--json" in args else " ".join(out.split())  # Rich wraps long lines


def test_text_prints_clean_article_text_as_json(tmp_path, capsys):
    m.write_all(tmp_path, {"page.txt": m.html_page("Convoy reaches the north", "zorvexcli")})
    code, out = run(capsys, "text", "--json", str(tmp_path / "page.txt"))
    [item] = json.loads(out)
    assert code == 0 and item["path"] == str(tmp_path / "page.txt")
    assert (item["title"], item["published"], item["source"]) == ("Convoy reaches the north", "2024-02-11",
                                                                  "Daily Sahel Example")
    assert "zorvexcli" in item["text"] and "plimbo" not in item["text"] and "<p>" not in item["text"]


def test_text_names_a_file_it_cannot_read(tmp_path, capsys):
    m.write_all(tmp_path, {"scan.pdf": m.scanned_pdf()})
    assert main(["text", str(tmp_path / "scan.pdf")]) == 1
    assert "scanned PDF without a text layer" in " ".join(capsys.readouterr().err.split())


def test_add_files_and_folders_then_update_the_index_incrementally(tmp_path, capsys):
    corpus, inbox = tmp_path / "corpus", tmp_path / "usb"
    m.write_all(corpus, {"old.md": "Old note on zorvexold wells\n\nThe wells were dug last year by the council.\n"})
    m.write_all(inbox / "reports", {"one.html": m.html_page("First added page", "zorvexadd1"),
                                    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"})
    m.write_all(inbox, {"brief.docx": m.docx("Added brief", ["The zorvexadd2 office reported calm."])})
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    assert main([*base, "index"]) == 0
    capsys.readouterr()
    code, out = run(capsys, *base, "add", "--json", str(inbox / "reports"), str(inbox / "brief.docx"))
    data = json.loads(out)
    assert code == 0 and sorted(Path(p).name for p in data["added"]) == ["brief.docx", "one.html", "photo.jpg"]
    assert (data["index"], data["indexed"], data["articles"]) == ("update", 3, 3)
    assert [Path(f["path"]).name for f in data["not_read"]["unsupported"]] == ["photo.jpg"]
    code, out = run(capsys, *base, "search", "--json", "zorvexadd1 OR zorvexadd2 OR zorvexold")
    assert sorted(h["title"] for h in json.loads(out)["hits"]) == ["Added brief", "First added page",
                                                                    "Old note on zorvexold wells"]
    code, out = run(capsys, *base, "add", str(inbox / "brief.docx"))
    assert "0 files copied" in out and "already in the corpus" in out
    assert sorted(p.name for p in corpus.iterdir()) == ["brief.docx", "old.md", "one.html", "photo.jpg"]


def test_index_groups_the_files_not_read_by_reason(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    m.write_all(corpus, {"ok.md": "A readable note on the zorvexok market\n\nTraders met on Monday.\n",
                         "scan.pdf": m.scanned_pdf(), "sheet.xlsx": b"PK\x03\x04junk", "blank.txt": b"  \n"})
    code, out = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "i"), "index")
    squeezed = out.replace(" ", "")  # Rich folds long paths across lines
    assert "not read — unsupported type (1):" in out and "/sheet.xlsx:unsupportedfiletype" in squeezed
    assert "not read — scanned PDF without text (1):" in out and "/scan.pdf:scannedPDF" in squeezed
    assert "not read — empty (1):" in out and "/blank.txt:emptyfile" in squeezed
    code, out = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "i"), "index", "--json")
    assert {k: [Path(f["path"]).name for f in v] for k, v in json.loads(out)["not_read"].items()} == {
        "unsupported": ["sheet.xlsx"], "empty": ["blank.txt"], "scanned": ["scan.pdf"]}
