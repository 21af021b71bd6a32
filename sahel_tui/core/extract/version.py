"""The extractor version: a fingerprint of the code that shapes indexed records.

Kept apart from pipeline.py so that asking for it imports no extractor (their regexes take
about half a second to compile), and cached on disk keyed by each source file's size and
modification time: parsing 19 modules on every `sahel-tui search` cost more than the search.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import logging
import os
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def version_sources() -> list[Path]:
    """The modules whose rules decide what is indexed: the extractors, text cleaning, documents."""
    here = Path(__file__).parent
    core = here.parent
    return sorted(here.rglob("*.py")) + [core / "corpus.py", core / "text.py", core / "index_records.py"]


def _source_stats(sources: list[Path]) -> list[list[object]]:
    """(path, size, mtime_ns) of each source: a stat each, far cheaper than parsing it."""
    stats: list[list[object]] = []
    for path in sources:
        st = path.stat()
        stats.append([str(path), st.st_size, st.st_mtime_ns])
    return stats


@lru_cache(maxsize=4)
def extractor_version(cache: Path | None = None) -> str:
    """A fingerprint of the extractors' rules: the index is rebuilt whenever it changes.

    It hashes the rules, not the bytes: comments, docstrings and layout are left out, so editing
    them costs no full rebuild. With ``cache`` (a small JSON file, e.g. next to the index) the
    fingerprint is computed once per set of source stats and read back afterwards.
    """
    sources = version_sources()
    try:
        stats = _source_stats(sources)
    except OSError:  # a source not on disk (a zip): compute every time, cache nothing
        return _compute(sources)
    if cache is not None:
        known = _read_cache(cache)
        if known is not None and known.get("sources") == stats:
            return str(known["version"])
    version = _compute(sources)
    if cache is not None:
        _write_cache(cache, {"format": CACHE_FORMAT, "sources": stats, "version": version})
    return version


def _compute(sources: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sources:
        digest.update(rules_of(path.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()[:12]


def _read_cache(cache: Path) -> dict[str, object] | None:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or not isinstance(data.get("version"), str):
        return None
    return data


def _write_cache(cache: Path, data: dict[str, object]) -> None:
    """Best effort: a folder we cannot write to only means computing it again next time."""
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError as err:
        log.info("extractor version not cached in %s: %s", cache, err)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def rules_of(source: str) -> str:
    """A module's syntax tree without docstrings: what it does, not how it is commented."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)
