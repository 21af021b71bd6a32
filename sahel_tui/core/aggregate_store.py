"""A generation's aggregates stored beside its manifest (``aggregates.sqlite3``), looked up.

Why: the actors pane, a profile and the newest-first list need per-actor counts, the articles
naming an actor, co-mentions and every article's date. Counting them from the manifest meant
reading megabytes of JSON first: 0.3 s at 10,000 articles and 1.7 s at 50,000 on the first pane
of every start. Written when the manifest is saved (a build, an update), the actors list is
one small table and a profile reads one actor's rows.

The store records the size and modification time of the manifest it was counted from. A store
of another manifest (an update that could not write it, an index of an older version, a
damaged file) is never used: the counts are then made from the manifest in memory, as before,
and the store is written anew for the next start. A folder that cannot be written only means
no store.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from .aggregates import Entry, unlisted_actor
from .models import Actor, ArticleRef

log = logging.getLogger(__name__)

STORE_FILE = "aggregates.sqlite3"
STORE_FORMAT = "1"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE article (n INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, published TEXT, source TEXT);
CREATE TABLE mention (actor TEXT NOT NULL, n INTEGER NOT NULL, count INTEGER NOT NULL,
                      PRIMARY KEY (actor, n)) WITHOUT ROWID;
CREATE TABLE unlisted (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT) WITHOUT ROWID;
CREATE TABLE co (actor TEXT NOT NULL, other TEXT NOT NULL, articles INTEGER NOT NULL,
                 PRIMARY KEY (actor, other)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX mention_by_article ON mention (n, actor);
CREATE TABLE actor AS SELECT actor AS id, COUNT(*) AS articles, SUM(count) AS mentions FROM mention GROUP BY actor;
"""
#: Actors named in at least this many articles have their co-mentions counted when the store is
#: written (joining their mentions at a profile's request took 0.1 s per 10,000 articles); fewer
#: are joined on request, a few milliseconds.
CO_COUNTED = 500


def manifest_key(folder: Path) -> str:
    """What the store must have been counted from: the manifest's size and modification time."""
    found = (folder / "manifest.json").stat()
    return f"{found.st_size}:{found.st_mtime_ns}"


def write(folder: Path, entries: Iterable[Entry]) -> bool:
    """Count the entries into a new store beside the manifest (replacing any other) and say
    whether it was written. Call it after the manifest is saved: the store names that file."""
    target = folder / STORE_FILE
    tmp = folder / f"{STORE_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        key = manifest_key(folder)
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=OFF")  # a new file renamed into place when whole
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
            articles: list[tuple[int, str, str, str | None, str | None]] = []
            mentions: list[tuple[str, int, int]] = []
            people: list[tuple[str, str, str | None]] = []
            for n, entry in enumerate(entries):
                articles.append((n, entry.id, entry.title, entry.published or None, entry.source))
                mentions.extend((actor, n, count) for actor, count in entry.actors.items())
                people.extend((p.id, p.name, p.role) for p in entry.unlisted)
            db.executemany("INSERT INTO article VALUES (?, ?, ?, ?, ?)", articles)
            db.executemany("INSERT INTO mention VALUES (?, ?, ?)", mentions)
            db.executemany("INSERT OR IGNORE INTO unlisted VALUES (?, ?, ?)", people)  # the first one seen
            db.executemany("INSERT INTO co VALUES (?, ?, ?)", _co_counts(mentions))
            db.execute("COMMIT")
            db.executescript(_INDEXES)
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", STORE_FORMAT), ("manifest", key)])
        finally:
            db.close()
        os.replace(tmp, target)
        return True
    except (OSError, sqlite3.Error) as err:
        log.info("aggregates of %s not stored (%s): counted from the manifest instead", folder, err)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False


def _co_counts(mentions: list[tuple[str, int, int]]) -> Iterable[tuple[str, str, int]]:
    """(actor, other, articles naming both) for the actors named in CO_COUNTED articles or more."""
    per_actor = Counter(actor for actor, _, _ in mentions)
    big = {actor for actor, n in per_actor.items() if n >= CO_COUNTED}
    if not big:
        return []
    by_article: dict[int, list[str]] = {}
    for actor, n, _ in mentions:
        by_article.setdefault(n, []).append(actor)
    pairs: Counter[tuple[str, str]] = Counter()
    for actors in by_article.values():
        for actor in big.intersection(actors):
            pairs.update((actor, other) for other in actors if other != actor)
    return [(actor, other, n) for (actor, other), n in pairs.items()]


def open_store(folder: Path) -> StoredAggregates | None:
    """The generation's stored aggregates when they were counted from its manifest as it is now;
    None when there is no such store (older index, failed write, another manifest, damage)."""
    path = folder / STORE_FILE
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != STORE_FORMAT or meta.get("manifest") != manifest_key(folder):
            db.close()
            return None
        return StoredAggregates(db)
    except (OSError, sqlite3.Error) as err:
        log.info("aggregates store of %s unreadable (%s): counted from the manifest", folder, err)
        db.close()
        return None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class StoredAggregates:
    """The same answers as aggregates.Aggregates, read from the store on demand. Safe to share
    between the app's worker threads (one connection, serialised by a lock)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db, self._lock = db, threading.Lock()
        rows = self._rows("SELECT id, articles, mentions FROM actor")
        self._articles: dict[str, int] = {a: n for a, n, _ in rows}
        self.actor_mentions: dict[str, int] = {a: m for a, _, m in rows}
        self.unlisted: dict[str, Actor] = {
            i: unlisted_actor(i, name, role)
            for i, name, role in self._rows("SELECT id, name, role FROM unlisted")}
        self._newest: list[ArticleRef] | None = None
        self._co: dict[str, Counter[str]] = {}

    def _rows(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def article_count(self, actor_id: str) -> int:
        return self._articles.get(actor_id, 0)

    def articles_of(self, actor_id: str) -> list[ArticleRef]:
        """The articles naming an actor, each with how often it does (ArticleRef.count)."""
        rows = self._rows("SELECT a.id, a.title, a.published, a.source, m.count FROM mention AS m "
                          "JOIN article AS a ON a.n = m.n WHERE m.actor = ? ORDER BY m.n", actor_id)
        return [ArticleRef(i, title, _day(published), source, count) for i, title, published, source, count in rows]

    def co_mentioned(self, actor_id: str) -> Counter[str]:
        """How many of the actor's articles name each other actor (read, or joined for an actor of
        few articles)."""
        if actor_id not in self._co:
            if self.article_count(actor_id) >= CO_COUNTED:
                rows = self._rows("SELECT other, articles FROM co WHERE actor = ?", actor_id)
            else:
                rows = self._rows("SELECT other.actor, COUNT(*) FROM mention AS m JOIN mention AS other "
                                  "ON other.n = m.n AND other.actor != m.actor WHERE m.actor = ? "
                                  "GROUP BY other.actor", actor_id)
            self._co[actor_id] = Counter(dict(rows))
        return self._co[actor_id]

    def newest_first(self) -> list[ArticleRef]:
        """Every article, newest first (ties by id, descending; undated last), read once."""
        if self._newest is None:
            rows = self._rows("SELECT id, title, published, source FROM article "
                              "ORDER BY published IS NULL, published DESC, id DESC")
            self._newest = [ArticleRef(i, title, _day(published), source) for i, title, published, source in rows]
        return self._newest
