"""The newest migration's revision, read from the migration files as text (no Alembic,
no SQLAlchemy): what a store at the current schema holds in ``alembic_version``."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"

_REVISION = re.compile(r"^revision\s*=\s*[\"'](\w+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*[\"'](\w+)[\"']", re.M)


def head(migrations: Path = MIGRATIONS) -> str:
    """The revision no other file in ``migrations/versions`` revises. Alembic (a second of
    imports) is loaded only when the files do not name one head."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (migrations / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(source))
        revised.update(_DOWN.findall(source))
    heads = revisions - revised
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory(str(migrations)).get_current_head())
