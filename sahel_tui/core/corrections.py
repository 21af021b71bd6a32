"""The analyst's correction log: append-only, in the user's SQLite store, keyed by anchors.

Why append-only: a correction is evidence of the analyst's judgement (who, when, what, why); an
undo is one more entry, never a deletion, so the log can be shared between laptops and merged
without losing anything. Entries are keyed by an anchor (article id + the text under the object
+ its offset), never by index document numbers, so a rebuild, an extractor upgrade or an edit of
the article cannot move a correction onto other text (see refs.relocate). Applying the log to an
extraction is in apply_corrections.py; resolving refs and refreshing the index in correcting.py.
"""
from __future__ import annotations

import getpass
import json
import sqlite3
import uuid
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .refs import Anchor, fingerprint
from .text import fold
from .userdb import connect, ensure_schema, transaction

FEATURE = "corrections"
STORE_NAME = "user.sqlite3"  # the same file as Config.store_file (data_dir / STORE_NAME)

#: What a correction can do, by the object it targets.
QUOTE_OPS = frozenset({"speaker", "role", "not_quote"})
EVENT_OPS = frozenset({"date", "kind", "killed", "not_event", "event_actor", "event_place", "merge"})
MENTION_OPS = frozenset({"mention"})
GLOBAL_OPS = frozenset({"alias", "new_actor", "place_region"})
OPS = QUOTE_OPS | EVENT_OPS | MENTION_OPS | GLOBAL_OPS | {"undo"}

_MIGRATIONS = [
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL,
        author TEXT NOT NULL,
        op TEXT NOT NULL,
        article TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL DEFAULT 0,
        "end" INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL DEFAULT '',
        fingerprint TEXT NOT NULL DEFAULT '',
        value TEXT NOT NULL,
        original TEXT NOT NULL DEFAULT 'null',
        reason TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX corrections_article ON corrections (article)""",
]
_COLUMNS = ("uid", "created", "author", "op", "article", "start", "end", "text", "value", "original", "reason")
_INSERT = (f"INSERT INTO corrections ({', '.join(chr(34) + k + chr(34) for k in _COLUMNS)}, fingerprint) "
           f"VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})")


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown op, bad value, nothing to undo)."""


@dataclass(frozen=True)
class Correction:
    """One entry of the log. ``value``/``original`` are JSON-shaped (str, int, dict, None).

    Object corrections carry an anchor (article, start, end, text); global ones (alias, new
    actor) carry their surface form in ``text`` and no article.
    """

    uid: str
    created: str
    author: str
    op: str
    value: Any
    article: str = ""
    start: int = 0
    end: int = 0
    text: str = ""
    original: Any = None
    reason: str = ""
    id: int = field(default=0, compare=False)

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.article, self.start, self.end, self.text)

    @property
    def day(self) -> str:
        return self.created[:10]

    def target_key(self) -> tuple[str, ...]:
        """What two corrections must share to compete: the same change on the same object."""
        if self.op == "alias":
            return ("alias", fold(self.text))
        if self.op in ("new_actor", "place_region"):
            return (self.op, str(self.value.get("id") if isinstance(self.value, dict) else self.value))
        base = (self.op, self.article, fingerprint(self.text), str(self.start))
        if self.op in ("event_actor", "event_place"):
            return (*base, str(self.value.get("ref")))
        if self.op == "mention":
            return (*base, str(self.value.get("kind")))
        return base

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("id")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Correction:
        missing = [k for k in ("uid", "created", "op", "value") if k not in data]
        if missing:
            raise CorrectionError(f"not a correction: missing {', '.join(missing)}")
        if data["op"] not in OPS:
            raise CorrectionError(f"unknown correction {data['op']!r}")
        return cls(**{k: data[k] for k in (*_COLUMNS, "id") if k in data})


def new_correction(op: str, value: Any, anchor: Anchor | None = None, original: Any = None,
                   reason: str = "", text: str = "", author: str | None = None) -> Correction:
    """A fresh correction (not yet logged), stamped now and by the current user."""
    if op not in OPS:
        raise CorrectionError(f"unknown correction {op!r}")
    where: dict[str, Any] = ({"article": anchor.article, "start": anchor.start, "end": anchor.end,
                              "text": anchor.text} if anchor else {"text": text})
    return Correction(uid=uuid.uuid4().hex, created=datetime.now(UTC).isoformat(timespec="seconds"),
                      author=author or current_user(), op=op, value=value, original=original, reason=reason, **where)


def current_user() -> str:
    """Who is correcting: the login name (shown as "you" on this machine, by name elsewhere)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "analyst"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: added, already there, and conflicts (local value, incoming value)."""

    added: tuple[Correction, ...] = ()
    duplicates: int = 0
    conflicts: tuple[tuple[Correction, Correction], ...] = ()
    problems: tuple[str, ...] = ()


