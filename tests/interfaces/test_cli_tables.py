"""Tables that fit: at 80 columns no value is cut (columns fold or go, by priority), and a
pipe gets tab-separated values, header first, no box."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tregua.interfaces.cli import app
from tregua.interfaces.cli.tables import Column, fitting, render

runner = CliRunner()
TERMINAL_80 = {"COLUMNS": "80", "LINES": "50", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
READS = [
    ["timeline"],
    ["quotes"],
    ["stances"],
    ["stances", "--changes"],
    ["actors"],
    ["search", "alto el fuego"],
    ["documents"],
    ["summary"],
]
# a word that Rich cut short ("ceas…"): an excerpt's mark stands alone after a space
CUT = re.compile(r"\w…")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

ROWS = [
    {"side": "RUS", "ceasefire": "conditional", "security_guarantees": "oppose", "n": 12},
    {"side": "UKR", "ceasefire": "support", "security_guarantees": "support", "n": 7},
]
COLUMNS: list[Column[dict[str, object]]] = [
    Column("side", lambda r: r["side"]),
    Column("ceasefire", lambda r: r["ceasefire"]),
    Column("security_guarantees", lambda r: r["security_guarantees"], drop=1),
    Column("mentions", lambda r: r["n"], drop=2),
    Column("why", lambda r: "una frase larga " * 6, fold=True, excerpt=60, drop=3),
]
SNAPSHOT_80 = """\

  side   ceasefire     security_guarantees   mentions   why
 ──────────────────────────────────────────────────────────────────────────────
  RUS    conditional   oppose                12         una frase larga una
                                                        frase larga una frase
                                                        larga una frase …
  UKR    support       support               7          una frase larga una
                                                        frase larga una frase
                                                        larga una frase …

"""


def _terminal(args: list[str]) -> str:
    """What a read command prints to an 80-column terminal, styles left out."""
    result = runner.invoke(app, args, env=TERMINAL_80)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout)


def _render(width: int) -> str:
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system=None, highlight=False
    )
    render(console, COLUMNS, ROWS)
    assert isinstance(console.file, io.StringIO)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def test_a_table_at_80_columns_is_the_snapshot() -> None:
    assert _render(80) == SNAPSHOT_80


def test_a_narrow_terminal_drops_whole_columns_by_priority_never_cuts() -> None:
    narrow = _render(44)
    header = narrow.splitlines()[1].split()
    assert header == ["side", "ceasefire", "security_guarantees"]  # the most droppable go first
    assert "security_guarantees" in narrow and "conditional" in narrow
    assert "(mentions, why left out at this width;" in narrow
    assert not CUT.search(narrow)
    cells = [["RUS", "conditional", "oppose", "12", "x"], ["UKR", "support", "support", "7", "x"]]
    assert list(fitting(COLUMNS, cells, 30)) == [0, 1]  # nothing droppable left but side/ceasefire


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_read_commands_at_80_columns_cut_no_value(examples_db: str, args: list[str]) -> None:
    shown = _terminal([*args, "--db", examples_db])
    lines = shown.splitlines()
    assert lines and all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert not CUT.search(shown), CUT.search(shown)
    assert "─" in shown  # a table, not TSV


def test_values_of_short_columns_are_whole_at_80_columns(examples_db: str) -> None:
    table = _terminal(["stances", "--db", examples_db])
    cells = json.loads(runner.invoke(app, ["stances", "--db", examples_db, "--json"]).stdout)
    header = table.splitlines()[2].split()  # title, blank line, header
    assert header[0] == "side" and set(header[1:]) <= {c["issue"] for c in cells}
    shown = {(c["side"], c["polarity"]) for c in cells if c["issue"] in header}
    for side, polarity in shown:
        row = next(line for line in table.splitlines() if line.split()[:1] == [side])
        assert polarity in row.split()
    events = _terminal(["timeline", "--db", examples_db, "--limit", "0"])  # every event
    for event in json.loads(runner.invoke(app, ["timeline", "--db", examples_db, "--json"]).stdout):
        date = re.escape(event["date"] or "?")
        assert re.search(rf"^  {date} +{event['type']} ", events, re.M), event


@pytest.mark.parametrize("args", READS[:-1], ids=" ".join)
def test_piped_read_commands_print_tsv(examples_db: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", examples_db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    width = len(lines[0].split("\t"))
    assert width > 1 and all(len(line.split("\t")) == width for line in lines)
    assert not set("─│╭┃━") & set(result.stdout)


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_every_read_command_answers_json(examples_db: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", examples_db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_help_at_80_columns_gives_each_command_one_line() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in listed if line.strip()]
    # one line a command and a sub-app (users, review): no summary folded onto a 2nd line
    assert len(names) == len(app.registered_commands) + len(app.registered_groups)
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert names[:3] == ["extract", "ingest", "watch"]  # the order of work, not of imports
