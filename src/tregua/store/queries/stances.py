"""Stances over time: where each side stood on each issue, and the days that changed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
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


def stance_matrix(store: Store, at: str | None = None) -> list[StanceCell]:
    """Where each side stood on each issue at ``at`` (default: now), by side and issue.

    ``since`` is the day the side took that polarity (its run of equal points began);
    ``evidence`` is what the latest point rests on.
    """
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
) -> list[StanceChange]:
    """Days a side's polarity on an issue changed, with the evidence of the new one."""
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
