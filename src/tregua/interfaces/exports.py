"""Exports of a store for other tools, each a function ``(store, path) -> rows written``.

jsonl     one OUTPUT.md record per line (what ``tregua extract`` writes)
csv       a folder with one CSV per table of the store (JSON columns as JSON text)
parquet   a folder with one Parquet file per table, typed: integers, floats, booleans,
          UTC timestamps and text as they are, JSON columns as JSON text, blobs as bytes
geojson   a FeatureCollection of fused events that have coordinates
graphml   the actor network: entities acting in fused events, linked when they act
          together (weight = events shared)
polecat   one POLECAT-style event per line: PLOVER type, mode, quad class, actors
          and recipients with their countries, place, date, and tregua's additions
          (status, every source, disagreements, confidence, copies and independent
          sources, the one wire that alone confirms an event)

Every export takes ``min_confidence``: only the events, mentions, quotes and stances of at
least that confidence go out (those without one are left out): in jsonl, from each record;
in csv and parquet, with the rows linking to one left out (``fused_event_mentions``,
``quote_issues``, ``stance_point_evidence``...). Fused events carry their ``copies``,
``independent_sources`` and ``wire`` in every export.

Every export shows the record as the editors left it (issue #18, ``review.tables``,
``review.apply.correct_timeline``): rejected items left out, reviewed ones marked
``reviewed`` with the machine's values in ``machine`` (graphml: the network of the
events as reviewed), items editors added included; the csv and parquet tables of events,
quotes, stances and fused events have the review's columns whatever the store holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from itertools import chain, combinations
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import (
    Boolean,
    ColumnElement,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Table,
    select,
)

from tregua.review.apply import correct_timeline
from tregua.review.tables import (
    ITEM_TABLES,
    ReviewedRows,
    review_cells,
    reviewed_records,
    reviewed_rows,
)
from tregua.store import Store
from tregua.store.queries import EntityRef, timeline
from tregua.store.schema import TABLES, Base

#: PLOVER event types by quad class (cooperation/conflict, verbal/material), as the
#: PLOVER codebook groups them; the order of the types is that of spec/OUTPUT.md
QUAD_CLASSES: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}

_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
#: rows of a Parquet row group (and the most rows of one table held in memory at once)
PARQUET_ROWS = 10_000


class Export(Protocol):
    def __call__(self, store: Store, path: Path, *, min_confidence: float | None = None) -> int:
        """Write the export of ``store`` at ``path``; rows (or records) written."""


def _confident(record: dict[str, Any], min_confidence: float) -> dict[str, Any]:
    """``record`` with only the events, quotes and stances of at least ``min_confidence``."""
    kept = dict(record)
    for key in ("events", "quotes", "stances"):
        if isinstance(record.get(key), list):
            kept[key] = [
                item
                for item in record[key]
                if isinstance(item.get("confidence"), int | float)
                and item["confidence"] >= min_confidence
            ]
    return kept


def export_jsonl(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as sink:
        # as the editors left them: reviewed items carry ``reviewed``, ``machine``, ``review``
        for record in reviewed_records(store, store.records()):
            if min_confidence is not None:
                record = _confident(record, min_confidence)
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return f"{len(value)} bytes"  # quarantined content stays in the store
    return value


def _kept(table: Table, min_confidence: float | None) -> list[ColumnElement[bool]]:
    """The rows of ``table`` an export at ``min_confidence`` keeps: those of enough
    confidence, and those that link only to rows of enough confidence."""
    if min_confidence is None:
        return []
    where: list[ColumnElement[bool]] = []
    if "confidence" in table.c:
        where.append(table.c.confidence >= min_confidence)
    for key in sorted(table.foreign_keys, key=lambda k: k.parent.name):
        target = key.column.table
        if "confidence" in target.c:
            confident = select(key.column).where(target.c.confidence >= min_confidence)
            where.append(key.parent.in_(confident))
    return where


class _Shown:
    """The rows of one table as the editors left them (``review.tables``): a row left
    out is skipped, and so is a row linking to one left out; a table that may hold
    reviewed rows always gets the columns ``reviewed``, ``machine`` (and ``review``), and the
    rows editors added come after the stored ones."""

    def __init__(self, table: Table, review: ReviewedRows, dropped: dict[str, set[Any]]) -> None:
        self.name = table.name
        self.extra = review.columns(table.name)
        self.added = review.added.get(table.name, [])
        self.changed = review.rows.get(table.name, {})
        self.dropped = dropped
        names = [c.name for c in table.columns]
        self.names = names
        self.id = names.index("id") if "id" in names else None
        self.links = [
            (names.index(key.parent.name), key.column.table.name)
            for key in table.foreign_keys
            if key.column.name == "id"
        ]

    def cells(self, row: Sequence[Any]) -> list[Any] | None:
        """The cells of ``row`` as written, or None when it is left out."""
        if any(row[n] in self.dropped.get(target, ()) for n, target in self.links):
            if self.id is not None:
                self.dropped.setdefault(self.name, set()).add(row[self.id])
            return None
        key = row[self.id] if self.id is not None else None
        if key in self.changed:
            shown = self.changed[key]
            if shown is None:
                self.dropped.setdefault(self.name, set()).add(key)
                return None
            return [shown.get(n) for n in self.names] + review_cells(self.name, shown)
        return [*row, *review_cells(self.name, None)]

    def added_cells(self, min_confidence: float | None) -> list[list[Any]]:
        """The cells of the rows editors added (none at a minimum confidence: an editor's
        addition has no confidence, and rows without one are left out)."""
        if min_confidence is not None:
            return []
        return [
            [row.get(n) for n in self.names] + review_cells(self.name, row) for row in self.added
        ]


def export_csv(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    """One ``TABLE.csv`` per table in the folder ``path``; rows written in all."""
    path.mkdir(parents=True, exist_ok=True)
    count = 0
    review, dropped = reviewed_rows(store), dict[str, set[Any]]()
    with store.reading() as session:
        for name in TABLES:
            table: Table = Base.metadata.tables[name]
            shown = _Shown(table, review, dropped)
            order = list(table.primary_key.columns)
            with (path / f"{name}.csv").open("w", encoding="utf-8", newline="") as sink:
                writer = csv.writer(sink)
                writer.writerow([*shown.names, *shown.extra])
                kept = _kept(table, min_confidence)
                for row in session.execute(select(table).where(*kept).order_by(*order)):
                    if (cells := shown.cells(row)) is not None:
                        writer.writerow([_cell(v) for v in cells])
                        count += 1
                for cells in shown.added_cells(min_confidence):
                    writer.writerow([_cell(v) for v in cells])
                    count += 1
    return count


def _arrow_type(column: Any) -> Any:
    """The Arrow type of a store column: what pandas, DuckDB or Polars then read it as."""
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, LargeBinary):
        return pa.binary()
    return pa.string()  # String, Text, and JSON as JSON text


def _parquet_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # SQLite gives back the UTC it was given, naive
    return value


def export_parquet(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    """One ``TABLE.parquet`` per table in the folder ``path``, typed by the store's
    columns; rows written in all. Needs pyarrow (a dependency of tregua)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir(parents=True, exist_ok=True)
    count = 0
    review, dropped = reviewed_rows(store), dict[str, set[Any]]()
    with store.reading() as session:
        for name in TABLES:
            table: Table = Base.metadata.tables[name]
            shown = _Shown(table, review, dropped)
            extra = [(n, pa.bool_() if n == "reviewed" else pa.string(), True) for n in shown.extra]
            # a table of reviewable items may hold rows editors added: no id, no ordinal
            nullable = name in ITEM_TABLES
            schema = pa.schema(
                [(c.name, _arrow_type(c), c.nullable or nullable) for c in table.columns] + extra
            )
            order = list(table.primary_key.columns)
            found = session.execute(
                select(table)
                .where(*_kept(table, min_confidence))
                .order_by(*order)
                .execution_options(yield_per=PARQUET_ROWS)
            )
            # a row group per PARQUET_ROWS rows: memory stays bounded on a large store
            with pq.ParquetWriter(path / f"{name}.parquet", schema) as sink:
                parts = (
                    [cells for r in part if (cells := shown.cells(r)) is not None]
                    for part in found.partitions(PARQUET_ROWS)
                )
                added = shown.added_cells(min_confidence)
                for rows in chain(parts, [added] if added else []):
                    columns = [[_parquet_cell(r[i]) for r in rows] for i in range(len(schema))]
                    sink.write_table(pa.Table.from_arrays(columns, schema=schema))
                    count += len(rows)
    return count


