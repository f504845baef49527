from __future__ import annotations

import pytest

from tregua.fuse.entities import EntityTotals, count_partners, merge_entities


def test_surface_forms_and_documents_merge_by_id() -> None:
    totals = merge_entities(
        [
            ("Q3874799", "d1", "Zelenski"),
            ("Q3874799", "d1", "Zelenski"),
            ("Q3874799", "d2", "Zelensky"),
            ("Q159", "d2", "Rusia"),
        ],
        [("Q3874799", "d3"), ("Q2632813", "d3")],  # a quote in d3, a speaker never named
    )
    assert totals == {
        "Q3874799": EntityTotals(("Zelenski", "Zelensky"), 3, 3),
        "Q159": EntityTotals(("Rusia",), 1, 1),
        "Q2632813": EntityTotals((), 1, 0),
    }


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        ([], {}),
        ([["Q159"]], {}),  # alone in its event: no partner
        ([["Q159", "Q212"]], {("Q159", "Q212"): 1, ("Q212", "Q159"): 1}),
        ([["Q159", "Q212", "Q159"]], {("Q159", "Q212"): 1, ("Q212", "Q159"): 1}),
        (
            [["Q159", "Q212"], ["Q212", "Q30", "Q159"]],
            {
                ("Q159", "Q212"): 2,
                ("Q212", "Q159"): 2,
                ("Q159", "Q30"): 1,
                ("Q30", "Q159"): 1,
                ("Q212", "Q30"): 1,
                ("Q30", "Q212"): 1,
            },
        ),
    ],
)
def test_partners_count_the_events_naming_both(
    named: list[list[str]], expected: dict[tuple[str, str], int]
) -> None:
    assert count_partners(named) == expected
