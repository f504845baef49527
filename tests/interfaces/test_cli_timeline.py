"""``tregua timeline`` on a large store: a terminal gets the first events and a line saying
how many match, a pipe and --json get every event; the narrow query behind the table
answers what the timeline query answers; the TSV of a value is what the table shows."""

from __future__ import annotations

import gc
import json
import re

import pytest
from typer.testing import CliRunner

from tregua.interfaces.cli import app
from tregua.interfaces.cli.reads import TERMINAL_EVENTS
from tregua.interfaces.cli.tables import Column, tsv
from tregua.store import open_store, queries

runner = CliRunner()
TERMINAL = {"COLUMNS": "120", "LINES": "50", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
DATED_ROW = re.compile(r"^  (\d{4}(-\d\d){0,2}|\?) +[A-Z]+ ", re.M)


def _all_events(examples_db: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["timeline", "--db", examples_db, "--json"])
    assert result.exit_code == 0, result.output
    events: list[dict[str, object]] = json.loads(result.stdout)
    assert len(events) > TERMINAL_EVENTS, "the examples hold more events than a terminal shows"
    return events


def test_a_terminal_shows_the_first_events_and_says_how_many_match(examples_db: str) -> None:
    total = len(_all_events(examples_db))
    shown = runner.invoke(app, ["timeline", "--db", examples_db], env=TERMINAL)
    assert shown.exit_code == 0, shown.output
    assert len(DATED_ROW.findall(shown.stdout)) == TERMINAL_EVENTS
    assert f"{TERMINAL_EVENTS} of {total} events" in shown.stdout  # the title
    assert shown.stderr.strip() == (
        f"showing the first {TERMINAL_EVENTS} of {total:,} events; --limit 0 for all, "
        "--since YYYY-MM-DD to start later"
    )
    every = runner.invoke(app, ["timeline", "--db", examples_db, "--limit", "0"], env=TERMINAL)
    assert len(DATED_ROW.findall(every.stdout)) == total
    assert every.stderr == ""


def test_a_pipe_gets_every_event_unless_limited(examples_db: str) -> None:
    events = _all_events(examples_db)
    piped = runner.invoke(app, ["timeline", "--db", examples_db])
    assert piped.exit_code == 0, piped.output
    lines = piped.stdout.splitlines()
    assert len(lines) == 1 + len(events) and piped.stderr == ""
    dates = [line.split("\t")[0] for line in lines[1:]]
    assert dates == [e["date"] or "?" for e in events]  # the order of the JSON's events
    three = runner.invoke(app, ["timeline", "--db", examples_db, "--limit", "3"])
    assert three.stdout.splitlines() == lines[:4]
    assert f"showing the first 3 of {len(events)} events" in three.stderr


def test_json_is_every_event_or_the_first_of_limit(examples_db: str) -> None:
    events = _all_events(examples_db)
    first = runner.invoke(app, ["timeline", "--db", examples_db, "--json", "--limit", "3"])
    assert json.loads(first.stdout) == events[:3]
    assert first.stderr == ""


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"side": "RUS"},
        {"type": "CONSULT"},
        {"status": "occurred"},
        {"since": "2026-01-01", "until": "2026-03-31"},
        {"actor": "Zelenski"},
        {"min_confidence": 0.6},
        {"actor": "Nadie Ninguno"},
    ],
    ids=repr,
)
def test_the_lines_are_the_timelines_events(examples_db: str, filters: dict[str, object]) -> None:
    store = open_store(examples_db, read_only=True)
    compact = queries.timeline_compact(store, **filters)  # type: ignore[arg-type]
    lines, total = queries.timeline_lines(store, **filters)  # type: ignore[arg-type]
    keys = ("date", "type", "status", "countries", "place", "sources", "evidence")
    assert lines == [{k: e[k] for k in keys} for e in compact]  # type: ignore[literal-required]
    assert total == len(compact)
    if len(compact) > 2:
        two, counted = queries.timeline_lines(store, limit=2, **filters)  # type: ignore[arg-type]
        assert two == lines[:2] and counted == len(compact)


def test_tsv_fields_are_whole_with_controls_escaped() -> None:
    columns: list[Column[dict[str, object]]] = [
        Column("a", lambda r: r["a"]),
        Column("b", lambda r: r["b"]),
        Column("n", lambda r: r["n"]),  # integers alone: a column done without a call a value
        Column("t", lambda r: r["t"]),  # booleans: printed as Python writes them
    ]
    rows: list[dict[str, object]] = [
        {"a": "Kyiv\tKiev", "b": ["RUS", "UKR"], "n": 3, "t": True},
        {"a": None, "b": 12, "n": 0, "t": False},
        {"a": "dos\nlíneas\x1b[2J", "b": ["x", None, 3], "n": -12, "t": True},
        {"a": "\u202eal revés", "b": "sin\u00a0corte", "n": 10**20, "t": False},
    ]
    assert tsv(columns, rows) == (
        "a\tb\tn\tt\n"
        "Kyiv Kiev\tRUS UKR\t3\tTrue\n"
        "\t12\t0\tFalse\n"
        "dos\\nlíneas\\x1b[2J\tx  3\t-12\tTrue\n"
        "\\u202eal revés\tsin\u00a0corte\t100000000000000000000\tFalse\n"
    )
    assert tsv(columns, []) == "a\tb\tn\tt\n"
    text_only: list[Column[str | None]] = [Column("a", lambda r: r)]
    assert tsv(text_only, ["uno", None, "tres\tcuatro", "\x07"]) == "a\nuno\n\ntres cuatro\n\\x07\n"


def test_a_read_command_leaves_the_collector_as_it_found_it(examples_db: str) -> None:
    assert gc.isenabled()
    assert runner.invoke(app, ["summary", "--db", examples_db]).exit_code == 0
    assert runner.invoke(app, ["timeline", "--db", "nosuchdb://x"]).exit_code == 3
    assert gc.isenabled()  # paused while each ran, not after
