"""Store faults and the terminal: every command answers a damaged, unreadable or read-only
store with one line and exit 3 (never a traceback, never partial data with exit 0); a read
command opens a store it may not write read-only; what came from outside is printed with
its control characters escaped and is never read as Rich markup; ``serve`` stops on SIGTERM.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tregua.interfaces import cli
from tregua.interfaces.cli import EXIT_SETUP, app, shown
from tregua.pipeline import Pipeline
from tregua.store import opening

from ..conftest import EXAMPLES, ROOT

runner = CliRunner()
ROOT_USER = os.geteuid() == 0

COMMANDS = [
    ["summary"],
    ["timeline", "--json"],
    ["quotes", "--json"],
    ["stances", "--json"],
    ["actors", "--json"],
    ["search", "Ginebra", "--json"],
    ["explain", "nada"],
    ["export", "--format", "jsonl", "--out", "{tmp}/out.jsonl"],
    ["ingest", str(sorted(EXAMPLES.glob("*.txt"))[0])],
    ["serve", "--port", "1"],
    ["check"],
]


def _run(command: list[str], db: Path, tmp_path: Path) -> tuple[int, str]:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = runner.invoke(app, [*args, "--db", f"sqlite:///{db}"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stderr


def _one_line(code: int, stderr: str) -> None:
    assert code == EXIT_SETUP, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error:")
    assert "Traceback" not in stderr


@pytest.fixture
def damaged(examples_db: str, tmp_path: Path) -> Path:
    """A copy of the examples store with pages in its middle overwritten."""
    copy = tmp_path / "damaged.db"
    source = examples_db.removeprefix("sqlite:///")
    with sqlite3.connect(source) as db:  # everything into the main file, none in the WAL
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source, copy)
    size = copy.stat().st_size
    with copy.open("r+b") as handle:
        for offset in range(size // 4, size - 8192, size // 6):
            handle.seek(offset)
            handle.write(b"\xa5" * 8192)
    return copy


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_file_that_is_not_a_store(command: list[str], tmp_path: Path) -> None:
    db = tmp_path / "ruido.db"
    db.write_bytes(bytes((31 * i) % 251 for i in range(50_000)))
    _one_line(*_run(command, db, tmp_path))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_partly_damaged_store(command: list[str], damaged: Path, tmp_path: Path) -> None:
    _one_line(*_run(command, damaged, tmp_path))


@pytest.mark.parametrize("command", [["timeline"], ["summary"], ["quotes"]], ids=" ".join)
def test_a_damaged_page_met_prints_nothing_but_the_error(command: list[str], damaged: Path) -> None:
    result = runner.invoke(app, [*command, "--db", f"sqlite:///{damaged}"])
    _one_line(result.exit_code, result.stderr)
    assert result.stdout == ""  # the rows are all read before the first is printed


def _table_pages(db: Path, table: str) -> list[int]:
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
        try:
            found = con.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,)).fetchall()
        except sqlite3.OperationalError as exc:  # a SQLite built without dbstat
            pytest.skip(f"this SQLite cannot list a table's pages: {exc}")
        size = con.execute("PRAGMA page_size").fetchone()[0]
    return [(n - 1) * size for (n,) in found]


def test_a_command_reads_only_what_its_answer_needs_and_check_reads_all(
    examples_db: str, tmp_path: Path
) -> None:
    """The quotes' pages overwritten: the timeline is whole and exit 0 (not one of its
    pages is damaged), the quotes are exit 3, and ``tregua check`` finds the damage."""
    source = Path(examples_db.removeprefix("sqlite:///"))
    with sqlite3.connect(source) as con:  # everything into the main file, none in the WAL
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = tmp_path / "sin-citas.db"
    shutil.copy(source, db)
    before = runner.invoke(app, ["timeline", "--db", str(db)])
    assert before.exit_code == 0 and len(before.stdout.splitlines()) > 1, before.stderr
    offsets = _table_pages(db, "quotes")
    assert offsets
    with db.open("r+b") as handle:
        for offset in offsets:
            handle.seek(offset)
            handle.write(b"\xa5" * 4096)
    after = runner.invoke(app, ["timeline", "--db", str(db)])
    assert after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout
    for command in (["quotes"], ["check"]):
        result = runner.invoke(app, [*command, "--db", str(db)])
        _one_line(result.exit_code, result.stderr)
        assert result.stdout == ""


def test_check_reads_a_whole_store(examples_db: str) -> None:
    result = runner.invoke(app, ["check", "--db", examples_db])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"ok: {examples_db} (every page read)")


@pytest.mark.parametrize("command", COMMANDS[:3], ids=lambda c: c[0])
def test_a_store_that_cannot_be_opened(command: list[str], tmp_path: Path) -> None:
    db = tmp_path / "carpeta.db"
    db.mkdir()  # a folder where the file should be: unreadable to anyone, root included
    _one_line(*_run(command, db, tmp_path))


@pytest.mark.skipif(ROOT_USER, reason="root reads a file whatever its permissions")
def test_an_unreadable_store(examples_db: str, tmp_path: Path) -> None:
    db = tmp_path / "cerrado.db"
    shutil.copy(examples_db.removeprefix("sqlite:///"), db)
    db.chmod(0)
    try:
        for command in COMMANDS[:3]:
            _one_line(*_run(command, db, tmp_path))
    finally:
        db.chmod(0o644)


def _read_only_copy(examples_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "solo-lectura"
    folder.mkdir()
    db = folder / "tregua.db"
    shutil.copy(examples_db.removeprefix("sqlite:///"), db)
    db.chmod(0o444)
    folder.chmod(0o555)
    if ROOT_USER:  # root may write anything: let the store see what a user would
        real = os.access

        def access(path: object, mode: int, **kwargs: object) -> bool:
            if mode & os.W_OK and str(path).startswith(str(folder)):
                return False
            return real(path, mode)  # type: ignore[arg-type]

        monkeypatch.setattr(opening.os, "access", access)
    return db


def test_read_commands_open_a_read_only_store_read_only(
    examples_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _read_only_copy(examples_db, tmp_path, monkeypatch)
    try:
        for command in (["summary"], ["timeline", "--json"], ["search", "Ginebra", "--json"]):
            result = runner.invoke(app, [*command, "--db", f"sqlite:///{db}"])
            assert result.exit_code == 0, result.stderr
        timeline = runner.invoke(app, ["timeline", "--json", "--db", f"sqlite:///{db}"])
        assert json.loads(timeline.stdout)  # the examples' events, read from the locked file
        assert sorted(p.name for p in db.parent.iterdir()) == ["tregua.db"]  # nothing written
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


@pytest.mark.skipif(ROOT_USER, reason="root may write a read-only file")
def test_ingest_into_a_read_only_store_is_one_line(
    examples_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _read_only_copy(examples_db, tmp_path, monkeypatch)
    try:
        _one_line(*_run(COMMANDS[-2], db, tmp_path))
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


# -- the terminal ------------------------------------------------------------------------


def test_shown_escapes_controls_and_keeps_text() -> None:
    assert shown("a\x1b[2Jb\x07") == "a\\x1b[2Jb\\x07"
    assert shown("línea\nsiguiente") == "línea\\nsiguiente"
    assert shown("línea\nsiguiente", newlines=True) == "línea\nsiguiente"
    assert shown("\u202eevil") == "\\u202eevil"
    assert shown("[bold]Moscú[/x]") == "[bold]Moscú[/x]"  # markup is left to Text: printed


def test_names_and_text_reach_the_terminal_escaped(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "build_pipeline", lambda pack: pipeline)
    article = (EXAMPLES / "01_ronda_ginebra_sin_acuerdo.txt").read_text(encoding="utf-8")
    lines = [
        {"url": "https://d.example/[/x][bold]sí", "text": article + "\n\nFin.\x1b[2J"},
        {"url": "https://d.example/\x1b]0;titulo\x07", "text": "\x1b\x07" * 3},
    ]
    batch = tmp_path / "lote.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 't.db'}"
    result = runner.invoke(app, ["ingest", str(batch), "--db", db, "-v"])
    assert result.exit_code == 1, result.stderr  # the second line is empty once scrubbed
    assert "https://d.example/[/x][bold]sí" in result.stderr  # printed, not read as markup
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;titulo\\x07" in result.stderr
    explained = runner.invoke(app, ["explain", "https://d.example/[/x][bold]sí", "--db", db])
    assert explained.exit_code == 0, explained.stderr
    assert "\x1b" not in explained.stdout
    assert "Fin.[2J" in explained.stdout  # the control was removed from the stored text


# -- serve -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_stops_on_sigterm_within_seconds(examples_db: str) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tregua.interfaces.cli",
            "serve",
            "--db",
            examples_db,
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "serve never answered"
                time.sleep(0.2)
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
        assert time.monotonic() - started < 10
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
