"""The read commands' queries on a SQLite file, through the standard library's ``sqlite3``.

``tregua timeline`` and ``tregua summary`` ask a handful of questions; answering them
through SQLAlchemy cost more than the answer: importing it, its ORM and the schema's mapped
classes was 0.42 s of the 1.4 s the whole timeline of the 5,000-article store took
(``docs/benchmarks.md``, "CLI read commands without SQLAlchemy and pydantic"). Here the
same SQL (the statements SQLAlchemy compiles for ``tregua.store.queries``: the same
conditions, order, bound values and so the same query plans) runs on a ``sqlite3``
connection, and each row is made the typed dict the query module makes (JSON lists
parsed, booleans as ``bool``). A test holds every answer
equal to the query module's on the examples store, under each timeline filter
(``tests/store/test_plain_reader.py``); a change to those queries' SQL is made here too.

``open_plain`` opens a file only when nothing but reading is left to do: a ``sqlite:///``
URL of a plain path, at the newest schema revision, with no record of the first store to
explode. Anything else (PostgreSQL, a store to migrate, a file SQLite refuses) returns
None, and the command opens the store with ``open_store`` as before, which migrates it or
says why it cannot be opened, in the same words. The connection is set up as
``dialects.configure`` sets up SQLAlchemy's (WAL, foreign keys, autocommit with explicit
``BEGIN``), read-only where this process may not write the file (``opening``'s rule). A
damaged page met by a query is ``StoreError`` in ``Store.reading``'s words.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from tregua.errors import StoreError
from tregua.store import plain_sql, revision

if TYPE_CHECKING:
    from tregua.store.queries import Entity, EventLine, Quote, TimelineEvent

#: what ``dialects.engine_options`` gives SQLite: seconds to wait for a writer's lock
_BUSY_SECONDS = 60
#: pages of the file SQLite may keep in memory (KiB, as a negative ``cache_size``): the
#: timeline walks ``ix_fused_events_order`` and reads each event's row in that order, so
#: the table's pages are met again and again; with SQLite's default of 2 MiB each was read
#: from the file again (0.20 s of CPU for 26,939 events against 0.10 s with room for them).
#: Grown only as pages are read.
_CACHE_KIB = 65536
#: a path that SQLAlchemy's URL parser reads as it is written (no escapes, no query)
_PLAIN_PATH = re.compile(r"[^%?]+")


class Reader(Protocol):
    """What ``tregua timeline`` and ``tregua summary`` ask of a store: ``PlainReader`` on a
    SQLite file, ``queries.reading.StoreReader`` on any store ``open_store`` opens."""

    url: str

    def timeline_lines(
        self,
        *,
        limit: int | None = None,
        actor: str | None = None,
        side: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> tuple[list[EventLine], int]: ...

    def timeline_compact(self, *, limit: int | None = None) -> list[TimelineEvent]: ...

    def timeline_count(self) -> int: ...

    def documents_count(self) -> int: ...

    def entities_page(
        self, *, types: Sequence[str] = (), limit: int | None = None
    ) -> tuple[list[Entity], int]: ...

    def quotes_page(self, *, limit: int | None = None) -> tuple[list[Quote], int]: ...


def _read_only_uri(path: Path) -> str | None:
    """``opening._read_only_url``'s URI when this process may not write the file or its
    folder (None when it may)."""
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return None
    mode = "ro" if os.access(path.parent, os.W_OK) else "ro&immutable=1"
    return f"file:{path.resolve()}?mode={mode}"


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def open_plain(url: str) -> PlainReader | None:
    """A reader of the SQLite file of ``url`` when it needs nothing but reading; None when
    ``open_store`` must open it (see the module)."""
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///")
    if not _PLAIN_PATH.fullmatch(name) or name.startswith("file:") or not Path(name).is_file():
        return None
    path = Path(name)
    shown = "sqlite:///" + quote(name, safe=" +/")  # as ``URL.render_as_string`` writes it
    uri = _read_only_uri(path)
    try:
        connection = sqlite3.connect(uri or name, timeout=_BUSY_SECONDS, uri=uri is not None)
    except sqlite3.Error:
        return None
    try:
        connection.isolation_level = None  # BEGIN is ours, as in dialects.configure
        connection.create_function("tregua_casefold", 1, _casefold, deterministic=True)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        current = None if found is None else str(found[0])
        if current != revision.head():
            connection.close()
            return None
        if uri is None and connection.execute(plain_sql.STALE).fetchone() is not None:
            connection.close()  # records of the first store: open_store explodes them
            return None
    except sqlite3.Error:
        connection.close()
        return None
    return PlainReader(connection, shown)


class PlainReader:
    """An open SQLite store, read through ``sqlite3``: the questions of ``timeline`` and
    ``summary``, answered as ``tregua.store.queries`` answers them."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection, url: str) -> None:
        self.connection = connection
        self.url = url

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction, as ``Store.reading``'s session: ``BEGIN`` ... ``ROLLBACK``;
        an error of SQLite's is ``StoreError`` in that method's words."""
        try:
            self.connection.execute("BEGIN")
            try:
                yield self.connection
            finally:
                if self.connection.in_transaction:  # SQLite may have ended it on an error
                    self.connection.execute("ROLLBACK")
        except sqlite3.Error as exc:
            name = type(exc).__name__
            detail = f"(sqlite3.{name}) {exc}".splitlines()[0]
            raise StoreError(
                f"{self.url}: cannot read ({name}: {detail}); check that the database is "
                "reachable and not full"
            ) from exc

    def timeline_lines(
        self,
        *,
        limit: int | None = None,
        actor: str | None = None,
        side: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> tuple[list[EventLine], int]:
        """``queries.timeline_lines``."""
        with self._reading() as db:
            ids = plain_sql.actor_ids(db, actor) if actor else None
            if ids is not None and not ids:
                return [], 0
            where, params = plain_sql.event_filters(
                side=side,
                type=type,
                status=status,
                since=since,
                until=until,
                min_confidence=min_confidence,
                actor_ids=ids,
            )
            ranged = bool(since or until)
            query, bound = plain_sql.lines_query(where, params, ranged, limit)
            rows = db.execute(query, bound).fetchall()
            total = len(rows)
            if limit is not None and total == limit:
                total = db.execute(plain_sql.count("fused_events", where), params).fetchone()[0]
        return plain_sql.lines(rows), total

    def timeline_compact(self, *, limit: int | None = None) -> list[TimelineEvent]:
        """``queries.timeline_compact`` without filters."""
        with self._reading() as db:
            query, bound = plain_sql.compact_query(limit)
            rows = db.execute(query, bound).fetchall()
            actors = [plain_sql.json_list(r[9]) for r in rows]
            entities = plain_sql.names(db, (a for named in actors for a in named))
        return plain_sql.compact(rows, actors, entities)

    def timeline_count(self) -> int:
        """How many fused events the store holds (``queries.timeline_page``'s total)."""
        return self._count("fused_events")

    def documents_count(self) -> int:
        """How many documents the store holds (``queries.documents_page``'s total)."""
        return self._count("documents")

    def _count(self, table: str) -> int:
        with self._reading() as db:
            found: int = db.execute(plain_sql.count(table, [])).fetchone()[0]
        return found or 0

    def entities_page(
        self, *, types: Sequence[str] = (), limit: int | None = None
    ) -> tuple[list[Entity], int]:
        """``queries.entities_page`` of ``types``, most mentioned first."""
        with self._reading() as db:
            return plain_sql.entities_page(db, [t.upper() for t in types], limit)

    def quotes_page(self, *, limit: int | None = None) -> tuple[list[Quote], int]:
        """``queries.quotes_page`` without filters: the first quotes by publication."""
        with self._reading() as db:
            return plain_sql.quotes_page(db, limit)

    def close(self) -> None:
        self.connection.close()
