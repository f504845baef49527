"""``/api/stances/changes`` as the editors left the stances (issue #18).

A side's polarity on an issue changes on the days its stances say so (``fuse.stances``).
When editors reviewed stances, the points of every side and issue a stance correction
names (before or after it) are worked out again, the same way, from the stances as shown
(``items.shown_item``: a rejected stance leaves, a corrected one counts with the editor's
polarity, side and issue; an added one counts too, except under a minimum confidence): a
change may appear, move or go. A change on a day with a reviewed stance carries
``reviewed`` and, in ``machine``, the machine's ``from`` and ``to`` that day (``{}`` when the
machine saw no change then); its evidence items are marked as the matrix's are. The changes
of sides and issues nobody's correction names are the machine's, untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from tregua.fuse.stances import StanceFact, stance_timeline
from tregua.review.added import added_items
from tregua.review.items import correct_listed
from tregua.review.log import Correction, read
from tregua.store import Store
from tregua.store.schema import DocumentRow, StanceRow


def _pairs(corrections: Sequence[Correction]) -> set[tuple[str, str]]:
    """The (side, issue) pairs the corrections name, before and after."""
    found: set[tuple[str, str]] = set()
    for c in corrections:
        side, issue = c.key.get("side"), c.key.get("issue")
        after = c.after or {}
        for pair in ((side, issue), (after.get("country", side), after.get("issue", issue))):
            if pair[0] and pair[1]:
                found.add((str(pair[0]), str(pair[1])))
    return found


def _stances(
    store: Store, pairs: set[tuple[str, str]], min_confidence: float | None
) -> list[dict[str, Any]]:
    """The stored stances on ``pairs``' sides and issues, with their documents."""
    sides, issues = sorted({s for s, _ in pairs}), sorted({i for _, i in pairs})
    query = (
        select(StanceRow, DocumentRow.source, DocumentRow.published)
        .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
        .where(StanceRow.country.in_(sides), StanceRow.issue.in_(issues))
    )
    if min_confidence is not None:
        query = query.where(StanceRow.confidence >= min_confidence)
    with store.reading() as session:
        return [
            {
                "document_id": s.document_id,
                "ordinal": s.ordinal,
                "source": source,
                "published": published,
                "actor": s.actor,
                "country": s.country,
                "issue": s.issue,
                "polarity": s.polarity,
                "evidence": {"start": s.start, "end": s.end, "text": s.evidence},
            }
            for s, source, published in session.execute(query)
        ]


def _evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: item.get(k) for k in ("document_id", "source", "published", "actor", "polarity")}
    out["evidence"] = item["evidence"]
    if item.get("reviewed"):
        out["reviewed"], out["machine"] = True, item.get("machine") or {}
    return out


def correct_changes(
    store: Store,
    changes: Sequence[Mapping[str, Any]],
    *,
    side: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[dict[str, Any]] | None:
    """``changes`` (the machine's, filtered as asked) as the editors left the stances;
    None when no stance correction names a side and issue the filters keep."""
    corrections = read(store, kinds=["stance"])
    pairs = {
        (s, i)
        for s, i in _pairs(corrections)
        if (not side or s == side.upper()) and (not issue or i == issue)
    }
    if not pairs:
        return None
    stored = _stances(store, pairs, min_confidence)
    items = correct_listed("stance", stored, corrections) or [dict(s) for s in stored]
    if min_confidence is None:
        items += added_items(store, "stance")
    items = [s for s in items if (s.get("country"), s.get("issue")) in pairs]
    items.sort(
        key=lambda s: (s.get("published") or "", s["document_id"], s["evidence"]["start"] or 0)
    )
    points = stance_timeline(
        StanceFact(n, str(s.get("country")), str(s.get("issue")), s["polarity"], s["published"])
        for n, s in enumerate(items)
    )
    machine = {(c["side"], c["issue"], c["date"]): c for c in changes}
    out = [dict(c) for c in changes if (c["side"], c["issue"]) not in pairs]
    for p in points:
        if not p.changed or (since and p.date < since) or (until and p.date > until):
            continue
        day = [items[n] for n in p.stance_ids]
        change: dict[str, Any] = {
            "side": p.side,
            "issue": p.issue,
            "date": p.date,
            "from": p.previous,
            "to": p.polarity,
            "evidence": [_evidence(s) for s in day],
        }
        if any(s.get("reviewed") for s in day):
            was = machine.get((p.side, p.issue, p.date))
            change["reviewed"] = True
            change["machine"] = {"from": was["from"], "to": was["to"]} if was else {}
        out.append(change)
    return sorted(out, key=lambda c: (c["date"], c["side"], c["issue"]))
