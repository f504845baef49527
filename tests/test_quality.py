"""The seed articles through the real command, scored against their gold: never below the floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tregua.interfaces.quality import render, score_examples, score_seeds

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.mark.shared
def test_every_seed_gets_a_record_and_scores_stay_above_floors(shared: Path) -> None:
    summary = score_seeds(shared)
    assert summary["documents"]["without_record"] == []
    below = {}
    for measure, floor in FLOORS["floors"].items():
        value = summary[measure].get("f1", summary[measure].get("acc")) or 0.0
        if value < floor:
            below[measure] = (value, floor)
    assert below == {}, f"below the floor (value, floor): {below}"
    assert "| events |" in render(summary)


@pytest.mark.shared
def test_development_set_scores(shared: Path) -> None:
    summary = score_examples(shared, Path(__file__).resolve().parents[1])
    assert summary["documents"]["without_record"] == []
    assert summary["published"]["acc"] == 1.0
