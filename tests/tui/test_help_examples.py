"""The filter-box examples the `?` help and the README show are queries the parser reads: an
analyst who types an example from the help must not get "is not a kind"."""
from __future__ import annotations

import re

import pytest

from sahel_tui.tui.screens.help import FILTER_BOXES
from tests.conftest import REPO

EXAMPLES = {pane: example for pane, example in FILTER_BOXES if pane in ("timeline", "quotes")}


@pytest.mark.parametrize("pane", sorted(EXAMPLES))
def test_each_help_example_runs_in_its_pane(seed_library, pane):
    run = {"timeline": seed_library.timeline_page, "quotes": seed_library.quotes_page}[pane]
    run(EXAMPLES[pane], limit=1)  # raises QueryError on a query the parser refuses


def test_the_readmes_timeline_example_runs(seed_library):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"The timeline's filter box takes `([^`]+)`", readme)
    assert example is not None
    seed_library.timeline_page(example.group(1), limit=1)
