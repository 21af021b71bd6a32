"""The records of one index generation, looked up by id: SQLite beside the Whoosh files.

Whoosh ranks; this store answers "what is document X". Each index document has one row with
what a hit shows (title, source, dates, path, speaker) and its payload (a quote, an event, an
article's mention marks), and each article keeps its clean text (zlib) so a snippet is cut
without reading and re-parsing the corpus file. Quote and event rows leave the article-wide
values (title, source, published, path) empty when they equal their article's; reading joins
them back. Kept out of Whoosh, these payloads no longer weigh on every segment write and merge.
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .search import Document

RECORDS_FILE = "records.sqlite3"
RECORDS_FORMAT = "2"  # bumped with the table layout; search.SCHEMA_VERSION is bumped with it

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, article TEXT NOT NULL, title TEXT, source TEXT, author TEXT,
    speaker TEXT, event TEXT, published TEXT, date TEXT, path TEXT, payload BLOB, text BLOB
);
"""
# (A rowid table: WITHOUT ROWID keeps whole rows in the key's b-tree, and with articles' text in
# them the file was 40% larger.)
#: Ids are <k>:<article>[:<n>] with k the kind's letter: an article's documents of a kind are one
#: range of the primary key (no second index on the article column).
_KIND_LETTER = {"article": "a", "quote": "q", "event": "e"}
#: Deflate's preset dictionary: the payloads' keys and common values, so a 300-byte payload does
#: not pay for its key names each time (about a third smaller). Changing it changes the format.
_ZDICT = (b'{"marks": [["place", "", 0, 0], ["actor", "", 0, 0]], "precision": "day"}'
          b'{"text": "", "start": 0, "end": 0, "speaker": "", "speaker_role": null, "speaker_actor": null, '
          b'"attribution": "said", "attribution_start": 0, "attribution_end": 0, "in_heading": false, '
          b'"confidence": 0.9, "corrections": []}'
          b'{"date": "", "precision": "day", "date_text": "", "sentence": "", "start": 0, "end": 0, '
          b'"kind": "attack", "label": "", "places": [], "actors": [], "killed": null, "injured": null, '
          b'"abducted": null, "date_start": null, "date_end": null, "corrections": []}')
_COLUMNS = ("id", "kind", "article", "title", "source", "author", "speaker", "event", "published", "date",
            "path", "payload", "text")
#: A document's values, the article-wide ones taken from its article's row when left empty.
_SELECT = """
SELECT d.id, d.kind, d.article, COALESCE(d.title, a.title, ''), COALESCE(d.source, a.source, ''), d.author,
       d.speaker, d.event, COALESCE(d.published, a.published), d.date, COALESCE(d.path, a.path, ''), d.payload
FROM doc AS d LEFT JOIN doc AS a ON a.id = 'a:' || d.article AND d.kind != 'article'
"""
_BATCH = 500  # ids per IN (...) lookup: under SQLite's variable limit


class RecordsUnreadable(Exception):
    """The generation's record store is missing, damaged or of another format."""


@dataclass(frozen=True)
class StoredFields:
    """A document's stored values as plain data (what a hit shows, and its payload as JSON)."""

    id: str
    kind: str
    article: str
    title: str = ""
    source: str | None = None
    author: str = ""
    speaker: str = ""
    event: str = ""
    published: date | None = None
    date: date | None = None
    path: str = ""
    payload: str = "{}"  # JSON: a quote, an event, or an article's mention marks


