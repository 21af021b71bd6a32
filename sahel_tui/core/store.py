"""The analyst's briefing work in the user's SQLite store: briefs, clips, stars, notes and tags.

Why its own module on top of userdb: this is the one place that knows the briefing tables. Every
public method is one user action and runs in one transaction, so a kill -9 loses at most the
action in flight. Nothing here is keyed by an index document number: a clip or a mark keeps the
article id, the span and the text itself (an `Anchor`), so a rebuild, an extractor upgrade or an
edited article can be detected and shown, never silently re-pointed.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .refs import Anchor
from .userdb import connect, ensure_schema, transaction

FEATURE = "briefing"
DEFAULT_BRIEF = "Brief"

MIGRATIONS = [
    """
    CREATE TABLE briefs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
    CREATE TABLE briefing_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE clips (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        brief_id INTEGER NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL, key TEXT NOT NULL,
        article TEXT NOT NULL, start INTEGER, end_ INTEGER, text TEXT NOT NULL,
        citation TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', clipped TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX clips_by_brief ON clips (brief_id, removed, position);
    CREATE TABLE marks (
        key TEXT PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, article TEXT NOT NULL,
        start INTEGER, end_ INTEGER, text TEXT NOT NULL, starred INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL);
    CREATE TABLE tags (key TEXT NOT NULL REFERENCES marks(key) ON DELETE CASCADE, tag TEXT NOT NULL,
        PRIMARY KEY (key, tag));
    """,
]

KINDS = ("article", "quote", "event", "actor", "passage", "heading")


class UnknownBrief(KeyError):
    """No brief of that name (the CLI says so and lists the briefs)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Target:
    """What a clip or a mark points at, in a form that survives a rebuild.

    ``ref`` is the ref as it was when the user pointed (for display and scripts); ``anchor``
    holds the text for quotes, events and passages; articles and actors need only their id.
    """

    kind: str
    ref: str
    article: str = ""
    anchor: Anchor | None = None
    actor: str = ""
    text: str = ""  # what is shown for the object (the anchored text, a title, an actor's name)

    @property
    def key(self) -> str:
        """The stable key of marks: ids for articles and actors, article + text fingerprint otherwise."""
        if self.kind == "actor":
            return f"actor:{self.actor}"
        if self.anchor is None:
            return f"a:{self.article}"
        return f"{self.kind}:{self.article}:{self.anchor.fingerprint}"


@dataclass(frozen=True)
class Clip:
    """One clip of a brief (or a heading: kind "heading", text = the heading)."""

    id: int
    brief: str
    position: int
    target: Target
    citation: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    note: str = ""
    clipped: str = ""  # when it was clipped (UTC, ISO): the "accessed on" date of its source

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def text(self) -> str:
        return self.target.text


@dataclass(frozen=True)
class Mark:
    """A star, a note and tags on one object."""

    target: Target
    starred: bool = False
    note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefInfo:
    name: str
    created: str
    clips: int


def _target(row: sqlite3.Row) -> Target:
    anchor = Anchor(row["article"], row["start"], row["end_"], row["text"]) if row["start"] is not None else None
    actor = row["ref"].partition(":")[2] if row["kind"] == "actor" else ""
    return Target(row["kind"], row["ref"], row["article"], anchor, actor, row["text"])


def _span(target: Target) -> tuple[int | None, int | None]:
    return (target.anchor.start, target.anchor.end) if target.anchor else (None, None)


class BriefingStore:
    """Open with the store file (``Config.store_file``); every method is one transaction."""

    def __init__(self, path: Path) -> None:
        self.conn = connect(path)
        ensure_schema(self.conn, FEATURE, MIGRATIONS)

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ briefs
    def briefs(self) -> list[BriefInfo]:
        rows = self.conn.execute(
            "SELECT b.name, b.created, COUNT(c.id) AS n FROM briefs b LEFT JOIN clips c "
            "ON c.brief_id = b.id AND c.removed = 0 AND c.kind != 'heading' GROUP BY b.id ORDER BY b.name")
        return [BriefInfo(r["name"], r["created"], int(r["n"])) for r in rows]

    def current(self) -> str:
        """The brief clips go to: the one last chosen, else the default (created on first use)."""
        row = self.conn.execute("SELECT value FROM briefing_state WHERE key = 'current'").fetchone()
        return str(row[0]) if row else DEFAULT_BRIEF

    def set_current(self, name: str) -> None:
        """Make ``name`` the current brief, creating it if new."""
        with transaction(self.conn):
            self._brief_id(name, create=True)
            self.conn.execute("INSERT OR REPLACE INTO briefing_state (key, value) VALUES ('current', ?)", (name,))

    def _brief_id(self, name: str, create: bool = False) -> int:
        row = self.conn.execute("SELECT id FROM briefs WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        if not create:
            raise UnknownBrief(name)
        cur = self.conn.execute("INSERT INTO briefs (name, created) VALUES (?, ?)", (name, _now()))
        return int(cur.lastrowid or 0)

    # ------------------------------------------------------------ clips
    def add_clip(self, brief: str, target: Target, citation: dict[str, Any], note: str = "") -> Clip:
        """Append a clip to a brief (created if new)."""
        with transaction(self.conn):
            brief_id = self._brief_id(brief, create=True)
            row = self.conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM clips WHERE brief_id = ?",
                                    (brief_id,)).fetchone()
            start, end = _span(target)
            cur = self.conn.execute(
                "INSERT INTO clips (brief_id, position, kind, ref, key, article, start, end_, text, citation, note, "
                "clipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (brief_id, int(row[0]), target.kind, target.ref, target.key, target.article, start, end,
                 target.text, json.dumps(citation, ensure_ascii=False, default=str), note, _now()))
            clip_id = int(cur.lastrowid or 0)
        return self.clip(clip_id)

    def add_heading(self, brief: str, text: str) -> Clip:
        """Append a heading; clips after it are grouped under it."""
        return self.add_clip(brief, Target("heading", "", text=text), {})

    def clip(self, clip_id: int) -> Clip:
        row = self.conn.execute("SELECT c.*, b.name AS brief FROM clips c JOIN briefs b ON b.id = c.brief_id "
                                "WHERE c.id = ?", (clip_id,)).fetchone()
        if row is None:
            raise KeyError(f"no clip {clip_id}")
        return self._clip(row)

    @staticmethod
    def _clip(row: sqlite3.Row) -> Clip:
        return Clip(int(row["id"]), row["brief"], int(row["position"]), _target(row), json.loads(row["citation"]),
                    row["note"], row["clipped"])

    def clips(self, brief: str) -> list[Clip]:
        """The brief's clips and headings in order (raises UnknownBrief)."""
        brief_id = self._brief_id(brief)
        rows = self.conn.execute("SELECT c.*, ? AS brief FROM clips c WHERE brief_id = ? AND removed = 0 "
                                 "ORDER BY position, id", (brief, brief_id))
        return [self._clip(r) for r in rows]

    def move_clip(self, clip_id: int, step: int) -> bool:
        """Swap a clip with its neighbour (step -1 up, +1 down); False at either end."""
        with transaction(self.conn):
            me = self.conn.execute("SELECT brief_id, position FROM clips WHERE id = ?", (clip_id,)).fetchone()
            if me is None:
                return False
            order = "DESC" if step < 0 else "ASC"
            compare = "<" if step < 0 else ">"
            other = self.conn.execute(
                f"SELECT id, position FROM clips WHERE brief_id = ? AND removed = 0 AND position {compare} ? "
                f"ORDER BY position {order} LIMIT 1", (me["brief_id"], me["position"])).fetchone()
            if other is None:
                return False
            self.conn.execute("UPDATE clips SET position = ? WHERE id = ?", (other["position"], clip_id))
            self.conn.execute("UPDATE clips SET position = ? WHERE id = ?", (me["position"], other["id"]))
        return True

    def remove_clip(self, clip_id: int) -> bool:
        """Take a clip out of its brief (kept, so `restore_clip` can undo); False if there was none."""
        with transaction(self.conn):
            return self.conn.execute("UPDATE clips SET removed = 1 WHERE id = ? AND removed = 0",
                                     (clip_id,)).rowcount > 0

    def restore_clip(self, clip_id: int) -> None:
        with transaction(self.conn):
            self.conn.execute("UPDATE clips SET removed = 0 WHERE id = ?", (clip_id,))

    def remove_ref(self, brief: str, ref: str) -> int:
        """Remove every clip of ``ref`` from a brief; how many were removed."""
        with transaction(self.conn):
            cur = self.conn.execute("UPDATE clips SET removed = 1 WHERE brief_id = ? AND ref = ? AND removed = 0",
                                    (self._brief_id(brief), ref))
            return cur.rowcount

    def set_clip_note(self, clip_id: int, note: str) -> None:
        with transaction(self.conn):
            self.conn.execute("UPDATE clips SET note = ? WHERE id = ?", (note, clip_id))

    # ------------------------------------------------------------ marks
    def mark(self, key: str) -> Mark | None:
        row = self.conn.execute("SELECT * FROM marks WHERE key = ?", (key,)).fetchone()
        return self._mark(row) if row else None

    def _mark(self, row: sqlite3.Row) -> Mark:
        tags = tuple(r[0] for r in self.conn.execute("SELECT tag FROM tags WHERE key = ? ORDER BY tag", (row["key"],)))
        return Mark(_target(row), bool(row["starred"]), row["note"], tags)

    def marks(self, article: str | None = None) -> list[Mark]:
        """Every mark (of one article when given), oldest change first."""
        rows = self.conn.execute("SELECT * FROM marks WHERE ? IS NULL OR article = ? ORDER BY updated, key",
                                 (article, article)).fetchall()
        return [self._mark(r) for r in rows]

    def _upsert(self, target: Target) -> None:
        start, end = _span(target)
        self.conn.execute(
            "INSERT INTO marks (key, kind, ref, article, start, end_, text, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET updated = excluded.updated",
            (target.key, target.kind, target.ref, target.article, start, end, target.text, _now()))

    def set_star(self, target: Target, starred: bool) -> Mark:
        with transaction(self.conn):
            self._upsert(target)
            self.conn.execute("UPDATE marks SET starred = ? WHERE key = ?", (int(starred), target.key))
        return self._required(target.key)

    def toggle_star(self, target: Target) -> Mark:
        current = self.mark(target.key)
        return self.set_star(target, not (current and current.starred))

    def set_note(self, target: Target, note: str) -> Mark:
        with transaction(self.conn):
            self._upsert(target)
            self.conn.execute("UPDATE marks SET note = ? WHERE key = ?", (note, target.key))
        return self._required(target.key)

    def set_tags(self, target: Target, tags: list[str]) -> Mark:
        """Replace the object's tags (lower-cased, blanks dropped)."""
        clean = sorted({t.strip().lower() for t in tags if t.strip()})
        with transaction(self.conn):
            self._upsert(target)
            self.conn.execute("DELETE FROM tags WHERE key = ?", (target.key,))
            self.conn.executemany("INSERT INTO tags (key, tag) VALUES (?, ?)", [(target.key, t) for t in clean])
        return self._required(target.key)

    def add_tags(self, target: Target, tags: list[str]) -> Mark:
        current = self.mark(target.key)
        return self.set_tags(target, list(current.tags if current else ()) + tags)

    def _required(self, key: str) -> Mark:
        found = self.mark(key)
        assert found is not None
        return found
