"""One writer at a time; readers never blocked; interrupted builds leave nothing behind."""
from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest

from sahel_tui.cli import main, stop_on_signals
from sahel_tui.core import indexer, search
from sahel_tui.core.locking import LockBusy, writer_lock
from tests.conftest import live_generation
from tests.core.test_indexer import ARTICLE


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for day, place in enumerate(["Kayes", "Gao", "Mopti"], 1):
        (folder / f"{place.lower()}.md").write_text(ARTICLE.format(title=f"Attack in {place}", day=day, place=place))
    return folder


def test_a_reader_is_not_blocked_by_a_build_and_is_told_about_it(corpus, tmp_path, kb, capsys):
    index = tmp_path / "index"
    indexer.ensure(index, corpus, kb)
    (corpus / "gao.md").write_text(ARTICLE.format(title="Attack in Ber", day=2, place="Ber"))
    with writer_lock(index):  # another process is updating the index
        with pytest.raises(LockBusy), writer_lock(index):
            pass
        code = main(["--corpus", str(corpus), "--index", str(index), "search", "attacked"])
        captured = capsys.readouterr()
    assert code == 0 and "Attack in Gao" in captured.out  # the index as it was
    assert f"another build of this index is running (pid {os.getpid()})" in captured.err
    assert "Traceback" not in captured.err and "LockError" not in captured.err


def test_a_second_rebuild_waits_and_never_deletes_the_first_ones_work(corpus, tmp_path, kb):
    index = tmp_path / "index"
    indexer.ensure(index, corpus, kb)
    first = ExitStack()
    first.enter_context(writer_lock(index))
    in_progress = index / "gen-of-the-first-build"
    in_progress.mkdir()
    told = []

    def waiting(message: str) -> None:
        told.append(message)
        assert in_progress.is_dir()  # untouched while the first build holds the lock
        first.close()  # the first build ends (without publishing: it was killed)

    report, _ = indexer.ensure(index, corpus, kb, rebuild=True, wait=waiting)
    assert told == [f"another build of this index is running (pid {os.getpid()}) — waiting for it to finish…"]
    assert report.action == "build" and not in_progress.exists()  # its leftovers cleaned once it was gone
    assert [p.name for p in index.glob("gen-*")] == [live_generation(index).name]


def test_the_index_command_waits_for_another_build_with_a_message(corpus, tmp_path, capsys, monkeypatch):
    index = tmp_path / "index"
    other = ExitStack()
    other.enter_context(writer_lock(index))
    monkeypatch.setattr(time, "sleep", lambda s: other.close())  # the other build finishes
    code = main(["--corpus", str(corpus), "--index", str(index), "index"])
    captured = capsys.readouterr()
    assert code == 0 and "another build of this index is running" in captured.err and "waiting" in captured.err
    assert "3 articles" in captured.out


def test_leftovers_of_a_killed_build_are_cleaned_at_the_next_start(corpus, tmp_path, kb):
    index = tmp_path / "index"
    indexer.ensure(index, corpus, kb)
    live = live_generation(index)
    (index / "gen-20240101000000-99999-1").mkdir()
    (index / "CURRENT.tmp").write_text("gen-20240101000000-99999-1")
    report, _ = indexer.ensure(index, corpus, kb)
    assert report.action == "none"
    assert sorted(p.name for p in index.iterdir()) == sorted(["CURRENT", "LOCK", indexer.VERSION_CACHE, live.name])


def test_a_full_disk_mid_build_keeps_the_previous_index(corpus, tmp_path, capsys, monkeypatch):
    index = tmp_path / "index"
    assert main(["--corpus", str(corpus), "--index", str(index), "index"]) == 0
    live = live_generation(index)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:  # (undo only this: the test's own data folder stays set)
        patch.setattr(search, "write", no_space)
        code = main(["--corpus", str(corpus), "--index", str(index), "index", "--rebuild"])
    assert code == 1 and "No space left on device" in capsys.readouterr().err
    assert [p.name for p in index.glob("gen-*")] == [live.name] and live_generation(index) == live
    assert main(["--corpus", str(corpus), "--index", str(index), "search", "Kayes"]) == 0
    assert "Attack in Kayes" in capsys.readouterr().out


WORKER_SCRIPT = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from sahel_tui.core import indexer
from tests.core.test_writers import report_and_block

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, initializer=indexer._init_worker, initargs=(None, None, os.getpid()),
                               mp_context=multiprocessing.get_context("spawn"))
    pool.submit(report_and_block)
    pool.shutdown(wait=True)
