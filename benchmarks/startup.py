"""Launch time: from before the interpreter starts to the app's first usable screen, headless.

A child ``python -c`` runs `SahelApp` with ``App.run_test()`` (no terminal needed) and prints a
marker when the search input is mounted (first screen) and another when the app's worker has
opened the index (``app.handle`` set). The parent timestamps each marker as it reads it, so the
figure includes interpreter start, imports and the index's open path, exactly what a user waits
for. If the app cannot be imported, the fallback opens the Library and runs a first search.

This machine sets PYTHONDONTWRITEBYTECODE=1, so the project's modules are compiled on every
start; installed packages carry .pyc files. Both are measured: as the machine is, and with a
bytecode cache under the work folder (PYTHONPYCACHEPREFIX), which is what an installed app gets.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

APP_SCRIPT = """
import asyncio, sys
from sahel_tui.config import resolve
from sahel_tui.tui.app import SahelApp
from textual.widgets import Input
config = resolve(corpus=sys.argv[1], index=sys.argv[2], env={"SAHEL_TUI_DATA": sys.argv[3]})
async def main():
    app = SahelApp(config, remember_theme=False)
    async with app.run_test(headless=True, size=(120, 40)):
        screen_seen, deadline = False, asyncio.get_running_loop().time() + 300
        while app.handle is None and asyncio.get_running_loop().time() < deadline:
            if not screen_seen and app.screen.query(Input):
                print("FIRST-SCREEN", flush=True)
                screen_seen = True
            await asyncio.sleep(0.002)
        if not screen_seen:
            print("FIRST-SCREEN", flush=True)
        if app.handle is not None:
            print("READY", flush=True)
asyncio.run(main())
"""
LIBRARY_SCRIPT = """
import sys
from sahel_tui.config import resolve
from sahel_tui.core.library import Library
library = Library(resolve(corpus=sys.argv[1], index=sys.argv[2], env={"SAHEL_TUI_DATA": sys.argv[3]}))
library.open_existing()
print("FIRST-SCREEN", flush=True)
library.search("Mali", limit=20)
print("READY", flush=True)
"""


@dataclass(frozen=True)
class Launcher:
    """Starts probe interpreters on the frozen code: its environment and working directory."""

    env: dict[str, str]
    cwd: Path

    def with_env(self, drop: tuple[str, ...] = (), **add: str) -> Launcher:
        env = {k: v for k, v in self.env.items() if k not in drop}
        return Launcher({**env, **add}, self.cwd)

    def app_available(self) -> bool:
        """Can the app be imported in a fresh process (it is being written while the bench runs)?"""
        probe = subprocess.run([sys.executable, "-c", "import sahel_tui.tui.app"], capture_output=True,
                               text=True, env=self.env, cwd=self.cwd)
        return probe.returncode == 0

    def bare(self) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=self.env, cwd=self.cwd, check=True)
        return time.perf_counter() - started

    def launch(self, script: str, argv: list[str]) -> dict[str, float]:
        """Seconds from spawn to each marker line of the child."""
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", script, *argv], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=self.env, cwd=self.cwd)
        marks: dict[str, float] = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            marks[line.strip()] = time.perf_counter() - started
        _, err = proc.communicate()
        if proc.returncode != 0 or "READY" not in marks:
            raise RuntimeError(f"start-up probe failed ({proc.returncode}): {err.strip()[-600:]}")
        return marks

    def medians(self, script: str, argv: list[str], runs: int) -> tuple[float, float]:
        results = [self.launch(script, argv) for _ in range(runs)]
        return (statistics.median(r["FIRST-SCREEN"] for r in results),
                statistics.median(r["READY"] for r in results))


def pyc_present(code: Path) -> dict[str, bool]:
    """Whether compiled bytecode sits next to the measured code (the snapshot), the checkout and the
    dependencies (compiled at install time)."""
    import textual
    import whoosh

    import sahel_tui

    def has(pkg: Path) -> bool:
        return any(pkg.glob("__pycache__/*.pyc"))
    return {"pyc_project": has(code / "sahel_tui"), "pyc_checkout": has(Path(sahel_tui.__file__).parent),
            "pyc_deps": has(Path(textual.__file__).parent) and has(Path(whoosh.__file__).parent)}


def _script(launcher: Launcher, argv: list[str]) -> tuple[str, str]:
    """The app probe if the app starts, else the Library probe; and a description of which."""
    if not launcher.app_available():
        return LIBRARY_SCRIPT, "fallback: Library.open_existing + first search (app not importable)"
    try:
        launcher.launch(APP_SCRIPT, argv)  # also warms the OS page cache
        return APP_SCRIPT, "app (SahelApp.run_test, headless)"
    except RuntimeError as err:  # the app is being written while the bench runs: say so, measure the core
        return LIBRARY_SCRIPT, f"fallback: Library.open_existing + first search (app failed: {err})"


def measure_startup(corpus: Path, index: Path, data: Path, workdir: Path, env: dict[str, str],
                    code: Path, runs: int = 3) -> dict:
    """Median start-up as the machine is, then with a warm bytecode cache; plus bare Python."""
    argv = [str(corpus), str(index), str(data)]
    launcher = Launcher(env, code)
    bare = statistics.median(launcher.bare() for _ in range(runs))
    script, mode = _script(launcher, argv)
    launcher.launch(script, argv)
    first, ready = launcher.medians(script, argv, runs)
    cached = launcher.with_env(("PYTHONDONTWRITEBYTECODE",), PYTHONPYCACHEPREFIX=str(workdir / "pycache"))
    cached.launch(script, argv)  # compiles everything into the cache
    first_pyc, ready_pyc = cached.medians(script, argv, runs)
    return {"startup_s": ready, "startup_first_screen_s": first, "startup_pyc_s": ready_pyc,
            "startup_pyc_first_screen_s": first_pyc, "python_bare_s": bare, "startup_mode": mode,
            "pythondontwritebytecode": env.get("PYTHONDONTWRITEBYTECODE", ""), **pyc_present(code)}
