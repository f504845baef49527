"""The corrections over the store's tables and records, for the exports (issue #18).

A table export (CSV, Parquet) writes rows; the rows the editors reviewed are written as
they left them: a rejected event report, quote or stance is left out (and so are the rows
that link to it, as with a minimum confidence), a confirmed or corrected one carries
``reviewed`` true, ``machine`` (the machine's values of the fields changed, as JSON) and
``review``; a fused event the timeline leaves out (rejected, merged into another) is left
out too. An item an editor added has no row of the store: it is written after the
table's rows, with an empty ``id`` and ``ordinal`` and a ``review`` whose action is
``add`` (``review.added``). The columns are the same for any store (``REVIEW_COLUMNS``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select

from tregua.review.added import added_items
from tregua.review.apply import correct_record, correct_timeline
from tregua.review.items import correct_listed
from tregua.review.log import Correction, read
from tregua.store import Store
from tregua.store.schema import Base

#: the tables of items a correction can fall on, and the kind of their items
ITEM_TABLES = {"event_mentions": "event", "quotes": "quote", "stances": "stance"}
#: the columns a table export adds to each table of reviewable items, whether or not the
#: store holds corrections (a user's script reads the same columns from any store):
#: ``reviewed`` (true or false), ``machine`` (JSON: the machine's values of the fields an
#: editor changed) and, for items as documents report them, ``review`` (JSON: correction,
#: action, editor, at; action ``add`` for a row an editor added)
REVIEW_COLUMNS = {
    **dict.fromkeys(ITEM_TABLES, ("reviewed", "machine", "review")),
    "fused_events": ("reviewed", "machine"),
}


@dataclass
class ReviewedRows:
    """Per table, the rows shown otherwise than stored: id -> the shown row, or None
    when it is left out; and the rows editors added (``id`` and ``ordinal`` empty), in
    the table's columns. Empty when the store holds no correction."""

    rows: dict[str, dict[Any, dict[str, Any] | None]] = field(default_factory=dict)
    added: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @staticmethod
    def columns(table: str) -> tuple[str, ...]:
        """The columns this export adds to ``table``."""
        return REVIEW_COLUMNS.get(table, ())


def reviewed_rows(store: Store) -> ReviewedRows:
    """What a table export writes otherwise than stored."""
    corrections = read(store)
    found = ReviewedRows()
    if not corrections:
        return found
    for name, kind in ITEM_TABLES.items():
        found.added[name] = [
            _row(Base.metadata.tables[name], item) for item in added_items(store, kind)
        ]
    by_kind: dict[str, list[Correction]] = defaultdict(list)
    for correction in corrections:
        by_kind["event" if correction.kind == "fused_event" else correction.kind].append(correction)
    with store.reading() as session:
        for name, kind in ITEM_TABLES.items():
            table: Table = Base.metadata.tables[name]
            named = sorted({c.document_id for c in by_kind[kind]})
            rows: list[dict[str, Any]] = []
            for start in range(0, len(named), 500):
                query = select(table).where(table.c.document_id.in_(named[start : start + 500]))
                rows.extend(dict(r) for r in session.execute(query).mappings())
            found.rows[name] = _changed(rows, correct_listed(kind, rows, by_kind[kind]))
        fused: Table = Base.metadata.tables["fused_events"]
        events = (
            [dict(r) for r in session.execute(select(fused)).mappings()] if by_kind["event"] else []
        )
    if events:
        found.rows["fused_events"] = _changed(events, correct_timeline(store, events))
    return found


def _changed(
    rows: list[dict[str, Any]], shown: list[dict[str, Any]] | None
) -> dict[Any, dict[str, Any] | None]:
    if shown is None:
        return {}
    kept = {row["id"]: row for row in shown if "id" in row}
    out: dict[Any, dict[str, Any] | None] = {}
    for row in rows:
        now = kept.get(row["id"])
        if now is None:
            out[row["id"]] = None
        elif now.get("reviewed"):
            out[row["id"]] = now
    return out


def reviewed_records(store: Store, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``records`` as the editors left them: a record a correction touched is the
    corrected one (``correct_record``: ``reviewed: true``), any other as it is."""
    by_document: dict[str, list[Correction]] = defaultdict(list)
    for correction in read(store):
        by_document[correction.document_id].append(correction)
    for record in records:
        own = by_document.get(str(record.get("id")))
        fixed = correct_record(record, own) if own else None
        yield fixed if fixed is not None and fixed["reviewed"] else record


def review_cells(table: str, row: Mapping[str, Any] | None) -> list[Any]:
    """The cells of ``REVIEW_COLUMNS[table]`` for a shown row (None for one nobody
    reviewed)."""
    if row is None:
        cells: list[Any] = [False, None, None]
    else:
        cells = [True, row.get("machine") or {}, row.get("review")]
    return cells[: len(REVIEW_COLUMNS.get(table, ()))]


def _row(table: Table, item: Mapping[str, Any]) -> dict[str, Any]:
    """An added item (``added.added_items``) as a row of ``table``: its evidence as
    ``start``, ``end``, ``evidence``, its place as ``place``, ``place_country``."""
    row = {c.name: item.get(c.name) for c in table.columns}
    evidence = item.get("evidence")
    if isinstance(evidence, Mapping):
        row.update(start=evidence.get("start"), end=evidence.get("end"))
        row["evidence"] = evidence.get("text")
    location = item.get("location")
    if "place" in row and isinstance(location, Mapping):
        row.update(place=location.get("name"), place_country=location.get("country"))
    row.update(id=None, ordinal=None, review=item.get("review"), machine={})
    return row
