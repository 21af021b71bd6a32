"""The benchmark harness: a deterministic, realistic corpus generator and a complete JSON report.

Tests check shapes and counts only; they never assert on speed (timings vary run to run).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from benchmarks.corpus_gen import write_corpus
from benchmarks.queries import build_queries
from benchmarks.scan import ScanSpec, fold_text, scan_once
from benchmarks.stats import percentile
from sahel_tui.core.corpus import load_article

REQUIRED = ("docs", "build_s", "build_docs_per_s", "naive_build_docs_per_s", "extraction_share", "index_mb",
            "search_median_ms", "search_p95_ms", "search_p95_snippets_ms", "scan_p95_ms", "startup_s",
            "peak_rss_mb", "search_max_ms", "update_10_s", "build_speedup_vs_naive", "search_p95_vs_scan",
            "browse_rss_mb", "pane_max_ms", "pane_profile_max_ms", "pane_timeline_ms", "ui_stall_max_ms",
            "oneshot_search_s")
KINDS = {"word_common", "word_rare", "and2", "phrase", "prefix", "fuzzy", "actor", "place", "alias", "date",
         "timeline_actor", "timeline_place", "quotes"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("bench") / "corpus", 24, seed=7)


def kb_names(kb) -> set[str]:
    items = list(kb.actors.values()) + list(kb.places.values())
    return {name for item in items for name in (item.name, *item.aliases) if len(name) > 3}


def test_same_seed_same_files_other_seed_other_files(tmp_path, corpus):
    again = write_corpus(tmp_path / "again", 24, seed=7)
    assert [p.name for p in again] == [p.name for p in corpus]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, corpus, strict=False))
    other = write_corpus(tmp_path / "other", 3, seed=8)
    assert other[0].read_bytes() != corpus[0].read_bytes()


def test_an_article_does_not_depend_on_the_corpus_size(tmp_path, corpus):
    """Article i is the same in a small and a large corpus, so sizes extend each other."""
    tail = write_corpus(tmp_path / "tail", 2, seed=7, start=22)
    assert [p.read_bytes() for p in tail] == [p.read_bytes() for p in corpus[22:24]]


def test_requested_count_with_valid_front_matter(corpus):
    assert len(corpus) == 24
    for path in corpus:
        article = load_article(path)  # raises on invalid front matter
        assert article.title and article.source and article.author
        assert article.published and date(2010, 1, 1) <= article.published <= date(2024, 12, 31)
        assert article.published_precision == "day"
        assert 300 <= len(article.text.split()) <= 1700


def test_articles_name_knowledge_base_entities_quote_people_and_date_things(corpus, kb):
    names = kb_names(kb)
    for path in corpus:
        text = load_article(path).text
        assert any(name in text for name in names), path.name
    texts = [load_article(p).text for p in corpus]
    assert sum("“" in t for t in texts) >= 20
    assert sum(bool(re.search(r"\b(?:said|told)\b", t)) for t in texts) >= 20
    dated = r"\b(?:on|in) (?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    assert sum(bool(re.search(dated, t)) for t in texts) >= 15


def test_vocabulary_has_a_long_tail(corpus):
    """Most word types occur in one or two articles; a few occur everywhere (Zipf-like)."""
    doc_freq = Counter(w for p in corpus for w in set(re.findall(r"[a-z]+", load_article(p).text.lower())))
    rare = sum(1 for n in doc_freq.values() if n <= 2)
    assert len(doc_freq) > 2900  # ~3,000 word types in 24 articles; the exact count follows the packaged KB
    assert rare / len(doc_freq) > 0.5
    assert doc_freq["the"] == len(corpus)


def test_query_mix_is_seeded_and_covers_every_kind(kb):
    from benchmarks.corpus_gen import Generator

    gen = Generator(3, kb)
    first, second = build_queries(gen, kb, 50, 3), build_queries(gen, kb, 50, 3)
    assert [q.label() for q in first] == [q.label() for q in second]
    assert len(first) >= 200
    assert {q.kind for q in first} == KINDS
    assert [q.text for q in first if q.kind == "prefix"][:5] == ["K", "Ka", "Kay", "Kaye", "Kayes"]


def test_scan_folds_accents_and_checks_every_group(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\npublished: '2020-05-01'\n---\nGunmen attacked Ménaka on Monday.\n", encoding="utf-8")
    assert fold_text("MÉNAKA") == "menaka"
    assert scan_once([path], ScanSpec(groups=(("menaka",), ("gunmen", "soldiers")))) == 1
    assert scan_once([path], ScanSpec(groups=(("menaka",),), published=("2021-01-01", None))) == 0
    assert scan_once([path], ScanSpec(patterns=(r"\battack",))) == 1


def test_percentile_is_nearest_rank():
    values = list(range(1, 201))
    assert percentile(values, 0.95) == 190
    assert percentile(values, 0.5) == 100


@pytest.mark.slow
def test_tiny_harness_run_reports_every_key(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--docs", "30", "--json", "--workdir", str(tmp_path / "work"),
         "--startup-runs", "1", "--sample-docs", "10", "--oneshot-runs", "1"],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    for key in REQUIRED:
        assert isinstance(result[key], (int, float)) and not isinstance(result[key], bool), key
    assert result["docs"] == 30
    assert result["queries"] >= 200
    assert result["update_action"] == "update" and result["update_indexed"] == 10
    assert set(result["kinds"]) == KINDS
    for row in result["kinds"].values():
        assert {"median_ms", "p95_ms", "median_snippets_ms", "p95_snippets_ms"} <= set(row)
    assert not (tmp_path / "work" / "corpus" / "new").exists()


def test_compare_gives_the_ratio_of_each_figure_present_in_both_runs():
    from benchmarks.stats import compare, format_comparison

    new = {"search_p95_ms": 40.0, "build_s": 10.0, "only_new": 1.0, "startup_mode": "app", "ok": True}
    old = {"search_p95_ms": 80.0, "build_s": 10.0, "only_old": 2.0, "startup_mode": "app", "ok": True}
    result = compare(new, old)
    assert set(result) == {"search_p95_ms", "build_s"}
    assert result["search_p95_ms"]["ratio"] == 0.5 and result["build_s"]["ratio"] == 1.0
    assert "x0.50" in format_comparison({"file": "old.json", **result})
