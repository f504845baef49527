"""Each scored set through the real command, scored against its gold: never below its floors
(``tests/quality_floors.json``; see ``tests/floors.py`` for how a floor may drop)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tregua.interfaces.quality import render, score, values

from .floors import SETS, parse

ROOT = Path(__file__).resolve().parents[1]
FLOORS = parse((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


def test_the_floors_cover_every_set() -> None:
    assert set(FLOORS) == set(SETS)
    for name, measures in FLOORS.items():
        assert {"entities", "events", "quotes", "stances"} <= set(measures), name
        assert all(0 < floor <= 1 for floor in measures.values()), name


@pytest.mark.shared
@pytest.mark.parametrize("name", SETS)
def test_every_article_gets_a_record_and_scores_stay_above_floors(shared: Path, name: str) -> None:
    if name == "news-dev" and not (shared / "data" / "news-dev" / "articles.jsonl").is_file():
        message = f"{shared}/data/news-dev is absent"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set: the quality gate must run, but {message}")
        pytest.skip(message)
    summary = score(name, shared, ROOT)
    assert summary["documents"]["without_record"] == []
    measured = values(summary)
    below = {
        measure: (measured.get(measure), floor)
        for measure, floor in FLOORS[name].items()
        if measured.get(measure, 0.0) < floor
    }
    assert below == {}, f"{name} below its floors (value, floor): {below}"
    assert "| events |" in render(summary)
