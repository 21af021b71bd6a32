"""A build says what it is doing, phase by phase, and never goes quiet during a long step."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sahel_tui.cli import commands
from sahel_tui.core import indexer, search

ARTICLE = "---\ntitle: Raid {n} near Gao\npublished: 2024-03-0{day}\n---\nGunmen attacked a market near Gao.\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(8):
        (folder / f"raid{n}.md").write_text(ARTICLE.format(n=n, day=n % 9 + 1))
    return folder


def phases(messages: list[str]) -> list[str]:
    """The phases in the order they were reported, each once per stretch."""
    out: list[str] = []
    for message in messages:
        phase = indexer.phase_of(message)
        if not out or out[-1] != phase:
            out.append(phase)
    return out


def test_a_serial_build_reports_each_phase_in_order(corpus, tmp_path, kb):
    messages: list[str] = []
    indexer.build(tmp_path / "index", corpus, kb, workers=1, progress=lambda d, t, m: messages.append(m))
    assert phases(messages) == [*indexer.PHASES, indexer.DONE]
    assert "extracting raid0.md" in messages


def test_a_parallel_build_reports_its_phases_in_order(corpus, tmp_path, kb, monkeypatch):
    monkeypatch.setattr(indexer, "POOL_THRESHOLD", 4)
    reports: list[tuple[int, int, str]] = []
    indexer.build(tmp_path / "index", corpus, kb, workers=2, progress=lambda d, t, m: reports.append((d, t, m)))
    seen = phases([m for _, _, m in reports])
    order = [*indexer.PHASES, indexer.DONE]
    assert seen == sorted(seen, key=order.index), "a phase never comes back after a later one"
    assert seen[0] == "reading" and "extracting" in seen and seen[-2:] == ["merging", "done"]
    assert reports[-1][:2] == (8, 8)


def blocking_until_reported(times: int, phase: str, seen: list[str]):
    """A progress callback, and a gate a slow step waits on until ``times`` reports of ``phase``
    arrived while it ran: the step only ends if progress kept coming during it."""
    gate = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if sum(indexer.phase_of(m) == phase for m in seen) >= times:
            gate.set()

    return progress, gate


def test_a_long_merge_keeps_reporting_progress(corpus, tmp_path, kb, monkeypatch):
    monkeypatch.setattr(indexer, "HEARTBEAT_SECONDS", 0.001)
    seen: list[str] = []
    progress, gate = blocking_until_reported(5, "merging", seen)
    real = indexer._record_copies

    def slow_merge(gen, manifest):
        assert gate.wait(timeout=60), "no progress while merging"
        real(gen, manifest)

    monkeypatch.setattr(indexer, "_record_copies", slow_merge)
    indexer.build(tmp_path / "index", corpus, kb, workers=1, progress=progress)
    assert gate.is_set() and seen[-1] == indexer.DONE


def test_a_long_segment_write_keeps_reporting_progress(corpus, tmp_path, kb, monkeypatch):
    monkeypatch.setattr(indexer, "HEARTBEAT_SECONDS", 0.001)
    seen: list[str] = []
    progress, gate = blocking_until_reported(5, "writing", seen)
    real = search.write

    def slow_commit(ix, add, **options):
        docs = list(add)  # every article extracted: now the (slow) commit
        assert gate.wait(timeout=60), "no progress while writing"
        return real(ix, docs, **options)

    monkeypatch.setattr(search, "write", slow_commit)
    indexer.build(tmp_path / "index", corpus, kb, workers=1, progress=progress)
    assert gate.is_set() and "writing the index" in seen


def test_an_error_raised_by_progress_during_a_long_step_still_stops_the_build(corpus, tmp_path, kb, monkeypatch):
    monkeypatch.setattr(indexer, "HEARTBEAT_SECONDS", 0.001)
    gate = threading.Event()

    def cancel_when_merging(done: int, total: int, message: str) -> None:
        if indexer.phase_of(message) == "merging" and gate.is_set():
            raise KeyboardInterrupt("cancelled while merging")

    real = indexer._record_copies

    def slow_merge(gen, manifest):
        gate.set()  # the next heartbeat raises, in the heartbeat's thread
        real(gen, manifest)

    monkeypatch.setattr(indexer, "_record_copies", slow_merge)
    with pytest.raises(KeyboardInterrupt):
        indexer.build(tmp_path / "index", corpus, kb, workers=1, progress=cancel_when_merging)
    assert not list((tmp_path / "index").glob("gen-*")), "the cancelled generation is removed"


def test_the_cli_names_each_phase(capsys):
    printer = commands._progress_printer()
    for message in ("reading the corpus", *(f"extracting a{n}.md" for n in range(1, 41))):
        printer(0 if message.startswith("reading") else int(message[12:-3]), 40, message)
    for message in ("writing 2 segments", "writing 2 segments", "merging exact and near copies", "done"):
        printer(40, 40, message)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "indexing: reading the corpus"
    assert lines[1].startswith("indexing: extracting")
    assert lines[-2:] == ["indexing: writing 2 segments", "indexing: merging exact and near copies"]
