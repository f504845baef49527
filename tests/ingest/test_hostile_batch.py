"""Must-show: one batch of every hostile kind (``hostile_kinds.py``: 76 kinds of file and
21 links, FIFOs, devices, failing sidecars, odd names and files deleted mid-walk) through
the real ``tregua ingest -v``, on SQLite and on PostgreSQL: no abort, every input named in
the store, and stored + unchanged + quarantined = the inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tregua.errors import QuarantineReason
from tregua.ingest import files
from tregua.interfaces import cli
from tregua.pipeline import Pipeline
from tregua.store import open_store
from tregua.store.schema import QuarantineRow, SourceRow

from ..conftest import require_postgresql
from ..store.pg import PgServer
from .hostile_kinds import KINDS, reopen, vanish, write_hostile

# inputs that hold two articles: a good line and a broken one
EXTRA = {"jsonl-broken-line": 1}
TALLY = re.compile(
    r"(\d+) stored, (\d+) replaced, (\d+) unchanged \(duplicate\), (\d+) outdated .*?"
    r"(\d+) quarantined"
)


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, list[str]]]:
    folder = tmp_path / "hostil"
    names, going = write_hostile(folder)
    reading = files.read_file

    def read_and_delete(source: str, path: Path, *args: Any) -> Any:
        if path == going / "0.txt":
            vanish(going)  # the walk listed the folder already: the rest disappear mid-walk
        return reading(source, path, *args)

    monkeypatch.setattr(files, "read_file", read_and_delete)
    yield folder, names
    reopen(folder)


def _ingest(
    folder: Path, url: str, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    monkeypatch.setattr(cli, "build_pipeline", lambda pack: pipeline)
    result = CliRunner().invoke(cli.app, ["ingest", str(folder), "--db", url, "-v"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def _check(url: str, names: list[str], code: int, log: str) -> None:
    assert code == cli.EXIT_QUARANTINED, log[-2000:]  # some quarantined, none aborted
    tally = TALLY.search(log)
    assert tally is not None, log[-2000:]
    stored, replaced, unchanged, outdated, quarantined = map(int, tally.groups())
    inputs = len(names) + sum(EXTRA.values())
    assert stored + replaced + outdated + unchanged + quarantined == inputs
    assert stored > 30 and quarantined > 40  # the good kinds are stored, the bad refused
    store = open_store(url)
    with store.reading() as session:
        sources = list(session.scalars(select(SourceRow.source)))
        refused = list(
            session.execute(
                select(QuarantineRow.source, QuarantineRow.reason, QuarantineRow.detail)
            )
        )
    seen = sources + [source for source, _, _ in refused]
    missing = [name for name in names if not any(s.startswith(name) for s in seen)]
    assert missing == []
    reasons = {source.rsplit("/", 1)[-1]: reason for source, reason, _ in refused}
    assert reasons["json-published-zero.json"] == QuarantineReason.BAD_METADATA
    assert reasons["json-published-garbage-tail.json"] == QuarantineReason.BAD_METADATA
    assert reasons["json-published-year-9999.json"] == QuarantineReason.BAD_METADATA
    # the Atom entry is named by its link; its date is refused, not rolled over to March
    assert any(
        reason == QuarantineReason.BAD_METADATA and "'2026-02-30T10:00:00Z'" in detail
        for _, reason, detail in refused
    )
    assert reasons["ampersand-run.txt"] == QuarantineReason.TOO_LARGE
    assert reasons["pipe.txt"] == QuarantineReason.NOT_TEXT
    assert reasons["1.txt"] == QuarantineReason.UNREADABLE  # deleted mid-walk
    # what is stored carries no control character and says what was removed
    for record in store.records():
        assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", record["text"])
        if record["source"].endswith("nul-after-8k.txt"):
            assert any("control characters" in e for e in record["errors"])
        if record["source"].endswith("stray-byte-in-utf8.txt"):
            assert "Moscú" in record["text"] and "\ufffd" in record["text"]
            assert any("U+FFFD" in e for e in record["errors"])
    assert len(KINDS) >= 60


def test_hostile_batch_on_sqlite(
    hostile: tuple[Path, list[str]],
    tmp_path: Path,
    pipeline: Pipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, names = hostile
    url = f"sqlite:///{tmp_path / 'hostil.db'}"
    code, log = _ingest(folder, url, pipeline, monkeypatch)
    _check(url, names, code, log)


def test_hostile_batch_on_postgresql(
    hostile: tuple[Path, list[str]],
    postgres: PgServer,
    pipeline: Pipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    require_postgresql()
    folder, names = hostile
    url = postgres.url(postgres.new_database())
    code, log = _ingest(folder, url, pipeline, monkeypatch)
    _check(url, names, code, log)
