"""Must-show: the seeds and the examples ingested together, through the command line.

The Abu Dhabi trilateral talks of 23-24 January 2026 are reported by seed 000 (an
undated "Dos días de conversaciones tripartitas" in a paper of the 24th) and seed 001
("comenzaron el 23 de enero en Abu Dabi" ... "al cierre de la primera ronda ... el 24");
they must come out as one fused event with both sources. Ingesting the same files again
must change no row of any table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from tregua.extract.quote_features import OMISSION
from tregua.interfaces.cli import app
from tregua.store import Store, open_store
from tregua.store.queries import timeline

from ..conftest import EXAMPLES
from .conftest import DIALECTS, empty_store_url

pytestmark = pytest.mark.shared
runner = CliRunner()

SEED_000 = "000_eaa3b79b726c381d.txt"
SEED_001 = "001_0121e2e8c4fe414c.txt"


def snapshot(store: Store) -> dict[str, tuple[int, str]]:
    """Rows and a digest of their content for every table in the database, the full-text
    tables and the migration version included."""
    found: dict[str, tuple[int, str]] = {}
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":
            names = [
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            ]
        else:
            names = inspect(connection).get_table_names()
        for name in sorted(names):
            rows = connection.execute(text(f'SELECT * FROM "{name}"')).fetchall()
            digest = hashlib.sha1("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
            found[name] = (len(rows), digest)
    return found


@pytest.fixture(scope="module", params=DIALECTS)
def ingested(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared: Path
) -> Iterator[tuple[str, list[str]]]:
    url = empty_store_url(request.param, request, tmp_path_factory.mktemp("seeds"))
    paths = [str(shared / "seeds"), str(EXAMPLES)]
    result = runner.invoke(app, ["ingest", *paths, "--db", url])
    assert result.exit_code == 0, result.output
    assert "15 stored, 0 replaced, 0 unchanged" in result.stderr
    yield url, paths


def test_the_abu_dhabi_talks_are_one_event_with_both_seeds(
    ingested: tuple[str, list[str]],
) -> None:
    store = open_store(ingested[0])
    talks = timeline(
        store, type="CONSULT", place="Abu Dhabi", since="2026-01-23", until="2026-01-24"
    )
    held = [e for e in talks if e["status"] == "occurred"]
    assert len(held) == 1, [(e["date"], e["sources"]) for e in talks]
    (event,) = held
    assert (event["date"], event["date_end"]) == ("2026-01-23", "2026-01-24")
    assert [Path(s).name for s in event["sources"]] == [SEED_000, SEED_001]
    assert {"RUS", "UKR", "USA"} <= set(event["countries"])
    # one report a document: each article's mentions of the talks are one event of it (#14)
    assert [Path(r["source"]).name for r in event["reports"]] == [SEED_000, SEED_001]


def test_ingesting_the_same_files_again_changes_no_row(
    ingested: tuple[str, list[str]],
) -> None:
    url, paths = ingested
    store = open_store(url)
    before = snapshot(store)
    assert before["documents"][0] == 15
    assert before["fused_events"][0] > 0
    again = runner.invoke(app, ["ingest", *paths, "--db", url])
    assert again.exit_code == 0, again.output
    assert "0 stored, 0 replaced, 15 unchanged" in again.stderr
    assert snapshot(store) == before
    # parsed again and offered to the store: the same records, still no row changes
    forced = runner.invoke(app, ["ingest", *paths, "--db", url, "--reprocess"])
    assert forced.exit_code == 0, forced.output
    assert "0 stored, 0 replaced, 15 unchanged" in forced.stderr
    assert snapshot(store) == before


def _evidence(span: str, stored: str) -> bool:
    """The stored text is the span; a quote broken by its attribution («A», dijo X, «B»)
    is its pieces joined by the omission mark, each found in the span in order."""
    at = 0
    for piece in stored.split(OMISSION):
        found = span.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return stored == span or OMISSION in stored


FACTS = [
    ("paragraphs", "text"),
    ("flags", "text"),
    ("mentions", "text"),
    ("event_mentions", "evidence"),
    ("quotes", "text"),
    ("stances", "evidence"),
]


@pytest.mark.parametrize(("table", "column"), FACTS)
def test_every_stored_fact_is_its_evidence(
    ingested: tuple[str, list[str]], table: str, column: str
) -> None:
    """``text[start:end]`` equals the stored evidence of every fact, 100 %."""
    store = open_store(ingested[0])
    checked = 0
    wrong = []
    with store.engine.connect() as connection:
        texts = {r[0]: r[1] for r in connection.execute(text("SELECT id, text FROM documents"))}
        rows = connection.execute(text(f'SELECT document_id, start, "end", {column} FROM {table}'))
        for doc_id, start, end, evidence in rows:
            checked += 1
            if not _evidence(texts[doc_id][start:end], evidence):
                wrong.append((doc_id[:8], start, end, evidence[:40]))
    assert checked > 0
    assert wrong == []
