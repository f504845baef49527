"""Must-show: an ingest killed or cut off mid-batch leaves a consistent store, and the next
run completes the batch.

Both tests run the real ``tregua ingest`` (the real pipeline: ~200 tiny documents a second
here, fast enough that no stub is needed) in a child process and read its ``--verbose``
lines: ``stored ID SOURCE`` is printed after the document's transaction has committed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from tregua.store import open_store

from ..conftest import ROOT
from .conftest import require_postgresql
from .pg import PgServer

BATCH = 2000
KILLS = 20
PG_BATCH = 400

CITIES = ("Ginebra", "Estambul", "Abu Dabi", "Riad", "Moscú", "Kiev", "Bruselas")
MONTHS = ("enero", "febrero", "marzo")
SPEAKERS = ("Dmitri Peskov", "Volodímir Zelenski", "Marco Rubio", "un funcionario ruso")
ISSUES = ("un alto el fuego", "las garantías de seguridad", "el territorio", "las sanciones")


def write_batch(folder: Path, size: int) -> None:
    """``size`` tiny Spanish articles, each different, with a talks event, a quote, a stance."""
    folder.mkdir()
    for n in range(size):
        text = (
            f"Delegaciones de Rusia y Ucrania se reunieron el {1 + n % 27} de "
            f"{MONTHS[n % 3]} en {CITIES[n % 7]}. {SPEAKERS[n % 4]} dijo que «no hay "
            f"plazos» para {ISSUES[n % 4]}. Nota número {n}."
        )
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")


def ingest(folder: Path, url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    return subprocess.Popen(
        [sys.executable, "-m", "tregua.interfaces.cli", "ingest", str(folder), "--db", url, "-v"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def consistent(records: dict[str, dict[str, object]], counts: dict[str, Counter[str]]) -> list[str]:
    """Documents whose rows do not match their record: a half-written document."""
    wrong = []
    for doc_id, record in records.items():
        expected = {
            "paragraphs": len(record["paragraphs"]),  # type: ignore[arg-type]
            "flags": len(record["flags"]),  # type: ignore[arg-type]
            "mentions": sum(len(e["mentions"]) for e in record["entities"]),  # type: ignore[attr-defined]
            "event_mentions": len(record["events"]),  # type: ignore[arg-type]
            "quotes": len(record["quotes"]),  # type: ignore[arg-type]
            "stances": len(record["stances"]),  # type: ignore[arg-type]
        }
        if any(counts[table][doc_id] != n for table, n in expected.items()):
            wrong.append(doc_id)
    return wrong


def _counts(rows: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {table: Counter() for table in CHILD_TABLES}
    for table, doc_id in rows:
        found[table][doc_id] += 1
    return found


CHILD_TABLES = ("paragraphs", "flags", "mentions", "event_mentions", "quotes", "stances")


def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    """2,000 documents; the ingest is SIGKILLed 20 times at random documents and resumed."""
    folder = tmp_path / "batch"
    write_batch(folder, BATCH)
    db = tmp_path / "crash.db"
    url = f"sqlite:///{db}"
    rng = random.Random(7)
    points = sorted(rng.sample(range(1, BATCH - 100), KILLS))
    killed = 0
    stored = 0
    for point in points:
        child = ingest(folder, url)
        assert child.stderr is not None
        seen = 0
        for line in child.stderr:
            seen += line.startswith("stored ")
            if seen >= max(1, point - stored):
                child.send_signal(signal.SIGKILL)
                break
        child.stderr.read()
        killed += child.wait() == -signal.SIGKILL
        with sqlite3.connect(db) as con:
            stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert killed == KILLS
    assert stored < BATCH

    child = ingest(folder, url)
    _, tail = child.communicate()
    assert child.returncode == 0, tail[-2000:]
    assert f"{BATCH - stored} stored, 0 replaced, {stored} unchanged" in tail

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        for fts in ("paragraphs_fts", "quotes_fts"):  # the index matches its table
            con.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        assert con.execute("SELECT count(*), count(DISTINCT source) FROM sources").fetchone() == (
            BATCH,
            BATCH,
        )
        records = {
            doc_id: json.loads(record)
            for doc_id, record in con.execute("SELECT id, record FROM documents")
        }
        rows = [
            (table, doc_id)
            for table in CHILD_TABLES
            for (doc_id,) in con.execute(f"SELECT document_id FROM {table}")
        ]
        mentions, fused = con.execute(
            "SELECT (SELECT count(*) FROM event_mentions), "
            "(SELECT count(*) FROM fused_event_mentions)"
        ).fetchone()
    assert len(records) == BATCH
    assert sorted(r["source"] for r in records.values()) == sorted(
        str(folder / f"{n:04d}.txt") for n in range(BATCH)
    )
    assert consistent(records, _counts(rows)) == []
    assert mentions == fused > 0  # fusion ran over the whole batch


def test_postgresql_stopped_mid_run_loses_no_acknowledged_commit(tmp_path: Path) -> None:
    """The server is stopped with ``pg_ctl stop -m immediate`` (no checkpoint, as in a crash)
    while an ingest writes; after restart every document the ingest reported as stored is
    there, whole, and the next run completes the batch."""
    require_postgresql()
    folder = tmp_path / "batch"
    write_batch(folder, PG_BATCH)
    server = PgServer(fast=False)
    try:
        url = server.url(server.new_database())
        child = ingest(folder, url)
        assert child.stderr is not None
        stop_after = random.Random(11).randint(50, 250)
        acknowledged: list[str] = []
        output = []
        for line in child.stderr:
            output.append(line)
            if line.startswith("stored "):
                acknowledged.append(line.split()[1])
                if len(acknowledged) == stop_after:
                    server.stop("immediate")
        assert child.wait() == 3, "".join(output[-20:])
        assert "cannot" in "".join(output[-5:])
        assert len(acknowledged) >= stop_after

        server.start()
        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as con:
            records = {
                doc_id: record for doc_id, record in con.execute("SELECT id, record FROM documents")
            }
            rows = [
                (table, doc_id)
                for table in CHILD_TABLES
                for (doc_id,) in con.execute(f"SELECT document_id FROM {table}")
            ]
        assert set(acknowledged) <= set(records)
        assert consistent(records, _counts(rows)) == []
        assert len(records) < PG_BATCH

        child = ingest(folder, url)
        _, tail = child.communicate()
        assert child.returncode == 0, tail[-2000:]
        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as con:
            assert con.execute(
                "SELECT count(*), count(DISTINCT source) FROM sources"
            ).fetchone() == (PG_BATCH, PG_BATCH)
            assert con.execute("SELECT count(*) FROM documents").fetchone() == (PG_BATCH,)
    finally:
        server.remove()


@pytest.fixture(autouse=True)
def _no_ambient_db(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREGUA_DB", raising=False)


def test_two_ingests_of_one_batch_at_once_store_it_once(store_url: str, tmp_path: Path) -> None:
    """Writers queue (SQLite: BEGIN IMMEDIATE) or retry a lost race (PostgreSQL)."""
    folder = tmp_path / "batch"
    write_batch(folder, 120)
    children = [ingest(folder, store_url) for _ in range(2)]
    tallies = []
    for child in children:
        _, tail = child.communicate()
        assert child.returncode == 0, tail[-2000:]
        tallies.append(tail.strip().splitlines()[-1])
    stored = [int(t.split(" stored,")[0].split()[-1]) for t in tallies]
    assert sum(stored) == 120, tallies
    counts = open_store(store_url).table_counts()
    assert (counts["documents"], counts["sources"]) == (120, 120)
    assert counts["fused_event_mentions"] == counts["event_mentions"]
