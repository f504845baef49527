"""The store: documents, every fact of their records, fused events and the quarantine.

SQLite file by default, PostgreSQL by URL; one schema kept by Alembic migrations that
``open_store`` runs. Queries for the interfaces live in ``tregua.store.queries``.
"""

from tregua.store.database import Outcome, Store, open_store

__all__ = ["Outcome", "Store", "open_store"]
