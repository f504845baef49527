"""Who said what: quotes by publication date, with the issues their stances put them under."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypedDict

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store, overlap
from tregua.store.queries.common import actor_ids, chunked
from tregua.store.schema import DocumentRow, QuoteIssueRow, QuoteRow, StanceRow


class QuoteIssue(TypedDict):
    issue: str
    polarity: str
    side: str | None


class Quote(TypedDict):
    document_id: str
    source: str
    outlet: str | None
    published: str | None
    speaker: str | None
    speaker_name: str | None
    speaker_description: str | None
    speaker_country: str | None
    text: str
    direct: bool
    cue: str | None
    via: str | None
    start: int
    end: int
    issues: list[QuoteIssue]
    confidence: float | None


#: quotes by publication, then document, then place in it (``ix_quotes_published``)
QUOTE_ORDER = (QuoteRow.published, QuoteRow.document_id, QuoteRow.ordinal)


class _Filters:
    """The speaker and issue filters take a form for each use: a condition for the page
    (which walks an index in QUOTE_ORDER until it has ``limit`` quotes) and a set of
    quote ids for the count (which reads every match)."""

    def __init__(self) -> None:
        self.where: list[ColumnElement[bool]] = []
        self.paged: list[ColumnElement[bool]] = []
        self.sets: list[Select[Any]] = []

    def speaker(self, session: Session, speaker: str) -> None:
        folded = speaker.casefold()
        ways = (
            QuoteRow.speaker.in_(actor_ids(session, speaker)),
            func.lower(QuoteRow.speaker_name) == folded,
            and_(
                QuoteRow.speaker_description.is_not(None),
                func.lower(QuoteRow.speaker_description).contains(folded),
            ),
        )
        self.paged.append(or_(*ways))
        # as one OR, the count read every quote (41 ms of 147,000); as a union, each
        # way to match is an index of its own (15 ms for 23,100 quotes)
        named = union(*(select(QuoteRow.id).where(way) for way in ways)).subquery()
        self.sets.append(select(named.c.id))

    def issue(self, issue: str) -> None:
        # quote_issues, written with the quotes: from the issue's stances to their
        # documents' quotes took 87 ms to count 12,600 of 147,000. The page's form
        # ("+ 0") keeps SQLite from reading every match by id and sorting them (22 ms)
        on_issue = select(QuoteIssueRow.quote_id).where(QuoteIssueRow.issue == issue)
        self.paged.append((QuoteRow.id + 0).in_(on_issue))
        self.sets.append(on_issue)

    def count(self, session: Session) -> int:
        if self.sets and not self.where and len(self.sets) == 1:
            # one set alone is the count (looking each id up in quotes doubled it)
            total = session.scalar(select(func.count()).select_from(self.sets[0].subquery()))
        else:
            within = [QuoteRow.id.in_(ids) for ids in self.sets]
            total = session.scalar(
                select(func.count()).select_from(QuoteRow).where(*self.where, *within)
            )
        return total or 0


def quotes_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    last: bool = False,
    speaker: str | None = None,
    speaker_id: str | None = None,
    side: str | None = None,
    issue: str | None = None,
    words: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> tuple[list[Quote], int]:
    """``limit`` quotes from ``offset`` in ``who_said_what`` order, and how many match.

    ``words`` keeps quotes whose text holds that string, compared case-folded (SQLite
    folds with Python's ``str.casefold``, registered on every connection). ``last`` counts
    ``offset`` from the end, as in ``timeline_page``. ``speaker_id`` keeps the quotes of
    one entity id, by the index on it (an actor's profile), where ``speaker`` also reads
    names and descriptions. ``min_confidence`` keeps quotes of at least that confidence
    (a quote without one is left out when a minimum is asked).
    """
    with store.reading() as session:
        filters = _Filters()
        if speaker:
            filters.speaker(session, speaker)
        if speaker_id:
            filters.where.append(QuoteRow.speaker == speaker_id)
        if side:
            filters.where.append(QuoteRow.speaker_country == side.upper())
        if issue:
            filters.issue(issue)
        if words:
            folded_text = dialects.casefold(store.dialect, QuoteRow.text)
            filters.where.append(folded_text.contains(words.casefold(), autoescape=True))
        if since:
            filters.where.append(QuoteRow.published >= since)
        if until:
            filters.where.append(QuoteRow.published <= until)
        if min_confidence is not None:
            filters.where.append(QuoteRow.confidence >= min_confidence)
        total = filters.count(session)
        query = (
            select(QuoteRow, DocumentRow.id, DocumentRow.source, DocumentRow.outlet)
            .add_columns(DocumentRow.published)
            .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
            .where(*filters.where, *filters.paged)
            .order_by(*(c.desc() if last else c for c in QUOTE_ORDER))
            .offset(offset)
            .limit(limit)  # None is no LIMIT
        )
        rows = list(session.execute(query))
        if last:
            rows.reverse()
        issues = _quote_issues(session, [r[0].id for r in rows])
        found: list[Quote] = [
            {
                "document_id": doc_id,
                "source": source,
                "outlet": outlet,
                "published": published,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "speaker_description": q.speaker_description,
                "speaker_country": q.speaker_country,
                "text": q.text,
                "direct": q.direct,
                "cue": q.cue,
                "via": q.via,
                "start": q.start,
                "end": q.end,
                "issues": issues.get(q.id, []),
                "confidence": q.confidence,
            }
            for q, doc_id, source, outlet, published in rows
        ]
        return found, total


def who_said_what(
    store: Store,
    *,
    speaker: str | None = None,
    side: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[Quote]:
    """Quotes by publication date, each with the issues its stances put it under.

    ``speaker`` is an actor (see the package) or words of an anonymous source's
    description ("funcionario estadounidense"); ``issue`` keeps quotes that a stance on
    that issue overlaps.
    """
    quotes, _ = quotes_page(
        store,
        speaker=speaker,
        side=side,
        issue=issue,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    return quotes


def _quote_issues(session: Session, quote_ids: Sequence[int]) -> dict[int, list[QuoteIssue]]:
    found: dict[int, list[QuoteIssue]] = defaultdict(list)
    for chunk in chunked(quote_ids):
        rows = session.execute(
            select(QuoteRow.id, StanceRow.issue, StanceRow.polarity, StanceRow.country)
            .join(StanceRow, overlap())
            .where(QuoteRow.id.in_(chunk))
            .order_by(QuoteRow.id, StanceRow.ordinal)
        )
        for quote_id, issue, polarity, country in rows:
            found[quote_id].append({"issue": issue, "polarity": polarity, "side": country})
    return found
