"""The store's head revision, read from the migration files without Alembic, is Alembic's."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from tregua.store import opening
from tregua.store.opening import MIGRATIONS, head_revision


def test_head_read_from_the_files_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_two_heads_in_the_files_fall_back_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    for name in ("a", "b"):  # two revisions, neither revising the other: no single head
        (versions / f"{name}.py").write_text(f'revision = "{name}"\ndown_revision = None\n')
    monkeypatch.setattr(opening, "MIGRATIONS", tmp_path)
    with pytest.raises(CommandError, match="multiple heads"):  # alembic says which
        head_revision()
