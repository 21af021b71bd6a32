"""One writer at a time per index folder: an OS file lock that dies with its holder.

The lock is ``<index>/LOCK``, held with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) for the
whole of a build or update; the holder writes its pid into it so a waiting process can say who
it waits for. The OS releases the lock when the holder exits, even after ``kill -9``: no stale
lock files to clean. Readers never take it.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

POLL_SECONDS = 0.2

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class LockBusy(Exception):
    """Another process is building this index; ``pid`` says which (None if unknown)."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        super().__init__(busy_message(pid))


def busy_message(pid: int | None) -> str:
    who = f" (pid {pid})" if pid else ""
    return f"another build of this index is running{who}"


def holder(index_dir: Path) -> int | None:
    """The pid written by the current holder of the lock, if any is readable."""
    try:
        text = (index_dir / "LOCK").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return int(text) if text.isdigit() else None


@contextmanager
def writer_lock(index_dir: Path, wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the index's writer lock. Busy: raise LockBusy, or (with ``wait``) say so once and wait."""
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / "LOCK", "a+", encoding="ascii")  # noqa: SIM115 - held across the yield
    try:
        told = False
        while not _try_lock(handle):
            if wait is None:
                raise LockBusy(holder(index_dir))
            if not told:
                wait(f"{busy_message(holder(index_dir))} — waiting for it to finish…")
                told = True
            time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock(handle)
    finally:
        handle.close()