def effective(entries: Iterable[Correction]) -> list[Correction]:
    """The corrections in force: every entry but undo entries and the ones they undid, in order."""
    items = list(entries)
    undone = {c.value for c in items if c.op == "undo"}
    return [c for c in items if c.op != "undo" and c.uid not in undone]


class CorrectionLog:
    """The log in the user's store; one short transaction per action."""

    def __init__(self, store_file: Path) -> None:
        self.path = store_file
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path)
            ensure_schema(self._conn, FEATURE, _MIGRATIONS)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def append(self, *corrections: Correction) -> list[Correction]:
        """Log corrections (one transaction); returns them with their local ids."""
        out = []
        with transaction(self.conn) as conn:
            for c in corrections:
                cur = conn.execute(
                    _INSERT,
                    (c.uid, c.created, c.author, c.op, c.article, c.start, c.end, c.text,
                     json.dumps(c.value, ensure_ascii=False), json.dumps(c.original, ensure_ascii=False),
                     c.reason, fingerprint(c.text)))
                out.append(replace(c, id=int(cur.lastrowid or 0)))
        return out

    def entries(self) -> list[Correction]:
        """Every entry, undo entries included, oldest first."""
        rows = self.conn.execute('SELECT * FROM corrections ORDER BY id').fetchall()
        return [Correction(**{k: row[k] for k in _COLUMNS if k not in ("value", "original")},
                           value=json.loads(row["value"]), original=json.loads(row["original"]), id=row["id"])
                for row in rows]

    def active(self) -> list[Correction]:
        return effective(self.entries())

    def get(self, key: str | int) -> Correction:
        """An entry by local id or uid (a unique uid prefix will do)."""
        text = str(key)
        found = [c for c in self.entries() if str(c.id) == text or c.uid.startswith(text)]
        if len(found) != 1:
            raise CorrectionError(f"no correction {text!r}" if not found else f"{text!r} is ambiguous")
        return found[0]

    def undo(self, key: str | int | None = None) -> Correction:
        """Undo a correction (by id/uid, or the latest one in force); returns the undone one."""
        live = self.active()
        if key is None:
            if not live:
                raise CorrectionError("no correction to undo")
            target = live[-1]
        else:
            target = self.get(key)
            if target.uid not in {c.uid for c in live}:
                raise CorrectionError(f"correction {key} is not in force (already undone?)")
        self.append(new_correction("undo", target.uid, text=target.text))
        return target

    def export(self, path: Path) -> int:
        """Write every entry (undo entries too, so a colleague's undo travels) as JSON lines."""
        items = self.entries()
        with path.open("w", encoding="utf-8") as out:
            for c in items:
                out.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
        return len(items)

    def import_file(self, path: Path, take_theirs: bool | Collection[str] = False) -> ImportReport:
        """Merge a colleague's export: known entries are skipped, conflicting ones are reported
        and kept out unless ``take_theirs`` is True or holds (a prefix of) their uid: then they
        win, being the latest."""
        incoming, problems = read_jsonl(path)
        known = {c.uid for c in self.entries()}
        live = {c.target_key(): c for c in self.active()}
        fresh = [c for c in incoming if c.uid not in known]
        undone = {c.value for c in incoming if c.op == "undo"}
        conflicts, added, same = [], [], 0
        for c in fresh:
            mine = live.get(c.target_key()) if c.op != "undo" and c.uid not in undone else None
            if mine is not None and mine.value == c.value:  # the same fix made on both laptops
                same += 1
                continue
            if mine is not None:
                conflicts.append((mine, c))
                if not _chosen(c.uid, take_theirs):
                    continue
            added.append(c)
        self.append(*added)
        return ImportReport(tuple(added), len(incoming) - len(fresh) + same, tuple(conflicts), tuple(problems))


def _chosen(uid: str, take_theirs: bool | Collection[str]) -> bool:
    if isinstance(take_theirs, bool):
        return take_theirs
    return any(uid.startswith(prefix) for prefix in take_theirs if prefix)


def read_jsonl(path: Path) -> tuple[list[Correction], list[str]]:
    """Corrections from a JSON-lines export, with a line-numbered problem for each bad line."""
    items, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise CorrectionError("not an object")
            items.append(Correction.from_json(data))
        except (ValueError, TypeError) as err:
            problems.append(f"{path.name}:{n}: skipped ({err})")
    return items, problems


def stored_corrections(data_dir: Path | None) -> tuple[Correction, ...]:
    """The corrections in force in ``data_dir``'s store, without creating a store that is not there."""
    if data_dir is None or not (data_dir / STORE_NAME).is_file():
        return ()
    log = CorrectionLog(data_dir / STORE_NAME)
    try:
        return tuple(log.active())
    finally:
        log.close()
