"""Where each side stands on each issue over time, with the evidence for every change.

A stance is dated by its article's publication day (an article says where a side stands
when it is published); stances from articles without a date cannot be placed in time and
are left out of the timeline. On one day, the stances of one side on one issue give one
point: their polarity when they agree, ``mixed`` when they do not. A point whose polarity
differs from the side's previous point is a change.

    (RUS, territory): 2026-01-24 oppose ─▶ 2026-02-01 conditional (a change)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StanceFact:
    """One stored stance with the day its article was published."""

    stance_id: int
    side: str
    issue: str
    polarity: str
    date: str | None
    actor: str | None = None
    document_id: str = ""
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class StancePoint:
    side: str
    issue: str
    date: str
    polarity: str
    previous: str | None  # the side's polarity at its previous point; None on the first
    stance_ids: tuple[int, ...]

    @property
    def id(self) -> str:
        return f"{self.side}|{self.issue}|{self.date}"

    @property
    def changed(self) -> bool:
        return self.previous is not None and self.previous != self.polarity


def combine(polarities: Iterable[str]) -> str:
    """``["support", "support"]`` -> ``"support"``; ``["support", "oppose"]`` -> ``"mixed"``."""
    distinct = set(polarities)
    return distinct.pop() if len(distinct) == 1 else "mixed"


def stance_timeline(facts: Iterable[StanceFact]) -> list[StancePoint]:
    """Points by (side, issue, date); undated facts and facts without a side are skipped."""
    by_day: dict[tuple[str, str, str], list[StanceFact]] = defaultdict(list)
    for fact in facts:
        if fact.date and fact.side:
            by_day[(fact.side, fact.issue, fact.date)].append(fact)
    points: list[StancePoint] = []
    previous: dict[tuple[str, str], str] = {}
    for side, issue, date in sorted(by_day):
        day = by_day[(side, issue, date)]
        polarity = combine(f.polarity for f in day)
        points.append(
            StancePoint(
                side,
                issue,
                date,
                polarity,
                previous.get((side, issue)),
                tuple(sorted(f.stance_id for f in day)),
            )
        )
        previous[(side, issue)] = polarity
    return points
