"""Fixtures for the app's tests, on the session's seed index (tests/conftest.py: `seed_library`).

`make_app` gives a SahelApp on that index with a per-test data folder (theme settings), the
dark theme fixed and no typing pause; waiting and reading helpers are in tui_helpers.py.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

import pytest

from sahel_tui.config import Config
from sahel_tui.core.library import Library
from sahel_tui.tui.app import SahelApp

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's data folder."""
    monkeypatch.setenv("SAHEL_TUI_DATA", str(tmp_path / "user-data"))
    monkeypatch.setenv("COLORTERM", "truecolor")  # the terminal's colours do not choose the theme …
    monkeypatch.delenv("SAHEL_TUI_ASCII", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # … nor its glyphs (tests that want them set them)
    for name in ("SAHEL_TUI_CORPUS", "SAHEL_TUI_INDEX"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app_config(seed_library: Library, tmp_path: Path) -> Config:
    """The seed index's config with this test's own data folder (for the theme setting)."""
    return replace(seed_library.config, data_dir=tmp_path / "user-data")


class MakeApp(Protocol):
    """`make_app(...)`: a SahelApp on the seed index (type a test's `make_app` parameter with it)."""

    def __call__(self, theme: str | None = "textual-dark", *, remember_theme: bool = True,
                 debounce: float | None = 0.0) -> SahelApp: ...


@pytest.fixture
def make_app(seed_library: Library, app_config: Config) -> MakeApp:
    def make(theme: str | None = "textual-dark", *, remember_theme: bool = True,
             debounce: float | None = 0.0) -> SahelApp:
        # debounce 0: searches run as keys arrive, so no test waits for a timer
        return SahelApp(app_config, library=seed_library, theme=theme, remember_theme=remember_theme,
                        debounce=debounce)
    return make
