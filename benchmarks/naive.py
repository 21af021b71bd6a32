"""The naive baseline build: one plain Whoosh writer, stored body, no extraction.

This is how a first version would index the corpus (and what notes/measured.md timed at
62–76 articles/s): a ``whoosh.fields`` schema with a stored, stemmed body, one ``writer()``,
``add_document`` per article, one commit. The real build must beat its throughput while also
extracting actors, quotes and events. The bench is not core, so it may import Whoosh directly.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sahel_tui.core.corpus import ArticleError, load_article


def naive_build(files: Sequence[Path], index_dir: Path) -> dict:
    """Index the files the naive way; returns seconds, docs/s and the index size."""
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import DATETIME, ID, TEXT, Schema

    index_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True),
                    body=TEXT(analyzer=StemmingAnalyzer(), stored=True), published=DATETIME(stored=True))
    ix = index.create_in(str(index_dir), schema)
    writer = ix.writer()
    added = 0
    for path in files:
        try:
            article = load_article(path)
        except ArticleError:
            continue
        published = article.published
        writer.add_document(id=article.id, title=article.title, body=article.text,
                            published=datetime(published.year, published.month, published.day) if published else None)
        added += 1
    writer.commit()
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file())
    return {"naive_docs": added, "naive_build_s": seconds, "naive_build_docs_per_s": added / seconds,
            "naive_index_mb": size / 2**20}
