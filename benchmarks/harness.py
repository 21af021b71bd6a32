"""One benchmark run: generate the corpus, then measure each phase in its own child process.

Order matters: build, stage costs and the naive build first; then browsing and start-up on the
built index; the grep-like scan; and last the 10-article update, which changes the index.
Everything is written under the work folder (a temp dir by default), never into the checkout,
and every child imports a copy of the code taken at the start (snapshot.py), so edits made to
the tree during a run neither change what is measured nor trigger rebuilds.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sahel_tui.config import PROJECT_ROOT
from sahel_tui.core.corpus import article_files
from sahel_tui.core.knowledge import load_knowledge

from . import stats
from .child import MARKER
from .corpus_gen import GENERATOR_VERSION, Generator, write_corpus
from .oneshot import measure_oneshot
from .queries import Query, build_queries
from .scan import scan_queries
from .snapshot import SnapshotError, child_env, snapshot
from .startup import measure_startup

UPDATE_COUNT = 10
PROFILE_BUILD_DOCS = 2000  # the profiled rebuild runs on at most this many articles


class BenchError(RuntimeError):
    """A phase of the benchmark failed; the message carries the child's error output."""


@dataclass
class Options:
    docs: int
    seed: int = 1
    workdir: Path | None = None
    naive_docs: int = 2000  # the naive build runs on at most this many articles
    scan_per_kind: int | None = None  # None: the whole mix up to 2,000 articles, else 4 per kind
    sample_docs: int = 300  # articles timed stage by stage (load, extract, documents, write)
    startup_runs: int = 3
    oneshot_runs: int = 5
    profile: bool = False
    keep: bool = False


_STARTED = time.monotonic()


def say(message: str) -> None:
    """A progress line with the minutes and seconds since the run started (where a long run spends its time)."""
    minutes, seconds = divmod(int(time.monotonic() - _STARTED), 60)
    print(f"[bench {minutes:3d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)


class Children:
    """Runs measurements in fresh interpreters that import the frozen copy of the code."""

    def __init__(self, code: Path) -> None:
        self.env, self.cwd = child_env(code), code

    def __call__(self, mode: str, args: dict) -> dict:
        result = child(mode, args, self.env, self.cwd)
        self._checkpoint(mode, result, args)
        return result

    def _checkpoint(self, mode: str, result: dict, args: dict) -> None:
        """Keep each phase's raw result in ``<workdir>/phases.json`` as it completes: a long run
        (50k articles) that is stopped still leaves its figures behind."""
        folder = self.cwd.parent
        path = folder / "phases.json"
        phases = json.loads(path.read_text()) if path.is_file() else {}
        phases[mode] = {k: v for k, v in result.items() if k != "passes"}
        if "passes" in result:
            phases[mode]["latency_ms"] = {name: stats.summary([t[0] for t in rows])
                                          for name, rows in result["passes"].items()}
        path.write_text(json.dumps(phases, indent=1))


def child(mode: str, args: dict, env: dict[str, str] | None = None, cwd: Path | None = None) -> dict:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.child", mode, json.dumps(args)],
                          capture_output=True, text=True, env=env, cwd=cwd)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(MARKER)]
    if proc.returncode != 0 or not lines:
        raise BenchError(f"{mode} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][len(MARKER):])


# ---------------------------------------------------------------- work folder
def work_folder(opts: Options) -> Path:
    """The folder for corpus and indexes; refuses anything inside the checkout."""
    folder = Path(opts.workdir or tempfile.mkdtemp(prefix="sahel-bench-")).resolve()
    if folder == PROJECT_ROOT or PROJECT_ROOT in folder.parents:
        raise BenchError(f"--workdir {folder} is inside the project; use a folder under /tmp")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_corpus(work: Path, docs: int, seed: int) -> Path:
    """Generate the corpus, or reuse the one already there for the same size, seed and generator."""
    corpus, stamp_file = work / "corpus", work / "corpus.json"
    stamp = {"docs": docs, "seed": seed, "generator": GENERATOR_VERSION}
    shutil.rmtree(corpus / "new", ignore_errors=True)  # the previous run's update articles
    if stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp and corpus.is_dir():
        say(f"reusing the corpus in {corpus}")
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    say(f"generating {docs} articles (seed {seed}) in {corpus}")
    write_corpus(corpus, docs, seed, workers=2 if docs >= 2000 else 1)
    stamp_file.write_text(json.dumps(stamp))
    return corpus


def spread(items: list, k: int) -> list:
    """k items evenly spaced through the list (all of them when k >= len)."""
    if k >= len(items):
        return items
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)] if k > 1 else items[:1]


