"""Measurements that run in a fresh child process, one per phase.

Why children: ``ru_maxrss`` is a high-water mark, so the build's peak would hide the browsing
figure if both ran in one process; a fresh process also starts with cold caches, as the app
does. Run as ``python -m benchmarks.child MODE JSON``; the result is printed as one JSON
line after the ``BENCH-RESULT`` marker.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from sahel_tui.config import Config, resolve

MARKER = "BENCH-RESULT "


def config_of(args: dict) -> Config:
    return resolve(corpus=args["corpus"], index=args["index"], env={"SAHEL_TUI_DATA": args["data"]})


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def live_size_mb(index_dir: Path) -> float:
    from sahel_tui.core.indexer import live_generation

    gen = live_generation(index_dir)
    return sum(p.stat().st_size for p in gen.iterdir() if p.is_file()) / 2**20 if gen else 0.0


# ---------------------------------------------------------------- build
def build(args: dict) -> dict:
    """Time the real pipeline; record its CPU (this process and its pool workers) and its phases.

    Pool workers are children of this process: after the pool shuts down, RUSAGE_CHILDREN holds
    their CPU time, RUSAGE_SELF this process's. The last "extracting" progress report marks the
    end of the per-article work; what follows (writing segments, merging, the manifest) is the tail.
    """
    from sahel_tui.core.library import Library

    self0, kids0 = cpu_s(resource.RUSAGE_SELF), cpu_s(resource.RUSAGE_CHILDREN)
    last = [0.0]
    started = time.perf_counter()
    library = Library(config_of(args))
    def articles_phase(done: int, total: int, message: str) -> None:
        if message.split(" ", 1)[0] in ("reading", "extracting"):
            last[0] = time.perf_counter()

    report = library.ensure_index(progress=articles_phase)
    wall = time.perf_counter() - started
    writer_cpu = cpu_s(resource.RUSAGE_SELF) - self0
    worker_cpu = cpu_s(resource.RUSAGE_CHILDREN) - kids0
    files = library.manifest.files.values()
    tail = time.perf_counter() - last[0] if last[0] else 0.0
    out = {"build_s": wall, "build_indexer_s": report.seconds, "build_action": report.action,
           "build_articles_phase_s": wall - tail, "build_tail_s": tail,
           "articles": report.articles, "problems": len(report.problems),
           "quotes": sum(e.quotes for e in files), "events": sum(e.events for e in files),
           "index_docs": library.searcher.doc_count(), "index_mb": live_size_mb(Path(args["index"])),
           "build_writer_cpu_s": writer_cpu, "build_worker_cpu_s": worker_cpu,
           "peak_rss_mb": rss_mb(), "build_worker_rss_mb": rss_mb(resource.RUSAGE_CHILDREN),
           "extractor_version": library.manifest.extractor_version}
    library.close()
    return out


def extract_sample(args: dict) -> dict:
    """Serial per-article cost of each build stage, on a sample: load, extract, documents, write."""
    import tempfile

    from sahel_tui.core import search
    from sahel_tui.core.corpus import load_article
    from sahel_tui.core.extract.linking import Linker
    from sahel_tui.core.extract.pipeline import extract_article
    from sahel_tui.core.index_records import documents_for
    from sahel_tui.core.knowledge import load_knowledge

    kb = load_knowledge(None)
    linker = Linker(kb)
    paths = [Path(p) for p in args["files"]]
    times = dict.fromkeys(("load", "extract", "documents", "write"), 0.0)
    docs = []
    for path in paths:
        t0 = time.perf_counter()
        article = load_article(path)
        t1 = time.perf_counter()
        extraction = extract_article(article, linker)
        t2 = time.perf_counter()
        docs += documents_for(article, extraction)
        times["load"] += t1 - t0
        times["extract"] += t2 - t1
        times["documents"] += time.perf_counter() - t2
    with tempfile.TemporaryDirectory(dir=args["tmp"]) as tmp:
        t0 = time.perf_counter()
        search.write(search.create(Path(tmp)), docs, optimize=True)
        times["write"] = time.perf_counter() - t0
    n = max(len(paths), 1)
    return {"sample_docs": len(paths), **{f"{k}_ms_per_doc": v / n * 1000 for k, v in times.items()}}


def naive(args: dict) -> dict:
    from .naive import naive_build

    return {**naive_build([Path(p) for p in args["files"]], Path(args["index"])), "naive_rss_mb": rss_mb()}


# ---------------------------------------------------------------- browse
def run_query(library, query: dict, snippets: bool) -> int:
    """One UI request; returns how many results it produced."""
    from .queries import call_args

    if query["call"] == "timeline":
        return len(library.timeline(**call_args(query["args"])))
    if query["call"] == "quotes":
        return len(library.quotes(**call_args(query["args"])))
    # As the search pane asks: a page of 15 results, each with its snippet (more pages on scrolling).
    results = library.search(query["text"], limit=15, as_you_type=query["as_you_type"], snippets=snippets)
    return results.total


def timed(library, query: dict, snippets: bool) -> tuple[float, int, str, float]:
    """(wall ms, results, error, CPU ms): CPU time stays honest when other work shares the cores."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        count, error = run_query(library, query, snippets), ""
    except Exception as err:  # a query the core rejects is a finding, not a crash of the bench
        count, error = -1, f"{type(err).__name__}: {err}"
    return (time.perf_counter() - started) * 1000, count, error, (time.process_time() - cpu) * 1000


def browse(args: dict) -> dict:
    """Open the index as the app does, then run the whole mix without and with snippets."""
    from sahel_tui.core.library import Library

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    started = time.perf_counter()
    library = Library(config_of(args))
    library.open_existing()
    open_s = time.perf_counter() - started
    open_rss = rss_mb()
    first_ms = timed(library, {"call": "search", "text": "Mali", "as_you_type": False}, True)[0]
    passes = {}
    for snippets in (False, True):
        passes["snippets" if snippets else "plain"] = [timed(library, q, snippets) for q in queries]
    out = {"open_s": open_s, "open_rss_mb": open_rss, "first_query_ms": first_ms, "passes": passes,
           "browse_rss_mb": rss_mb()}
    library.close()
    return out


def update(args: dict) -> dict:
    """Time bringing the built index up to date after new files appeared (the app's start path)."""
    from sahel_tui.core.library import Library

    started = time.perf_counter()
    library = Library(config_of(args))
    report = library.ensure_index()
    out = {"update_s": time.perf_counter() - started, "update_action": report.action,
           "update_indexed": report.indexed, "update_rss_mb": rss_mb()}
    library.close()
    return out


def panes(args: dict) -> dict:
    """Each pane's request to the core on the built index (profiles, timeline, quotes, actors)."""
    from sahel_tui.core.library import Library

    from .panes import measure_panes

    library = Library(config_of(args))
    library.open_existing()
    out = measure_panes(library)
    library.close()
    return out


def stall(args: dict) -> dict:
    """The longest UI-thread stall in a scripted, headless app session."""
    from .stall import measure_stall

    return measure_stall(config_of(args))


MODES = {"build": build, "extract": extract_sample, "naive": naive, "browse": browse, "update": update,
         "panes": panes, "stall": stall}


def main(argv: list[str]) -> int:
    mode, args = argv[0], json.loads(argv[1])
    if mode.startswith("profile"):
        from .profiling import PROFILES
        result = PROFILES[mode](args)
    else:
        result = MODES[mode](args)
    sys.stdout.write(MARKER + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
