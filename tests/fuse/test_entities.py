from __future__ import annotations

from tregua.fuse.entities import EntityTotals, merge_entities


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
