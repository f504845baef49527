"""What differs between SQLite and PostgreSQL, and nothing else.

Everything else in the store is one code path over SQLAlchemy. Here:

- the URL: ``postgresql://`` means the psycopg 3 driver tregua ships with;
- SQLite connection set-up: WAL (the web page reads while an ingest writes), foreign keys,
  and transactions that take the write lock up front (``BEGIN IMMEDIATE``) when they will
  write, so two writers queue instead of failing half-way;
- PostgreSQL: an advisory lock that serialises migrations and fusion between processes;
- "insert unless present" (``ON CONFLICT DO NOTHING`` in both, spelled by each dialect)
  and "insert or add one" (``ON CONFLICT DO UPDATE``: the store's generation);
- full-text search: FTS5 ``MATCH`` with bm25, or ``tsvector @@ plainto_tsquery('spanish')``
  with ts_rank. Both match every word of the query; PostgreSQL also stems Spanish words
  ("negociación" finds "negociaciones"), SQLite ignores accents instead;
- reading JSON columns in SQL (a list holds a value, a list's length), so that filters and
  pages are answered by the database instead of by loading every row into Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    URL,
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Text,
    and_,
    cast,
    event,
    exists,
    func,
    literal,
    make_url,
    or_,
    select,
    text,
)
from sqlalchemy.sql.dml import Insert

#: execution option asking for a transaction that writes (SQLite: BEGIN IMMEDIATE)
WRITE = "tregua_write"
#: key of the PostgreSQL advisory lock held while migrating or fusing
_LOCK_KEY = 0x7472_6567  # "treg"
# seconds a SQLite writer waits for another writer before giving up
_SQLITE_BUSY_SECONDS = 60


def normalise_url(url: str) -> URL:
    """``postgresql://u@h/db`` -> ``postgresql+psycopg://u@h/db``; other URLs as given."""
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def engine_options(url: URL) -> dict[str, Any]:
    if url.get_backend_name() == "sqlite":
        return {"connect_args": {"timeout": _SQLITE_BUSY_SECONDS}}
    return {"pool_pre_ping": True}


_CASEFOLD = "tregua_casefold"


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def casefold(dialect: str, column: Any) -> ColumnElement[str]:
    """``column`` case-folded in SQL, as ``str.casefold`` folds a query's words.

    PostgreSQL's ``lower`` folds every script under a UTF-8 locale; SQLite's only ASCII,
    so on SQLite it is Python's own ``casefold``, registered on each connection.
    """
    if dialect == "postgresql":
        return func.lower(column)
    return getattr(func, _CASEFOLD)(column)  # type: ignore[no-any-return]


def configure(engine: Engine) -> None:
    """Connection set-up each dialect needs; called once on a new engine."""
    if engine.dialect.name != "sqlite":
        return

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # the driver's own implicit BEGIN cannot take the write lock: we emit BEGIN ourselves
        dbapi_connection.isolation_level = None
        # SQLite's lower() folds ASCII only: "ÁFRICA" would not find "África"
        dbapi_connection.create_function(_CASEFOLD, 1, _casefold, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    def on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)


def lock(connection: Connection) -> None:
    """Serialise with other processes until the transaction ends (SQLite: already done)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


#: rows ANALYZE reads per index on SQLite; 0 is all of them. On the 0.8 GB load store,
#: 0.4 s instead of 0.015 s for 1000 rows, whose estimates (1001 rows a value of any index)
#: sent a filter on status=occurred through ix_fused_events_status: 80,349 rows for 61
#: events of a 60-day range (34 ms instead of 1)
_ANALYSIS_LIMIT = 0


def analyze(connection: Connection) -> None:
    """Refresh the statistics the query planner chooses indexes by (SQLite: every row).

    Without them SQLite guessed wrong on a large store: a page of quotes sorted all 147,000
    rows instead of walking documents by publication (130 ms instead of 1 ms). PostgreSQL's
    autovacuum analyzes by itself.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA analysis_limit={_ANALYSIS_LIMIT}")
        connection.exec_driver_sql("ANALYZE")


