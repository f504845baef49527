"""Opening a store: its URL made an engine, its schema migrated to the newest revision
(Alembic, loaded only when a migration runs), a SQLite file this process may not write
opened read-only at the newest revision, and records of the first store exploded into
their tables.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from tregua.errors import StoreError
from tregua.store import dialects, revision
from tregua.store.database import Store, note_changes
from tregua.store.schema import DocumentRow

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = revision.MIGRATIONS
#: the revision a database made before migrations existed is at (its tables match it)
_FIRST_REVISION = "0001"


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision, read from the migration files as text
    (``revision.head``); Alembic is loaded by the migrations themselves."""
    return revision.head(MIGRATIONS)


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (``alembic_version``); None before migrations."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return None if found is None else str(found)


def migrate(engine: Engine) -> None:
    """``alembic upgrade head``; a database from before migrations is stamped first."""
    with engine.connect() as connection:
        if current_revision(connection) == head_revision():
            return
    from alembic import command

    with engine.execution_options(**{dialects.WRITE: True}).begin() as connection:
        dialects.lock(connection)
        config = alembic_config(connection)
        tables = set(inspect(connection).get_table_names())
        if "documents" in tables and "alembic_version" not in tables:
            command.stamp(config, _FIRST_REVISION)
        command.upgrade(config, "head")
        if connection.scalar(select(DocumentRow.id).limit(1)) is not None:
            # new indexes and tables of a store with data have no planner statistics until
            # the next fusion. An empty store gets none: statistics of empty tables misled
            # SQLite through a first ingest (each insert into paragraphs grew with the table)
            dialects.analyze(connection)


def _backfill(store: Store) -> None:
    """Explode records stored by the first store (``record_hash`` NULL) into their tables."""
    with store.reading() as session:
        stale = list(
            session.scalars(select(DocumentRow.id).where(DocumentRow.record_hash.is_(None)))
        )
    for doc_id in stale:
        row = store.document(doc_id)
        if row is not None:
            store.put_record(row.record)


def _read_only_file(parsed: URL) -> Path | None:
    """The SQLite file of ``parsed`` when it exists and this process may not write it (or
    the folder its journal goes in); None otherwise."""
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    path = Path(database)
    if not path.is_file():
        return None
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return None
    return path


def _read_only_url(parsed: URL, path: Path) -> URL:
    # a folder we cannot write holds no journal we could make: nobody writes it from here
    mode = "ro" if os.access(path.parent, os.W_OK) else "ro&immutable=1"
    return parsed.set(database=f"file:{path.resolve()}?mode={mode}", query={"uri": "true"})


#: what SQLite says of a file whose header or schema pages are damaged, or not its own
_DAMAGED = re.compile(r"malformed|not a database|file is encrypted")


def open_store(url: str, read_only: bool = False) -> Store:
    """Open the store at ``url``, creating and migrating it to the current schema.

    ``sqlite:///tregua.db`` is a file in the current directory; ``postgresql://user@host/db``
    a server. With ``read_only`` (the commands that only read), a SQLite file this process
    may not write is opened read-only, and must be at the current schema already. Raises
    ``StoreError`` naming the URL when it cannot be opened or migrated.
    """
    shown = url
    try:
        parsed = dialects.normalise_url(url)
        shown = parsed.render_as_string(hide_password=True)
        locked = _read_only_file(parsed) if read_only else None
        if locked is not None:
            parsed = _read_only_url(parsed, locked)
        engine = create_engine(parsed, **dialects.engine_options(parsed))
        dialects.configure(engine)
        event.listen(engine, "after_cursor_execute", note_changes)
        if locked is None:
            migrate(engine)
        else:
            _require_head(engine, shown)
    except (SQLAlchemyError, ArgumentError) as exc:
        detail = str(exc.args[0]).splitlines()[0] if exc.args else str(exc)
        advice = "check the URL, that the server is running, and that the file is a tregua store"
        if _DAMAGED.search(detail):
            advice = "the file is damaged or not a store: restore it from a copy, or ingest again"
        raise StoreError(
            f"{shown}: cannot open the store ({exc.__class__.__name__}: {detail}); {advice}"
        ) from exc
    store = Store(engine, shown)
    if locked is None:
        _backfill(store)
    return store


def _require_head(engine: Engine, shown: str) -> None:
    head = head_revision()
    with engine.connect() as connection:
        current = current_revision(connection)
    if current != head:
        raise StoreError(
            f"{shown}: the store is read-only and at schema revision {current}, not "
            f"{head}; open it once where it can be written (tregua ingest) to migrate it"
        )
