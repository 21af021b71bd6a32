"""Fixtures for the app's tests, on the session's seed index (tests/conftest.py: `seed_library`).

`make_app` gives a SahelApp on that index with a per-test data folder (theme settings), the
dark theme fixed; waiting and reading helpers are in tui_helpers.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from sahel_tui.config import Config
from sahel_tui.core.library import Library
from sahel_tui.tui.app import SahelApp

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_config(seed_library: Library, tmp_path: Path) -> Config:
    """The seed index's config with this test's own data folder (for the theme setting)."""
    return replace(seed_library.config, data_dir=tmp_path / "user-data")


@pytest.fixture
def make_app(seed_library: Library, app_config: Config) -> Callable[..., SahelApp]:
    def make(theme: str = "textual-dark", **kwargs: object) -> SahelApp:
        return SahelApp(app_config, library=seed_library, theme=theme, **kwargs)
    return make
