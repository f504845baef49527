"""``tregua summary``: how much the store holds, and the first rows of each subject;
``tregua check``: whether every page of it is whole.

Every count and row comes from the store's queries in SQL (pages of ``limit``), never from
loading the records. Piped, each table is TSV under a ``# title`` line, with a blank line
between them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tregua.interfaces.cli.app import (
    READ,
    DbOpt,
    JsonOpt,
    command,
    out,
    print_json,
    read_plainly,
    read_store,
    shown,
    store_faults,
)
from tregua.interfaces.cli.reads import ACTOR_TYPES, ACTORS, EVENTS
from tregua.interfaces.cli.tables import Column, render

if TYPE_CHECKING:
    from tregua.store.queries import Quote

SAID: list[Column[Quote]] = [
    Column("speaker", lambda q: q["speaker_name"] or q["speaker_description"] or "?", fold=True),
    Column("side", lambda q: q["speaker_country"], drop=1),
    Column("quote", lambda q: q["text"], fold=True, excerpt=110, min_width=30),
]


@command(READ)
@store_faults
def summary(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=0, help="Rows per table.")] = 15,
    as_json: JsonOpt = False,
) -> None:
    """Counts, top actors, first events and quotes of the store."""
    store = read_plainly(db)  # no SQLAlchemy on a SQLite file
    documents = store.documents_count()
    people, people_total = store.entities_page(types=ACTOR_TYPES, limit=limit)
    said, said_total = store.quotes_page(limit=limit)
    if as_json:
        events = store.timeline_compact(limit=limit)
        events_total = store.timeline_count()
        print_json(
            {
                "documents": documents,
                "actors": people_total,
                "events": events_total,
                "quotes": said_total,
                "top_actors": people,
                "first_events": events,
                "first_quotes": said,
            }
        )
        return
    lines, events_total = store.timeline_lines(limit=limit)
    console = out()
    counts = (
        f"{documents} documents, {people_total} actors, {events_total} events, {said_total} quotes"
    )
    tables: list[tuple[str, Sequence[Column[Any]], Sequence[Any]]] = [
        ("Actors", ACTORS, people),
        ("Events by date", EVENTS, lines),
        ("Quotes", SAID, said),
    ]
    if not console.is_terminal:
        console.file.write(f"# {counts}\n")
        for title, columns, rows in tables:
            console.file.write(f"\n# {title}\n")
            render(console, columns, rows)
        return
    console.print(counts, highlight=False)
    for title, columns, rows in tables:
        render(console, columns, rows, title)


@command(READ)
@store_faults
def check(db: DbOpt = None) -> None:
    """Read every page of the store: ok, or exit 3 if one is damaged.

    The read commands read only the pages their answer needs, and stop with exit 3 at
    one SQLite finds damaged, before printing anything; this reads them all, and holds
    each index against its table (SQLite's integrity_check: some seconds for a store of
    250 MB). A PostgreSQL server keeps its own pages whole: nothing is read.
    """
    store = read_store(db)
    store.check(thorough=True)
    whole = "every page read" if store.dialect == "sqlite" else "PostgreSQL: nothing to read"
    sys.stdout.write(shown(f"ok: {store.url} ({whole})") + "\n")  # one line, never wrapped
