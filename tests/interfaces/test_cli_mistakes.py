"""A user's mistakes, each answered by one line naming what is right, and its exit code
(README: 2 bad usage, 3 the store or the pack cannot be opened), against a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tregua.interfaces import cli
from tregua.interfaces.cli import EXIT_SETUP, EXIT_USAGE, app
from tregua.interfaces.cli.app import DEFAULT_DB
from tregua.pack import load_pack
from tregua.pipeline import Pipeline
from tregua.settings import Settings

from ..conftest import EXAMPLES, ROOT

runner = CliRunner()

# (arguments, exit code, what the one line of stderr says); {db} is the examples store's
# file, {tmp} a fresh folder
MISTAKES = [
    (["summary", "--db", "sqlite:///{tmp}/typo.db"], EXIT_SETUP, "no such store"),
    (["timeline", "--db", "{tmp}/typo.db"], EXIT_SETUP, "no such store"),
    (["timeline", "--db", "mysql://x/y"], EXIT_SETUP, "not mysql"),
    (["summary", "--db", "nosuchdb://x"], EXIT_SETUP, "cannot open the store"),
    (["timeline", "--db", "{db}", "--since", "yesterday"], EXIT_USAGE, "use YYYY-MM-DD"),
    (["timeline", "--db", "{db}", "--until", "2026-02-30"], EXIT_USAGE, "use YYYY-MM-DD"),
    (["stances", "--db", "{db}", "--at", "mañana"], EXIT_USAGE, "use YYYY-MM-DD"),
    (["timeline", "--db", "{db}", "--side", "russia"], EXIT_USAGE, "RUS, SAU"),
    (["quotes", "--db", "{db}", "--side", "Rusia"], EXIT_USAGE, "UKR, UN, USA"),
    (["stances", "--db", "{db}", "--side", "moscow"], EXIT_USAGE, "a side of pack"),
    (["timeline", "--db", "{db}", "--type", "meeting"], EXIT_USAGE, "CONCEDE, CONSULT"),
    (["timeline", "--db", "{db}", "--status", "done"], EXIT_USAGE, "hypothetical, negated"),
    (["quotes", "--db", "{db}", "--issue", "peace"], EXIT_USAGE, "ceasefire, foreign_troops"),
    (["extract", "x.txt", "--engine", "spark"], EXIT_USAGE, "local, ray"),
    (["extract", "x.txt", "--format", "xml"], EXIT_USAGE, "use jsonl"),
    (["export", "--format", "xls", "--out", "{tmp}/x", "--db", "{db}"], EXIT_USAGE, "parquet"),
    (["explain", "nosuchdoc", "--db", "{db}"], EXIT_USAGE, "`tregua documents`"),
    (["actors", "Nadie Ninguno", "--db", "{db}"], EXIT_USAGE, "`tregua actors`"),
]


def _args(args: list[str], db: str, tmp: Path) -> list[str]:
    return [a.format(db=db.removeprefix("sqlite:///"), tmp=tmp) for a in args]


@pytest.mark.parametrize(("args", "code", "says"), MISTAKES, ids=lambda v: str(v)[:40])
def test_a_mistake_is_one_line_and_its_exit_code(
    examples_db: str, tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    result = runner.invoke(app, _args(args, examples_db, tmp_path))
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert says in lines[0]
    assert not result.stdout
    assert not (tmp_path / "typo.db").exists()  # a read command makes no empty store


def test_a_plain_path_is_a_sqlite_file(examples_db: str) -> None:
    path = examples_db.removeprefix("sqlite:///")
    plain = runner.invoke(app, ["summary", "--db", path, "--json"])
    url = runner.invoke(app, ["summary", "--db", examples_db, "--json"])
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout) == json.loads(url.stdout)
    assert json.loads(plain.stdout)["documents"] == len(list(EXAMPLES.glob("*.txt")))


def test_explain_points_at_a_command_that_lists_the_ids(examples_db: str) -> None:
    listed = runner.invoke(app, ["documents", "--db", examples_db, "--json"])
    assert listed.exit_code == 0, listed.output
    ids = [d["id"] for d in json.loads(listed.stdout)]
    assert len(ids) == len(list(EXAMPLES.glob("*.txt")))
    shown = runner.invoke(app, ["explain", ids[-1], "--db", examples_db, "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == ids[-1]
    piped = runner.invoke(app, ["documents", "--db", examples_db])
    assert all(doc_id in piped.stdout for doc_id in ids)


def test_version_names_the_package_the_pipeline_and_the_pack() -> None:
    from importlib.metadata import version

    pack = load_pack()
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert f"tregua {version('tregua')}" in result.stdout
    assert f"pipeline: tregua {version('tregua')} / pack {pack.name} {pack.version}" in (
        result.stdout
    )
    assert f"pack: {pack.name} {pack.version}" in result.stdout


def test_the_default_store_is_the_settings_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREGUA_DB", raising=False)
    assert Settings().db == DEFAULT_DB


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


HEAVY = ("spacy", "scipy", "datasketch", "tregua.pipeline", "tregua.resolve.timex", "sqlalchemy")


def test_help_and_a_missing_file_load_nothing_heavy(tmp_path: Path) -> None:
    code = f"""
import sys
from tregua.interfaces.cli import app
for args in (["--help"], ["extract", "nonexistent.txt"]):
    try:
        app(args)
    except SystemExit as stop:
        print("exit", stop.code)
    print("loaded", sorted(m for m in {HEAVY!r} if m in sys.modules))
"""
    ran = _python(code, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "exit 0\nloaded []" in ran.stdout
    assert "exit 1\nloaded []" in ran.stdout  # quarantined, said before any model loads
    assert "nonexistent.txt: no such file" in ran.stderr


def test_an_unchanged_ingest_never_loads_the_pipeline(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every input's raw hash is stored from this pipeline version: nothing to parse."""
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    db = tmp_path / "once.db"
    monkeypatch.setattr(cli, "build_pipeline", lambda pack: pipeline)
    assert runner.invoke(app, ["ingest", str(article), "--db", str(db)]).exit_code == 0
    again = f"""
import sys
from tregua.interfaces.cli import app
try:
    app(["ingest", {str(article)!r}, "--db", {str(db)!r}])
except SystemExit as stop:
    print("exit", stop.code)
print("loaded", sorted(m for m in ("spacy", "tregua.pipeline") if m in sys.modules))
"""
    ran = _python(again, tmp_path)
    assert "exit 0\nloaded []" in ran.stdout, ran.stdout + ran.stderr
    assert "0 stored, 0 replaced, 1 unchanged" in ran.stderr
