"""A build started inside the app works: Textual replaces sys.stderr with a capture whose
fileno() is -1, and the parallel build must not hand that to multiprocessing.

Found as a user: the first launch on 100 articles said "Could not open the index (ValueError:
bad value(s) in fds_to_keep)". multiprocessing's resource tracker is started once per process,
so the check runs in a fresh interpreter, where it has not started yet.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ARTICLE = "---\ntitle: Raid {n} near Gao\npublished: 2024-03-0{day}\n---\nGunmen attacked market number {n} near Gao.\n"

SCRIPT = textwrap.dedent("""
    import contextlib, io, sys
    from pathlib import Path
    from sahel_tui.core import indexer
    from sahel_tui.core.knowledge import load_knowledge

    class Capture(io.TextIOBase):  # what Textual puts in sys.stderr while the app runs
        def write(self, text):
            return len(text)
        def fileno(self):
            return -1

    indexer.POOL_THRESHOLD = 4
    corpus, index = Path(sys.argv[1]), Path(sys.argv[2])
    with contextlib.redirect_stderr(Capture()):
        manifest = indexer.build(index, corpus, load_knowledge(None), workers=2)
    print("built", len(manifest.files))
""")


@pytest.mark.slow  # a fresh interpreter and two spawned workers
def test_a_parallel_build_works_while_stderr_is_the_apps_capture(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(12):
        (corpus / f"raid{n}.md").write_text(ARTICLE.format(n=n, day=n % 9 + 1))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(corpus), str(tmp_path / "index")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "built 12"
