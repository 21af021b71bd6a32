"""The grep-like baseline: answer a query by reading every article file, with no index at all.

This is what an analyst's ``grep -ril`` over the folder does, made fair: text is folded for
case and accents, words are substring tests, phrases/prefixes/fuzzy words are regexes, actor
and place filters are "any of the entity's names", and date filters read the front matter's
``published`` line. Every query reads the files again (from the OS page cache after the first),
as grep would. The index must beat this by a wide margin to be worth its build time.
"""
from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_PUBLISHED_RE = re.compile(r'^published:\s*["\']?(\d{4}-\d{2}-\d{2})', re.M)


@dataclass(frozen=True)
class ScanSpec:
    """How a scan answers a query: every group needs one of its substrings, every pattern a match."""

    groups: tuple[tuple[str, ...], ...] = ()
    patterns: tuple[str, ...] = ()
    published: tuple[str | None, str | None] = (None, None)  # ISO bounds, inclusive
    quote: bool = False  # the article must contain a quotation mark (quotes pane)


def fold_text(text: str) -> str:
    """Case and accents folded at C speed; non-ASCII marks (curly quotes) drop out, on both sides."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


class _Compiled:
    def __init__(self, spec: ScanSpec) -> None:
        self.spec = spec
        self.patterns = [re.compile(p) for p in spec.patterns]

    def matches(self, raw: str) -> bool:
        spec = self.spec
        if spec.published != (None, None) and not self._in_range(raw):
            return False
        if spec.quote and "“" not in raw and '"' not in raw.split("---", 2)[-1]:
            return False
        text = fold_text(raw)
        return all(any(s in text for s in group) for group in spec.groups) and \
            all(p.search(text) for p in self.patterns)

    def _in_range(self, raw: str) -> bool:
        m = _PUBLISHED_RE.search(raw, 0, 600)
        if not m:
            return False
        lo, hi = self.spec.published
        return (lo is None or m.group(1) >= lo) and (hi is None or m.group(1) <= hi)


def scan_once(files: Sequence[Path], spec: ScanSpec) -> int:
    """How many articles match; reads and folds every file."""
    compiled = _Compiled(spec)
    return sum(1 for path in files if compiled.matches(path.read_bytes().decode("utf-8", "replace")))


def scan_queries(files: Sequence[Path], specs: Sequence[ScanSpec]) -> list[tuple[float, int]]:
    """(milliseconds, matches) for each query, scanned one after the other."""
    out = []
    for spec in specs:
        started = time.perf_counter()
        count = scan_once(files, spec)
        out.append(((time.perf_counter() - started) * 1000, count))
    return out
