"""The corrections log: what each correction names, appending one, and reading them back.

A correction names its item by a ``Key``, made of what the machine will say again about
the same words after a re-ingest, a new pipeline version or a re-fusion, never by a row id:

    event         the document, the event's type and its evidence text
    quote         the document and the quoted words
    stance        the document, the side, the issue and the evidence text
    fused_event   one report of it (as ``event``): a fused event is whichever event holds
                  that report after the next fusion

``start`` is kept too, only to tell apart two items with the same words in one document.
An ``add`` names the words the editor selected (document, start, end, text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import select

from tregua.store import Store
from tregua.store.review_schema import CorrectionRow

Kind = Literal["event", "quote", "stance", "fused_event"]
Action = Literal["confirm", "correct", "reject", "add", "merge", "split"]
KINDS: tuple[str, ...] = get_args(Kind)
ACTIONS: tuple[str, ...] = get_args(Action)
#: the fields a key is matched on, per kind (``start`` only breaks ties)
MATCH_FIELDS: dict[str, tuple[str, ...]] = {
    "event": ("document_id", "type", "evidence"),
    "fused_event": ("document_id", "type", "evidence"),
    "quote": ("document_id", "text"),
    "stance": ("document_id", "side", "issue", "evidence"),
}
#: what an editor may set with ``correct`` (or give with ``add``), per kind
EDITABLE: dict[str, tuple[str, ...]] = {
    "event": ("type", "status", "date", "date_end", "place", "actors", "countries"),
    "fused_event": ("type", "status", "date", "date_end", "place", "actors", "countries"),
    "quote": ("speaker", "speaker_name", "speaker_country", "direct", "start", "end", "text"),
    "stance": ("actor", "country", "issue", "polarity"),
}
POLARITIES = ("support", "oppose", "conditional", "mixed")
STATUSES = ("occurred", "planned", "hypothetical", "negated")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class CorrectionError(ValueError):
    """A correction that cannot be logged: unknown kind, action or field, or a bad value."""


@dataclass(frozen=True)
class Correction:
    id: int
    editor: str
    at: dt.datetime
    kind: str
    document_id: str
    key: dict[str, Any]
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None

    @property
    def target(self) -> tuple[Any, ...]:
        """The identity of the item: corrections with the same target correct one item."""
        return target(self.kind, self.key, self.action)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "editor": self.editor,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "document_id": self.document_id,
            "key": self.key,
            "action": self.action,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }


def target(kind: str, key: Mapping[str, Any], action: str = "correct") -> tuple[Any, ...]:
    """One value per item; an added item is the words selected, in its own namespace."""
    if action == "add":
        return ("add", kind, *(key.get(f) for f in ("document_id", "start", "end", "text")))
    return (kind, *(key.get(f) for f in MATCH_FIELDS[kind]))


def _text(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("text")
    return None if value is None else str(value)


def key_of(kind: str, document_id: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """The key of a record's item (OUTPUT.md shape: events, quotes, stances)."""
    if kind in ("event", "fused_event"):
        evidence = item.get("evidence")
        start = evidence.get("start") if isinstance(evidence, Mapping) else item.get("start")
        return {
            "document_id": document_id,
            "type": item.get("type"),
            "evidence": _text(evidence),
            "start": start,
        }
    if kind == "quote":
        return {"document_id": document_id, "text": item.get("text"), "start": item.get("start")}
    if kind == "stance":
        evidence = item.get("evidence")
        return {
            "document_id": document_id,
            "side": item.get("country") or item.get("side"),
            "issue": item.get("issue"),
            "evidence": _text(evidence),
            "start": evidence.get("start") if isinstance(evidence, Mapping) else None,
        }
    raise CorrectionError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")


def matches(kind: str, key: Mapping[str, Any], item_key: Mapping[str, Any]) -> bool:
    return all(key.get(f) == item_key.get(f) for f in MATCH_FIELDS[kind])


