"""Alembic migrations of the store; ``open_store`` runs them up to head on every open."""