def insert_ignoring_duplicates(connection: Connection, table: Any, key: list[str]) -> Insert:
    """``INSERT ... ON CONFLICT (key) DO NOTHING`` for ``table``."""
    # each dialect's module is imported where it writes: PostgreSQL's (with asyncpg's and
    # asyncio's) is a tenth of the read commands' start-up on SQLite
    from sqlalchemy.dialects import postgresql, sqlite

    if connection.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=key)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=key)


def insert_or_increment(connection: Connection, table: Any, key: str, column: str) -> Insert:
    """``INSERT (key=1, column=1) ... ON CONFLICT (key) DO UPDATE SET column = column + 1``."""
    from sqlalchemy.dialects import postgresql, sqlite

    values = {key: 1, column: 1}
    added = {column: table.c[column] + 1}
    if connection.dialect.name == "postgresql":
        return (
            postgresql.insert(table)
            .values(values)
            .on_conflict_do_update(index_elements=[key], set_=added)
        )
    return (
        sqlite.insert(table).values(values).on_conflict_do_update(index_elements=[key], set_=added)
    )


_WORD = re.compile(r"\w+")


def search_words(query: str) -> list[str]:
    """The words of a user's query; operators and quotes of either dialect are dropped."""
    return _WORD.findall(query)


def search_sql(connection: Connection, table: str) -> str:
    """SQL selecting ``id`` and ``rank`` (lower is better) of ``table`` rows matching ``:q``.

    ``table`` is ``paragraphs`` or ``quotes``; the caller binds ``q`` with ``search_query``.
    """
    if connection.dialect.name == "postgresql":
        return (
            f"SELECT t.id AS id, -ts_rank(t.search, plainto_tsquery('spanish', :q)) AS rank "
            f"FROM {table} t WHERE t.search @@ plainto_tsquery('spanish', :q)"
        )
    return (
        f"SELECT rowid AS id, bm25({table}_fts) AS rank FROM {table}_fts WHERE {table}_fts MATCH :q"
    )


def search_query(connection: Connection, words: list[str]) -> str:
    """The bound ``:q`` for ``search_sql``: every word must occur."""
    if connection.dialect.name == "postgresql":
        return " ".join(words)
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


# a value the JSON encoder writes as itself between quotes
_PLAIN = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")


def list_has(dialect: str, column: Any, values: Sequence[str]) -> ColumnElement[bool]:
    """The JSON list in ``column`` holds one of ``values``: ``countries`` holds ``"RUS"``.

    SQLite walks the list with ``json_each``, PostgreSQL with ``json_array_elements_text``;
    either way the comparison is exact, as Python's ``in`` on the loaded list. Plain values
    (ASCII, no quote or backslash: entity ids, country codes) are first looked for as
    ``"value"`` in the stored JSON text, which skips parsing the rows that cannot hold them
    (the actor filter over 112,606 fused events: 385 ms with the walk alone).
    """
    if dialect == "postgresql":
        items = func.json_array_elements_text(column).table_valued("value").render_derived()
    else:
        items = func.json_each(column).table_valued("value")
    walk = exists(select(literal(1)).select_from(items).where(items.c.value.in_(list(values))))
    if not values or not all(_PLAIN.fullmatch(v) for v in values):
        return walk
    stored = cast(column, Text)
    return and_(or_(*(stored.contains(f'"{v}"', autoescape=True) for v in values)), walk)


def list_length(dialect: str, column: Any, key: str | None = None) -> ColumnElement[int]:
    """Items in the JSON list ``column`` or ``column[key]`` (0 when the key is missing):
    the number of events in a stored record, without loading the record into Python."""
    if key is None:
        length = func.json_array_length(column)
    elif dialect == "postgresql":
        length = func.json_array_length(column.op("->")(literal(key)))
    else:
        length = func.json_array_length(column, literal(f"$.{key}"))
    return func.coalesce(length, 0, type_=Integer)