def _pack(text: str) -> bytes:
    """Raw deflate (no header or checksum: SQLite pages carry their own) with the preset dictionary."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _ZDICT)
    return packer.compress(text.encode("utf-8")) + packer.flush()


def _unpack(blob: bytes | None) -> str | None:
    if blob is None:
        return None
    unpacker = zlib.decompressobj(-15, _ZDICT)
    return (unpacker.decompress(blob) + unpacker.flush()).decode("utf-8")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _fields(row: Sequence[Any]) -> StoredFields:
    return StoredFields(id=row[0], kind=row[1], article=row[2], title=row[3] or "", source=row[4] or None,
                        author=row[5] or "", speaker=row[6] or "", event=row[7] or "", published=_day(row[8]),
                        date=_day(row[9]), path=row[10] or "", payload=_unpack(row[11]) or "{}")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")  # no -wal/-shm files left beside the index
    # Before the first table: an article's text (~2 KB deflated) fits a 16 KB page instead of
    # spilling onto overflow pages (a 10,000-article store: 55 MB instead of 63 MB).
    db.execute("PRAGMA page_size=16384")
    return db


class RecordWriter:
    """Writes the rows of one generation's (or one build part's) documents in one transaction."""

    def __init__(self, folder: Path) -> None:
        self._db = _connect(folder / RECORDS_FILE)
        self._db.executescript(_SCHEMA)
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (RECORDS_FORMAT,))
        self._db.execute("BEGIN")
        self._article: dict[str, Any] = {}
        self._rows: list[tuple[Any, ...]] = []

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        for article in article_ids:
            for low, high in _ranges(article):
                self._db.execute("DELETE FROM doc WHERE id >= ? AND id < ? AND article = ?", (low, high, article))

    def add(self, doc: Document) -> None:
        values: dict[str, Any] = {"title": doc.title, "source": doc.source or None, "published": doc.published,
                                  "path": doc.path}
        if doc.kind == "article":
            self._article = {"article": doc.article, **values}
        elif self._article.get("article") == doc.article:  # the article's own values: read from its row
            values = {k: None if v == self._article[k] else v for k, v in values.items()}
        published = values["published"]
        row = {**values, "id": doc.id, "kind": doc.kind, "article": doc.article, "author": doc.author or None,
               "speaker": doc.speaker or None, "event": doc.event or None,
               "published": published.isoformat() if isinstance(published, date) else None,
               "date": doc.date.isoformat() if doc.date else None,
               "payload": _pack(json.dumps(doc.payload, ensure_ascii=False, default=str)),
               "text": _pack(doc.body) if doc.kind == "article" else None}
        self._rows.append(tuple(row[c] for c in _COLUMNS))
        if len(self._rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany(f"INSERT OR REPLACE INTO doc VALUES ({', '.join('?' * len(_COLUMNS))})", self._rows)
        self._rows = []

    def commit(self) -> None:
        self._flush()
        self._db.execute("COMMIT")
        self._db.close()

    def cancel(self) -> None:
        self._db.execute("ROLLBACK")
        self._db.close()


def adopt(folder: Path, parts: Iterable[Path]) -> None:
    """Copy the rows of parts built in parallel into the store in ``folder`` (one transaction)."""
    with closing(_connect(folder / RECORDS_FILE)) as db:
        db.executescript(_SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (RECORDS_FORMAT,))
        db.execute("BEGIN")
        for n, part in enumerate(p / RECORDS_FILE for p in parts):
            if part.is_file():
                db.execute(f"ATTACH DATABASE ? AS part{n}", (str(part),))
                db.execute(f"INSERT OR REPLACE INTO doc SELECT * FROM part{n}.doc")
        db.execute("COMMIT")


def _ranges(article: str, kind: str | None = None) -> list[tuple[str, str]]:
    """The id ranges that hold an article's documents (of one kind): 'q:<article>:' up to
    'q:<article>;', and the article's own id 'a:<article>'."""
    letters = [_KIND_LETTER[kind]] if kind in _KIND_LETTER else list(_KIND_LETTER.values()) if kind is None else []
    return [(f"a:{article}", f"a:{article}\x00") if k == "a" else (f"{k}:{article}:", f"{k}:{article};")
            for k in letters]


class RecordReader:
    """Read-only lookups in a generation's store; opening checks that it exists and its format."""

    def __init__(self, folder: Path) -> None:
        path = folder / RECORDS_FILE
        if not path.is_file():
            raise RecordsUnreadable(f"the record store {RECORDS_FILE} is missing")
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            found = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError as err:
            raise RecordsUnreadable(f"the record store {RECORDS_FILE} cannot be read: {err}") from err
        if found is None or found[0] != RECORDS_FORMAT:
            raise RecordsUnreadable(f"the record store is of format {found[0] if found else 'unknown'}, "
                                    f"expected {RECORDS_FORMAT}")

    def close(self) -> None:
        self._db.close()

    def fields(self, ids: Sequence[str]) -> dict[str, StoredFields]:
        """The stored values of these documents, by id (ids not in the store are left out)."""
        found: dict[str, StoredFields] = {}
        for start in range(0, len(ids), _BATCH):
            chunk = list(ids[start:start + _BATCH])
            sql = f"{_SELECT} WHERE d.id IN ({', '.join('?' * len(chunk))})"
            found.update((row[0], _fields(row)) for row in self._db.execute(sql, chunk))
        return found

    def where(self, id: str | None = None, kind: str | None = None, article: str | None = None
              ) -> Iterator[StoredFields]:
        """Every document with this id, and/or of this kind and/or of this article (in id order)."""
        sql, args = f"{_SELECT} WHERE 1", list[str]()
        if id is not None:
            sql, args = sql + " AND d.id = ?", [*args, id]
        if article is not None:  # id ranges of the primary key, not a scan of the article column
            ranges = _ranges(article, kind)
            if not ranges:
                return
            sql += " AND (" + " OR ".join("(d.id >= ? AND d.id < ?)" for _ in ranges) + ") AND d.article = ?"
            args += [bound for pair in ranges for bound in pair] + [article]
        if kind is not None:
            sql, args = sql + " AND d.kind = ?", [*args, kind]
        for row in self._db.execute(sql + " ORDER BY d.id", args):
            yield _fields(row)

    def text(self, article_id: str) -> str | None:
        """An article's clean text as it was indexed, or None when the store has no such article."""
        row = self._db.execute("SELECT text FROM doc WHERE id = ?", (f"a:{article_id}",)).fetchone()
        return _unpack(row[0]) if row else None
