"""The corpora the oracle test runs on: an index and, from the same extraction, the documents the
reference evaluator reads.

A generated corpus of 1,000 articles is extracted and written by two worker processes, each into
an index segment of its own that the index then adopts, as `sahel-tui index` does with its
workers. The workers hand back the documents they wrote, so the oracle sees exactly what the
index was given and nothing is extracted twice.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from sahel_tui.core import search
from sahel_tui.core.aliases import AliasIndex
from sahel_tui.core.corpus import load_article
from sahel_tui.core.extract.linking import Linker
from sahel_tui.core.extract.pipeline import extract_article
from sahel_tui.core.index_records import documents_for
from sahel_tui.core.knowledge import load_knowledge
from tests.core.oracle import OracleDoc, oracle_doc

_linker: Linker | None = None


def _init_worker() -> None:
    global _linker
    _linker = Linker(load_knowledge(None))


def extract(paths: list[Path], linker: Linker) -> list[search.Document]:
    """The index documents of each article file (its id is the file name, as in the app)."""
    docs: list[search.Document] = []
    for path in paths:
        article = replace(load_article(path), id=path.stem)
        docs += documents_for(article, extract_article(article, linker))
    return docs


def _write_part(folder: str, paths: list[str]) -> list[search.Document]:
    """In a worker: extract a batch, write it as an index of its own, return its documents."""
    assert _linker is not None
    docs = extract([Path(p) for p in paths], _linker)
    ix = search.create(Path(folder))
    search.write(ix, docs, optimize=True)
    ix.close()
    return docs


def build_parallel(paths: list[Path], index: Path, workers: int) -> list[search.Document]:
    """Extract and index ``paths`` in ``workers`` processes; the index adopts their segments."""
    size = -(-len(paths) // workers)
    batches = [[str(p) for p in paths[i:i + size]] for i in range(0, len(paths), size)]
    parts = [index.parent / f"{index.name}-part{n}" for n in range(len(batches))]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, mp_context=context) as pool:
        results = list(pool.map(_write_part, [str(p) for p in parts], batches))
    search.create(index).close()
    search.adopt_segments(index, parts)
    return [doc for docs in results for doc in docs]


class Corpus:
    """An index of a folder of articles, and the same documents for the oracle."""

    def __init__(self, folder: Path, index: Path, workers: int = 1) -> None:
        self.kb = load_knowledge(None)
        self.aliases = AliasIndex(self.kb)
        paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
        if workers > 1:
            self.documents = build_parallel(paths, index, workers)
        else:
            self.documents = extract(paths, Linker(self.kb))
            search.write(search.create(index), self.documents, optimize=True)
        self.searcher = search.Searcher(index)
        self.docs: list[OracleDoc] = [oracle_doc(d) for d in self.documents]
