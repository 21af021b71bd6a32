"""The index stamp: a few hundred bytes that say whether the live index is up to date.

Why: at 10,000 articles the manifest is megabytes of JSON, and deciding that nothing changed
from it (parse it, walk the corpus, stat every file twice) cost a one-shot `sahel-tui search`
about a second. The stamp, written beside the manifest, keeps what that decision needs: the
versions the index was built with, its segment sizes (damage), and one digest of every
corpus file's (path, size, mtime, inode) as the manifest recorded them. A stat-only walk of
the corpus that gives the same digest proves what the full plan would prove file by file: no
file added, removed or changed. Files modified too close to their indexing (racy) are
re-checked by content, as the full plan does. Anything unusual (an unreadable folder, a file
name that is not UTF-8, no stamp) means "not proven": the caller runs the full check.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

STAMP_FILE = "stamp.json"
MANIFEST_FILE = "manifest.json"
STAMP_FORMAT = 1
MAX_RACY = 64  # more files to re-read than this: the full check is as cheap


class _Entry(Protocol):
    @property
    def size(self) -> int: ...
    @property
    def mtime(self) -> int: ...
    @property
    def inode(self) -> int: ...
    @property
    def racy(self) -> bool: ...
    @property
    def hash(self) -> str: ...


class _Manifest(Protocol):
    schema_version: int
    extractor_version: str
    kb_fingerprint: str
    corpus: str
    unreadable: list[str]
    segments: dict[str, int]

    @property
    def files(self) -> Mapping[str, _Entry]: ...

    @property
    def problems(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Stamp:
    schema_version: int
    extractor_version: str
    kb_fingerprint: str
    corpus: str
    articles: int
    problems: tuple[dict[str, str], ...] = ()  # path, reason, kind: what the report lists
    segments: dict[str, int] = field(default_factory=dict)
    stats: str | None = None  # digest of the corpus files' stats; None: it cannot stand for them
    racy: dict[str, str] = field(default_factory=dict)  # path -> content hash, re-checked by reading
    manifest_size: int = -1  # the manifest is part of the index: missing or cut, the stamp proves nothing

    def manifest_intact(self, gen: Path) -> bool:
        try:
            return (gen / MANIFEST_FILE).stat().st_size == self.manifest_size
        except OSError:
            return False


def stats_digest(stats: Iterable[tuple[str, int, int, int]]) -> str:
    """One digest of (path, size, mtime_ns, inode) rows, in path order."""
    digest = hashlib.sha256()
    for path, size, mtime, inode in sorted(stats):
        digest.update(f"{path}\0{size}\0{mtime}\0{inode}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def corpus_digest(folder: Path, is_article: Any) -> str | None:
    """The stats digest of the corpus as it is now, from a stat-only walk (no file is read).

    Selects the files `corpus.scan_corpus` selects (``is_article`` is its name filter; symbolic
    links to folders are not followed, to files are). None when a folder cannot be listed or a
    name is not valid UTF-8: the full check says what is wrong.
    """
    rows: list[tuple[str, int, int, int]] = []
    pending = [os.fspath(folder)]
    try:
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir():
                        if not entry.is_symlink():
                            pending.append(entry.path)
                    elif is_article(entry.name) and entry.is_file():
                        entry.path.encode("utf-8")  # a name that is not UTF-8 raises here
                        st = entry.stat()
                        rows.append((entry.path, st.st_size, st.st_mtime_ns, st.st_ino))
    except (OSError, UnicodeError):
        return None
    return stats_digest(rows)


def _recorded_stats(manifest: _Manifest, item_file: Any) -> tuple[str | None, dict[str, str]]:
    """The digest of the files the manifest knows, as it recorded their stats; and its racy files.

    Each key stands for its file (a feed's items for the feed). When two keys of one file
    disagree on its stat, no digest can stand for the manifest: None (the full check decides).
    """
    by_file: dict[str, tuple[int, int, int]] = {}
    racy: dict[str, str] = {}
    rows: list[tuple[str, tuple[int, int, int]]] = []
    for key, entry in manifest.files.items():
        rows.append((key, (entry.size, entry.mtime, entry.inode)))
        if entry.racy and item_file(key) == key:
            racy[key] = entry.hash
    for problem in manifest.problems:
        rows.append((problem["path"], (problem.get("size", -1), problem.get("mtime", -1), problem.get("inode", -1))))
    for key, stat in rows:
        if by_file.setdefault(item_file(key), stat) != stat:
            return None, racy
    return stats_digest((path, *stat) for path, stat in by_file.items()), racy


def write(gen: Path, manifest: _Manifest, item_file: Any) -> None:
    """Write the stamp of a generation whose manifest was just saved (best effort: without a
    stamp, every check is the full one)."""
    digest, racy = _recorded_stats(manifest, item_file)
    if manifest.unreadable or len(racy) > MAX_RACY:
        digest = None
    data = {"format": STAMP_FORMAT, "schema_version": manifest.schema_version,
            "extractor_version": manifest.extractor_version, "kb_fingerprint": manifest.kb_fingerprint,
            "corpus": manifest.corpus, "articles": len(manifest.files),
            "problems": [{k: str(p.get(k, "")) for k in ("path", "reason", "kind")} for p in manifest.problems],
            "segments": manifest.segments, "stats": digest, "racy": racy}
    try:
        data["manifest_size"] = (gen / MANIFEST_FILE).stat().st_size
    except OSError:
        return
    tmp = gen / f"{STAMP_FILE}.tmp"
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, gen / STAMP_FILE)
    except OSError as err:
        log.warning("index stamp not written in %s: %s", gen, err)


def read(gen: Path) -> Stamp | None:
    """The generation's stamp, or None when it has none (an index built before stamps) or it is bad."""
    try:
        data = json.loads((gen / STAMP_FILE).read_text(encoding="utf-8"))
        if data.pop("format", None) != STAMP_FORMAT:
            return None
        data["problems"] = tuple(data.get("problems") or ())
        return Stamp(**data)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def remove(gen: Path) -> None:
    """Drop a stamp that no longer describes the generation (its manifest is being rewritten)."""
    try:
        (gen / STAMP_FILE).unlink(missing_ok=True)
    except OSError as err:
        log.warning("cannot remove the index stamp in %s: %s", gen, err)


def same_content(path: str, content_hash: str) -> bool:
    """A racy file's bytes still hash as they did when indexed (the manifest's short sha256)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] == content_hash
    except OSError:
        return False
