"""Shared fixtures: an index of the bundled seeds built once per session into a temp folder.

Tests never touch the repo's index/, the user's home or the network.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from sahel_tui.config import Config, resolve
from sahel_tui.core import indexer
from sahel_tui.core.knowledge import KnowledgeBase, load_knowledge

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real per-user data directory."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SAHEL_TUI_DATA", str(home))
    for name in ("SAHEL_TUI_CORPUS", "SAHEL_TUI_INDEX"):
        monkeypatch.delenv(name, raising=False)


def make_config(corpus: Path, index: Path, data: Path) -> Config:
    return resolve(corpus=str(corpus), index=str(index), env={"SAHEL_TUI_DATA": str(data)})


def live_generation(index: Path) -> Path:
    """The index's live generation folder; the test fails here, by name, when there is none."""
    gen = indexer.live_generation(index)
    assert gen is not None, f"no live generation in {index}"
    return gen


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(None)


@pytest.fixture(scope="session")
def seed_config(tmp_path_factory) -> Config:
    base = tmp_path_factory.mktemp("seedindex")
    return make_config(SEEDS, base / "index", base / "data")


@pytest.fixture(scope="session")
def seed_library(seed_config):
    from sahel_tui.core.library import Library

    library = Library(seed_config)
    library.ensure_index()
    yield library
    library.close()
