"""Alembic environment: run on the connection ``open_store`` hands over, never from a URL.

``tregua`` runs the migrations itself (``alembic upgrade head`` on open), so there is no
``alembic.ini``; a developer writing a new revision can run
``alembic -x url=sqlite:///tregua.db revision -m "..."`` with ``script_location`` pointing here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tregua.store import review_schema as review_schema  # the review's tables in Base
from tregua.store.schema import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run from the alembic command line
    raise RuntimeError("run the store migrations through tregua.store.open_store(url)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
