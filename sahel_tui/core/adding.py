"""Add files and folders to the corpus folder: copied (default) or linked, original names kept.

An analyst's USB stick holds the same report twice under two names, or a file already in the
corpus; a file whose bytes are already in the corpus is not added again (it is listed as such).
The index is then brought up to date incrementally by the caller (``Library.ensure_index``).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)  # paths in the corpus folder
    already: list[tuple[str, str]] = field(default_factory=list)  # (given file, corpus file with its bytes)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (given path, why)

    def summary(self, verb: str = "copied") -> str:
        """'2 files copied into the corpus; 1 already there; 1 not added (x.pdf: Permission denied)'."""
        parts = [f"{len(self.added)} file{'s' * (len(self.added) != 1)} {verb} into the corpus"]
        if self.already:
            parts.append(f"{len(self.already)} already there")
        if self.failed:
            parts.append(f"{len(self.failed)} not added ({Path(self.failed[0][0]).name}: {self.failed[0][1]})")
        return "; ".join(parts)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(paths: Iterable[Path]) -> list[Path]:
    """The files given, and the files inside the folders given (hidden ones left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    return found


def add_paths(paths: Iterable[Path], corpus: Path, mode: str = "copy") -> AddReport:
    """Copy (``mode="copy"``) or symlink (``"link"``) files into ``corpus``; skip byte-identical ones."""
    report = AddReport()
    corpus.mkdir(parents=True, exist_ok=True)
    known = {_digest(p): p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")}
    for src in files_under(paths):
        try:
            digest = _digest(src)
            if digest in known:
                report.already.append((str(src), str(known[digest])))
                continue
            dst = _free_name(corpus / src.name)
            if mode == "link":
                os.symlink(src.resolve(), dst)
            else:
                shutil.copy2(src, dst)
        except OSError as err:
            report.failed.append((str(src), err.strerror or str(err)))
            continue
        known[digest] = dst
        report.added.append(str(dst))
    return report


def _free_name(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext`` … when a different file already has the name."""
    n = 1
    candidate = path
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
