"""One item as the editors left it, and the items of many documents at once.

Every view of events, quotes and stances as documents report them (a record, a page of
``/api/quotes``, a row of a table export) shows an item through ``shown_item``: a rejected
item is left out (None); a confirmed or corrected one carries ``reviewed: true``,
``machine`` (the machine's values of the fields the editor changed; ``{}`` when none
changed) and ``review`` (which correction, what action, who, when). An added item has no
machine's values: ``machine`` is ``{}`` and ``review.action`` is ``add``.

An item is matched to its corrections by its key (``log.key_of``): the same words in the
same document, whichever row or version holds them.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tregua.review.log import Correction, key_of, latest, locate, read
from tregua.store import Store

#: the correction kinds that fall on each kind of item (a fused event's on its report)
ITEM_KINDS = {"event": ("event", "fused_event"), "quote": ("quote",), "stance": ("stance",)}
ITEM_ACTIONS = ("confirm", "correct", "reject")


def review_of(correction: Correction) -> dict[str, Any]:
    """What a reviewed item says of its review."""
    return {
        "correction": correction.id,
        "action": correction.action,
        "editor": correction.editor,
        "at": correction.at.isoformat(),
    }


def _place(item: Mapping[str, Any]) -> Any:
    location = item.get("location")
    if "location" in item or "place" not in item:
        return location.get("name") if isinstance(location, Mapping) else None
    return item.get("place")


def shown_item(kind: str, item: Mapping[str, Any], correction: Correction) -> dict[str, Any] | None:
    """``item`` as ``correction`` (confirm, correct or reject) leaves it; None if rejected.

    An event's ``place`` is its ``location.name`` in a record and its ``place`` in a row.
    """
    if correction.action == "reject":
        return None
    changed = copy.deepcopy(dict(item))
    machine: dict[str, Any] = {}
    if correction.action == "correct":
        for field, value in (correction.after or {}).items():
            if kind == "event" and field == "place" and ("location" in item or "place" not in item):
                if _place(item) != value:
                    machine["place"] = _place(item)
                    location = dict(changed.get("location") or {})
                    changed["location"] = {**location, "name": value} if value else None
            elif item.get(field) != value:
                machine[field] = item.get(field)
                changed[field] = value
    changed["reviewed"] = True
    changed["machine"] = machine
    changed["review"] = review_of(correction)
    return changed


def added_item(kind: str, correction: Correction) -> dict[str, Any]:
    """The item an editor added by selecting words: those words and the fields given."""
    key, after = correction.key, dict(correction.after or {})
    span = {"start": key.get("start"), "end": key.get("end"), "text": key.get("text")}
    item: dict[str, Any]
    if kind == "quote":
        item = {"direct": True, **span, **after}
    else:
        item = {"evidence": span}
        for field, value in after.items():
            if kind == "event" and field == "place":
                item["location"] = {"name": value} if value else None
            else:
                item[field] = value
        if kind == "stance":
            item.setdefault("polarity", "support")  # as the review page's form defaults it
    item["reviewed"] = True
    item["machine"] = {}
    item["review"] = review_of(correction)
    return item


def decisions(
    kind: str, document_id: str, items: Sequence[Mapping[str, Any]], shown: Iterable[Correction]
) -> dict[int, Correction]:
    """The correction shown for each item of one document (by index), from ``shown``, the
    latest correction of each target (``log.latest``)."""
    keys = [key_of(kind, document_id, item) for item in items]
    found: dict[int, Correction] = {}
    for correction in shown:
        if correction.kind not in ITEM_KINDS[kind] or correction.action not in ITEM_ACTIONS:
            continue
        at = locate(kind, correction.key, keys)
        if at is not None:
            held = found.get(at)
            if held is None or (held.at, held.id) < (correction.at, correction.id):
                found[at] = correction
    return found


def correct_items(
    kind: str, document_id: str, items: Sequence[Mapping[str, Any]], shown: Iterable[Correction]
) -> tuple[list[dict[str, Any]], bool]:
    """One document's items of ``kind`` as shown, and whether any correction applied
    (added items are not among them: ``added_item``)."""
    decided = decisions(kind, document_id, items, shown)
    out: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        correction = decided.get(n)
        if correction is None:
            out.append(dict(item))
        elif (changed := shown_item(kind, item, correction)) is not None:
            out.append(changed)
    return out, bool(decided)


def correct_listed(
    kind: str, items: Sequence[Mapping[str, Any]], corrections: Iterable[Correction]
) -> list[dict[str, Any]] | None:
    """Items of many documents, each naming its ``document_id`` (a page of quotes, rows of
    a table), as shown, in their order; None when no correction falls on any of them, so
    that a caller can send what it had, unchanged."""
    by_document: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        by_document[str(item["document_id"])].append(n)
    shown = latest(c for c in corrections if c.document_id in by_document)
    named: dict[str, list[Correction]] = defaultdict(list)
    for correction in shown.values():
        named[correction.document_id].append(correction)
    replaced: dict[int, dict[str, Any] | None] = {}
    for doc_id, indices in by_document.items():
        if doc_id not in named:
            continue
        own = [items[n] for n in indices]
        for at, correction in decisions(kind, doc_id, own, named[doc_id]).items():
            replaced[indices[at]] = shown_item(kind, own[at], correction)
    if not replaced:
        return None
    out: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        if n not in replaced:
            out.append(dict(item))
        elif (changed := replaced[n]) is not None:
            out.append(changed)
    return out


def read_for(store: Store, kind: str, document_ids: Iterable[str]) -> list[Correction]:
    """The corrections that may fall on items of ``kind`` in these documents."""
    wanted = sorted(set(document_ids))
    if not wanted:
        return []
    return read(store, kinds=ITEM_KINDS[kind], document_ids=wanted)
