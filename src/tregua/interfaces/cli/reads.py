"""The read commands: timeline, quotes, stances, actors, search, documents and summary.

Each asks ``tregua.store.queries`` (imported when the command runs; ``timeline`` but with
``--json`` asks a ``store.plain.Reader``, which on a SQLite file imports no SQLAlchemy),
prints its rows under the columns declared here (``tables.render``: fitted to a terminal,
TSV when piped), or the rows themselves as JSON with ``--json``. Option values of a closed
set are checked before the store is opened, and a wrong one names the values that are right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer

from tregua.interfaces.cli.app import (
    READ,
    DbOpt,
    JsonOpt,
    MinConfidenceOpt,
    SideOpt,
    SinceOpt,
    UntilOpt,
    choice,
    command,
    day,
    note,
    out,
    pack,
    print_json,
    read_plainly,
    read_store,
    settings,
    side_option,
    store_faults,
    usage_error,
)
from tregua.interfaces.cli.tables import Column, render

if TYPE_CHECKING:
    from tregua.store.queries import (
        DocumentSummary,
        Entity,
        EventLine,
        Quote,
        SearchHit,
        StanceChange,
    )

#: the entity types that ``summary`` and ``actors`` list as actors
ACTOR_TYPES = ("PERSON", "ORG")
#: events ``timeline`` shows in a terminal without --limit (a screen or two, as ``gh``
#: lists 30); a pipe and --json get every event
TERMINAL_EVENTS = 50


def _speaker(q: Quote) -> str:
    return q["speaker_name"] or q["speaker_description"] or "?"


EVENTS: list[Column[EventLine]] = [
    Column("date", lambda e: e["date"] or "?"),
    Column("type", lambda e: e["type"]),
    Column("status", lambda e: e["status"], drop=3),
    Column("sides", lambda e: e["countries"], drop=2),
    Column("place", lambda e: e["place"], drop=4),
    Column("sources", lambda e: e["sources"], drop=5),
    Column("evidence", lambda e: e["evidence"], fold=True, excerpt=100, drop=1),
]
QUOTES: list[Column[Quote]] = [
    Column("date", lambda q: q["published"] or "?"),
    Column("speaker", _speaker, fold=True, min_width=12),
    Column("side", lambda q: q["speaker_country"], drop=2),
    Column("quote", lambda q: q["text"], fold=True, excerpt=140, min_width=24),
    Column("issues", lambda q: [f"{i['issue']}:{i['polarity']}" for i in q["issues"]], drop=1),
]
CHANGES: list[Column[StanceChange]] = [
    Column("date", lambda c: c["date"]),
    Column("side", lambda c: c["side"]),
    Column("issue", lambda c: c["issue"]),
    Column("from", lambda c: c["from"]),
    Column("to", lambda c: c["to"]),
]
ACTORS: list[Column[Entity]] = [
    Column("actor", lambda a: a["name"]),
    Column("type", lambda a: a["type"], drop=2),
    Column("side", lambda a: a["country"]),
    Column("mentions", lambda a: a["mentions"]),
    Column("documents", lambda a: a["documents"], drop=1),
]
HITS: list[Column[SearchHit]] = [
    Column("kind", lambda h: h["kind"], drop=2),
    Column("date", lambda h: h["published"] or "?"),
    Column("source", lambda h: h["source"], fold=True, min_width=12, drop=1),
    Column("text", lambda h: h["text"], fold=True, excerpt=160, min_width=30),
]
DOCUMENTS: list[Column[DocumentSummary]] = [
    Column("id", lambda d: d["id"]),
    Column("date", lambda d: d["published"] or "?", drop=3),
    Column("outlet", lambda d: d["outlet"], drop=5),
    Column("events", lambda d: d["events"], drop=4),
    Column("quotes", lambda d: d["quotes"], drop=4),
    Column("title", lambda d: d["title"] or d["source"], fold=True, excerpt=90, drop=2),
    Column("source", lambda d: d["source"], fold=True, drop=1),
]


def _issues() -> list[str]:
    return [i.key for i in pack(settings()).issues]


def _event_type(value: str | None) -> str | None:
    if value is None:
        return None
    from tregua.pack import EventType  # the pack's module: only when a type is asked

    return choice("--type", value, get_args(EventType), "a POLECAT event type")


def _event_status(value: str | None) -> str | None:
    if value is None:
        return None
    from tregua.model import Status

    return choice("--status", value, get_args(Status), "an event status")


@command(READ)
@store_faults
def timeline(
    db: DbOpt = None,
    side: SideOpt = None,
    type: Annotated[str | None, typer.Option("--type", help="POLECAT type: CONSULT.")] = None,
    status: Annotated[str | None, typer.Option(help="occurred, planned, ...")] = None,
    actor: Annotated[str | None, typer.Option(help="Id, name or surface form.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            help=f"Most events, 0 for all (default: {TERMINAL_EVENTS} in a terminal; all "
            "when piped or with --json).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Fused events by date, with how many sources report each.

    In a terminal the first events are shown, and a line on stderr says how many match;
    piped (TSV) or with --json every matching event is printed unless --limit is given."""
    filters: dict[str, Any] = {
        "side": side_option(side),
        "type": _event_type(type),
        "status": _event_status(status),
        "actor": actor,
        "since": day("--since", since),
        "until": day("--until", until),
        "min_confidence": min_confidence,
    }
    if as_json:
        from tregua.store import queries

        store = read_store(db)
        print_json(queries.timeline_page(store, limit=limit or None, **filters)[0])
        return
    reader = read_plainly(db)  # no SQLAlchemy on a SQLite file
    console = out()
    if limit is None:
        limit = TERMINAL_EVENTS if console.is_terminal else 0
    rows, total = reader.timeline_lines(limit=limit or None, **filters)
    if len(rows) == total:
        render(console, EVENTS, rows, f"{total} events")
        return
    render(console, EVENTS, rows, f"{len(rows)} of {total:,} events")
    note(
        f"showing the first {len(rows)} of {total:,} events; --limit 0 for all, "
        "--since YYYY-MM-DD to start later"
    )


