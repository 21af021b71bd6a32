"""cProfile passes (``--profile``): where the build's writer, extraction and each query kind spend time.

Timing says *whether* a target is met; the lead needs to know *which core functions* to change.
Each pass runs in its own child (like the measurements) and writes a full pstats report to
``<workdir>/profile/``; the result keeps a short summary: the top functions by own time, and the
project's functions by cumulative time.
"""
from __future__ import annotations

import cProfile
import functools
import io
import json
import pstats
import shutil
from collections.abc import Callable
from pathlib import Path

TOP = 12


def _short(file: str) -> str:
    for marker in ("sahel_tui/", "site-packages/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def summarise(profile: cProfile.Profile, report: Path, title: str) -> dict:
    """Write the full report; return top-N lines by own time and project functions by cumulative."""
    buf = io.StringIO()
    st = pstats.Stats(profile, stream=buf)
    st.sort_stats("cumulative").print_stats(60)
    st.sort_stats("tottime").print_stats(40)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(f"# {title}\n" + buf.getvalue(), encoding="utf-8")
    rows = [(tt, ct, nc, f"{_short(f)}:{line}({fn})") for (f, line, fn), (_, nc, tt, ct, _) in st.stats.items()]  # type: ignore[attr-defined]
    own = [f"{tt:7.2f}s self {ct:7.2f}s cum {nc:>9} calls  {name}"
           for tt, ct, nc, name in sorted(rows, reverse=True)[:TOP]]
    ours = sorted((r for r in rows if r[3].startswith("core/")), key=lambda r: -r[1])[:TOP]
    return {"report": str(report), "top_self": own,
            "top_core_cumulative": [f"{ct:7.2f}s cum {nc:>9} calls  {name}" for _, ct, nc, name in ours]}


def _profiled(call: Callable[[], object]) -> cProfile.Profile:
    profile = cProfile.Profile()
    profile.enable()
    try:
        call()
    finally:
        profile.disable()
    return profile


def profile_build(args: dict) -> dict:
    """A full rebuild (real pool) profiled in the writer process; pool workers are not seen here."""
    from sahel_tui.core.library import Library

    from .child import config_of

    library = Library(config_of(args))
    result = summarise(_profiled(library.ensure_index), Path(args["out"]) / "build-writer.txt",
                       "full build, writer process (extraction runs in pool workers)")
    library.close()
    return result


def profile_open(args: dict) -> dict:
    """The app's start path on an up-to-date index: ensure_index (plan + open) and the actors list."""
    from sahel_tui.core.library import Library

    from .child import config_of

    library = Library(config_of(args))
    result = summarise(_profiled(lambda: (library.ensure_index(), library.actors())),
                       Path(args["out"]) / "open.txt", "Library(config).ensure_index() + actors(), index up to date")
    library.close()
    return result


def profile_update(args: dict) -> dict:
    """Bringing the index up to date after new files appeared (the 10-article update)."""
    from sahel_tui.core.library import Library

    from .child import config_of

    library = Library(config_of(args))
    result = summarise(_profiled(library.ensure_index), Path(args["out"]) / "update.txt",
                       "ensure_index() after new articles appeared")
    library.close()
    return result


def profile_extract(args: dict) -> dict:
    """Load and extract a sample serially: what each pool worker spends its time on."""
    from sahel_tui.core.corpus import load_article
    from sahel_tui.core.extract.linking import Linker
    from sahel_tui.core.extract.pipeline import extract_article
    from sahel_tui.core.knowledge import load_knowledge

    linker = Linker(load_knowledge(None))
    paths = [Path(p) for p in args["files"]]
    run = lambda: [extract_article(load_article(p), linker) for p in paths]  # noqa: E731
    return summarise(_profiled(run), Path(args["out"]) / "extract.txt", f"load+extract of {len(paths)} articles")


def _run_queries(timed: Callable[..., object], library: object, queries: list[dict]) -> list[object]:
    return [timed(library, q, True) for q in queries]


def profile_search(args: dict) -> dict:
    """Each query kind profiled separately, with snippets (what the results list shows)."""
    from sahel_tui.core.library import Library

    from .child import config_of, timed

    queries = json.loads(Path(args["queries"]).read_text(encoding="utf-8"))
    library = Library(config_of(args))
    library.open_existing()
    timed(library, {"call": "search", "text": "Mali", "as_you_type": False}, True)
    out = {}
    for kind in dict.fromkeys(q["kind"] for q in queries):
        mine = [q for q in queries if q["kind"] == kind]
        profile = _profiled(functools.partial(_run_queries, timed, library, mine))
        out[kind] = summarise(profile, Path(args["out"]) / f"search-{kind}.txt", f"{len(mine)} {kind} queries")
    library.close()
    return out


PROFILES = {"profile-build": profile_build, "profile-extract": profile_extract, "profile-search": profile_search,
            "profile-open": profile_open, "profile-update": profile_update}


def _subset(work: Path, files: list[Path]) -> Path:
    """A corpus folder of symlinks: profiling multiplies Whoosh's cost, so the rebuild is capped."""
    folder = work / "profile-corpus"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for path in files:
        (folder / path.name).symlink_to(path)
    return folder


def run_profiles(child: Callable[[str, dict], dict], work: Path, paths: dict, query_file: Path,
                 sample: list[Path], add_articles: Callable[[], object], build_files: list[Path]) -> dict:
    """Every pass, on an index in step with the corpus; the profiled rebuild gets its own folder."""
    out = str(work / "profile")
    result = {"open": child("profile-open", {**paths, "out": out})}
    add_articles()
    result["update"] = child("profile-update", {**paths, "out": out})
    build_paths = {**paths, "index": str(work / "index-profile"), "corpus": str(_subset(work, build_files))}
    shutil.rmtree(build_paths["index"], ignore_errors=True)
    result["build"] = child("profile-build", {**build_paths, "out": out})
    result["build"]["articles"] = len(build_files)
    shutil.rmtree(build_paths["index"], ignore_errors=True)
    shutil.rmtree(build_paths["corpus"], ignore_errors=True)
    result["extract"] = child("profile-extract", {"files": [str(p) for p in sample[:150]], "out": out})
    result["search"] = child("profile-search", {**paths, "queries": str(query_file), "out": out})
    return result