def locate(kind: str, key: Mapping[str, Any], keys: list[dict[str, Any]]) -> int | None:
    """The index of the item ``key`` names among items with ``keys``, or None: of several
    with the same words, the one starting nearest ``key``'s start."""
    found = [n for n, k in enumerate(keys) if matches(kind, key, k)]
    if not found:
        return None
    start = key.get("start")
    if not isinstance(start, int):
        return found[0]
    return min(found, key=lambda n: abs(int(keys[n].get("start") or 0) - start))


def check(kind: str, action: str, after: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """``after`` as it will be logged; raises ``CorrectionError`` for what cannot be."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    if action in ("confirm", "reject"):
        return None
    given = dict(after or {})
    if action == "merge":
        if kind != "fused_event" or not isinstance(given.get("with"), Mapping):
            raise CorrectionError("merge takes a fused_event and after.with, the other's key")
        return {"with": dict(given["with"])}
    if action == "split":
        if kind != "fused_event" or not isinstance(given.get("reports"), list):
            raise CorrectionError("split takes a fused_event and after.reports, keys to take out")
        return {"reports": [dict(r) for r in given["reports"]]}
    unknown = sorted(set(given) - set(EDITABLE[kind]))
    if unknown:
        raise CorrectionError(
            f"{kind} has no editable field {', '.join(unknown)}: one of {', '.join(EDITABLE[kind])}"
        )
    if not given:
        raise CorrectionError(f"{action} needs the fields it sets in after")
    if "polarity" in given and given["polarity"] not in POLARITIES:
        raise CorrectionError(f"polarity is one of {', '.join(POLARITIES)}")
    if "status" in given and given["status"] not in STATUSES:
        raise CorrectionError(f"status is one of {', '.join(STATUSES)}")
    for field in ("date", "date_end"):
        value = given.get(field)
        if value is not None and not (isinstance(value, str) and _DAY.fullmatch(value)):
            raise CorrectionError(f"{field} is a day, YYYY-MM-DD, or null")
    for field in ("actors", "countries"):
        value = given.get(field)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise CorrectionError(f"{field} is a list of strings")
    return given


def append(
    store: Store,
    *,
    editor: str,
    kind: str,
    key: Mapping[str, Any],
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> Correction:
    """Log one correction (never changing another); the logged correction."""
    logged_after = check(kind, action, after)
    document_id = str(key.get("document_id") or "")
    if not document_id:
        raise CorrectionError("the key names no document_id")
    row = CorrectionRow(
        editor=editor,
        at=at or dt.datetime.now(dt.UTC),
        kind=kind,
        document_id=document_id,
        key=dict(key),
        action=action,
        before=dict(before) if before is not None else None,
        after=logged_after,
        reason=reason or None,
    )
    with store.writing() as session:
        session.add(row)
        session.flush()
        return _correction(row)


def _correction(row: CorrectionRow) -> Correction:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return Correction(
        row.id,
        row.editor,
        at,
        row.kind,
        row.document_id,
        dict(row.key),
        row.action,
        row.before,
        row.after,
        row.reason,
    )


def read(
    store: Store,
    *,
    kinds: Iterable[str] | None = None,
    document_ids: Iterable[str] | None = None,
    actions: Iterable[str] | None = None,
) -> list[Correction]:
    """Corrections in the order they were made (time, then id)."""
    query = select(CorrectionRow).order_by(CorrectionRow.at, CorrectionRow.id)
    if kinds is not None:
        query = query.where(CorrectionRow.kind.in_(list(kinds)))
    if actions is not None:
        query = query.where(CorrectionRow.action.in_(list(actions)))
    if document_ids is not None:
        query = query.where(CorrectionRow.document_id.in_(list(document_ids)))
    with store.reading() as session:
        return [_correction(r) for r in session.scalars(query)]


def latest(corrections: Iterable[Correction]) -> dict[tuple[Any, ...], Correction]:
    """The correction shown for each item: the last one made (two editors at once: the later)."""
    found: dict[tuple[Any, ...], Correction] = {}
    for correction in sorted(corrections, key=lambda c: (c.at, c.id)):
        if correction.action in ("merge", "split"):
            found[(*correction.target, correction.action)] = correction
        else:
            found[correction.target] = correction
    return found
