"""Extraction quality gate: the shared scorer on the seed gold must stay above pinned floors.

The gold lives beside the project (../shared, as in CI); the test is skipped where it is absent.
Raise a floor deliberately when an extractor improves; never lower one to make a change pass.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score.py"
FLOORS = {"attributed_quotes_f1": 0.97, "dated_events_f1": 0.95, "actors_f1": 0.97, "places_f1": 0.97,
          "published_acc": 1.0}


@pytest.mark.skipif(not SCORER.is_file(), reason="shared gold not available beside the project")
def test_seed_gold_scores_stay_above_their_floors():
    command = f"{sys.executable} -m sahel_tui extract --json"
    result = subprocess.run([sys.executable, str(SCORER), "--gold", str(SHARED / "gold"), "--articles",
                             str(SHARED / "seeds"), "--cmd", command], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout.strip().splitlines()[-2])
    below = {k: figures[k] for k, floor in FLOORS.items() if figures[k] < floor}
    assert not below, f"below the floor: {below}"