def export_geojson(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    features = [
        {
            "type": "Feature",
            "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
            "properties": {
                "type": event["type"],
                "status": event["status"],
                "date": event["date"],
                "date_end": event["date_end"],
                "place": event["place"],
                "place_country": event["place_country"],
                "countries": event["countries"],
                "actors": [a["name"] for a in event["actors"]],
                "targets": [t["name"] for t in event["targets"]],
                "dead": event["dead"],
                "injured": event["injured"],
                "disputed": event["disputed"],
                "sources": event["sources"],
                "evidence": event["evidence"],
                "confidence": event["confidence"],
                "copies": event["copies"],
                "independent_sources": event["independent_sources"],
                "wire": event["wire"],
                **_review_fields(event),
            },
        }
        for event in correct_timeline(store, timeline(store, min_confidence=min_confidence))
        if event["lat"] is not None and event["lon"] is not None
    ]
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(features)


def _review_fields(event: dict[str, Any]) -> dict[str, Any]:
    """What a review adds to a fused event (``review.apply.correct_timeline``), if any."""
    return {k: event[k] for k in ("reviewed", "machine", "merged", "split_from") if k in event}


def export_graphml(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    """Nodes: entities acting in or targeted by a fused event; edges: pairs of them in one
    event, undirected, weighted by the events they share. Returns nodes + edges."""
    events = correct_timeline(store, timeline(store, min_confidence=min_confidence))
    nodes: dict[str, EntityRef] = {}
    weights: Counter[tuple[str, str]] = Counter()
    types: dict[tuple[str, str], set[str]] = {}
    for event in events:
        parties = {p["id"]: p for p in (*event["actors"], *event["targets"])}
        nodes.update(parties)
        for pair in combinations(sorted(parties), 2):
            weights[pair] += 1
            types.setdefault(pair, set()).add(event["type"])
    ET.register_namespace("", _GRAPHML)
    root = ET.Element(f"{{{_GRAPHML}}}graphml")
    for key, owner, name, kind in (
        ("name", "node", "name", "string"),
        ("country", "node", "country", "string"),
        ("weight", "edge", "weight", "int"),
        ("types", "edge", "event_types", "string"),
    ):
        ET.SubElement(
            root,
            f"{{{_GRAPHML}}}key",
            {"id": key, "for": owner, "attr.name": name, "attr.type": kind},
        )
    graph = ET.SubElement(
        root, f"{{{_GRAPHML}}}graph", {"id": "actors", "edgedefault": "undirected"}
    )
    for node_id in sorted(nodes):
        node = ET.SubElement(graph, f"{{{_GRAPHML}}}node", {"id": node_id})
        _data(node, "name", nodes[node_id]["name"])
        country = nodes[node_id]["country"]
        if country:
            _data(node, "country", country)
    for n, (pair, weight) in enumerate(sorted(weights.items())):
        edge = ET.SubElement(
            graph, f"{{{_GRAPHML}}}edge", {"id": f"e{n}", "source": pair[0], "target": pair[1]}
        )
        _data(edge, "weight", str(weight))
        _data(edge, "types", " ".join(sorted(types[pair])))
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return len(nodes) + len(weights)


def _data(parent: ET.Element, key: str, value: str) -> None:
    ET.SubElement(parent, f"{{{_GRAPHML}}}data", {"key": key}).text = value


def _parties(parties: list[EntityRef]) -> list[dict[str, str | None]]:
    return [{"name": p["name"], "country": p["country"], "id": p["id"]} for p in parties]


def export_polecat(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as sink:
        for event in correct_timeline(store, timeline(store, min_confidence=min_confidence)):
            reports = event["reports"]
            actors, targets = event["actors"], event["targets"]
            item = {
                "event_id": event["id"],
                "event_date": event["date"],
                "event_date_end": event["date_end"],
                "story_date": min(
                    (r["published"] for r in reports if r["published"]), default=None
                ),
                "event_type": event["type"],
                "event_mode": event["mode"],
                "quad_code": QUAD_CLASSES.get(event["type"]),
                "actor": _parties(actors),
                "actor_country": sorted({a["country"] for a in actors if a["country"]})
                or event["countries"],
                "recipient": _parties(targets),
                "recipient_country": sorted({t["country"] for t in targets if t["country"]}),
                "placename": event["place"],
                "country": event["place_country"],
                "latitude": event["lat"],
                "longitude": event["lon"],
                "event_text": event["evidence"],
                "status": event["status"],
                "dead": event["dead"],
                "injured": event["injured"],
                "disputed": event["disputed"],
                "disagreements": event["disagreements"],
                "sources": [
                    {"source": r["source"], "outlet": r["outlet"], "published": r["published"]}
                    for r in reports
                ],
                "confidence": event["confidence"],
                "copies": event["copies"],
                "independent_sources": event["independent_sources"],
                "wire": event["wire"],
                **_review_fields(event),
            }
            sink.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


#: ``tregua export --format NAME`` -> the function writing it
def export_gold(store: Store, path: Path, *, min_confidence: float | None = None) -> int:
    """Every reviewed document as a gold file of ANNOTATION.md in the folder ``path``: the
    analysts' corrections as gold, for ``score.py`` (issue #18). The gold is what the
    editors decided, so no minimum confidence applies to it (``tregua export`` refuses one)."""
    from tregua.review.gold import export_gold as write_gold

    if min_confidence is not None:
        raise ValueError("the gold is the editors' decisions: no minimum confidence applies")
    return len(write_gold(store, path))


EXPORTS: dict[str, Export] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "parquet": export_parquet,
    "geojson": export_geojson,
    "graphml": export_graphml,
    "polecat": export_polecat,
    "gold": export_gold,
}
