"""Cross-document events from record mappings: what joins, what stays apart, what is kept."""

from __future__ import annotations

from typing import Any

import pytest

from tregua.fuse.events import fuse_events


def record(rid: str, *events: dict[str, Any]) -> dict[str, Any]:
    return {"id": rid, "source": f"{rid}.txt", "published": "2026-01-30", "events": list(events)}


def event(
    type_: str,
    date: str | None,
    countries: list[str],
    place: str | None = None,
    dead: int | None = None,
) -> dict[str, Any]:
    return {
        "type": type_,
        "status": "occurred",
        "date": date,
        "date_end": None,
        "location": {"name": place} if place else None,
        "countries": countries,
        "dead": dead,
        "injured": None,
        "evidence": {"text": "..."},
    }


def test_same_talks_in_two_articles_are_one_event() -> None:
    fused = fuse_events(
        [
            record("a", event("CONSULT", "2026-01-23", ["RUS", "UKR", "USA"], "Abu Dhabi")),
            record("b", event("CONSULT", "2026-01-24", ["RUS", "UKR"], "Abu Dhabi")),
        ]
    )
    assert len(fused) == 1
    assert fused[0].sources == ("a.txt", "b.txt")
    assert fused[0].countries == ("RUS", "UKR", "USA")
    assert fused[0].disagreements == {"date": ["2026-01-23", "2026-01-24"]}


def test_different_places_or_types_stay_apart() -> None:
    fused = fuse_events(
        [
            record("a", event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kyiv", dead=1)),
            record("b", event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kharkiv", dead=2)),
            record("c", event("CONSULT", "2026-01-24", ["RUS", "UKR"], "Kyiv")),
        ]
    )
    assert len(fused) == 3


def test_casualty_disagreement_is_kept() -> None:
    fused = fuse_events(
        [
            record("a", event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kyiv", dead=1)),
            record("b", event("ASSAULT", "2026-01-24", ["RUS"], None, dead=2)),
        ]
    )
    (only,) = fused
    assert only.disagreements == {"dead": [1, 2]}


def test_two_mentions_in_one_document_are_not_fused() -> None:
    fused = fuse_events(
        [record("a", event("CONSULT", None, ["USA"]), event("CONSULT", None, ["USA"]))]
    )
    assert len(fused) == 2


def test_a_publication_day_means_on_or_before_it() -> None:
    """Seed 000: "Dos días de conversaciones" in a paper of the 24th, no date in the text."""
    borrowed = event("CONSULT", "2026-01-24", ["RUS", "UKR", "USA"])
    borrowed["date_source"] = "published"
    fused = fuse_events(
        [
            record("a", borrowed),
            record("b", event("CONSULT", "2026-01-23", ["RUS", "UKR"], "Abu Dhabi")),
        ]
    )
    (only,) = fused
    assert only.date == "2026-01-23"  # the stated date wins over the borrowed one
    assert only.date_source == "text"
    assert only.disagreements == {}  # a publication day is not a claim about the date


def test_a_borrowed_date_does_not_reach_forward() -> None:
    borrowed = event("CONSULT", "2026-01-20", ["RUS"])
    borrowed["date_source"] = "published"
    fused = fuse_events(
        [record("a", borrowed), record("b", event("CONSULT", "2026-01-23", ["RUS"]))]
    )
    assert len(fused) == 2


def test_talks_reported_by_first_and_last_day_in_one_article_are_one_event() -> None:
    fused = fuse_events(
        [
            record(
                "a",
                event("CONSULT", "2026-01-23", ["RUS", "UKR", "USA"], "Abu Dhabi"),
                event("CONSULT", "2026-01-24", ["RUS", "UKR", "USA"], "Abu Dhabi"),
            )
        ]
    )
    (only,) = fused
    assert (only.date, only.date_end) == ("2026-01-23", "2026-01-24")
    assert only.disagreements == {}  # one source, one claim


def test_two_attacks_on_consecutive_days_in_one_article_stay_two() -> None:
    fused = fuse_events(
        [
            record(
                "a",
                event("ASSAULT", "2026-01-23", ["RUS", "UKR"], "Kyiv"),
                event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kyiv"),
            )
        ]
    )
    assert len(fused) == 2


@pytest.mark.parametrize(
    ("first", "second", "fused"),
    [
        ("planned", "occurred", 1),  # announced, then held
        ("occurred", "negated", 1),  # sources disagree on whether it happened: flagged
        ("planned", "negated", 2),
        ("hypothetical", "occurred", 2),  # a proposal is not the meeting
        ("hypothetical", "hypothetical", 1),
    ],
)
def test_statuses_that_can_describe_one_event(first: str, second: str, fused: int) -> None:
    a = event("CONSULT", "2026-02-01", ["RUS", "UKR"], "Abu Dhabi")
    b = event("CONSULT", "2026-02-01", ["RUS", "UKR"], "Abu Dhabi")
    a["status"], b["status"] = first, second
    assert len(fuse_events([record("a", a), record("b", b)])) == fused


def test_membership_is_complete_link_so_dates_cannot_drift() -> None:
    fused = fuse_events(
        [
            record("a", event("CONSULT", "2026-01-20", ["RUS"])),
            record("b", event("CONSULT", "2026-01-21", ["RUS"])),
            record("c", event("CONSULT", "2026-01-22", ["RUS"])),
        ]
    )
    assert sorted(len(e.mentions) for e in fused) == [1, 2]


def test_the_latest_report_gives_the_status_and_both_are_kept() -> None:
    planned = event("CONSULT", "2026-02-01", ["RUS", "UKR"], "Abu Dhabi")
    planned["status"] = "planned"
    early = {**record("a", planned), "published": "2026-01-25"}
    late = {
        **record("b", event("CONSULT", "2026-02-01", ["RUS", "UKR"], "Abu Dhabi")),
        "published": "2026-02-02",
    }
    (only,) = fuse_events([late, early])
    assert only.status == "occurred"
    assert only.sources == ("a.txt", "b.txt")
    assert only.disagreement_detail()["status"] == [
        {"value": "occurred", "documents": ["b"], "sources": ["b.txt"]},
        {"value": "planned", "documents": ["a"], "sources": ["a.txt"]},
    ]


def test_the_same_grouping_in_any_order() -> None:
    records = [
        record("a", event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kyiv", dead=1)),
        record("b", event("ASSAULT", "2026-01-24", ["RUS"], None, dead=2)),
        record("c", event("ASSAULT", "2026-01-25", ["UKR"], "Kyiv")),
        record("d", event("CONSULT", "2026-01-24", ["RUS", "UKR"], "Kyiv")),
    ]
    keys = [e.key for e in fuse_events(records)]
    assert [e.key for e in fuse_events(records[::-1])] == keys


def test_tolls_in_dispute_are_left_unset() -> None:
    (only,) = fuse_events(
        [
            record("a", event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kyiv", dead=1)),
            record("b", event("ASSAULT", "2026-01-24", ["RUS"], None, dead=2)),
        ]
    )
    assert only.dead is None
    (agreed,) = fuse_events(
        [
            record("a", event("ASSAULT", "2026-01-24", ["RUS", "UKR"], "Kyiv", dead=2)),
            record("b", event("ASSAULT", "2026-01-24", ["RUS"], None, dead=2)),
        ]
    )
    assert agreed.dead == 2