@command(READ)
@store_faults
def quotes(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Actor, or words of a description.")] = None,
    side: SideOpt = None,
    issue: Annotated[str | None, typer.Option(help="Issue key: ceasefire, territory, ...")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who said what, by publication date."""
    from tregua.store import queries

    side = side_option(side)
    issue = choice("--issue", issue, _issues(), "an issue of the pack") if issue else None
    since, until = day("--since", since), day("--until", until)
    rows = queries.who_said_what(
        read_store(db),
        speaker=speaker,
        side=side,
        issue=issue,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    if as_json:
        print_json(rows)
        return
    render(out(), QUOTES, rows, f"{len(rows)} quotes")


def _polarity(by_key: dict[tuple[str, str], str], issue: str) -> Callable[[str], str | None]:
    return lambda side: by_key.get((side, issue))


@command(READ)
@store_faults
def stances(
    db: DbOpt = None,
    at: Annotated[str | None, typer.Option(help="As of this day (YYYY-MM-DD).")] = None,
    changes: Annotated[bool, typer.Option("--changes", help="List what moved instead.")] = False,
    side: SideOpt = None,
    min_confidence: MinConfidenceOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Each side's stance on each issue, or what moved (--changes)."""
    from tregua.store import queries

    side, at = side_option(side), day("--at", at)
    store = read_store(db)
    if changes:
        moved = queries.stance_changes(store, side=side, until=at, min_confidence=min_confidence)
        if as_json:
            print_json(moved)
            return
        render(out(), CHANGES, moved, f"{len(moved)} stance changes")
        return
    cells = [
        c
        for c in queries.stance_matrix(store, at=at, min_confidence=min_confidence)
        if not side or c["side"] == side
    ]
    if as_json:
        print_json(cells)
        return
    issues = sorted({c["issue"] for c in cells})
    by_key = {(c["side"], c["issue"]): c["polarity"] for c in cells}
    # one column per issue: the matrix folds nothing, it drops the rarest issues first
    counts = {i: sum(1 for c in cells if c["issue"] == i) for i in issues}
    rank = {i: n for n, i in enumerate(sorted(issues, key=lambda i: -counts[i]), 1)}
    columns: list[Column[str]] = [Column("side", str)]
    for issue_key in issues:
        columns.append(Column(issue_key, _polarity(by_key, issue_key), drop=rank[issue_key]))
    render(out(), columns, sorted({c["side"] for c in cells}), "Stances (side x issue)")


@command(READ)
@store_faults
def actors(
    name: Annotated[str | None, typer.Argument(help="One actor: id, name or surface form.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every actor with its counts, or one actor's profile."""
    from tregua.store import queries

    store = read_store(db)
    if name:
        profile = queries.actor_profile(store, name)
        if profile is None:
            usage_error(f"no actor answers to {name!r}; list them with `tregua actors`")
        if as_json:
            print_json(profile)
            return
        partners = ", ".join(p["name"] for p in profile["partners"][:8])
        out().print(
            f"{profile['name']} ({profile['id']}, {profile['type']}, "
            f"{profile['country'] or '-'}): "
            f"{profile['mentions']} mentions in {profile['documents']} documents; "
            f"{len(profile['events'])} events, {len(profile['quotes'])} quotes, "
            f"{len(profile['stances'])} stances; acts with {partners}",
            markup=False,
            highlight=False,
        )
        return
    rows, _ = queries.entities_page(store, types=ACTOR_TYPES)
    if as_json:
        keys = ("name", "type", "country", "mentions", "documents")
        print_json([{k: r[k] for k in keys} for r in rows])  # type: ignore[literal-required]
        return
    render(out(), ACTORS, rows, f"{len(rows)} actors")


@command(READ)
@store_faults
def search(
    words: Annotated[str, typer.Argument(help="Words that must all occur.")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Most hits.")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Paragraphs and quotes holding every word, best first."""
    from tregua.store import queries

    hits = queries.search(read_store(db), words, limit=limit)
    if as_json:
        print_json(hits)
        return
    render(out(), HITS, hits, f"{len(hits)} hits for {words!r}")


@command(READ)
@store_faults
def documents(
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Most documents.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Stored documents, newest first, with their ids."""
    from tregua.store import queries

    since, until = day("--since", since), day("--until", until)
    rows, total = queries.documents_page(
        read_store(db), limit=limit, outlet=outlet, since=since, until=until
    )
    if as_json:
        print_json(rows)
        return
    render(out(), DOCUMENTS, rows, f"{len(rows)} of {total} documents")
