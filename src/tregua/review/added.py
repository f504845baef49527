"""Items an editor added by selecting words (issue #18), where lists and tables show them.

An added quote, event or stance has no row of the store: it is the correction itself
(``items.added_item``). A record shows it after the machine's items of its kind
(``apply.correct_record``); a page of ``/api/quotes`` or ``/api/event-mentions`` and a
table export show it after the machine's items (rows): ordered by document (publication,
source) and place in it, counted in the page's ``total``, and kept only where the page's
filters keep it (one that asks for what an editor's addition lacks, a confidence or an
issue, leaves it out, as it leaves out a machine's item without one). It is marked as
any reviewed item: ``reviewed``, ``machine`` (``{}``) and ``review`` (action ``add``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from tregua.review.items import ITEM_KINDS, added_item
from tregua.review.log import latest, read
from tregua.store import Store
from tregua.store.schema import DocumentRow

Keep = Callable[[Mapping[str, Any]], bool]


def added_items(store: Store, kind: str) -> list[dict[str, Any]]:
    """The items of ``kind`` editors added, each with its document's ``document_id``,
    ``source``, ``outlet`` and ``published``, in document then text order; those of a
    document no longer stored are left out (``tregua review orphans`` lists them)."""
    corrections = read(store, kinds=ITEM_KINDS[kind], actions=("add",))
    shown = [c for c in latest(corrections).values() if c.action == "add"]
    if not shown:
        return []
    wanted = sorted({c.document_id for c in shown})
    with store.reading() as session:
        query = select(
            DocumentRow.id, DocumentRow.source, DocumentRow.outlet, DocumentRow.published
        ).where(DocumentRow.id.in_(wanted))
        documents = {row[0]: row for row in session.execute(query)}
    found: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for correction in shown:
        document = documents.get(correction.document_id)
        if document is None:
            continue
        _, source, outlet, published = document
        item = {
            **_placed(kind, added_item(kind, correction)),
            "document_id": correction.document_id,
            "source": source,
            "outlet": outlet,
            "published": published,
        }
        order = (published or "", source, correction.key.get("start") or 0, correction.id)
        found.append((order, item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _placed(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """An added item with the optional fields a listed one always has (``None``, ``[]``
    when the editor gave none; ``type`` and ``status`` stay absent when not given)."""
    if kind == "event":
        for name in ("mode", "date", "date_end", "date_text", "date_source"):
            item.setdefault(name, None)
        item.setdefault("location", None)
        for name in ("actors", "targets", "countries"):
            item.setdefault(name, [])
    elif kind == "quote":
        for name in ("speaker", "speaker_name", "speaker_description", "speaker_country"):
            item.setdefault(name, None)
        item.setdefault("issues", [])
    for name in ("confidence",) if kind != "event" else ("dead", "injured", "confidence"):
        item.setdefault(name, None)
    return item


def page_with_added(
    rows: Sequence[Mapping[str, Any]],
    total: int,
    added: Sequence[Mapping[str, Any]],
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the machine's ``rows`` (from ``offset``, of ``total``) with the added
    items that follow the machine's last falling on it; and the total with them."""
    first = max(offset, total) - total
    last = max(0, offset + limit - total)
    return [dict(r) for r in rows] + [dict(a) for a in added[first:last]], total + len(added)


def quote_filter(
    *,
    speaker: str | None = None,
    side: str | None = None,
    issue: str | None = None,
    words: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> Keep:
    """Whether an added quote passes ``/api/quotes``' filters, as the store reads them."""

    def keep(item: Mapping[str, Any]) -> bool:
        if issue or min_confidence is not None:
            return False  # an addition has no issue and no confidence
        if speaker:
            folded = speaker.casefold()
            names = (item.get("speaker"), item.get("speaker_name"))
            description = str(item.get("speaker_description") or "").casefold()
            if folded not in {str(n).casefold() for n in names if n} and folded not in description:
                return False
        if side and item.get("speaker_country") != side.upper():
            return False
        if words and words.casefold() not in str(item.get("text") or "").casefold():
            return False
        return _within(item, since, until)

    return keep


def mention_filter(
    *,
    document_id: str | None = None,
    type: str | None = None,
    status: str | None = None,
    side: str | None = None,
    min_confidence: float | None = None,
) -> Keep:
    """Whether an added event passes ``/api/event-mentions``' filters."""

    def keep(item: Mapping[str, Any]) -> bool:
        if min_confidence is not None:
            return False
        if document_id and item.get("document_id") != document_id:
            return False
        if type and item.get("type") != type.upper():
            return False
        if status and item.get("status") != status:
            return False
        return not side or side.upper() in (item.get("countries") or [])

    return keep


def _within(item: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    published = item.get("published")
    if (since or until) and not published:
        return False
    return (not since or str(published) >= since) and (not until or str(published) <= until)
