"""Summaries of the raw timings, the issue's targets, and the printed table.

Percentiles are nearest-rank (p95 of 200 values is the 190th smallest), so a reported p95 is a
latency that was actually observed, not an interpolation.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

#: (key, comparison, limit, unit) — the issue's targets at 10,000 articles on a 2-core machine.
TARGETS = (
    ("search_p95_snippets_ms", "<=", 50.0, "ms"),
    ("search_median_snippets_ms", "<=", 15.0, "ms"),
    ("build_speedup_vs_naive", ">=", 1.5, "x"),
    ("update_10_s", "<=", 10.0, "s"),
    ("startup_s", "<=", 1.0, "s"),
    ("browse_rss_mb", "<=", 300.0, "MB"),
    ("oneshot_search_s", "<=", 0.4, "s"),
    ("oneshot_vs_rg", "<=", 8.0, "x"),
    ("pane_max_ms", "<=", 300.0, "ms"),
    ("ui_stall_max_ms", "<=", 50.0, "ms"),
)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def summary(values: Sequence[float]) -> dict[str, float]:
    return {"n": len(values), "median_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95),
            "max_ms": max(values) if values else float("nan")}


def by_kind(kinds: Sequence[str], values: Sequence[float]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for kind, value in zip(kinds, values, strict=False):
        out.setdefault(kind, []).append(value)
    return out


def kind_table(kinds: Sequence[str], plain: Sequence[tuple], snippets: Sequence[tuple],
               scan: dict[str, list[float]]) -> dict[str, dict]:
    """Per query kind: latency without/with snippets, how many found nothing or failed, scan median."""
    out: dict[str, dict] = {}
    for kind in dict.fromkeys(kinds):
        rows = [i for i, k in enumerate(kinds) if k == kind]
        p = summary([plain[i][0] for i in rows])
        s = summary([snippets[i][0] for i in rows])
        out[kind] = {"n": len(rows), "median_ms": p["median_ms"], "p95_ms": p["p95_ms"], "max_ms": p["max_ms"],
                     "median_snippets_ms": s["median_ms"], "p95_snippets_ms": s["p95_ms"],
                     "max_snippets_ms": s["max_ms"], "zero_hits": sum(plain[i][1] == 0 for i in rows),
                     "errors": sum(bool(plain[i][2]) for i in rows)}
        if scan.get(kind):
            out[kind]["scan_median_ms"] = percentile(scan[kind], 0.5)
    return out


def check_targets(result: dict) -> dict[str, dict]:
    out = {}
    for key, op, limit, unit in TARGETS:
        value = result.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        met = value <= limit if op == "<=" else value >= limit
        out[key] = {"value": value, "target": f"{op} {limit:g} {unit}", "met": met,
                    "factor": (value / limit if op == "<=" else limit / value) if value else None}
    return out


# ---------------------------------------------------------------- printing
def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def format_table(result: dict, keys: Iterable[str]) -> str:
    lines = [f"{key:<34} {_fmt(result[key])}" for key in keys if key in result]
    lines.append("")
    lines.append(f"{'kind':<15}{'n':>4}{'med':>9}{'p95':>9}{'max':>9}{'med+snip':>10}{'p95+snip':>10}"
                 f"{'scan med':>10}{'0-hit':>7}{'err':>5}")
    for kind, row in result.get("kinds", {}).items():
        lines.append(f"{kind:<15}{row['n']:>4}{row['median_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}"
                     f"{row['median_snippets_ms']:>10.1f}{row['p95_snippets_ms']:>10.1f}"
                     f"{row.get('scan_median_ms', float('nan')):>10.1f}{row['zero_hits']:>7}{row['errors']:>5}")
    lines.append("")
    for key, t in result.get("targets", {}).items():
        lines.append(f"target {key:<28} {_fmt(t['value'])} (target {t['target']}): {'MET' if t['met'] else 'MISSED'}")
    return "\n".join(lines)


# ---------------------------------------------------------------- comparing two runs
def compare(new: dict, old: dict) -> dict[str, dict[str, float]]:
    """For each numeric figure in both runs: old, new and new/old (ratios < 1 are faster for times)."""
    out: dict[str, dict[str, float]] = {}
    for key, value in new.items():
        before = old.get(key)
        if (isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(before, (int, float))
                and not isinstance(before, bool) and before and not math.isnan(value) and not math.isnan(before)):
            out[key] = {"old": float(before), "new": float(value), "ratio": float(value) / float(before)}
    return out


def format_comparison(comparison: dict) -> str:
    rows = {k: v for k, v in comparison.items() if isinstance(v, dict)}
    lines = ["", f"compared to {comparison.get('file')} (ratio = new / old)"]
    lines += [f"{key:<34} {_fmt(v['old']):>12} -> {_fmt(v['new']):>12}   x{v['ratio']:.2f}" for key, v in rows.items()]
    return "\n".join(lines)
