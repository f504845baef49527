"""``store.plain`` (a SQLite file read through ``sqlite3``) answers every question of
``timeline`` and ``summary`` as the query module answers it, value and type, on the
hand-written corpus and on the examples as the real pipeline stores them, under each
timeline filter; it opens only a SQLite file that needs nothing but reading, read-only
where the process may not write; a damaged page is the same ``StoreError``; on
PostgreSQL the commands go through the query module and print what SQLite's store prints.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tregua.errors import StoreError
from tregua.fuse.refresh import refresh
from tregua.interfaces.cli import app
from tregua.store import open_store
from tregua.store.plain import PlainReader, Reader, open_plain
from tregua.store.queries.reading import StoreReader

from . import corpus
from .conftest import empty_store_url

ACTORS = ("PERSON", "ORG")
FILTERS: list[dict[str, Any]] = [
    {},
    {"side": "RUS"},
    {"side": "UKR", "type": "ASSAULT"},
    {"type": "CONSULT"},
    {"status": "occurred"},
    {"since": "2026-01-01", "until": "2026-03-31"},
    {"since": "2026-01-24"},
    {"until": "2026-01-23"},
    {"actor": "Zelenski"},
    {"actor": "q2632813"},
    {"actor": "Nadie Ninguno"},
    {"min_confidence": 0.6},
    {"min_confidence": 0.0, "since": "2025-06", "side": "RUS"},
]


def _same(ours: object, theirs: object) -> None:
    """Equal, and equal as JSON (``True`` and ``1`` are equal in Python, not in JSON)."""
    assert ours == theirs
    assert json.dumps(ours, sort_keys=False) == json.dumps(theirs, sort_keys=False)


def _readers(url: str) -> tuple[PlainReader, StoreReader]:
    plain = open_plain(url)
    assert isinstance(plain, PlainReader), url
    return plain, StoreReader(open_store(url, read_only=True))


def _answers_alike(plain: Reader, full: Reader) -> int:
    """Every question of both readers answered alike; how many event lines were compared."""
    compared = 0
    events = full.timeline_compact()
    middle = events[len(events) // 2]
    edges: list[dict[str, Any]] = [  # bounds met exactly: >= and <= against > and <
        {"since": middle["date"], "until": middle["date"]},
        {"until": middle["date"]},
        {"min_confidence": middle["confidence"]},
        *(
            {"since": e["date_end"], "until": e["date"]}  # reached by its last day
            for e in events
            if e["date_end"]
        ),
    ]
    for filters in [*FILTERS, *edges]:
        for limit in (None, 0, 1, 2, 50):
            lines = plain.timeline_lines(limit=limit, **filters)
            _same(lines, full.timeline_lines(limit=limit, **filters))
            compared += len(lines[0])
    for limit in (None, 0, 3, 15):
        _same(plain.timeline_compact(limit=limit), full.timeline_compact(limit=limit))
        _same(
            plain.entities_page(types=ACTORS, limit=limit),
            full.entities_page(types=ACTORS, limit=limit),
        )
        _same(plain.entities_page(limit=limit), full.entities_page(limit=limit))
        _same(plain.quotes_page(limit=limit), full.quotes_page(limit=limit))
    _same(plain.timeline_count(), full.timeline_count())
    _same(plain.documents_count(), full.documents_count())
    return compared


def _fill(url: str) -> str:
    store = open_store(url)
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    store.engine.dispose()
    return url


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _fill(f"sqlite:///{tmp_path_factory.mktemp('plain') / 'corpus.db'}")


def test_plain_answers_as_the_queries_on_the_corpus(corpus_db: str) -> None:
    plain, full = _readers(corpus_db)
    assert _answers_alike(plain, full) > 0
    assert plain.timeline_lines(side="UKR", type="ASSAULT")[0]  # the filters select
    assert plain.timeline_lines(actor="Zelenski")[1] < plain.timeline_count()
    assert plain.quotes_page(limit=15)[0] and plain.entities_page(types=ACTORS)[0]


def test_plain_answers_as_the_queries_on_the_examples(examples_db: str) -> None:
    plain, full = _readers(examples_db)
    assert _answers_alike(plain, full) > 100
    assert any(q["issues"] for q in plain.quotes_page(limit=50)[0])
    assert any(e["actors"] for e in plain.timeline_compact(limit=50))


def test_only_a_file_that_needs_nothing_but_reading_is_opened(
    corpus_db: str, tmp_path: Path
) -> None:
    source = Path(corpus_db.removeprefix("sqlite:///"))

    def copy(name: str) -> Path:
        with sqlite3.connect(source) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(source, tmp_path / name)
        return tmp_path / name

    assert open_plain(f"sqlite:///{copy('ok.db')}") is not None
    old = copy("old.db")
    with sqlite3.connect(old) as con:
        con.execute("UPDATE alembic_version SET version_num = '0008'")
    stale = copy("stale.db")
    with sqlite3.connect(stale) as con:
        con.execute("UPDATE documents SET record_hash = NULL WHERE rowid = 1")
    noise = tmp_path / "ruido.db"
    noise.write_bytes(bytes((31 * i) % 251 for i in range(50_000)))
    folder = tmp_path / "carpeta.db"
    folder.mkdir()
    escaped = copy("con%20espacio.db")
    for refused in (
        f"sqlite:///{old}",  # open_store migrates it
        f"sqlite:///{stale}",  # open_store explodes its record
        f"sqlite:///{noise}",
        f"sqlite:///{folder}",
        f"sqlite:///{tmp_path / 'falta.db'}",
        f"sqlite:///{escaped}",  # SQLAlchemy would read %20 as a space
        f"sqlite:///{copy('q.db')}?mode=ro",
        "sqlite:///:memory:",
        "postgresql://nadie@localhost/nada",
    ):
        assert open_plain(refused) is None, refused


def test_a_file_it_may_not_write_is_read_read_only(
    corpus_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "solo-lectura"
    folder.mkdir()
    db = folder / "tregua.db"
    shutil.copy(corpus_db.removeprefix("sqlite:///"), db)
    real = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(folder)):
            return False  # as for a user (root may write anything)
        return real(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    reader = open_plain(f"sqlite:///{db}")
    assert isinstance(reader, PlainReader)
    assert reader.timeline_count() > 0
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.connection.execute("CREATE TABLE nada (x)")
    reader.close()
    assert sorted(p.name for p in folder.iterdir()) == ["tregua.db"]  # no journal, no WAL


def test_a_damaged_page_is_the_same_store_error(corpus_db: str, tmp_path: Path) -> None:
    source = Path(corpus_db.removeprefix("sqlite:///"))
    db = tmp_path / "dañada.db"
    with sqlite3.connect(source) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source, db)
    with sqlite3.connect(db) as con:
        pages = con.execute("SELECT pageno FROM dbstat WHERE name = 'fused_events'").fetchall()
        size = con.execute("PRAGMA page_size").fetchone()[0]
    assert pages
    with db.open("r+b") as handle:
        for (page,) in pages:
            handle.seek((page - 1) * size)
            handle.write(b"\xa5" * size)
    plain, full = _readers(f"sqlite:///{db}")
    with pytest.raises(StoreError) as ours:
        plain.timeline_lines()
    with pytest.raises(StoreError) as theirs:
        full.timeline_lines()
    assert str(ours.value) == str(theirs.value)
    assert "cannot read (DatabaseError: (sqlite3.DatabaseError)" in str(ours.value)


def test_on_postgresql_the_read_commands_print_what_they_print_on_sqlite(
    corpus_db: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    pg = _fill(empty_store_url("postgresql", request, tmp_path))
    assert open_plain(pg) is None
    runner = CliRunner()
    for command in (
        ["timeline"],
        ["timeline", "--side", "UKR", "--limit", "1"],
        ["summary"],
        ["summary", "--json"],
    ):
        on_sqlite = runner.invoke(app, [*command, "--db", corpus_db])
        on_postgresql = runner.invoke(app, [*command, "--db", pg])
        assert on_sqlite.exit_code == on_postgresql.exit_code == 0, on_postgresql.output
        assert on_postgresql.stdout == on_sqlite.stdout, command
        assert on_postgresql.stderr == on_sqlite.stderr, command
        assert len(on_sqlite.stdout.splitlines()) > 1
