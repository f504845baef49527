"""The ``tregua`` command line.

Exit codes: 0 every input processed; 1 some inputs were quarantined (the rest were
processed); 2 bad usage; 3 the domain pack or the store could not be opened, or the store
refused a write (what was committed before stays; run the command again to finish).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tregua.errors import PackError, StoreError
from tregua.ingest import read_inputs
from tregua.model import Quarantined, RawDoc, Record, record_to_dict
from tregua.pack import DomainPack, load_pack
from tregua.pipeline import build_pipeline, pipeline_version, run_batch
from tregua.settings import Settings

if TYPE_CHECKING:
    from tregua.store import Store

EXIT_QUARANTINED = 1
EXIT_SETUP = 3

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
        err.print(f"[red]error:[/red] domain pack: {exc}")
        raise typer.Exit(EXIT_SETUP) from exc


def _open(url: str) -> Store:
    from tregua.store import open_store

    try:
        return open_store(url)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_SETUP) from exc


def _report_quarantine(item: Quarantined) -> None:
    err.print(
        f"[yellow]quarantined[/yellow] {item.detail} [dim](reason: {item.reason.value}, "
        f"stage: {item.stage})[/dim]",
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
    """Records for ``items``, in input order, from this process or from Ray workers."""
    if engine == "ray":
        from tregua.engine import run_ray

        yield from run_ray(items, settings.pack, workers, address, chunk_size=settings.batch_size)
        return
    if engine != "local":
        err.print(f"[red]error:[/red] --engine {engine!r} is not known; use local or ray")
        raise typer.Exit(2)
    yield from run_batch(items, build_pipeline(pack), settings.batch_size)


@app.command()
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
    from tregua.fuse.refresh import refresh
    from tregua.store.rows import raw_hash

    settings = _settings(db=db)
    store = _open(settings.db)
    pack = _pack(settings)
    current = pipeline_version(pack)
    tally: Counter[str] = Counter()
    pending: dict[str, deque[str]] = defaultdict(deque)  # source -> raw hashes in flight

    def unseen() -> Iterator[RawDoc | Quarantined]:
        for item in read_inputs(paths):
            if isinstance(item, RawDoc):
                digest = raw_hash(item)
                if not reprocess and store.is_current(item.source, digest, current):
                    tally["unchanged"] += 1
                    if verbose:
                        err.print(f"unchanged {item.source}", highlight=False)
                    continue
                pending[item.source].append(digest)
            yield item

    try:
        for item in _run(unseen(), settings, pack, engine, workers, address):
            digest = pending[item.source].popleft() if pending.get(item.source) else None
            if isinstance(item, Quarantined):
                store.put_quarantined(item)
                tally["quarantined"] += 1
                _report_quarantine(item)
                continue
            outcome = store.put_record(item, raw_hash=digest, force=reprocess)
            tally[outcome] += 1
            if verbose:
                err.print(f"{outcome} {item.id} {item.source}", highlight=False)
        fused = refresh(store)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_SETUP) from exc
    err.print(
        f"{tally['stored']} stored, {tally['replaced']} replaced, "
        f"{tally['unchanged']} unchanged (duplicate), {tally['outdated']} outdated "
        f"(a newer pipeline's record is kept), {tally['quarantined']} quarantined "
        f"-> {store.url}; {fused.events} fused events from {fused.mentions} mentions "
        f"({fused.multi_source} with several sources, {fused.disputed} disputed)",
        highlight=False,
    )
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command("watch")
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
    from tregua.hygiene import DocumentClusters
    from tregua.ingest.watch import Item, parse_every, state_path_for, watch
    from tregua.store import open_store

    try:
        every_s = parse_every(every)
    except ValueError as exc:
        err.print(f"[red]error:[/red] --every {exc}")
        raise typer.Exit(2) from exc
    settings = _settings(db=db)
    try:
        store = open_store(settings.db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_SETUP) from exc
    pipeline = build_pipeline(_pack(settings))
    clusters = DocumentClusters()  # near copies are found across polls, not only within one
    tally: Counter[str] = Counter()

    def store_new(items: list[Item]) -> None:
        poll: Counter[str] = Counter()
        for item in run_batch(items, pipeline, settings.batch_size, clusters):
            if isinstance(item, Quarantined):
                store.put_quarantined(item)
                poll["quarantined"] += 1
                _report_quarantine(item)
                continue
            poll[store.put_record(item)] += 1
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
            log=lambda message: err.print(f"[yellow]watch[/yellow] {message}", highlight=False),
        )
    except KeyboardInterrupt:
        err.print("stopped")
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command()
def summary(
    db: DbOpt = None, limit: Annotated[int, typer.Option(help="Rows per table.")] = 15
) -> None:
    """Print the store's actors, events by date and quotes."""
    from tregua.interfaces.report import summarize

    settings = _settings(db=db)
    store = _open(settings.db)
    report = summarize(list(store.records()))
    actors = Table(title="Actors", show_lines=False)
    for column in ("actor", "type", "side", "mentions", "documents"):
        actors.add_column(column)
    for row in report.actors[:limit]:
        actors.add_row(row.name, row.type, row.country or "", str(row.mentions), str(row.documents))
    events = Table(title="Events by date")
    for column in ("date", "type", "status", "sides", "place", "sources", "evidence"):
        events.add_column(column, overflow="fold")
    for ev in report.events[:limit]:
        events.add_row(
            ev.date or "?",
            ev.type,
            ev.status,
            " ".join(ev.countries),
            ev.place or "",
            str(ev.sources),
            ev.evidence[:90],
        )
    quotes = Table(title="Quotes")
    for column in ("speaker", "side", "quote"):
        quotes.add_column(column, overflow="fold")
    for quote in report.quotes[:limit]:
        quotes.add_row(quote.speaker, quote.country or "", quote.text[:110])
    out.print(
        f"{report.documents} documents, {len(report.actors)} actors, "
        f"{len(report.events)} events, {len(report.quotes)} quotes"
    )
    out.print(actors, events, quotes)


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", help="jsonl, csv (a folder), geojson, graphml or polecat.")
    ],
    out: Annotated[Path, typer.Option("--out", help="File (folder for csv) to write.")],
    db: DbOpt = None,
) -> None:
    """Write the store for other tools: records, tables, a map, the actor network, events."""
    from tregua.interfaces.exports import EXPORTS

    if format == "parquet":
        err.print(
            "[red]error:[/red] --format parquet needs pyarrow, which tregua does not depend "
            "on; export --format csv and convert the tables"
        )
        raise typer.Exit(2)
    if format not in EXPORTS:
        err.print(
            f"[red]error:[/red] --format {format!r} is not supported; use {', '.join(EXPORTS)}"
        )
        raise typer.Exit(2)
    store = _open(_settings(db=db).db)
    try:
        written = EXPORTS[format](store, out)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_SETUP) from exc
    except OSError as exc:
        err.print(f"[red]error:[/red] {out}: cannot write ({exc.strerror}); check the path")
        raise typer.Exit(2) from exc
    err.print(f"{written} {format} items -> {out}", highlight=False)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the web page over the store until Ctrl-C."""
    import uvicorn

    from tregua.interfaces.web.app import create_app

    settings = _settings(db=db, host=host, port=port)
    out.print(f"tregua on http://{settings.host}:{settings.port} (Ctrl-C to stop)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    app()
