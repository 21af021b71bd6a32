"""The correction log: made from refs, applied after the extractors on every build, shared by export/import.

Each test builds its own small index (invented articles in tmp), because corrections re-index.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sahel_tui.core import indexer
from sahel_tui.core.apply_corrections import APPLIED, NOT_FOUND, SOURCE_CHANGED, apply_corrections, parse_date
from sahel_tui.core.correcting import Corrector
from sahel_tui.core.corrections import CorrectionError, CorrectionLog, new_correction
from sahel_tui.core.index_records import event_from, quote_from
from sahel_tui.core.library import Library
from sahel_tui.core.models import Article, Event, Extraction, Quote
from sahel_tui.core.refs import Anchor
from tests.conftest import make_config

ARTICLE_ONE = """---
title: Clashes near Gao
source: Test Wire
published: 2024-03-10
---
Fighters attacked an army post near Gao on Saturday, killing 12 soldiers, officials said.

"We will not abandon the north," the group said in a statement on Sunday.

The Azawad Liberation Front later denied any role.
"""

ARTICLE_TWO = """---
title: Talks in Bamako
source: Test Wire
published: 2024-04-02
---
Delegates met in Bamako on Tuesday. The Azawad Liberation Front sent a delegation.

"Peace needs everyone at the table," said Fatou Diallo, a mediator.
"""


def _make(tmp: Path, name: str = "lib") -> Library:
    corpus = tmp / f"{name}-corpus"
    if not corpus.exists():
        corpus.mkdir()
        (corpus / "one.md").write_text(ARTICLE_ONE, encoding="utf-8")
        (corpus / "two.md").write_text(ARTICLE_TWO, encoding="utf-8")
    library = Library(make_config(corpus, tmp / f"{name}-index", tmp / f"{name}-data"))
    library.ensure_index()
    return library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = _make(tmp_path)
    yield lib
    lib.close()


def region(library: Library, place: str) -> str | None:
    """The admin region the knowledge base gives a place (None: the place is unknown)."""
    found = library.kb.place(place)
    return found.admin_region if found else None


def _quote_ref(library: Library, words: str, article: str = "one") -> str:
    for doc in library.searcher.documents(article=article, kind="quote"):
        if words in quote_from(doc.payload).text:
            return str(doc.id)
    raise AssertionError(f"no quote with {words!r}: {library.article_quotes(article)}")


def _event_ref(library: Library, article: str, words: str) -> str:
    for doc in library.searcher.documents(article=article, kind="event"):
        if words in event_from(doc.payload).sentence:
            return str(doc.id)
    raise AssertionError(f"no event with {words!r}: {library.article_events(article)}")


def test_fix_a_quote_speaker_survives_rebuild_and_extractor_change(library: Library, monkeypatch) -> None:
    fixer = Corrector(library)
    ref = _quote_ref(library, "abandon the north")
    before = next(q for q in library.article_quotes("one") if "abandon" in q.text)
    fixer.correct(ref, "speaker", "Azawad Liberation Front spokesman")
    fixed = next(q for q in library.article_quotes("one") if "abandon" in q.text)
    assert fixed.speaker == "Azawad Liberation Front spokesman"
    assert fixed.corrections[0]["was"] == before.speaker
    assert library.quotes(speaker="spokesman"), "search by the corrected speaker finds the quote"

    library.ensure_index(rebuild=True)
    assert next(q for q in library.article_quotes("one") if "abandon" in q.text).speaker == "Azawad Liberation Front spokesman"

    monkeypatch.setattr(indexer, "extractor_version", lambda cache=None: "a-new-extractor")
    report = library.ensure_index()
    assert report.action == "build" and report.reason == "the extractors changed"
    assert next(q for q in library.article_quotes("one") if "abandon" in q.text).speaker == "Azawad Liberation Front spokesman"


def test_speaker_named_like_a_known_actor_links_the_actor(library: Library) -> None:
    actor = library.actors()[0].actor
    Corrector(library).correct(_quote_ref(library, "abandon the north"), "speaker", actor.id)
    fixed = next(q for q in library.article_quotes("one") if "abandon" in q.text)
    assert (fixed.speaker, fixed.speaker_actor) == (actor.name, actor.id)
    assert any("abandon" in h.quote.text for h in library.quotes(actor=actor.id))


def test_not_an_event_leaves_the_timeline_and_undo_brings_it_back(library: Library) -> None:
    fixer = Corrector(library)
    ref = _event_ref(library, "one", "killing 12")
    assert any(h.event.killed == 12 for h in library.timeline())
    fixer.correct(ref, "not_event")
    assert not any(h.event.killed == 12 for h in library.timeline())
    fixer.undo()
    assert any(h.event.killed == 12 for h in library.timeline())


def test_event_date_kind_and_toll(library: Library) -> None:
    fixer = Corrector(library)
    ref = _event_ref(library, "one", "killing 12")
    fixer.correct(ref, "killed", 14)
    fixer.correct(ref, "date", "2024-03-08/day")
    with pytest.raises(CorrectionError):
        fixer.correct(ref, "kind", "skirmish")
    fixer.correct(ref, "kind", "coup")
    (event,) = [e for e in library.article_events("one") if "killing 12" in e.sentence]
    assert (event.killed, event.date_display, event.kind) == (14, "2024-03-08", "coup")
    assert [c["field"] for c in event.corrections] == ["killed", "date", "kind"]
    assert event.corrections[0]["was"] == 12


def test_alias_reaches_every_article_search_and_profile(library: Library) -> None:
    fixer = Corrector(library)
    actor_id = library.actors()[0].actor.id
    before = {r.id for r in library.profile(actor_id).articles}
    fixer.add_alias(actor_id, "Azawad Liberation Front")
    after = {r.id for r in library.profile(actor_id).articles}
    assert {"one", "two"} <= after and after >= before
    hits = library.search(f"actor:{actor_id}", kinds=("article",))
    assert {"one", "two"} <= {h.article_id for h in hits.hits}
    library.ensure_index(rebuild=True)
    assert {"one", "two"} <= {r.id for r in library.profile(actor_id).articles}


def test_reject_a_mention_link(library: Library) -> None:
    body = library.article("one").text
    mention = next(m for m in library.mentions("one") if m.kind == "place")
    Corrector(library).correct(f"a:one:{mention.start}-{mention.end}", "mention", {"kind": "place", "ref": None})
    assert not any(m.start == mention.start and m.kind == "place" for m in library.mentions("one"))
    assert body[mention.start:mention.end] == mention.surface


def test_edited_article_reports_source_changed_not_misapplied(library: Library, tmp_path: Path) -> None:
    fixer = Corrector(library)
    fixer.correct(_quote_ref(library, "abandon the north"), "speaker", "Someone Else")
    path = tmp_path / "lib-corpus" / "one.md"
    path.write_text(path.read_text().replace("abandon the north", "leave the region"), encoding="utf-8")
    library.ensure_index()
    assert all(q.speaker != "Someone Else" for q in library.article_quotes("one"))
    (entry, why), = fixer.stale()
    assert why == SOURCE_CHANGED and entry.value["speaker"] == "Someone Else"


def test_export_import_reproduces_and_reports_conflicts(tmp_path: Path) -> None:
    mine, theirs = _make(tmp_path, "a"), _make(tmp_path, "b")
    ref = _quote_ref(mine, "abandon the north")
    Corrector(mine).correct(ref, "speaker", "Analyst A's speaker")
    Corrector(mine).correct(_event_ref(mine, "one", "killing 12"), "killed", 13)
    exported = tmp_path / "corrections.jsonl"
    assert Corrector(mine).log.export(exported) == 2

    other = Corrector(theirs)
    report = other.import_file(exported)
    assert len(report.added) == 2 and not report.conflicts
    assert next(q for q in theirs.article_quotes("one") if "abandon" in q.text).speaker == "Analyst A's speaker"
    assert other.import_file(exported).duplicates == 2, "a second import adds nothing"

    Corrector(theirs).correct(ref, "speaker", "Analyst B's speaker")
    Corrector(theirs).log.export(exported)
    back = Corrector(mine).import_file(exported)
    assert len(back.conflicts) == 1 and back.conflicts[0][1].value["speaker"] == "Analyst B's speaker"
    assert next(q for q in mine.article_quotes("one") if "abandon" in q.text).speaker == "Analyst A's speaker"
    Corrector(mine).import_file(exported, take_theirs=True)
    assert next(q for q in mine.article_quotes("one") if "abandon" in q.text).speaker == "Analyst B's speaker"


def test_log_is_append_only_undo_is_an_entry(tmp_path: Path) -> None:
    log = CorrectionLog(tmp_path / "user.sqlite3")
    (c,) = log.append(new_correction("not_quote", True, Anchor("x", 0, 4, "text")))
    log.undo(c.id)
    assert [e.op for e in log.entries()] == ["not_quote", "undo"] and log.active() == []
    with pytest.raises(CorrectionError):
        log.undo(c.id)


def test_apply_outcomes_on_invented_extraction() -> None:
    body = 'Officials said: "Calm has returned." Later "nothing happened" was heard.'
    article = Article("x", "x.md", "t", body)
    quote = Quote("Calm has returned.", 17, 35, "Officials")
    extraction = Extraction("x", quotes=(quote,), events=(Event(None, "day", "", body[:36], 0, 36, "other"),))
    moved = Anchor("x", 99, 116, "Calm has returned.")
    gone = Anchor("x", 17, 35, "Calm has not returned.")
    elsewhere = Anchor("x", 44, 61, "nothing happened\"")
    log = [new_correction("role", "spokesman", moved), new_correction("speaker", "A", gone),
           new_correction("role", "x", Anchor("x", 43, 59, "nothing happened")),
           new_correction("not_event", True, Anchor("x", 0, 36, body[:36]))]
    applied = apply_corrections(article, extraction, log)
    assert [applied.outcomes[c.uid] for c in log] == [APPLIED, SOURCE_CHANGED, NOT_FOUND, APPLIED]
    assert applied.extraction.quotes[0].speaker_role == "spokesman" and applied.extraction.events == ()
    assert elsewhere.text  # the anchor keeps its text for reports


@pytest.mark.parametrize("text,expected", [
    ("2024", ("2024-01-01", "year")), ("2024-03", ("2024-03-01", "month")),
    ("2024-03-05", ("2024-03-05", "day")), ("2024-03-05/month", ("2024-03-01", "month")),
])
def test_parse_date(text: str, expected: tuple[str, str]) -> None:
    day, precision = parse_date(text)
    assert (day.isoformat(), precision) == expected


def test_parse_date_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        parse_date("last week")


@pytest.mark.slow  # a spawned process pool
def test_parallel_build_workers_apply_the_log(library: Library, monkeypatch) -> None:
    """Worker processes load the log from the data folder themselves: a big corpus keeps corrections too."""
    Corrector(library).correct(_quote_ref(library, "abandon the north"), "role", "spokesman")
    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 1)
    config = library.config
    library.close()
    manifest = indexer.build(config.index, config.corpus, library.kb, data_dir=config.data_dir, workers=2)
    library.open_existing(manifest)
    assert next(q for q in library.article_quotes("one") if "abandon" in q.text).speaker_role == "spokesman"


def test_merge_two_events_of_an_article_and_split_by_undo(tmp_path: Path) -> None:
    corpus = tmp_path / "m-corpus"
    corpus.mkdir()
    (corpus / "three.md").write_text(
        "---\ntitle: Twice told\npublished: 2024-05-20\n---\n"
        "Gunmen attacked a market near Gao on Monday, killing 5 people.\n\n"
        "Witnesses said the attack near Gao on Monday left 6 dead.\n", encoding="utf-8")
    library = Library(make_config(corpus, tmp_path / "m-index", tmp_path / "m-data"))
    library.ensure_index()
    events = library.article_events("three")
    if len(events) < 2:
        pytest.skip(f"the extractors found {len(events)} events in the invented text")
    refs = [str(d.id) for d in sorted(library.searcher.documents(article="three", kind="event"),
                                         key=lambda d: event_from(d.payload).start)]
    fixer = Corrector(library)
    fixer.merge(refs[0], refs[1])
    assert len(library.article_events("three")) == len(events) - 1
    fixer.undo()
    assert len(library.article_events("three")) == len(events)
    library.close()


def test_region_for_an_unlisted_place(library: Library) -> None:
    fixer = Corrector(library)
    fixer.place_region("Tin-Essako", "kidal")
    assert region(library, "Tin-Essako") == "kidal"
    library.ensure_index(rebuild=True)
    library.reload_knowledge()
    assert region(library, "Tin-Essako") == "kidal"


def test_new_actor_appears_in_profiles_and_search(library: Library) -> None:
    Corrector(library).new_actor("Fatou Diallo", "international_org")
    profile = library.profile("fatou_diallo")
    assert (profile.actor.type, profile.actor.listed) == ("international_org", True)
    assert [r.id for r in profile.articles] == ["two"]
    assert "two" in {h.article_id for h in library.search("actor:fatou_diallo").hits}


def test_event_place_by_name_and_unknown_place_refused(library: Library) -> None:
    fixer = Corrector(library)
    ref = _event_ref(library, "one", "killing 12")
    place = next(iter(library.kb.places.values()))
    fixer.correct(ref, "event_place", {"ref": place.name, "present": True})
    (event,) = [e for e in library.article_events("one") if "killing 12" in e.sentence]
    assert place.id in event.places
    with pytest.raises(CorrectionError):
        fixer.correct(ref, "event_place", {"ref": "Nowhere-at-all", "present": True})


def test_a_bad_imported_value_never_breaks_indexing(library: Library, tmp_path: Path) -> None:
    ref = _event_ref(library, "one", "killing 12")
    target = Corrector(library).target(ref)
    bad = new_correction("date", "2024-02-30", target.anchor)  # validated when made here, not when imported
    good = new_correction("killed", 11, target.anchor)
    shared = tmp_path / "bad.jsonl"
    shared.write_text("\n".join(json.dumps(c.to_json()) for c in (bad, good)) + "\nnot json\n", encoding="utf-8")
    report = Corrector(library).import_file(shared)
    assert len(report.added) == 2 and report.problems == ("bad.jsonl:3: skipped (Expecting value: line 1 column 1 "
                                                           "(char 0))",)
    library.ensure_index(rebuild=True)
    assert [e.killed for e in library.article_events("one") if "killing 12" in e.sentence] == [11]
    assert dict((c.uid, why) for c, why in Corrector(library).stale()) == {bad.uid: "invalid value"}


def test_the_same_fix_made_on_two_laptops_is_not_doubled(tmp_path: Path) -> None:
    mine, theirs = _make(tmp_path, "a"), _make(tmp_path, "b")
    for lib in (mine, theirs):
        Corrector(lib).correct(_quote_ref(lib, "abandon the north"), "role", "spokesman")
    exported = tmp_path / "b.jsonl"
    Corrector(theirs).log.export(exported)
    report = Corrector(mine).import_file(exported)
    assert (len(report.added), report.duplicates, report.conflicts) == (0, 1, ())
