from __future__ import annotations

import pytest

from tregua.fuse.stances import StanceFact, combine, stance_timeline


@pytest.mark.parametrize(
    ("polarities", "expected"),
    [
        (["support"], "support"),
        (["oppose", "oppose"], "oppose"),
        (["support", "oppose"], "mixed"),
        (["conditional", "support"], "mixed"),
    ],
)
def test_one_day_gives_one_polarity(polarities: list[str], expected: str) -> None:
    assert combine(polarities) == expected


def fact(n: int, side: str, issue: str, polarity: str, date: str | None) -> StanceFact:
    return StanceFact(n, side, issue, polarity, date)


def test_a_timeline_per_side_and_issue_with_its_changes() -> None:
    points = stance_timeline(
        [
            fact(3, "UKR", "territory", "conditional", "2026-02-02"),
            fact(1, "UKR", "territory", "oppose", "2026-01-24"),
            fact(2, "UKR", "territory", "oppose", "2026-01-24"),
            fact(4, "RUS", "territory", "support", "2026-01-24"),
            fact(5, "RUS", "territory", "support", None),  # undated: cannot be placed
        ]
    )
    assert [(p.id, p.polarity, p.previous, p.changed, p.stance_ids) for p in points] == [
        ("RUS|territory|2026-01-24", "support", None, False, (4,)),
        ("UKR|territory|2026-01-24", "oppose", None, False, (1, 2)),
        ("UKR|territory|2026-02-02", "conditional", "oppose", True, (3,)),
    ]
