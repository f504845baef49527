"""The store: documents, every fact of their records, fused events and the quarantine.

SQLite file by default, PostgreSQL by URL; one schema kept by Alembic migrations that
``open_store`` runs. Queries for the interfaces live in ``tregua.store.queries``; the read
commands' few queries on a SQLite file also in ``tregua.store.plain`` (the standard
library's sqlite3, no SQLAlchemy).

``Store``, ``Outcome`` and ``open_store`` are loaded on first use: importing a module of the
package (``tregua.store.plain``) does not load SQLAlchemy and the schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tregua.store.database import Outcome, Store
    from tregua.store.opening import open_store

__all__ = ["Outcome", "Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in ("Outcome", "Store"):
        from tregua.store import database

        return getattr(database, name)
    if name == "open_store":
        from tregua.store.opening import open_store

        return open_store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
