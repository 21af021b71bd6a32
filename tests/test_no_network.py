"""No network, ever: index, search and extract run with every socket operation forbidden."""
from __future__ import annotations

import socket

import pytest

from sahel_tui.cli import main
from tests.conftest import SEEDS
from tests.no_network import NetworkUsed, no_network  # noqa: F401 - a fixture


def test_the_fixture_really_forbids_the_network(no_network):  # noqa: F811
    with pytest.raises(NetworkUsed):
        socket.create_connection(("198.51.100.1", 80))
    assert no_network == ["create_connection"]


def test_index_search_and_extract_use_no_network(no_network, tmp_path, capsys):  # noqa: F811
    base = ["--corpus", str(SEEDS), "--index", str(tmp_path / "index")]
    assert main([*base, "index", "--rebuild"]) == 0
    assert main([*base, "search", "Kayes"]) == 0 and "Kayes" in capsys.readouterr().out
    assert main(["extract", str(sorted(SEEDS.glob("*.txt"))[0])]) == 0
    assert no_network == []
