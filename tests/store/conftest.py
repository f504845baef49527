"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

Without PostgreSQL binaries the PostgreSQL half is skipped with the reason, except under
CI (the CI environment variable set), where it fails: CI installs PostgreSQL (.ci/run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tregua.store import Store, open_store

from .pg import PgServer, missing_reason


def require_postgresql() -> None:
    reason = missing_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set: the PostgreSQL tests must run, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PgServer]:
    """One server for the session (fsync off: these tests never crash it)."""
    require_postgresql()
    server = PgServer(fast=True)
    try:
        yield server
    finally:
        server.remove()


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
