"""Cross-document events: mentions of one real event in several articles become one.

First version (issue #7 stores and extends it): two event mentions are the same event when
they have the same type, share a side, have compatible dates (within ``DATE_SLACK_DAYS``,
or one undated) and compatible places (same name, or one unplaced). Disagreements on dates,
places and casualty figures are kept, not averaged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

DATE_SLACK_DAYS = 1


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event of one record, as the record writer gives it."""

    record_id: str
    source: str
    type: str
    status: str
    date: str | None
    date_end: str | None
    place: str | None
    countries: frozenset[str]
    dead: int | None
    injured: int | None
    evidence: str


@dataclass
class FusedEvent:
    type: str
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        dates = sorted(m.date for m in self.mentions if m.date)
        return dates[0] if dates else None

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(set().union(*(m.countries for m in self.mentions))))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source for m in self.mentions))

    @property
    def disagreements(self) -> dict[str, list[Any]]:
        """Fields on which the sources differ, with every value reported."""
        found: dict[str, list[Any]] = {}
        for name in ("date", "place", "dead", "injured", "status"):
            values = sorted(
                {v for m in self.mentions if (v := getattr(m, name)) is not None}, key=str
            )
            if len(values) > 1:
                found[name] = values
        return found


def mentions_of(record: dict[str, Any]) -> list[EventMention]:
    return [
        EventMention(
            record_id=record["id"],
            source=record["source"],
            type=ev["type"],
            status=ev["status"],
            date=ev["date"],
            date_end=ev["date_end"],
            place=ev["location"]["name"] if ev["location"] else None,
            countries=frozenset(ev["countries"]),
            dead=ev["dead"],
            injured=ev["injured"],
            evidence=ev["evidence"]["text"],
        )
        for ev in record["events"]
    ]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _compatible(event: FusedEvent, mention: EventMention) -> bool:
    if event.type != mention.type:
        return False
    if any(m.record_id == mention.record_id for m in event.mentions):
        return False  # one document reports one event once
    sides = set().union(*(m.countries for m in event.mentions))
    if not (sides & mention.countries):
        return False
    places = {m.place for m in event.mentions if m.place}
    if mention.place and places and mention.place not in places:
        return False
    day, first = _day(mention.date), _day(event.date)
    if day is None or first is None:
        return day is None and first is None
    return abs((day - first).days) <= DATE_SLACK_DAYS


def fuse_events(records: list[dict[str, Any]]) -> list[FusedEvent]:
    """Fused events in date order (undated last); each lists every mention it came from."""
    fused: list[FusedEvent] = []
    for record in sorted(records, key=lambda r: (r.get("published") or "", r["id"])):
        for mention in mentions_of(record):
            target = next((e for e in fused if _compatible(e, mention)), None)
            if target is None:
                target = FusedEvent(mention.type)
                fused.append(target)
            target.mentions.append(mention)
    fused.sort(key=lambda e: (e.date is None, e.date or "", e.type))
    return fused
