"""The app starts, builds its index and searches with the network forbidden."""
from __future__ import annotations

from pathlib import Path

from sahel_tui.config import Config
from sahel_tui.tui.app import SahelApp
from tests.no_network import no_network  # noqa: F401 - a fixture
from tests.tui.tui_helpers import screen_text, settle, type_text

REPO = Path(__file__).resolve().parents[2]


async def test_app_start_up_uses_no_network(no_network, tmp_path: Path) -> None:  # noqa: F811
    app = SahelApp(Config(REPO / "seeds", tmp_path / "index", tmp_path / "data"), theme="textual-dark")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Kayes")
        assert "Kayes" in screen_text(app)
    assert no_network == []
