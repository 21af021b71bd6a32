"""Freeze the code under test: every child process imports a copy of the package taken at the start.

Why: the index records a fingerprint of the extractor sources and the knowledge base, and
``ensure_index()`` rebuilds when either changes. In a tree where others are editing the
extractors, a start-up probe or the 10-article update would silently time a full rebuild, and
the build and the browsing could measure different code. A copy on PYTHONPATH (which comes
before the editable install's finder) keeps one version for the whole run. A file caught
mid-edit (does not compile or import) is retried after a pause.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
PACKAGE = BENCHMARKS.parent / "sahel_tui"
#: Import what the children import and extract one generated article: a half-edited extractor
#: often imports fine and fails only when it runs.
PROBE = """
import sahel_tui.core.library, sahel_tui.core.indexer, benchmarks.child
from pathlib import Path
from benchmarks.corpus_gen import Generator
from sahel_tui.core.corpus import parse_article
from sahel_tui.core.extract.linking import Linker
from sahel_tui.core.extract.pipeline import extract_article
generator = Generator(1)
article = parse_article(Path("probe.md"), generator.article(0).render().encode("utf-8"))
extract_article(article, Linker(generator.kb))
"""


class SnapshotError(RuntimeError):
    """The package could not be copied in an importable state."""


def _problem(root: Path, env: dict[str, str]) -> str | None:
    for path in sorted(root.rglob("*.py")):
        try:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        except (SyntaxError, UnicodeDecodeError) as err:
            return f"{path.relative_to(root.parent)} does not compile: {err}"
    probe = subprocess.run([sys.executable, "-c", PROBE + "print(sahel_tui.__file__)"], env=env,
                           cwd=root.parent, capture_output=True, text=True)
    if probe.returncode:
        return probe.stderr.strip().splitlines()[-1]
    if not probe.stdout.strip().startswith(str(root)):
        return f"the child imported {probe.stdout.strip()}, not the snapshot"
    return None


def child_env(code: Path) -> dict[str, str]:
    """Environment for a child that imports the snapshot. Run it with ``cwd=code`` too: ``-m`` and
    ``-c`` put the working directory first on sys.path, and in the checkout that is the live tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(code), env.get("PYTHONPATH"))))
    return env


def snapshot(work: Path, say, attempts: int = 5, pause: float = 60.0) -> Path:
    """Copy the package and the harness to ``work/code`` and check it imports; returns ``work/code``."""
    code = work / "code"
    for attempt in range(1, attempts + 1):
        shutil.rmtree(code, ignore_errors=True)
        for tree in (PACKAGE, BENCHMARKS):
            shutil.copytree(tree, code / tree.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        problem = _problem(code / PACKAGE.name, child_env(code))
        if problem is None:
            return code
        if attempt < attempts:
            say(f"code snapshot not usable ({problem}); a file is probably being edited, retrying in {pause:.0f}s")
            time.sleep(pause)
    raise SnapshotError(f"the package did not import after {attempts} attempts: {problem}")
