"""One-shot CLI calls, timed as a user waits for them, beside ripgrep over the same files.

Why: an analyst also asks from a shell (`sahel-tui search Kayes`), and each such call pays for the
interpreter, the imports, opening the index and any check of the corpus before a single search.
The fair yardstick is the tool they would otherwise use: `rg -l -i -F WORD` over the corpus.
Each figure is the median wall time of several runs, measured pair by pair (ours, then rg) so a
machine that slows down mid-run slows both.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: Words as a user types them at a shell: a rare name, a place, a common word.
WORDS = ("Kayes", "Menaka", "attack")


def _wall(argv: list[str], env: dict[str, str] | None, cwd: Path | None) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started, proc.returncode


def measure_oneshot(corpus: Path, index: Path, data: Path, env: dict[str, str], cwd: Path,
                    runs: int = 5) -> dict[str, object]:
    """Median wall seconds of `sahel-tui search WORD` and of `rg -l -i -F WORD`, per word and overall."""
    env = {**env, "SAHEL_TUI_DATA": str(data)}
    ours_argv = [sys.executable, "-m", "sahel_tui", "--corpus", str(corpus), "--index", str(index), "search"]
    rg = shutil.which("rg")
    out: dict[str, object] = {"oneshot_words": list(WORDS), "rg_available": bool(rg)}
    ours_all: list[float] = []
    rg_all: list[float] = []
    ratios: list[float] = []
    _wall([*ours_argv, WORDS[0]], env, cwd)  # warm the page cache for both
    if rg:
        _wall([rg, "-l", "-i", "-F", WORDS[0], str(corpus)], None, None)
    for word in WORDS:
        for _ in range(runs):
            ours, code = _wall([*ours_argv, word], env, cwd)
            if code not in (0, 1):
                raise RuntimeError(f"sahel-tui search {word} exited {code}")
            ours_all.append(ours)
            if rg:
                theirs, _ = _wall([rg, "-l", "-i", "-F", word, str(corpus)], None, None)
                rg_all.append(theirs)
                ratios.append(ours / theirs)
    out["oneshot_search_s"] = statistics.median(ours_all)
    out["oneshot_search_max_s"] = max(ours_all)
    if rg:
        out["rg_s"] = statistics.median(rg_all)
        out["oneshot_vs_rg"] = statistics.median(ratios)
    return out
