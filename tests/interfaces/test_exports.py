"""``tregua export``: each format from a store holding the three articles of the corpus."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tregua.fuse.refresh import refresh
from tregua.interfaces.cli import app
from tregua.store import open_store
from tregua.store.schema import TABLES

from ..store import corpus

runner = CliRunner()
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'e.db'}"
    store = open_store(url)
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    return url


def _export(url: str, format: str, out: Path) -> str:
    result = runner.invoke(app, ["export", "--format", format, "--out", str(out), "--db", url])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_jsonl_gives_the_records_back(url: str, tmp_path: Path) -> None:
    assert "3 jsonl items" in _export(url, "jsonl", tmp_path / "r.jsonl")
    lines = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == corpus.corpus()


def test_csv_writes_every_table(url: str, tmp_path: Path) -> None:
    _export(url, "csv", tmp_path / "tables")
    with (tmp_path / "tables" / "fused_events.csv").open(encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert sorted(r["type"] for r in rows) == ["ASSAULT", "CONSULT"]
    assert json.loads(rows[0]["sources"])
    assert sorted(p.stem for p in (tmp_path / "tables").glob("*.csv")) == sorted(TABLES)


def test_geojson_places_events_with_coordinates(url: str, tmp_path: Path) -> None:
    _export(url, "geojson", tmp_path / "e.geojson")
    collection = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    points = {
        f["properties"]["place"]: f["geometry"]["coordinates"] for f in collection["features"]
    }
    assert points == {"Abu Dhabi": [54.38, 24.45], "Kharkiv": [36.23, 49.99]}


def test_graphml_is_the_actor_network(url: str, tmp_path: Path) -> None:
    _export(url, "graphml", tmp_path / "a.graphml")
    graph = ET.parse(tmp_path / "a.graphml").getroot().find(f"{GRAPHML}graph")
    assert graph is not None
    nodes = {n.get("id") for n in graph.iter(f"{GRAPHML}node")}
    assert nodes == {"Q159", "Q212"}
    (edge,) = graph.iter(f"{GRAPHML}edge")
    data = {d.get("key"): d.text for d in edge.iter(f"{GRAPHML}data")}
    assert data == {"weight": "2", "types": "ASSAULT CONSULT"}


def test_polecat_events(url: str, tmp_path: Path) -> None:
    _export(url, "polecat", tmp_path / "p.jsonl")
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    talks, attack = (json.loads(line) for line in lines)
    assert (talks["event_type"], talks["quad_code"], talks["placename"]) == (
        "CONSULT",
        "verbal cooperation",
        "Abu Dhabi",
    )
    assert attack["quad_code"] == "material conflict"
    assert [a["name"] for a in attack["actor"]] == ["Russia"]
    assert attack["recipient_country"] == ["UKR"]
    assert attack["disputed"]
    assert [s["source"] for s in attack["sources"]] == ["b.txt", "c.txt"]


def test_parquet_writes_every_table_typed(url: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = _export(url, "parquet", tmp_path / "tables")
    assert sorted(p.stem for p in (tmp_path / "tables").glob("*.parquet")) == sorted(TABLES)
    events = pq.read_table(tmp_path / "tables" / "fused_events.parquet")
    assert sorted(events.column("type").to_pylist()) == ["ASSAULT", "CONSULT"]
    assert events.schema.field("lat").type == pa.float64()
    assert events.schema.field("disputed").type == pa.bool_()
    assert all(json.loads(s) for s in events.column("sources").to_pylist())
    documents = pq.read_table(tmp_path / "tables" / "documents.parquet")
    assert documents.schema.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    records = [json.loads(r) for r in documents.column("record").to_pylist()]
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in corpus.corpus())
    # the same rows as the CSV tables, table by table
    _export(url, "csv", tmp_path / "csv")
    for name in TABLES:
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8") as table:
            assert pq.read_table(tmp_path / "tables" / f"{name}.parquet").num_rows == sum(
                1 for _ in csv.DictReader(table)
            ), name
    assert "parquet" in written


def test_formats_not_offered_say_why(url: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "--format", "xml", "--out", str(tmp_path / "x"), "--db", url]
    )
    assert result.exit_code == 2
    assert "not supported" in result.stderr and "parquet" in result.stderr