"""


def report_and_block() -> None:
    """In a worker: say who we are, then block as a worker waiting for work would."""
    print(f"worker {os.getpid()}", flush=True)
    threading.Event().wait()


@pytest.mark.slow  # real processes: a spawned pool or a whole `sahel-tui index` run
def test_workers_die_with_their_parent_after_kill_9(tmp_path):
    script = tmp_path / "build.py"
    script.write_text(WORKER_SCRIPT)
    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, cwd=repo,
                            env={**os.environ, "PYTHONPATH": str(repo)})
    assert proc.stdout is not None
    line = proc.stdout.readline().decode()
    assert line.startswith("worker ")
    proc.kill()  # kill -9: the parent cannot tell its worker anything
    proc.wait()
    reader = threading.Thread(target=proc.stdout.read)  # EOF once the worker (holding stdout) is gone
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), f"worker {line.split()[1]} outlived its parent"


def test_sigterm_interrupts_a_command_like_ctrl_c():
    previous = signal.getsignal(signal.SIGTERM)
    try:
        stop_on_signals()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
            threading.Event().wait(30)  # the handler raises here, at once
    finally:
        signal.signal(signal.SIGTERM, previous)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, signal.SIG_DFL)


def test_an_interrupted_parallel_build_stops_its_workers_at_once(tmp_path):
    pool = ProcessPoolExecutor(2, initializer=indexer._init_worker, initargs=(None, None, os.getpid()),
                               mp_context=multiprocessing.get_context("spawn"))
    for _ in range(2):
        pool.submit(report_and_block)
    processes = list(pool._processes.values())
    indexer._stop_workers(pool)
    assert len(processes) == 2 and not any(p.is_alive() for p in processes)


def _default_sigint() -> None:
    """A test run started in the background (``cmd &`` in a script) inherits SIGINT ignored, and
    Python then keeps it ignored: the child gets Ctrl-C as a terminal would give it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow  # real processes: a spawned pool or a whole `sahel-tui index` run
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_ends_a_parallel_build_and_its_workers_and_leaves_no_partial_index(tmp_path, signum):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(300):  # enough for the process pool, and to be mid-build when the signal comes
        (corpus / f"a{n:03d}.md").write_text(ARTICLE.format(title=f"Raid {n} near Gao", day=n % 9 + 1, place="Gao"))
    index = tmp_path / "index"
    proc = subprocess.Popen([sys.executable, "-m", "sahel_tui", "--corpus", str(corpus), "--index", str(index),
                             "index"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "SAHEL_TUI_DATA": str(tmp_path / "data")},
                            preexec_fn=_default_sigint)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stderr.readline().startswith(b"indexing: reading")
    assert proc.stderr.readline().startswith(b"indexing: extracting")  # the workers are running
    proc.send_signal(signum)
    assert proc.wait(timeout=60) == 130
    reader = threading.Thread(target=proc.stdout.read)  # EOF once every worker (holding stdout) is gone
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "a worker outlived the interrupted build"
    assert b"interrupted" in proc.stderr.read()
    assert not list(index.glob("gen-*")) and indexer.live_generation(index) is None


def test_a_search_with_no_index_yet_waits_for_the_running_build_and_says_so(corpus, tmp_path, capsys, monkeypatch):
    index = tmp_path / "index"
    other = ExitStack()
    other.enter_context(writer_lock(index))  # the first build is running; nothing is published yet
    monkeypatch.setattr(time, "sleep", lambda s: other.close())
    code = main(["--corpus", str(corpus), "--index", str(index), "search", "Kayes"])
    captured = capsys.readouterr()
    assert code == 0 and "Attack in Kayes" in captured.out
    assert "another build of this index is running" in captured.err and "waiting" in captured.err


@pytest.mark.slow  # real processes: a spawned pool or a whole `sahel-tui index` run
def test_kill_9_of_a_build_leaves_no_worker_and_the_next_run_cleans_up(tmp_path, kb):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(300):
        (corpus / f"a{n:03d}.md").write_text(ARTICLE.format(title=f"Raid {n} near Gao", day=n % 9 + 1, place="Gao"))
    index = tmp_path / "index"
    proc = subprocess.Popen([sys.executable, "-m", "sahel_tui", "--corpus", str(corpus), "--index", str(index),
                             "index"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "SAHEL_TUI_DATA": str(tmp_path / "data")},
                            preexec_fn=_default_sigint)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stderr.readline().startswith(b"indexing: reading")
    assert proc.stderr.readline().startswith(b"indexing: extracting")  # the workers are running
    assert list(index.glob("gen-*"))  # the build's temporary generation exists
    proc.kill()
    proc.wait()
    reader = threading.Thread(target=proc.stdout.read)  # EOF once every worker (holding stdout) is gone
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "a worker outlived its killed parent"
    report, _ = indexer.ensure(index, corpus, kb)
    assert report.action == "build" and report.articles == 300
    assert [p.name for p in index.glob("gen-*")] == [live_generation(index).name]
