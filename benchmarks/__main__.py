"""``python -m benchmarks --docs N [--json] [--workdir DIR] [--seed S]``: one benchmark run.

Prints a table of the figures (and with --json one JSON object on stdout); progress goes to
stderr. See harness.py for what each phase measures and why it runs where it runs.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from .harness import BenchError, Options, run
from .stats import compare, format_comparison, format_table

SHOWN = ("docs", "build_s", "build_articles_phase_s", "build_tail_s", "build_docs_per_s", "naive_build_docs_per_s",
         "naive_docs", "build_speedup_vs_naive", "build_cpu_s", "build_cpu_util", "extraction_share",
         "extraction_share_serial", "load_ms_per_doc", "extract_ms_per_doc", "write_ms_per_doc", "index_mb",
         "naive_index_mb", "quotes", "events", "search_median_ms", "search_p95_ms", "search_max_ms",
         "search_median_snippets_ms", "search_p95_snippets_ms", "search_max_snippets_ms",
         "search_median_snippets_cpu_ms", "search_p95_snippets_cpu_ms", "first_query_ms",
         "scan_median_ms", "scan_p95_ms", "scan_queries", "search_p95_same_queries_ms", "search_p95_vs_scan",
         "update_10_s", "startup_s", "startup_first_screen_s", "startup_pyc_s", "startup_pyc_first_screen_s",
         "python_bare_s", "startup_mode", "pyc_project", "pyc_deps", "peak_rss_mb", "build_worker_rss_mb",
         "browse_rss_mb", "open_s", "update_action", "extractor_version", "pane_actors_ms", "pane_profile_max_ms",
         "pane_timeline_ms", "pane_timeline_actor_ms", "pane_quotes_ms", "pane_max_ms", "ui_stall_max_ms",
         "ui_stall_during", "oneshot_search_s", "oneshot_search_max_s", "rg_s", "oneshot_vs_rg", "load_avg_start",
         "load_avg_end")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus and query seed (default 1)")
    parser.add_argument("--workdir", type=Path, help="keep corpus and index here (reused when docs/seed match)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--naive-docs", type=int, default=2000, help="cap for the naive build (default 2000)")
    parser.add_argument("--scan-per-kind", type=int, help="scan this many queries per kind (default: all up "
                        "to 2,000 articles, else 4)")
    parser.add_argument("--sample-docs", type=int, default=300, help="articles timed stage by stage")
    parser.add_argument("--startup-runs", type=int, default=3, help="launches per start-up figure (median)")
    parser.add_argument("--oneshot-runs", type=int, default=5, help="runs per word of the one-shot CLI timing")
    parser.add_argument("--profile", action="store_true", help="also cProfile build, extraction and each query kind")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--compare", type=Path, metavar="FILE",
                        help="a previous run's --json output: print each figure's ratio new/old beside it")
    return parser.parse_args(argv)


def _clean(value: object) -> object:
    """NaN is not JSON: report it as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.docs < 1:
        print("--docs must be at least 1", file=sys.stderr)
        return 2
    opts = Options(docs=args.docs, seed=args.seed, workdir=args.workdir, naive_docs=max(1, args.naive_docs),
                   scan_per_kind=args.scan_per_kind, sample_docs=max(1, args.sample_docs),
                   startup_runs=max(1, args.startup_runs), oneshot_runs=max(1, args.oneshot_runs),
                   profile=args.profile, keep=args.keep)
    try:
        result = run(opts)
    except BenchError as err:
        print(f"bench failed: {err}", file=sys.stderr)
        return 1
    if args.compare:
        try:
            previous = json.loads(args.compare.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            print(f"--compare: cannot read {args.compare}: {err}", file=sys.stderr)
            return 2
        result["compared_to"] = {"file": str(args.compare), **compare(result, previous)}
    if args.json:
        print(json.dumps(_clean(result), indent=2, ensure_ascii=False))
    else:
        print(format_table(result, SHOWN))
        for line in result["slowest"]:
            print(f"slow: {line}")
        for error in result["errors"]:
            print(f"error: {error}")
        if "compared_to" in result:
            print(format_comparison(result["compared_to"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
