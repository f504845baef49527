"""Shared fixtures: the default pack, one pipeline per session, and ``../shared`` when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from tregua.pack import DomainPack, load_pack
from tregua.pipeline import Pipeline, build_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pack() -> DomainPack:
    return load_pack()


@pytest.fixture(scope="session")
def pipeline(pack: DomainPack) -> Pipeline:
    return build_pipeline(pack)


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository; tests that need it skip in a user's clone."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(
            f"{SHARED} is absent (a user's clone): the seed articles and gold live "
            "there and CI provides them"
        )
    return SHARED


@pytest.fixture(scope="session")
def seed_paths(shared: Path) -> list[Path]:
    return sorted((shared / "seeds").glob("*.txt"))
