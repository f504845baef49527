"""The command line as a user runs it: a batch with bad files in it, a store, a summary."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tregua.interfaces.cli import EXIT_QUARANTINED, app

from ..conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    """Two good articles with an empty file and a binary file between them."""
    good = sorted(EXAMPLES.glob("*.txt"))[:2]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    return [str(good[0]), str(tmp_path / "empty.txt"), str(tmp_path / "photo.txt"), str(good[1])]


def test_extract_goes_on_past_bad_inputs(batch: list[str]) -> None:
    result = runner.invoke(app, ["extract", *batch, "--format", "jsonl"])
    assert result.exit_code == EXIT_QUARANTINED
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["source"] for r in records] == [batch[0], batch[3]]
    assert "empty.txt: the input is empty" in result.stderr
    assert "photo.txt: the input has NUL bytes" in result.stderr
    assert "2 processed, 2 quarantined" in result.stderr


def test_extract_rejects_unknown_format() -> None:
    result = runner.invoke(app, ["extract", "x.txt", "--format", "xml"])
    assert result.exit_code == 2
    assert "not supported" in result.stderr


def test_ingest_stores_and_quarantines_and_is_idempotent(batch: list[str], tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    url = f"sqlite:///{db}"
    first = runner.invoke(app, ["ingest", *batch, "--db", url])
    assert first.exit_code == EXIT_QUARANTINED, first.output
    assert "2 stored" in first.stderr
    with sqlite3.connect(db) as con:
        before = (
            con.execute("select count(*) from documents").fetchone()[0],
            con.execute("select group_concat(reason) from quarantine").fetchone()[0],
        )
    assert before == (2, "empty,not_text")
    again = runner.invoke(app, ["ingest", batch[0], batch[3], "--db", url])
    assert again.exit_code == 0
    assert "0 stored, 0 replaced, 2 unchanged" in again.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_summary_lists_actors_events_and_quotes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", url]).exit_code == 0
    result = runner.invoke(app, ["summary", "--db", url])
    assert result.exit_code == 0, result.output
    for heading in ("Actors", "Events by date", "Quotes"):
        assert heading in result.stdout
    assert "Vladimir Putin" in result.stdout


def test_bad_store_url_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["summary", "--db", "nosuchdb://x"])
    assert result.exit_code == 3
    assert "cannot open the store" in result.stderr


def test_ingest_verbose_reports_each_document_and_fuses(batch: list[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v.db'}"
    first = runner.invoke(app, ["ingest", batch[0], batch[3], "--db", url, "-v"])
    assert first.exit_code == 0, first.output
    assert [line.split()[0] for line in first.stderr.splitlines()[:2]] == ["stored", "stored"]
    assert "fused events from" in first.stderr
    again = runner.invoke(app, ["ingest", batch[0], "--db", url, "-v"])
    assert again.stderr.startswith(f"unchanged {batch[0]}")


def test_a_store_that_refuses_writes_exits_3(batch: list[str], tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    url = f"sqlite:///{db}"
    assert runner.invoke(app, ["ingest", batch[0], "--db", url]).exit_code == 0
    with sqlite3.connect(db) as con:  # a table the writer needs is gone
        con.execute("DROP TABLE sources")
    result = runner.invoke(app, ["ingest", batch[3], "--db", url])
    assert result.exit_code == 3
    assert "cannot read" in result.stderr or "cannot write" in result.stderr
