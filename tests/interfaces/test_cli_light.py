"""Option values checked without pydantic (``cli.coercion``) are what Typer's own
coercion makes of them, value and type, and a value it refuses is refused with Typer's
words; a read command imports neither pydantic nor SQLAlchemy on a SQLite store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
import typer.main
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from tregua.interfaces.cli import app
from tregua.interfaces.cli.coercion import PlainParam, plain

from ..conftest import ROOT

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    15,
    0.5,
    "",
    "0",
    "1",
    "007",
    "15",
    "500",
    "501",
    "-1",
    "+3",
    " 3",
    "3 ",
    "1_000",
    "abc",
    "0.6",
    ".5",
    "1.",
    "1.0",
    "2",
    "1e-1",
    "nan",
    "inf",
    "٣",
    "123456789012345678",
    "99999999999999999999999",
    "0.333333333333333",
    "RUS",
    "2026-01-01",
]


GROUP = typer.main.get_command(app)


def _params() -> list[tuple[str, Any]]:
    found = []
    for name, command in GROUP.commands.items():  # type: ignore[attr-defined]
        context = Context(command)
        for param in command.get_params(context):
            if plain(param) is not None:
                found.append((f"{name} {param.name}", param))
    return found


def _outcome(runtime: Any, value: Any, param: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=Context(GROUP))
    except BadParameter as exc:
        return "refused", exc.format_message()


PARAMS = _params()


def test_the_read_commands_options_are_checked_plainly() -> None:
    named = {name for name, _ in PARAMS}
    for option in ("db", "limit", "min_confidence", "since", "side", "json", "help"):
        assert any(n.startswith("timeline ") and n.endswith(option) for n in named), option
    assert "search limit" in named and "summary limit" in named


@pytest.mark.parametrize(("name", "param"), PARAMS, ids=[n for n, _ in PARAMS])
def test_a_plain_check_answers_what_typer_answers(name: str, param: Any) -> None:
    ours = plain(param)
    assert isinstance(ours, PlainParam)
    typers = build_runtime_param(param.type_descriptor)
    for value in VALUES:
        mine, theirs = _outcome(ours, value, param), _outcome(typers, value, param)
        assert mine == theirs, (name, value)
        assert type(mine[1]) is type(theirs[1]), (name, value)


def test_a_read_command_on_sqlite_loads_neither_pydantic_nor_sqlalchemy(examples_db: str) -> None:
    """A new process, as a user runs it: after ``timeline`` (with options of every plain
    type) and ``summary``, neither pydantic nor SQLAlchemy (nor the ORM's schema) is
    loaded, and each printed its table."""
    script = (
        "import json, sys\n"
        "from tregua.interfaces.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'sqlalchemy')\n"
        "               or m.startswith(('tregua.store.schema', 'tregua.store.database')))\n"
        "print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for args in (
        ["timeline", "--db", examples_db, "--limit", "5", "--min-confidence", "0.1"],
        ["timeline", "--db", examples_db, "--since", "2026-01-01", "--status", "occurred"],
        ["summary", "--db", examples_db],
        ["summary", "--db", examples_db, "--json", "--limit", "3"],
    ):
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        report = json.loads(done.stderr.strip().splitlines()[-1])
        assert report == {"code": 0, "heavy": []}, (args, done.stderr)
        assert len(done.stdout.splitlines()) > 3, args


def test_a_typer_without_the_private_coercion_still_runs_the_cli(examples_db: str) -> None:
    """Package metadata allows other Typers than the locked one: where a private name of
    Typer's that ``coercion`` imports is missing, the CLI falls back to Typer's own
    command classes."""
    script = (
        "import sys\n"
        "import typer._coercion\n"
        "del typer._coercion.RuntimeParam  # as if this Typer had no such name\n"
        "from tregua.interfaces.cli import app\n"
        "module = sys.modules['tregua.interfaces.cli.app']\n"
        "print(module.Command.__module__, file=sys.stderr)\n"
        "app(sys.argv[1:])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script, "summary", "--db", examples_db, "--limit", "3"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == "typer.core"
    assert len(done.stdout.splitlines()) > 3
