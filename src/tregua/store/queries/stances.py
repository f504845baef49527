"""Stances over time: where each side stood on each issue, and the days that changed.

Both read the points fusion keeps (``stance_points``). With ``min_confidence`` they are
worked out again from the stances of at least that confidence alone (a stance without one
is left out), the way fusion does it: one point a side, issue and publication day, its
polarity that of its stances when they agree, ``mixed`` when not; a change where it differs
from the side's previous point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tregua.store.database import Store
from tregua.store.queries.common import Span, chunked, doc_columns, span
from tregua.store.schema import DocumentRow, StancePointEvidenceRow, StancePointRow, StanceRow


class StanceEvidence(TypedDict):
    document_id: str
    source: str
    published: str | None
    actor: str | None
    polarity: str
    evidence: Span


class StanceCell(TypedDict):
    """Where one side stood on one issue at the asked date."""

    side: str
    issue: str
    polarity: str
    date: str
    since: str | None
    evidence: list[StanceEvidence]


#: a day a side's polarity on an issue changed ("from" is a Python keyword)
StanceChange = TypedDict(
    "StanceChange",
    {
        "side": str,
        "issue": str,
        "date": str,
        "from": str | None,
        "to": str,
        "evidence": list[StanceEvidence],
    },
)


def _stance_evidence(session: Session, point_ids: Sequence[str]) -> dict[str, list[StanceEvidence]]:
    found: dict[str, list[StanceEvidence]] = defaultdict(list)
    for chunk in chunked(point_ids):
        rows = session.execute(
            select(StancePointEvidenceRow.point_id, StanceRow, doc_columns())
            .join(StanceRow, StanceRow.id == StancePointEvidenceRow.stance_id)
            .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
            .where(StancePointEvidenceRow.point_id.in_(chunk))
            .order_by(DocumentRow.published, DocumentRow.id, StanceRow.ordinal)
        )
        for point_id, stance, doc in rows:
            found[point_id].append(
                {
                    "document_id": doc.id,
                    "source": doc.source,
                    "published": doc.published,
                    "actor": stance.actor,
                    "polarity": stance.polarity,
                    "evidence": span(stance.start, stance.end, stance.evidence),
                }
            )
    return found


@dataclass(frozen=True, slots=True)
class _Point:
    """A stance point worked out from the stances of enough confidence (``stance_points``
    holds the points of every stance)."""

    side: str
    issue: str
    date: str
    polarity: str
    previous: str | None
    stance_ids: tuple[int, ...]


def _confident_points(session: Session, min_confidence: float) -> list[_Point]:
    """The points of the stances of at least ``min_confidence``, by side, issue and day."""
    by_day: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    rows = session.execute(
        select(StanceRow.id, StanceRow.country, StanceRow.issue, StanceRow.published)
        .add_columns(StanceRow.polarity)
        .where(
            StanceRow.confidence >= min_confidence,
            StanceRow.published.is_not(None),
            StanceRow.country != "",
        )
    )
    for stance_id, side, issue, day, polarity in rows:
        by_day[(side, issue, day)].append((stance_id, polarity))
    points: list[_Point] = []
    previous: dict[tuple[str, str], str] = {}
    for side, issue, day in sorted(by_day):
        stances = by_day[(side, issue, day)]
        polarities = {polarity for _, polarity in stances}
        polarity = polarities.pop() if len(polarities) == 1 else "mixed"
        ids = tuple(sorted(i for i, _ in stances))
        points.append(_Point(side, issue, day, polarity, previous.get((side, issue)), ids))
        previous[(side, issue)] = polarity
    return points


def _evidence_of(session: Session, points: Sequence[_Point]) -> list[list[StanceEvidence]]:
    """The evidence of each of ``points``, from its stances."""
    wanted = sorted({i for p in points for i in p.stance_ids})
    found: dict[int, tuple[tuple[str, str, int], StanceEvidence]] = {}
    for chunk in chunked(wanted):
        rows = session.execute(
            select(StanceRow, doc_columns())
            .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
            .where(StanceRow.id.in_(chunk))
        )
        for stance, doc in rows:
            order = (doc.published or "", doc.id, stance.ordinal)
            found[stance.id] = (
                order,
                {
                    "document_id": doc.id,
                    "source": doc.source,
                    "published": doc.published,
                    "actor": stance.actor,
                    "polarity": stance.polarity,
                    "evidence": span(stance.start, stance.end, stance.evidence),
                },
            )
    return [
        [evidence for _, evidence in sorted((found[i] for i in p.stance_ids), key=lambda f: f[0])]
        for p in points
    ]


def _confident_matrix(session: Session, at: str | None, min_confidence: float) -> list[StanceCell]:
    latest: dict[tuple[str, str], _Point] = {}
    began: dict[tuple[str, str], str] = {}
    for point in _confident_points(session, min_confidence):
        if at and point.date > at:
            continue
        cell = (point.side, point.issue)
        latest[cell] = point  # points come by day
        if point.previous is None or point.previous != point.polarity:
            began[cell] = point.date
    points = [latest[cell] for cell in sorted(latest)]
    return [
        {
            "side": p.side,
            "issue": p.issue,
            "polarity": p.polarity,
            "date": p.date,
            "since": began.get((p.side, p.issue), p.date),
            "evidence": evidence,
        }
        for p, evidence in zip(points, _evidence_of(session, points), strict=True)
    ]


def stance_matrix(
    store: Store, at: str | None = None, *, min_confidence: float | None = None
) -> list[StanceCell]:
    """Where each side stood on each issue at ``at`` (default: now), by side and issue.

    ``since`` is the day the side took that polarity (its run of equal points began);
    ``evidence`` is what the latest point rests on. ``min_confidence`` reads only the
    stances of at least that confidence (see the module).
    """
    if min_confidence is not None:
        with store.reading() as session:
            return _confident_matrix(session, at, min_confidence)
    cell = (StancePointRow.side, StancePointRow.issue)
    on_time = [StancePointRow.date <= at] if at else []
    with store.reading() as session:
        # the latest point of each cell, and the latest point that began a run (a point
        # whose polarity differs from the one before it, or the first): since
        latest_day = (
            select(*cell, func.max(StancePointRow.date).label("day"))
            .where(*on_time)
            .group_by(*cell)
            .subquery()
        )
        latest = list(
            session.scalars(
                select(StancePointRow).join(
                    latest_day,
                    and_(
                        StancePointRow.side == latest_day.c.side,
                        StancePointRow.issue == latest_day.c.issue,
                        StancePointRow.date == latest_day.c.day,
                    ),
                )
            )
        )
        began: dict[tuple[str, str], str] = {
            (side, issue): day
            for side, issue, day in session.execute(
                select(*cell, func.max(StancePointRow.date))
                .where(
                    *on_time,
                    or_(
                        StancePointRow.previous.is_(None),
                        StancePointRow.previous != StancePointRow.polarity,
                    ),
                )
                .group_by(*cell)
            )
        }
        latest.sort(key=lambda p: (p.side, p.issue))
        evidence = _stance_evidence(session, [p.id for p in latest])
        return [
            {
                "side": point.side,
                "issue": point.issue,
                "polarity": point.polarity,
                "date": point.date,
                "since": began.get((point.side, point.issue), point.date),
                "evidence": evidence.get(point.id, []),
            }
            for point in latest
        ]


def stance_changes(
    store: Store,
    *,
    side: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[StanceChange]:
    """Days a side's polarity on an issue changed, with the evidence of the new one.

    ``min_confidence`` reads only the stances of at least that confidence (see the module).
    """
    if min_confidence is not None:
        with store.reading() as session:
            moved = [
                p
                for p in _confident_points(session, min_confidence)
                if p.previous is not None
                and p.previous != p.polarity
                and (not side or p.side == side.upper())
                and (not issue or p.issue == issue)
                and (not since or p.date >= since)
                and (not until or p.date <= until)
            ]
            moved.sort(key=lambda p: (p.date, p.side, p.issue))
            return [
                {
                    "side": p.side,
                    "issue": p.issue,
                    "date": p.date,
                    "from": p.previous,
                    "to": p.polarity,
                    "evidence": evidence,
                }
                for p, evidence in zip(moved, _evidence_of(session, moved), strict=True)
            ]
    where = [
        StancePointRow.previous.is_not(None),
        StancePointRow.previous != StancePointRow.polarity,
    ]
    if side:
        where.append(StancePointRow.side == side.upper())
    if issue:
        where.append(StancePointRow.issue == issue)
    if since:
        where.append(StancePointRow.date >= since)
    if until:
        where.append(StancePointRow.date <= until)
    with store.reading() as session:
        changes = list(
            session.scalars(
                select(StancePointRow)
                .where(*where)
                .order_by(StancePointRow.date, StancePointRow.side, StancePointRow.issue)
            )
        )
        evidence = _stance_evidence(session, [p.id for p in changes])
        return [
            {
                "side": p.side,
                "issue": p.issue,
                "date": p.date,
                "from": p.previous,
                "to": p.polarity,
                "evidence": evidence.get(p.id, []),
            }
            for p in changes
        ]
