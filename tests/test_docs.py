"""The README tells the truth: its set-up commands are the ones CI runs, every command is documented."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sahel_tui.cli import build_parser, main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


GUARDS = (".venv/bin/ruff ", ".venv/bin/mypy", ".venv/bin/lint-imports", "bash .ci/offline-install")


def test_ci_runs_the_readme_test_command_with_the_guards_in_between():
    """.ci/run = the README's install, the static guards and the offline install, the README's test
    run; nothing else."""
    lines = [ln for ln in (REPO / ".ci" / "run").read_text().splitlines()
             if ln and not ln.startswith(("#", "set ", "cd ", "rm "))]
    install, tests = lines[0], lines[-1]
    assert f"\n{install} && {tests}\n" in README
    assert lines[1:-1] and all(ln.startswith(GUARDS) for ln in lines[1:-1])
    development = README.split("## Development", 1)[1].split("\n## ", 1)[0]
    documented = re.search(r"^Static guards.*?\n```sh\n(.*?)\n```", development, re.M | re.S)
    assert documented, "the Development section lists the static guards"
    guards = [ln for ln in lines[1:-1] if not ln.startswith("bash ")]
    assert documented.group(1).splitlines() == guards, "the README's guards are exactly the ones CI runs"


def test_ci_runs_the_air_gapped_install_exactly_as_the_readme_says():
    section = README.split("## Air-gapped install", 1)[1].split("\n## ", 1)[0]
    commands = [ln for block in re.findall(r"^```sh\n(.*?)\n```", section, re.M | re.S)
                for ln in block.splitlines() if ln and not ln.startswith("#")]
    script = (REPO / ".ci" / "offline-install").read_text()
    assert "pip wheel --wheel-dir wheels ." in section and "--no-index --find-links wheels sahel-tui" in section
    assert commands and all(ln in script.splitlines() for ln in commands), "run verbatim by CI"
    assert "bash .ci/offline-install" in (REPO / ".ci" / "run").read_text()


def test_readme_has_exactly_two_setup_commands():
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^```(?:sh|bash)\n(.*?)\n```", setup, re.M | re.S)
    assert len(commands) == 2
    assert commands[0].endswith("sahel-tui") and commands[1].endswith("pytest")


def _subcommands() -> list[str]:
    subparsers = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(subparsers[0].choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_is_documented_and_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert f"sahel-tui {command}" in README
    with pytest.raises(SystemExit) as stopped:  # in this process: a fresh interpreter per command cost ~1 s each
        main([command, "--help"])
    assert stopped.value.code == 0 and f"usage: sahel-tui {command}" in capsys.readouterr().out


def test_the_module_runs_as_a_command() -> None:
    """`python -m sahel_tui` is the entry point the subprocess tests and the harness use."""
    result = subprocess.run([sys.executable, "-m", "sahel_tui", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage: sahel-tui" in result.stdout


def test_core_imports_neither_textual_nor_rich():
    """The core stays pure (and `sahel-tui search` starts fast): checked in a fresh interpreter."""
    code = ("import sys, sahel_tui.core.library, sahel_tui.core.extract.pipeline, sahel_tui.core.serialize;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
