"""The ``tregua`` command line.

Exit codes: 0 every input processed; 1 some inputs were quarantined (the rest were
processed); 2 bad usage; 3 the domain pack or the store could not be opened, or the store
refused a write (what was committed before stays; run the command again to finish). A
store that is damaged, unreadable or read-only is one line and exit 3 from every command.

Everything printed that came from outside (file names, URLs, article text, stored values)
goes through ``shown``: its control characters are printed as escapes (``\x1b``) and it is
never read as Rich markup, so a name or a text cannot drive the terminal.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import sqlite3
import sys
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from tregua.errors import PackError, StoreError
from tregua.ingest import read_inputs
from tregua.model import Quarantined, RawDoc, Record, record_to_dict
from tregua.pack import DomainPack, load_pack
from tregua.pipeline import build_pipeline, pipeline_version, run_guarded
from tregua.settings import Settings

if TYPE_CHECKING:
    from tregua.store import Store

EXIT_QUARANTINED = 1
EXIT_SETUP = 3

# what a terminal would act on: C0 and C1 controls, DEL, and the bidirectional overrides
_UNSAFE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(value: object, newlines: bool = False) -> str:
    """``value`` as a terminal may print it: each control character as its escape
    (``"\\x1b[2J"``); newlines kept only when ``newlines`` (a document's text)."""
    pattern = _UNSAFE_TEXT if newlines else _UNSAFE_LINE
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def _text(value: object, newlines: bool = False) -> Text:
    """``shown(value)`` as Rich text: printed as it is, never read as markup."""
    return Text(shown(value, newlines))


def _add(table: Table, *cells: object) -> None:
    table.add_row(*(_text(cell) for cell in cells))


app = typer.Typer(
    help="tregua: a structured, source-linked record of a peace process.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)  # one line per message: easy to grep
out = Console()

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local (this process) or ray.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Ray workers (one CPU each).")]
AddressOpt = Annotated[
    str | None,
    typer.Option(
        "--address", help="Ray cluster to join (auto, ray://host:port); default: a local one."
    ),
]
DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL (default sqlite:///tregua.db).")]


def _settings(**overrides: Any) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _pack(settings: Settings) -> DomainPack:
    try:
        return load_pack(settings.pack)
    except PackError as exc:
        err.print(f"[red]error:[/red] domain pack: {escape(str(exc))}")
        raise typer.Exit(EXIT_SETUP) from exc


def _open(url: str, read_only: bool = False) -> Store:
    """The store at ``url``; a read command (``read_only``) opens a store it may not write
    read-only, and checks that it is whole first."""
    from tregua.store import open_store

    try:
        store = open_store(url, read_only=read_only)
        if read_only:
            store.check()
        return store
    except StoreError as exc:
        _store_fault(exc)
        raise typer.Exit(EXIT_SETUP) from exc


def _store_fault(exc: BaseException) -> None:
    if isinstance(exc, StoreError):
        message = str(exc)
    else:
        first = str(exc.args[0]).splitlines()[0] if exc.args else ""
        message = (
            f"the store cannot be read ({type(exc).__name__}: {first}); it may be damaged: "
            "restore it from a copy, or ingest again into a new one"
        )
    err.print(Text.assemble(("error:", "red"), " ", shown(message)))


P = ParamSpec("P")
R = TypeVar("R")


def _store_faults(command: Callable[P, R]) -> Callable[P, R]:
    """Answer a store fault met anywhere in ``command`` with one line and exit 3."""
    from sqlalchemy.exc import SQLAlchemyError

    @functools.wraps(command)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:
            _store_fault(exc)
            raise typer.Exit(EXIT_SETUP) from exc

    return guarded


class _Rate(ProgressColumn):
    """Articles per second of the running ingest."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0.0:.1f} articles/s")


def _report_quarantine(item: Quarantined) -> None:
    err.print(
        Text.assemble(
            ("quarantined", "yellow"),
            " ",
            shown(item.detail),
            (f" (reason: {item.reason.value}, stage: {shown(item.stage)})", "dim"),
        ),
        highlight=False,
    )


def _run(
    items: Iterable[RawDoc | Quarantined],
    settings: Settings,
    pack: DomainPack,
    engine: str = "local",
    workers: int = 2,
    address: str | None = None,
) -> Iterator[Record | Quarantined]:
    """Records for ``items``, in input order, from a worker process of this one (held to
    the per-document budgets) or from Ray workers."""
    if engine == "ray":
        from tregua.engine import run_ray

        yield from run_ray(items, settings.pack, workers, address, chunk_size=settings.batch_size)
        return
    if engine != "local":
        err.print(f"[red]error:[/red] --engine {engine!r} is not known; use local or ray")
        raise typer.Exit(2)
    yield from run_guarded(items, build_pipeline(pack), settings.batch_size)


@app.command()
@_store_faults
def extract(
    paths: PathsArg,
    format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    engine: EngineOpt = "local",
    workers: WorkersOpt = 2,
    address: AddressOpt = None,
) -> None:
    """Write one OUTPUT.md record per document as JSON Lines; nothing is stored."""
    if format != "jsonl":
        err.print(f"[red]error:[/red] --format {format!r} is not supported; use jsonl")
        raise typer.Exit(2)
    settings = _settings()
    tally: Counter[str] = Counter()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for item in _run(read_inputs(paths), settings, _pack(settings), engine, workers, address):
            if isinstance(item, Quarantined):
                tally["quarantined"] += 1
                _report_quarantine(item)
                continue
            tally["processed"] += 1
            sink.write(json.dumps(record_to_dict(item), ensure_ascii=False) + "\n")
    finally:
        if output:
            sink.close()
    err.print(
        f"{tally['processed']} processed, {tally['quarantined']} quarantined", highlight=False
    )
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command()
@_store_faults
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    engine: EngineOpt = "local",
    workers: WorkersOpt = 2,
    address: AddressOpt = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess",
            help="Process inputs already stored and replace records that differ "
            "(after changing an extractor without a new version).",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per document: outcome and id.")
    ] = False,
) -> None:
    """Process documents, store them with every fact, then fuse events across documents.

    Incremental: an input stored before from this pipeline version is skipped unread, the
    same text comes back unchanged, and a batch cut short stores the rest when run again.
    """
    from tregua.fuse.clusters import recluster
    from tregua.fuse.refresh import refresh
    from tregua.store.rows import raw_hash

    settings = _settings(db=db)
    store = _open(settings.db)
    pack = _pack(settings)
    current = pipeline_version(pack)
    tally: Counter[str] = Counter()
    # a record keeps the cluster its stored copy has (None when new) until ``recluster``
    # names them all from the whole store: the same store, the same clusters, however filled
    clusters = store.clusters()
    pending: dict[str, deque[str]] = defaultdict(deque)  # source -> raw hashes in flight

    def unseen() -> Iterator[RawDoc | Quarantined]:
        for item in read_inputs(paths):
            if isinstance(item, RawDoc):
                digest = raw_hash(item)
                if not reprocess and store.is_current(item.source, digest, current):
                    tally["unchanged"] += 1
                    if verbose:
                        err.print(_text(f"unchanged {item.source}"), highlight=False)
                    continue
                pending[item.source].append(digest)
            yield item

    def _store_one(item: Record | Quarantined) -> None:
        digest = pending[item.source].popleft() if pending.get(item.source) else None
        if isinstance(item, Quarantined):
            store.put_quarantined(item)
            tally["quarantined"] += 1
            _report_quarantine(item)
            return
        item = dataclasses.replace(item, cluster=clusters.get(item.id))
        outcome = store.put_record(item, raw_hash=digest, force=reprocess)
        tally[outcome] += 1
        if verbose:
            err.print(_text(f"{outcome} {item.id} {item.source}"), highlight=False)

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        _Rate(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=verbose,
    )
    task = progress.add_task("ingest", total=None)
    try:
        with progress:
            for item in _run(unseen(), settings, pack, engine, workers, address):
                progress.advance(task)
                _store_one(item)
        if tally["stored"] or tally["replaced"] or None in store.clusters().values():
            recluster(store)
        fused = refresh(store)
    except StoreError as exc:
        _store_fault(exc)
        raise typer.Exit(EXIT_SETUP) from exc
    err.print(
        f"{tally['stored']} stored, {tally['replaced']} replaced, "
        f"{tally['unchanged']} unchanged (duplicate), {tally['outdated']} outdated "
        f"(a newer pipeline's record is kept), {tally['quarantined']} quarantined "
        f"-> {escape(shown(store.url))}; {fused.events} fused events from "
        f"{fused.mentions} mentions "
        f"({fused.multi_source} with several sources, {fused.disputed} disputed)",
        highlight=False,
    )
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command("watch")
@_store_faults
def watch_sources(
    sources: Annotated[
        list[str], typer.Argument(metavar="SOURCE", help="Feed URLs, folders or files to poll.")
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h, 1d.")
    ] = "15m",
    db: DbOpt = None,
    max_polls: Annotated[
        int | None, typer.Option("--max-polls", min=1, help="Stop after N polls (default: never).")
    ] = None,
) -> None:
    """Poll feeds and folders and store only what is new, until Ctrl-C or --max-polls."""
    from tregua.fuse.clusters import recluster
    from tregua.ingest.watch import Item, parse_every, state_path_for, watch

    try:
        every_s = parse_every(every)
    except ValueError as exc:
        err.print(f"[red]error:[/red] --every {escape(str(exc))}")
        raise typer.Exit(2) from exc
    settings = _settings(db=db)
    store = _open(settings.db)
    pipeline = build_pipeline(_pack(settings))
    tally: Counter[str] = Counter()

    def store_new(items: list[Item]) -> None:
        poll: Counter[str] = Counter()
        clusters = store.clusters()
        for item in run_guarded(items, pipeline, settings.batch_size):
            if isinstance(item, Quarantined):
                store.put_quarantined(item)
                poll["quarantined"] += 1
                _report_quarantine(item)
                continue
            poll[store.put_record(dataclasses.replace(item, cluster=clusters.get(item.id)))] += 1
        if poll["stored"] or poll["replaced"]:
            recluster(store)  # near copies are found across polls, not only within one
        tally.update(poll)
        err.print(
            f"poll: {poll['stored']} stored, {poll['replaced']} replaced, "
            f"{poll['unchanged']} unchanged (duplicate), {poll['quarantined']} quarantined",
            highlight=False,
        )

    try:
        watch(
            sources,
            every_s,
            store_new,
            state_path_for(settings.db),
            max_polls=max_polls,
            log=lambda message: err.print(
                Text.assemble(("watch", "yellow"), " ", shown(message)), highlight=False
            ),
        )
    except KeyboardInterrupt:
        err.print("stopped")
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


#: the entity types that ``summary`` and ``actors`` list as actors
ACTOR_TYPES = ("PERSON", "ORG")


@app.command()
@_store_faults
def summary(
    db: DbOpt = None, limit: Annotated[int, typer.Option(help="Rows per table.")] = 15
) -> None:
    """Print the store's actors, fused events by date and quotes (the first of each)."""
    from tregua.store import queries

    store = _read(db)
    documents = queries.documents_page(store, limit=0)[1]
    people, people_total = queries.entities_page(store, types=ACTOR_TYPES, limit=limit)
    actors = Table(title="Actors", show_lines=False)
    for column in ("actor", "type", "side", "mentions", "documents"):
        actors.add_column(column)
    for row in people:
        _add(
            actors,
            row["name"],
            row["type"],
            row["country"] or "",
            str(row["mentions"]),
            str(row["documents"]),
        )
    events = Table(title="Events by date")
    for column in ("date", "type", "status", "sides", "place", "sources", "evidence"):
        events.add_column(column, overflow="fold")
    for ev in queries.timeline_compact(store, limit=limit):
        _add(
            events,
            ev["date"] or "?",
            ev["type"],
            ev["status"],
            " ".join(ev["countries"]),
            ev["place"] or "",
            str(ev["sources"]),
            ev["evidence"][:90],
        )
    quotes = Table(title="Quotes")
    for column in ("speaker", "side", "quote"):
        quotes.add_column(column, overflow="fold")
    said, said_total = queries.quotes_page(store, limit=limit)
    for quote in said:
        who = quote["speaker_name"] or quote["speaker_description"] or "?"
        _add(quotes, who, quote["speaker_country"] or "", quote["text"][:110])
    out.print(
        f"{documents} documents, {people_total} actors, "
        f"{queries.timeline_page(store, limit=0)[1]} events, {said_total} quotes"
    )
    out.print(actors, events, quotes)


@app.command()
@_store_faults
def export(
    format: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet, geojson, graphml or polecat.")
    ],
    out: Annotated[Path, typer.Option("--out", help="File (folder for csv) to write.")],
    db: DbOpt = None,
) -> None:
    """Write the store for other tools: records, tables, a map, the actor network, events."""
    from tregua.interfaces.exports import EXPORTS

    if format not in EXPORTS:
        err.print(
            f"[red]error:[/red] --format {format!r} is not supported; use {', '.join(EXPORTS)}"
        )
        raise typer.Exit(2)
    store = _read(db)
    try:
        written = EXPORTS[format](store, out)
    except StoreError as exc:
        _store_fault(exc)
        raise typer.Exit(EXIT_SETUP) from exc
    except OSError as exc:
        err.print(
            f"[red]error:[/red] {escape(shown(out))}: cannot write ({exc.strerror}); check the path"
        )
        raise typer.Exit(2) from exc
    err.print(_text(f"{written} {format} items -> {out}"), highlight=False)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SideOpt = Annotated[str | None, typer.Option("--side", help="ISO3 code or bloc: RUS, UKR, EU.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD).")]


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _read(db: str | None) -> Store:
    return _open(_settings(db=db).db, read_only=True)


@app.command()
@_store_faults
def timeline(
    db: DbOpt = None,
    side: SideOpt = None,
    type: Annotated[str | None, typer.Option("--type", help="POLECAT type: CONSULT.")] = None,
    status: Annotated[str | None, typer.Option(help="occurred, planned, ...")] = None,
    actor: Annotated[str | None, typer.Option(help="Id, name or surface form.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Fused events in date order, with how many documents report each."""
    from tregua.store import queries

    rows = queries.timeline(
        _read(db), side=side, type=type, status=status, actor=actor, since=since, until=until
    )
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} events")
    for column in ("date", "type", "status", "sides", "place", "sources", "evidence"):
        table.add_column(column, overflow="fold")
    for e in rows:
        _add(
            table,
            e["date"] or "?",
            e["type"],
            e["status"],
            " ".join(e["countries"]),
            e["place"] or "",
            str(len(e["sources"])),
            e["evidence"][:100],
        )
    out.print(table)


@app.command()
@_store_faults
def quotes(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Actor, or words of a description.")] = None,
    side: SideOpt = None,
    issue: Annotated[str | None, typer.Option(help="Issue key: ceasefire, territory, ...")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who said what, by publication date."""
    from tregua.store import queries

    rows = queries.who_said_what(
        _read(db), speaker=speaker, side=side, issue=issue, since=since, until=until
    )
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} quotes")
    for column in ("date", "speaker", "side", "quote", "issues"):
        table.add_column(column, overflow="fold")
    for r in rows:
        _add(
            table,
            r["published"] or "?",
            r["speaker_name"] or r["speaker_description"] or "?",
            r["speaker_country"] or "",
            r["text"][:140],
            " ".join(f"{i['issue']}:{i['polarity']}" for i in r["issues"]),
        )
    out.print(table)


@app.command()
@_store_faults
def stances(
    db: DbOpt = None,
    at: Annotated[str | None, typer.Option(help="The matrix as of this day (YYYY-MM-DD).")] = None,
    changes: Annotated[bool, typer.Option("--changes", help="List what moved instead.")] = False,
    side: SideOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The side x issue stance matrix, or with --changes the days a stance moved."""
    from tregua.store import queries

    store = _read(db)
    if changes:
        moved = queries.stance_changes(store, side=side, until=at)
        if as_json:
            _print_json(moved)
            return
        table = Table(title=f"{len(moved)} stance changes")
        for column in ("date", "side", "issue", "from", "to"):
            table.add_column(column)
        for c in moved:
            _add(table, c["date"], c["side"], c["issue"], c["from"] or "", c["to"])
        out.print(table)
        return
    cells = [
        c for c in queries.stance_matrix(store, at=at) if not side or c["side"] == side.upper()
    ]
    if as_json:
        _print_json(cells)
        return
    issues = sorted({c["issue"] for c in cells})
    table = Table(title="Stances (side x issue)")
    table.add_column("side")
    for issue in issues:
        table.add_column(issue)
    by_key = {(c["side"], c["issue"]): c for c in cells}
    for s in sorted({c["side"] for c in cells}):
        _add(table, s, *(by_key[(s, i)]["polarity"] if (s, i) in by_key else "" for i in issues))
    out.print(table)


@app.command()
@_store_faults
def actors(
    name: Annotated[str | None, typer.Argument(help="One actor: id, name or surface form.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every actor with its counts, or one actor's profile."""
    from tregua.store import queries

    store = _read(db)
    if name:
        profile = queries.actor_profile(store, name)
        if profile is None:
            err.print(
                f"[red]error:[/red] no actor answers to {escape(shown(repr(name)))}; "
                "try `tregua actors`"
            )
            raise typer.Exit(2)
        if as_json:
            _print_json(profile)
            return
        out.print(
            _text(
                f"{profile['name']} ({profile['id']}, {profile['type']}, "
                f"{profile['country'] or '-'}): "
                f"{profile['mentions']} mentions in {profile['documents']} documents; "
                f"{len(profile['events'])} events, {len(profile['quotes'])} quotes, "
                f"{len(profile['stances'])} stances; acts with "
                + ", ".join(p["name"] for p in profile["partners"][:8])
            ),
            highlight=False,
        )
        return
    rows, _ = queries.entities_page(store, types=ACTOR_TYPES)
    if as_json:
        _print_json(
            [
                {
                    "name": r["name"],
                    "type": r["type"],
                    "country": r["country"],
                    "mentions": r["mentions"],
                    "documents": r["documents"],
                }
                for r in rows
            ]
        )
        return
    table = Table(title=f"{len(rows)} actors")
    for column in ("actor", "type", "side", "mentions", "documents"):
        table.add_column(column)
    for r in rows:
        _add(
            table, r["name"], r["type"], r["country"] or "", str(r["mentions"]), str(r["documents"])
        )
    out.print(table)


@app.command()
@_store_faults
def search(
    words: Annotated[str, typer.Argument(help="Words that must all occur.")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Most hits.")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Paragraphs and quotes holding every word, best first."""
    from tregua.store import queries

    hits = queries.search(_read(db), words, limit=limit)
    if as_json:
        _print_json(hits)
        return
    table = Table(title=_text(f"{len(hits)} hits for {words!r}"))
    for column in ("kind", "date", "source", "text"):
        table.add_column(column, overflow="fold")
    for h in hits:
        _add(table, h["kind"], h["published"] or "?", h["source"], h["text"][:160])
    out.print(table)


@app.command()
@_store_faults
def explain(
    doc: Annotated[str, typer.Argument(help="Document id (or its source path/URL).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print a stored document with its events, quotes, stances and flags marked in the text.

    Marks: [E1 ...] events, [Q1 ...] quotes, [S1 ...] stances, [F1 ...] flags; each is
    listed below the text with what it says.
    """
    store = _read(db)
    row = store.document(doc) or next((d for d in store.documents() if d.source == doc), None)
    if row is None:
        err.print(
            f"[red]error:[/red] no stored document {escape(shown(repr(doc)))}; "
            "list them with `tregua summary`"
        )
        raise typer.Exit(2)
    record = row.record
    spans: list[tuple[int, int, str, str]] = []
    for n, e in enumerate(record.get("events", ()), 1):
        ev = e["evidence"]
        what = f"{e['type']} {e['status']} {e.get('date') or '?'} {' '.join(e['countries'])}"
        spans.append((ev["start"], ev["end"], f"E{n}", what))
    for n, q in enumerate(record.get("quotes", ()), 1):
        who = q.get("speaker_name") or q.get("speaker_description") or "?"
        spans.append((q["start"], q["end"], f"Q{n}", f"{who} ({q.get('cue') or ''})"))
    for n, s in enumerate(record.get("stances", ()), 1):
        ev = s["evidence"]
        spans.append(
            (ev["start"], ev["end"], f"S{n}", f"{s['country']} {s['issue']} {s['polarity']}")
        )
    for n, f in enumerate(record.get("flags", ()), 1):
        spans.append((f["start"], f["end"], f"F{n}", f"{f['kind']}: {f['reason']}"))
    if as_json:
        _print_json(
            {
                "id": record["id"],
                "source": record["source"],
                "text": record["text"],
                "marks": [
                    {"mark": m, "start": a, "end": b, "what": w, "text": record["text"][a:b]}
                    for a, b, m, w in spans
                ],
            }
        )
        return
    text = record["text"]
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker): closes before opens
    for start, end, mark, _ in spans:
        inserts.append((start, 1, f"[{mark} "))
        inserts.append((end, 0, f" {mark}]"))
    pieces, last = [], 0
    for offset, _, marker in sorted(inserts):
        pieces += [text[last:offset], marker]
        last = offset
    pieces.append(text[last:])
    title = record.get("title") or record["source"]
    out.print(_text(f"{title} ({record.get('published') or '?'})"), highlight=False)
    out.print(_text("".join(pieces), newlines=True), highlight=False)
    out.print()
    for start, end, mark, what in spans:
        out.print(_text(f"{mark:>4} {start}-{end} {what}"), highlight=False)


@app.command()
@_store_faults
def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Server processes; each keeps its own cache of replies."),
    ] = None,
) -> None:
    """Serve the web page over the store until Ctrl-C or SIGTERM.

    A stop waits up to ``STOP_GRACE_S`` seconds for the replies in flight, then the
    process ends however busy it is: a stop never waits on a long request.
    """
    import os

    import uvicorn

    from tregua.interfaces.web.app import create_app

    settings = _settings(db=db, host=host, port=port, workers=workers)
    store = _open(settings.db, read_only=True)  # a damaged store: one line, exit 3
    out.print(_text(f"tregua on http://{settings.host}:{settings.port} (Ctrl-C to stop)"))
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "warning",
        "timeout_graceful_shutdown": STOP_GRACE_S,
    }
    if settings.workers == 1:
        _run_server(uvicorn.Config(create_app(settings, store), **options))
        return
    # each worker is a new process that builds its app from the environment: give it the
    # store named on the command line; uvicorn's supervisor stops them on SIGTERM
    os.environ["TREGUA_DB"] = settings.db
    uvicorn.run(
        "tregua.interfaces.web.app:app_from_environment",
        factory=True,
        workers=settings.workers,
        **options,
    )


STOP_GRACE_S = 3


def _run_server(config: Any) -> None:
    """uvicorn's own ``run``, with a server whose stop is bounded in time."""
    import os
    import threading

    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            super().handle_exit(sig, frame)
            # a request still running in a worker thread would keep the process alive
            # (uvicorn waits for it, then Python for its thread): end it after the grace
            timer = threading.Timer(STOP_GRACE_S + 2, os._exit, args=(0,))
            timer.daemon = True
            timer.start()

    Server(config=config).run()


if __name__ == "__main__":
    app()