# ---------------------------------------------------------------- phases
def measure_scan(files: list[Path], queries: list[Query], per_kind: int | None) -> tuple[list[int], list]:
    """Scan a stratified subset of the mix (indexes into it) and return the timings."""
    kinds = list(dict.fromkeys(q.kind for q in queries))
    chosen = [i for kind in kinds for i in spread([j for j, q in enumerate(queries) if q.kind == kind],
                                                  per_kind or len(queries))]
    say(f"scanning {len(files)} files for {len(chosen)} queries")
    return chosen, scan_queries(files, [queries[i].scan for i in chosen])


def run(opts: Options) -> dict:
    work = work_folder(opts)
    try:
        return _run(opts, work)
    finally:
        if opts.workdir is None and not opts.keep:
            shutil.rmtree(work, ignore_errors=True)


@dataclass
class Context:
    """Everything the phases of one run share."""

    opts: Options
    work: Path
    child: Children
    corpus: Path
    paths: dict  # corpus, index and data folders, as strings for the children
    files: list[Path]
    queries: list[Query]
    query_file: Path


def _prepare(opts: Options, work: Path) -> Context:
    (work / "phases.json").unlink(missing_ok=True)
    try:
        code = snapshot(work, say)
    except SnapshotError as err:
        raise BenchError(str(err)) from err
    corpus = ensure_corpus(work, opts.docs, opts.seed)
    shutil.rmtree(work / "index", ignore_errors=True)
    paths = {"corpus": str(corpus), "index": str(work / "index"), "data": str(work / "data")}
    kb = load_knowledge(None)
    queries = build_queries(Generator(opts.seed, kb), kb, opts.docs, opts.seed)
    query_file = work / "queries.json"
    query_file.write_text(json.dumps([{k: v for k, v in asdict(q).items() if k != "scan"} for q in queries]))
    return Context(opts, work, Children(code), corpus, paths, article_files(corpus), queries, query_file)


def _build_phases(ctx: Context) -> tuple[dict, dict, dict]:
    """The real build, its stage costs on a sample, and the naive baseline."""
    say(f"building the index of {len(ctx.files)} articles (Library.ensure_index)")
    build = ctx.child("build", ctx.paths)
    sample = spread(ctx.files, ctx.opts.sample_docs)
    say(f"timing build stages on a sample of {len(sample)} articles")
    stages = ctx.child("extract", {"files": [str(p) for p in sample], "tmp": str(ctx.work)})
    subset, naive_index = ctx.files[:ctx.opts.naive_docs], ctx.work / "naive-index"
    say(f"naive single-writer Whoosh build of {len(subset)} articles")
    shutil.rmtree(naive_index, ignore_errors=True)
    naive = ctx.child("naive", {"files": [str(p) for p in subset], "index": str(naive_index)})
    shutil.rmtree(naive_index, ignore_errors=True)
    return build, stages, naive


def _add_articles(ctx: Context, start: int) -> None:
    write_corpus(ctx.corpus / "new", UPDATE_COUNT, ctx.opts.seed, start=start)


def _run(opts: Options, work: Path) -> dict:
    load_start = os.getloadavg()[0]
    ctx = _prepare(opts, work)
    build, stages, naive = _build_phases(ctx)
    say(f"browsing: {len(ctx.queries)} queries, without then with snippets")
    browse = ctx.child("browse", {**ctx.paths, "queries": str(ctx.query_file)})
    say("start-up probes")
    startup = measure_startup(ctx.corpus, Path(ctx.paths["index"]), Path(ctx.paths["data"]), work,
                              ctx.child.env, ctx.child.cwd, opts.startup_runs)
    say("pane requests (profiles, timeline, quotes, actors) and UI-thread stalls")
    panes = ctx.child("panes", ctx.paths)
    stall = _stall(ctx)
    say("one-shot CLI searches beside ripgrep")
    oneshot = measure_oneshot(ctx.corpus, Path(ctx.paths["index"]), Path(ctx.paths["data"]), ctx.child.env,
                              ctx.child.cwd, opts.oneshot_runs)
    scan = measure_scan(ctx.files, ctx.queries, opts.scan_per_kind or (None if opts.docs <= 2000 else 4))
    say(f"adding {UPDATE_COUNT} articles and updating the index")
    _add_articles(ctx, opts.docs)
    update = ctx.child("update", ctx.paths)
    profile = {}
    if opts.profile:
        from .profiling import run_profiles
        say("profiling start path, update, build, extraction and each query kind")
        profile = run_profiles(ctx.child, work, ctx.paths, ctx.query_file, spread(ctx.files, opts.sample_docs),
                               lambda: _add_articles(ctx, opts.docs + UPDATE_COUNT), ctx.files[:PROFILE_BUILD_DOCS])
    shutil.rmtree(ctx.corpus / "new", ignore_errors=True)
    result = {**_build_figures(build, stages, naive), **_search_figures(ctx.queries, browse, scan),
              "update_10_s": update["update_s"], "startup_s": startup["startup_s"],
              "peak_rss_mb": build["peak_rss_mb"], "browse_rss_mb": browse["browse_rss_mb"],
              **panes, **stall, **oneshot}
    result.update({k: v for k, v in build.items() if k not in result and k != "articles"})
    result.update({**stages, **{k: v for k, v in naive.items() if k not in result}, **browse, **startup, **update})
    result.update(seed=opts.seed, workdir=str(work) if opts.workdir or opts.keep else None,
                  load_avg_start=load_start, load_avg_end=os.getloadavg()[0])
    result["targets"] = stats.check_targets(result)
    if profile:
        result["profile"] = profile
    return result


