"""Syndicated and duplicate copies: one wire story reprinted by several outlets is one story.

At index time each article gets a text hash (exact copies) and a bottom-k MinHash sketch of its
word 5-shingles (near copies: the same AFP story with another headline, intro or footer). Both
live in the index manifest; the stories are written beside the index as ``copies.json``, never in
the Whoosh schema. Exact copies are indexed once; the kept article lists every report of it.

Stdlib only: a sketch is the 64 smallest CRC32 values of an article's shingles (one hash per
shingle, so it costs about as much as reading the text); two sketches estimate the Jaccard
similarity of the two shingle sets.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

SKETCH_SIZE = 64
SHINGLE = 5
NEAR = 0.5  # estimated Jaccard similarity from which two articles are copies of one story
FILE = "copies.json"  # the stories, read by Library
SKETCHES = "sketches.json"  # every indexed article's sketch, kept for the next update
_WORD = re.compile(r"\w+")


def text_hash(text: str) -> str:
    """Equal for texts that differ only in case, spacing and punctuation.

    >>> text_hash("Gunmen attacked Ménaka.") == text_hash("gunmen  attacked\\nMÉNAKA")
    True
    """
    return hashlib.sha256(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()[:16]


def sketch(text: str) -> list[int]:
    """The SKETCH_SIZE smallest CRC32 hashes of the text's word 5-shingles (sorted)."""
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return sorted(heapq.nsmallest(SKETCH_SIZE, {zlib.crc32(g.encode()) for g in grams if g}))


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two shingle sets from their sketches.

    >>> s = sketch("the convoy was attacked near the town on tuesday morning by gunmen on motorbikes")
    >>> similarity(s, s), similarity(s, sketch("an entirely different sentence about rainfall in the north"))
    (1.0, 0.0)
    """
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def encode(values: list[int]) -> str:
    return "".join(f"{v:08x}" for v in values)


def decode(text: str) -> list[int]:
    return [int(text[i:i + 8], 16) for i in range(0, len(text), 8)]


def _get(entry: Any, key: str) -> Any:
    """A field of a manifest entry: a typed record (indexed files) or a dict (files not read)."""
    return entry.get(key) if isinstance(entry, Mapping) else getattr(entry, key, None)


def exact_duplicates(files: Mapping[str, Any]) -> dict[str, str]:
    """Manifest keys whose text equals an earlier entry's: {duplicate key: kept key}.

    The earlier entry (manifest order: already indexed first) is kept, so ids stay stable.
    """
    first: dict[str, str] = {}
    dups: dict[str, str] = {}
    for key, entry in files.items():
        h = _get(entry, "text_hash")
        if not h:
            continue
        if h in first:
            dups[key] = first[h]
        else:
            first[h] = key
    return dups


def keep_sketches(folder: Path, files: Mapping[str, Any]) -> dict[str, str]:
    """Move the sketches new manifest entries carry into the sketch file beside the index (the
    manifest, read at every start, stays small); returns every indexed article's sketch."""
    try:
        known = json.loads((folder / SKETCHES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    sketches = {key: _get(entry, "sketch") or known.get(key, "") for key, entry in files.items()}
    tmp = folder / (SKETCHES + ".tmp")
    tmp.write_text(json.dumps(sketches), encoding="utf-8")
    os.replace(tmp, folder / SKETCHES)
    return sketches


def stories(files: Mapping[str, Any], sketches: dict[str, str],
            duplicates: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """Group indexed articles into stories of near copies, with every report (exact copies too).

    Returns ``{"stories": {article_id: story_id}, "reports": {story_id: [report, ...]}}`` for
    stories of two or more reports; a report is ``{id, path, title, source, published, indexed}``.
    """
    ids = {key: _get(entry, "id") for key, entry in files.items()}
    signatures = {key: decode(sketches.get(key, "")) for key in files}
    parent = {key: key for key in files}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in _candidates(signatures):
        if similarity(signatures[a], signatures[b]) >= NEAR:
            parent[root(b)] = root(a)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, entry in files.items():
        groups[root(key)].append(_report(key, entry, indexed=True))
    for dup in duplicates:
        if dup.get("of") in files:
            groups[root(dup["of"])].append(_report(dup["path"], dup, indexed=False))
    result: dict[str, Any] = {"stories": {}, "reports": {}}
    for key, reports in groups.items():
        if len(reports) > 1:
            story = ids[key]
            result["reports"][story] = reports
            for r in reports:
                if r["indexed"]:
                    result["stories"][r["id"]] = story
    return result


def _report(path: str, entry: Any, indexed: bool) -> dict[str, Any]:
    return {"id": _get(entry, "id"), "path": path, "title": _get(entry, "title"), "source": _get(entry, "source"),
            "published": _get(entry, "published"), "indexed": indexed, "text_hash": _get(entry, "text_hash")}


def _candidates(sketches: dict[str, list[int]], crowded: int = 64) -> set[tuple[str, str]]:
    """Pairs of articles whose sketches share at least a few values (an inverted index on values;
    values shared by very many articles, e.g. a site's footer, are ignored)."""
    postings: dict[int, list[str]] = defaultdict(list)
    for key, values in sketches.items():
        for v in values:
            postings[v].append(key)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for keys in postings.values():
        if 1 < len(keys) <= crowded:
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    shared[(a, b)] += 1
    return {pair for pair, n in shared.items() if n >= SKETCH_SIZE // 8}


def save(folder: Path, data: dict[str, Any]) -> None:
    tmp = folder / (FILE + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / FILE)


def load(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"stories": {}, "reports": {}}
    return data if isinstance(data, dict) else {"stories": {}, "reports": {}}
