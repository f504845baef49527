"""The command line as a user runs it: a batch with bad files in it, a store, a summary."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["timeline", "--type", "ASSAULT"], lambda rows: {r["type"] for r in rows} == {"ASSAULT"}),
        (["timeline", "--side", "TUR"], lambda rows: all("TUR" in r["countries"] for r in rows)),
        (
            ["quotes", "--speaker", "Peskov"],
            lambda rows: {r["speaker_name"] for r in rows} == {"Dmitry Peskov"},
        ),
        (["stances"], lambda rows: all({"side", "issue", "polarity"} <= set(r) for r in rows)),
        (["stances", "--changes"], lambda rows: all(r["from"] != r["to"] for r in rows)),
        (["actors"], lambda rows: any(r["name"] == "Volodymyr Zelensky" for r in rows)),
        (["actors", "Zelenski"], lambda row: row["id"] == "Q3874799"),
        (["search", "alto el fuego"], lambda rows: all("fuego" in r["text"].lower() for r in rows)),
    ],
)
def test_read_commands_answer_json(examples_db: str, args: list[str], check: Any) -> None:
    result = runner.invoke(app, [*args, "--db", examples_db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data and check(data)
    table = runner.invoke(app, [*args, "--db", examples_db])
    assert table.exit_code == 0 and table.stdout.strip()


def test_explain_marks_events_quotes_stances_and_flags(examples_db: str) -> None:
    doc = str(EXAMPLES / "02_ataque_jarkov_durante_negociaciones.txt")
    result = runner.invoke(app, ["explain", doc, "--db", examples_db])
    assert result.exit_code == 0, result.output
    for mark in ("[E1 ", " E1]", "[Q1 ", "[S1 ", "[F1 "):
        assert mark in result.stdout
    assert "inserted_commentary" in result.stdout
    data = json.loads(runner.invoke(app, ["explain", doc, "--db", examples_db, "--json"]).stdout)
    assert all(data["text"][m["start"] : m["end"]] == m["text"] for m in data["marks"])
    missing = runner.invoke(app, ["explain", "nope", "--db", examples_db])
    assert missing.exit_code == 2 and "no stored document" in missing.stderr


def test_ingest_progress_shows_articles_per_second() -> None:
    from rich.progress import Progress

    from tregua.interfaces.cli import _Rate

    progress = Progress(_Rate())
    task = progress.add_task("ingest", total=None)
    assert str(_Rate().render(progress.tasks[task])) == "0.0 articles/s"


def test_a_quarantine_reason_with_brackets_is_printed_whole(tmp_path: Path) -> None:
    empty = tmp_path / "notas [borrador].txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(empty)])
    assert "notas [borrador].txt" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["timeline"], ["quotes"]],
    ids=["timeline", "quotes"],
)
def test_min_confidence_keeps_only_confident_facts(examples_db: str, command: list[str]) -> None:
    everything = runner.invoke(app, [*command, "--db", examples_db, "--json"])
    assert everything.exit_code == 0, everything.output
    rows = json.loads(everything.stdout)
    scores = sorted(c for r in rows if (c := r.get("confidence")) is not None)
    assert scores, "the sample's facts carry a confidence"
    middle = scores[len(scores) // 2]
    kept = runner.invoke(
        app, [*command, "--db", examples_db, "--json", "--min-confidence", str(middle)]
    )
    assert kept.exit_code == 0, kept.output
    found = json.loads(kept.stdout)
    assert 0 < len(found) < len(rows)
    assert all(r["confidence"] is not None and r["confidence"] >= middle for r in found)


def test_min_confidence_filters_the_stances_behind_the_matrix(examples_db: str) -> None:
    def cells(*more: str) -> list[dict[str, Any]]:
        result = runner.invoke(app, ["stances", "--db", examples_db, "--json", *more])
        assert result.exit_code == 0, result.output
        found: list[dict[str, Any]] = json.loads(result.stdout)
        return found

    every = cells()
    assert every and cells("--min-confidence", "0") == every  # every stance has a confidence
    assert cells("--min-confidence", "1") == []  # a fitted probability is never 1
    assert cells("--changes", "--min-confidence", "1") == []


def test_min_confidence_out_of_range_is_a_usage_error(examples_db: str) -> None:
    result = runner.invoke(app, ["timeline", "--db", examples_db, "--min-confidence", "1.5"])
    assert result.exit_code == 2
    gold = runner.invoke(
        app,
        [
            "export",
            "--format",
            "gold",
            "--out",
            "x",
            "--db",
            examples_db,
            "--min-confidence",
            "0.5",
        ],
    )
    assert gold.exit_code == 2 and "editors' decisions" in gold.stderr
