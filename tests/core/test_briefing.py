"""Briefs as an analyst relies on them: clips keep their text and citation through rebuilds and
edits, say when their source changed or vanished, and export to Markdown, ACLED-shaped CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from sahel_tui.cli import main
from sahel_tui.config import Config, resolve
from sahel_tui.core import briefing
from sahel_tui.core.library import Library
from sahel_tui.core.models import Quote
from sahel_tui.core.refs import relocate
from sahel_tui.core.store import BriefingStore, Target
from tests.conftest import SEEDS

KAYES = "003_b67f734423d71eed"
OTHER = "001_19c81055f35ca7de"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two seed articles in a corpus the test may edit."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in (KAYES, OTHER):
        shutil.copy(SEEDS / f"{name}.txt", folder)
    return folder


@pytest.fixture
def config(corpus: Path, tmp_path: Path) -> Config:
    return resolve(corpus=str(corpus), index=str(tmp_path / "index"), env={"SAHEL_TUI_DATA": str(tmp_path / "data")})


def _open(config: Config) -> Library:
    library = Library(config)
    library.ensure_index()
    return library


def _red_cross_quote(library: Library) -> tuple[str, Quote]:
    found = [(ref, q) for ref, q in library.records(KAYES, "quote").items()
             if isinstance(q, Quote) and q.text.startswith("No one is safe from")]
    assert len(found) == 1
    return found[0]


def _clip_journey(config: Config) -> BriefingStore:
    """Clip an event, a quote and a passage, star the event, note the quote."""
    library = _open(config)
    store = BriefingStore(config.store_file)
    quote_ref, _ = _red_cross_quote(library)
    event = briefing.draft(library, f"e:{KAYES}:1")
    quote = briefing.draft(library, quote_ref)
    body = library.article(KAYES).text
    start = body.index("The group did not list")
    passage = briefing.draft(library, f"a:{KAYES}:{start}-{body.index('.', start) + 1}")
    for d in (event, quote, passage):
        store.add_clip("W27", d.target, d.citation)
    store.set_star(event.target, True)
    store.set_note(quote.target, "lead with this")
    library.close()
    return store


def _rebuild(config: Config) -> Library:
    assert main(["--corpus", str(config.corpus), "--index", str(config.index), "index", "--rebuild"]) == 0
    library = Library(config)
    library.open_existing()
    return library


def _edit(corpus: Path, old: str, new: str) -> None:
    path = corpus / f"{KAYES}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_of_a_shifted_article_leaves_every_clip_mark_and_note_on_the_same_text(config, corpus):
    store = _clip_journey(config)
    before = [(c.kind, c.text) for c in store.clips("W27")]
    _edit(corpus, "Sikasso, Mali –", "An invented opening paragraph that moves every offset.\n\nSikasso, Mali –")
    library = _rebuild(config)
    body = library.article(KAYES).text
    view = briefing.assemble(store, "W27", library)
    assert [(c.kind, c.text) for c, _ in view.clips] == before
    assert [state for _, state in view.clips] == [briefing.OK] * 3
    for clip, _ in view.clips:
        assert clip.target.anchor is not None
        span = relocate(clip.target.anchor, body)
        assert span is not None and body[span[0]:span[1]] == clip.text
        assert span[0] > clip.target.anchor.start  # found again at its new place, not at the old offset
    marks = {m.target.kind: m for m in store.marks()}
    assert marks["event"].starred and marks["quote"].note == "lead with this"
    assert all(briefing.status(library, m.target) == briefing.OK for m in marks.values())


def test_a_clip_whose_sentence_was_edited_says_source_changed_and_keeps_its_text(config, corpus):
    store = _clip_journey(config)
    _edit(corpus, "The group did not list any", "The group did not publish any")
    view = briefing.assemble(store, "W27", _rebuild(config))
    states = {c.kind: s for c, s in view.clips}
    assert states == {"event": briefing.OK, "quote": briefing.OK, "passage": briefing.CHANGED}
    md = briefing.to_markdown(view)
    assert "The group did not list any human or material casualties" in md
    assert "source changed" in md


def test_a_vanished_article_keeps_text_and_citation_and_says_so(config, corpus):
    store = _clip_journey(config)
    (corpus / f"{KAYES}.txt").unlink()
    view = briefing.assemble(store, "W27", _rebuild(config))
    assert {s for _, s in view.clips} == {briefing.MISSING}
    md = briefing.to_markdown(view)
    assert "no longer in the corpus" in md and "Al Jazeera" in md and "JNIM claimed responsibility" in md


def test_markdown_has_header_headings_numbered_footnotes_and_a_sources_list(seed_library):
    store = BriefingStore(seed_library.config.data_dir / "md.sqlite3")
    quote_ref, quote = _red_cross_quote(seed_library)
    store.add_heading("Weekly Mali 2025-W27", "Kayes")
    for ref in (f"e:{KAYES}:1", quote_ref, f"a:{OTHER}"):
        d = briefing.draft(seed_library, ref)
        store.add_clip("Weekly Mali 2025-W27", d.target, d.citation, note="check casualty figures" * (ref == quote_ref))
    md = briefing.to_markdown(briefing.assemble(store, "Weekly Mali 2025-W27", seed_library))
    header = md.split("\n## ", 1)[0]
    cutoff = max(e.published for e in seed_library.manifest.files.values() if e.published)
    assert header.startswith("# Weekly Mali 2025-W27")
    assert f"data cut-off {cutoff}" in header and "Covers 2023-08-" in header and "to 2025-07-07" in header
    body, sources = md.split("## Sources", 1)
    assert "## Kayes" in body
    said = quote.text.rstrip(" ,")  # the comma that ended the quotation in the sentence is dropped
    assert body.index("JNIM claimed responsibility") < body.index(said) < body.index("[^3]")
    assert f"“{said}”" in body and "— Jean Marie Konate, a community development expert" in body
    assert "*Note:* check casualty figures" in body
    entries = [line for line in sources.splitlines() if line[:2] in ("1.", "2.")]
    assert len(entries) == 2 and "Al Jazeera" in entries[0] and "accessed " in entries[0]
    assert f"{KAYES}.txt" in entries[0]
    footnotes = [line for line in sources.splitlines() if line.startswith("[^")]
    assert [f[:4] for f in footnotes] == ["[^1]", "[^2]", "[^3]"]
    assert footnotes[1].startswith("[^2]: Jean Marie Konate") and "[source 1]" in footnotes[1]
    assert "[source 2]" in footnotes[2]


def test_csv_of_events_has_acled_headers_in_acled_order(seed_library):
    fixture = list(csv.DictReader((FIXTURES / "acled_columns.csv").open(encoding="utf-8")))
    acled_header = list(fixture[0].keys())
    store = BriefingStore(seed_library.config.data_dir / "csv.sqlite3")
    for ref in (f"e:{KAYES}:1", f"a:{OTHER}"):  # the article is not an event: not a row
        d = briefing.draft(seed_library, ref)
        store.add_clip("csv", d.target, d.citation)
    text = briefing.to_csv(briefing.assemble(store, "csv", seed_library), seed_library.kb)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",") == acled_header
    assert len(rows) == 1
    row = rows[0]
    assert row["event_date"] == "2025-07-01" and row["year"] == "2025" and row["time_precision"] == "1"
    assert row["actor1"] == "Jama’at Nusrat al-Islam wal-Muslimin" and row["location"] == "Kayes"
    assert row["country"] == "Mali" and row["latitude"] == "14.45" and row["geo_precision"] == "1"
    assert row["source"] == "Al Jazeera" and row["notes"].startswith("JNIM claimed responsibility")
    assert row["event_type"] == "" and row["fatalities"] == ""  # an "attack" has no clean ACLED type; toll unknown


def test_json_export_carries_every_clip_with_all_fields(seed_library):
    store = BriefingStore(seed_library.config.data_dir / "json.sqlite3")
    for ref in (f"e:{KAYES}:1", "actor:jnim", f"a:{KAYES}:20-40"):
        d = briefing.draft(seed_library, ref)
        store.add_clip("j", d.target, d.citation)
    data = json.loads(briefing.to_json(briefing.assemble(store, "j", seed_library)))
    assert [c["kind"] for c in data["clips"]] == ["event", "actor", "passage"]
    event = data["clips"][0]
    assert event["citation"]["date_precision"] == "day" and event["citation"]["places"][0] == "Kayes"
    assert event["fingerprint"] and event["status"] == "ok" and event["clipped"]
    assert data["clips"][2]["text"] == seed_library.article(KAYES).text[20:40]


def test_store_orders_removes_undoes_and_keeps_briefs_apart(tmp_path):
    store = BriefingStore(tmp_path / "u.sqlite3")
    ids = [store.add_clip("A", Target("article", f"a:x{n}", f"x{n}", text=f"T{n}"), {}).id for n in range(3)]
    store.add_clip("B", Target("article", "a:y", "y", text="other brief"), {})
    assert store.move_clip(ids[2], -1) and not store.move_clip(ids[0], -1)
    assert [c.text for c in store.clips("A")] == ["T0", "T2", "T1"]
    store.remove_clip(ids[2])
    assert [c.text for c in store.clips("A")] == ["T0", "T1"]
    store.restore_clip(ids[2])
    assert [c.text for c in store.clips("A")] == ["T0", "T2", "T1"]
    assert {b.name: b.clips for b in store.briefs()} == {"A": 3, "B": 1}
    store.set_current("B")
    other = BriefingStore(tmp_path / "u.sqlite3")  # a second process sees every finished action
    assert other.current() == "B" and [c.text for c in other.clips("A")] == ["T0", "T2", "T1"]


def test_tags_are_normalised_and_kept_per_object(tmp_path):
    store = BriefingStore(tmp_path / "u.sqlite3")
    target = Target("actor", "actor:jnim", actor="jnim", text="JNIM")
    store.add_tags(target, ["Kidal", " kidal ", "weekly"])
    assert store.add_tags(target, ["hostages"]).tags == ("hostages", "kidal", "weekly")


def test_starred_tag_and_note_filter_search_results(config):
    from sahel_tui.core.markfilter import split_mark_filters
    assert split_mark_filters("Kayes") == ("Kayes", None)
    library = _open(config)
    store = BriefingStore(config.store_file)
    event = briefing.draft(library, f"e:{KAYES}:1")
    quote_ref, _ = _red_cross_quote(library)
    quote = briefing.draft(library, quote_ref)
    store.set_star(event.target, True)
    store.set_note(quote.target, "Lead with this")
    store.add_tags(quote.target, ["Kayes"])
    store.set_note(briefing.draft(library, f"a:{OTHER}").target, "background only")

    def refs(query: str) -> list[str]:
        results = library.search(query, kinds=("article", "quote", "event"))
        assert results.total == len(results.hits)
        return [h.ref for h in results.hits]
    assert refs("starred:yes") == [f"e:{KAYES}:1"]
    assert refs("note:lead") == [quote_ref]
    assert refs("tag:kayes") == [quote_ref]
    assert refs("note:background") == [f"a:{OTHER}"]
    assert refs("Diboli starred:yes") == [f"e:{KAYES}:1"]
    assert refs("Konate starred:yes") == []
    assert f"e:{KAYES}:1" not in refs("starred:no Kayes")
    everything = library.search("Kayes", kinds=("article", "quote", "event"), limit=100).total
    assert library.search("Kayes starred:no", kinds=("article", "quote", "event"), limit=100).total == everything - 1


def test_a_clip_is_kept_when_the_process_is_killed_right_after_the_action(tmp_path):
    """One transaction per action: kill -9 after the action loses nothing already confirmed."""
    import subprocess
    import sys
    if sys.platform == "win32":
        pytest.skip("no SIGKILL on Windows")
    store_file = tmp_path / "u.sqlite3"
    code = ("import os, signal, sys; from pathlib import Path; from sahel_tui.core.store import BriefingStore, Target;"
            "s = BriefingStore(Path(sys.argv[1])); s.add_clip('W', Target('article', 'a:x', 'x', text='kept'), {});"
            "s.set_note(Target('article', 'a:x', 'x', text='kept'), 'also kept');"
            "os.kill(os.getpid(), signal.SIGKILL)")
    result = subprocess.run([sys.executable, "-c", code, str(store_file)], capture_output=True)
    assert result.returncode == -9
    store = BriefingStore(store_file)
    mark = store.mark("a:x")
    assert [c.text for c in store.clips("W")] == ["kept"] and mark is not None and mark.note == "also kept"
