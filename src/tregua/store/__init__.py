"""The store: documents, their records and the quarantine in SQLite (default) or PostgreSQL."""

from tregua.store.database import Store, open_store

__all__ = ["Store", "open_store"]
