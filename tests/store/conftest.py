"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The server is the session's one ``postgres`` fixture (``tests/conftest.py``); without
PostgreSQL binaries the PostgreSQL half is skipped with the reason, except under CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tregua.store import Store, open_store

from ..conftest import require_postgresql
from .pg import PgServer

__all__ = ["DIALECTS", "empty_store_url", "require_postgresql"]


DIALECTS = ["sqlite", "postgresql"]


def empty_store_url(dialect: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if dialect == "sqlite":
        return f"sqlite:///{folder / 'store.db'}"
    server: PgServer = request.getfixturevalue("postgres")
    return server.url(server.new_database())


@pytest.fixture(params=DIALECTS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty store on each dialect."""
    return empty_store_url(request.param, request, tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.engine.dispose()
