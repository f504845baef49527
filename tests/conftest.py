"""Shared fixtures: the default pack, one pipeline per session, ``../shared`` when present,
and one PostgreSQL server per session for the store and API tests that run on both dialects.

Without PostgreSQL binaries the PostgreSQL half of those tests is skipped with the reason,
and without ``../shared`` the tests that read it are; under CI (the CI environment variable
set) either fails instead: CI installs PostgreSQL and provides ``../shared`` (.ci/run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tregua.pack import DomainPack, load_pack
from tregua.pipeline import Pipeline, build_pipeline

from .store.pg import PgServer, missing_reason

ROOT = Path(__file__).resolve().parents[1]
#: ``../shared`` beside the repository, or where ``TREGUA_SHARED`` points
SHARED = Path(os.environ.get("TREGUA_SHARED") or ROOT.parent / "shared")
EXAMPLES = ROOT / "examples"


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


@pytest.fixture(scope="session")
def pack() -> DomainPack:
    return load_pack()


@pytest.fixture(scope="session")
def pipeline(pack: DomainPack) -> Pipeline:
    return build_pipeline(pack)


def require_shared(path: Path = SHARED) -> Path:
    """``path`` when it holds the shared sets; else a skip, or under CI a failure: CI
    provides ``../shared``, so the quality gate cannot pass there by not running."""
    if (path / "seeds").is_dir():
        return path
    reason = (
        f"{path} is absent (a user's clone): the seed articles and gold live there and CI "
        "provides them"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI is set: the quality gate must run, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared``; tests that need it skip in a user's clone and fail under CI."""
    return require_shared()


@pytest.fixture(scope="session")
def seed_paths(shared: Path) -> list[Path]:
    return sorted((shared / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> str:
    """URL of a SQLite store holding ``examples/`` ingested and fused by the real pipeline."""
    from tregua.fuse.refresh import refresh
    from tregua.ingest import read_inputs
    from tregua.model import Record
    from tregua.pipeline import run_batch
    from tregua.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'examples.db'}"
    store = open_store(url)
    for item in run_batch(read_inputs([str(EXAMPLES)]), pipeline):
        assert isinstance(item, Record), item
        store.put_record(item)
    refresh(store)
    return url