def _stall(ctx: Context) -> dict:
    """The UI-thread probe needs the app; a tree where the app does not start still gets its other figures."""
    try:
        return ctx.child("stall", ctx.paths)
    except BenchError as err:
        say(f"UI stall probe failed: {str(err).splitlines()[-1]}")
        return {"ui_stall_max_ms": None, "ui_stall_during": f"failed: {str(err).splitlines()[-1]}"}


def _build_figures(build: dict, stages: dict, naive: dict) -> dict:
    """Throughput, the naive comparison, and where the build's CPU goes."""
    docs, cpu = build["articles"], build["build_worker_cpu_s"] + build["build_writer_cpu_s"]
    per_doc = sum(stages[f"{k}_ms_per_doc"] for k in ("load", "extract", "documents", "write"))
    return {
        "docs": docs, "build_s": build["build_s"], "build_docs_per_s": docs / build["build_s"],
        "naive_build_docs_per_s": naive["naive_build_docs_per_s"], "naive_docs": naive["naive_docs"],
        "build_speedup_vs_naive": docs / build["build_s"] / naive["naive_build_docs_per_s"],
        "extraction_share": min(1.0, docs * stages["extract_ms_per_doc"] / 1000 / cpu),
        "extraction_share_method": "docs x extract_article ms/doc (serial sample) / all CPU of the build "
                                   "(build process + pool workers, rusage)",
        "extraction_share_serial": stages["extract_ms_per_doc"] / per_doc, "build_cpu_s": cpu,
        "build_cpu_util": cpu / build["build_s"] / (os.cpu_count() or 1),
        "index_mb": build["index_mb"], "naive_index_mb": naive["naive_index_mb"],
    }


def _search_figures(queries: list[Query], browse: dict, scan: tuple[list[int], list]) -> dict:
    """Latency overall and per kind, without and with snippets, beside the scan of the same queries."""
    kinds = [q.kind for q in queries]
    plain, snip = browse.pop("passes").values()
    p, s = stats.summary([t[0] for t in plain]), stats.summary([t[0] for t in snip])
    chosen, scanned = scan
    scan_ms, same = [ms for ms, _ in scanned], [snip[i][0] for i in chosen]
    return {
        "search_median_ms": p["median_ms"], "search_p95_ms": p["p95_ms"], "search_max_ms": p["max_ms"],
        "search_median_snippets_ms": s["median_ms"], "search_p95_snippets_ms": s["p95_ms"],
        "search_max_snippets_ms": s["max_ms"], "queries": len(queries),
        "search_median_snippets_cpu_ms": stats.percentile([t[3] for t in snip], 0.5),
        "search_p95_snippets_cpu_ms": stats.percentile([t[3] for t in snip], 0.95),
        "scan_median_ms": stats.percentile(scan_ms, 0.5), "scan_p95_ms": stats.percentile(scan_ms, 0.95),
        "scan_queries": len(chosen), "search_p95_same_queries_ms": stats.percentile(same, 0.95),
        "search_p95_vs_scan": stats.percentile(same, 0.95) / stats.percentile(scan_ms, 0.95),
        "kinds": stats.kind_table(kinds, plain, snip, stats.by_kind([kinds[i] for i in chosen], scan_ms)),
        "slowest": [f"{t[0]:.0f} ms {q.kind}: {q.label()}"
                    for t, q in sorted(zip(snip, queries, strict=False), key=lambda x: -x[0][0])[:8]],
        "errors": sorted({f"{q.kind}: {q.label()}: {t[2]}"
                          for q, t in zip(queries * 2, plain + snip, strict=False) if t[2]})[:20],
    }
