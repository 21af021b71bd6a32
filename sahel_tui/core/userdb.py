"""The user's SQLite database: one file per user, shared by every feature that keeps what the analyst makes.

Why its own module: briefs, marks, notes and corrections are the analyst's work and must survive
rebuilds, upgrades, crashes and kill -9. SQLite in WAL mode with one transaction per user action
gives that; each feature registers its own schema under its own name and version, so features
can grow without knowing about each other. Nothing here knows about Whoosh or the index.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_META = "CREATE TABLE IF NOT EXISTS schema_versions (feature TEXT PRIMARY KEY, version INTEGER NOT NULL)"


class StoreError(RuntimeError):
    """The user's store cannot be opened or written (read-only disk, damaged file, locked too long)."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path``: WAL, foreign keys, a 5 s busy timeout.

    >>> import tempfile; conn = connect(Path(tempfile.mkdtemp()) / "u.sqlite3")
    >>> conn.execute("PRAGMA journal_mode").fetchone()[0]
    'wal'
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(_META)
    except (OSError, sqlite3.Error) as err:
        raise StoreError(f"cannot open the user store {path}: {err}") from err
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One user action = one transaction: all of it is kept, or none of it."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise StoreError(f"the user store is busy or read-only: {err}") from err
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def ensure_schema(conn: sqlite3.Connection, feature: str, migrations: list[str]) -> None:
    """Apply the feature's migrations not yet applied; ``migrations[i]`` takes version i to i+1.

    Migrations only ever add: an older store opens in a newer version with nothing lost.
    """
    with transaction(conn):
        row = conn.execute("SELECT version FROM schema_versions WHERE feature = ?", (feature,)).fetchone()
        have = int(row[0]) if row else 0
        for script in migrations[have:]:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
        if len(migrations) != have:
            conn.execute("INSERT OR REPLACE INTO schema_versions (feature, version) VALUES (?, ?)",
                         (feature, len(migrations)))
