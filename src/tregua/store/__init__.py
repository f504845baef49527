"""The store: documents, every fact of their records, fused events and the quarantine.

SQLite file by default, PostgreSQL by URL; one schema kept by Alembic migrations that
``open_store`` runs. Queries for the interfaces live in ``tregua.store.queries``.
"""

from tregua.store import review_schema as review_schema  # the review's tables in Base.metadata
from tregua.store.database import Outcome, Store
from tregua.store.opening import open_store

__all__ = ["Outcome", "Store", "open_store"]
