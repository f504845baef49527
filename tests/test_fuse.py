from __future__ import annotations

from typing import Any

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
