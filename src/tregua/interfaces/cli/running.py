"""The commands that run the pipeline: extract, ingest and watch.

The pipeline (spaCy, the models, the time grammar) is loaded when the first input that
needs it arrives, not before: inputs that cannot be read are reported first ("no such
file" costs no model), and an ingest whose every input is stored already, from this
pipeline version, never loads it. What each result becomes in the store is
``interfaces.storing.store_outcomes``, the loop the API's ingest runs too.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from tregua.interfaces.cli.app import (
    EXIT_QUARANTINED,
    RUN,
    AddressOpt,
    DbOpt,
    EngineOpt,
    PathsArg,
    WorkersOpt,
    choice,
    command,
    err,
    note,
    open_store,
    pack,
    settings,
    shown,
    store_faults,
    store_url,
    usage_error,
)

if TYPE_CHECKING:
    from tregua.fuse.refresh import FusionReport
    from tregua.model import Quarantined, RawDoc, Record
    from tregua.pack import DomainPack
    from tregua.settings import Settings
    from tregua.store import Store


class Rate(ProgressColumn):
    """Articles per second of the running ingest."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0.0:.1f} articles/s")


def report_quarantine(item: Quarantined) -> None:
    err.print(
        Text.assemble(
            ("quarantined", "yellow"),
            " ",
            shown(item.detail),
            (f" (reason: {item.reason.value}, stage: {shown(item.stage)})", "dim"),
        ),
        highlight=False,
    )


def run(
    items: Iterable[RawDoc | Quarantined],
    config: Settings,
    engine: str = "local",
    workers: int = 2,
    address: str | None = None,
    loaded: DomainPack | None = None,
) -> Iterator[Record | Quarantined]:
    """Records for ``items``, in input order, from a worker process of this one (held to
    the per-document budgets) or from Ray workers. Inputs quarantined on reading come out
    as they are until the first readable one, which loads the pipeline."""
    from tregua.model import Quarantined

    pending = iter(items)
    for item in pending:
        if isinstance(item, Quarantined):
            yield item
            continue
        rest = itertools.chain([item], pending)
        if engine == "ray":
            from tregua.engine import run_ray

            yield from run_ray(rest, config.pack, workers, address, chunk_size=config.batch_size)
            return
        from tregua.guarded import run_guarded
        from tregua.interfaces import cli

        yield from run_guarded(rest, cli.build_pipeline(loaded or pack(config)), config.batch_size)
        return


ENGINES = ("local", "ray")


@command(RUN)
@store_faults
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
    """One record per document as JSON Lines; nothing stored."""
    from tregua.ingest import read_inputs
    from tregua.model import Quarantined, record_to_dict

    if format != "jsonl":
        usage_error(f"--format {format!r} is not supported; use jsonl")
    engine = choice("--engine", engine, ENGINES, "an engine") or engine
    config = settings()
    tally: Counter[str] = Counter()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for item in run(read_inputs(paths), config, engine, workers, address):
            if isinstance(item, Quarantined):
                tally["quarantined"] += 1
                report_quarantine(item)
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


class Unseen:
    """The inputs of an ingest that the store does not hold from this pipeline version
    (all of them with ``reprocess``), each with its raw hash kept for the store."""

    def __init__(self, store: Store, current: str, reprocess: bool, verbose: bool) -> None:
        self.store, self.current = store, current
        self.reprocess, self.verbose = reprocess, verbose
        self.tally: Counter[str] = Counter()
        self.pending: dict[str, deque[str]] = defaultdict(deque)  # source -> hashes in flight

    def __call__(self, paths: list[str]) -> Iterator[RawDoc | Quarantined]:
        from tregua.ingest import read_inputs
        from tregua.model import RawDoc
        from tregua.store.rows import raw_hash

        for item in read_inputs(paths):
            if isinstance(item, RawDoc):
                digest = raw_hash(item)
                if not self.reprocess and self.store.is_current(item.source, digest, self.current):
                    self.tally["unchanged"] += 1
                    if self.verbose:
                        note(f"unchanged {item.source}")
                    continue
                self.pending[item.source].append(digest)
            yield item

    def raw_hash(self, item: Record | Quarantined) -> str | None:
        waiting = self.pending.get(item.source)
        return waiting.popleft() if waiting else None


def _progress(verbose: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        Rate(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=verbose,
    )


@command(RUN)
@store_faults
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    engine: EngineOpt = "local",
    workers: WorkersOpt = 2,
    address: AddressOpt = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess", help="Process stored inputs again; replace records that differ."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per document: outcome and id.")
    ] = False,
) -> None:
    """Process documents, store them, fuse events across them.

    Incremental: an input stored before from this pipeline version is skipped unread, the
    same text comes back unchanged, and a batch cut short stores the rest when run again.
    --reprocess is for a changed extractor without a new version.
    """
    from tregua.interfaces.storing import store_outcomes
    from tregua.model import Quarantined
    from tregua.versions import pipeline_version

    engine = choice("--engine", engine, ENGINES, "an engine") or engine
    config = settings(db=store_url(db))
    store = open_store(config.db)
    loaded = pack(config)
    unseen = Unseen(store, pipeline_version(loaded, config.ner), reprocess, verbose)
    # a record keeps the cluster its stored copy has (None when new) until ``recluster``
    # names them all from the whole store: the same store, the same clusters, however filled
    clusters = store.clusters()
    results = run(unseen(paths), config, engine, workers, address, loaded)
    progress = _progress(verbose)
    task = progress.add_task("ingest", total=None)
    with progress:
        for item, outcome in store_outcomes(
            store,
            results,
            unseen.tally,
            clusters=clusters,
            raw_hash=unseen.raw_hash,
            force=reprocess,
        ):
            progress.advance(task)
            if isinstance(item, Quarantined):
                report_quarantine(item)
            elif verbose:
                note(f"{outcome} {item.id} {item.source}")
    tally = unseen.tally
    fused = _fuse(store, tally)
    note(
        f"{tally['stored']} stored, {tally['replaced']} replaced, "
        f"{tally['unchanged']} unchanged (duplicate), {tally['outdated']} outdated "
        f"(a newer pipeline's record is kept), {tally['quarantined']} quarantined "
        f"-> {store.url}; {fused.events} fused events from {fused.mentions} mentions "
        f"({fused.multi_source} with several sources, {fused.disputed} disputed)"
    )
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


def _fuse(store: Store, tally: Counter[str]) -> FusionReport:
    """Name near-copy clusters again when documents came in (or some have none), then fuse."""
    from tregua.fuse.refresh import refresh

    if tally["stored"] or tally["replaced"] or None in store.clusters().values():
        from tregua.fuse.clusters import recluster

        recluster(store)
    return refresh(store)


@command(RUN, "watch")
@store_faults
def watch_sources(
    sources: Annotated[
        list[str], typer.Argument(metavar="SOURCE", help="Feed URLs, folders or files to poll.")
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h, 1d.")
    ] = "15m",
    db: DbOpt = None,
    max_polls: Annotated[
        int | None, typer.Option("--max-polls", min=1, help="Stop after N polls.")
    ] = None,
) -> None:
    """Poll feeds and folders; store what is new, until Ctrl-C."""
    from tregua.fuse.clusters import recluster
    from tregua.guarded import run_guarded
    from tregua.ingest.watch import Item, parse_every, state_path_for, watch
    from tregua.interfaces import cli
    from tregua.interfaces.storing import store_outcomes
    from tregua.model import Quarantined

    try:
        every_s = parse_every(every)
    except ValueError as exc:
        usage_error(f"--every {exc}")
    config = settings(db=store_url(db))
    store = open_store(config.db)
    pipeline = cli.build_pipeline(pack(config))
    tally: Counter[str] = Counter()

    def store_new(items: list[Item]) -> None:
        poll: Counter[str] = Counter()
        results = run_guarded(items, pipeline, config.batch_size)
        for item, _ in store_outcomes(store, results, poll, clusters=store.clusters()):
            if isinstance(item, Quarantined):
                report_quarantine(item)
        if poll["stored"] or poll["replaced"]:
            recluster(store)  # near copies are found across polls, not only within one
        tally.update(poll)
        note(
            f"poll: {poll['stored']} stored, {poll['replaced']} replaced, "
            f"{poll['unchanged']} unchanged (duplicate), {poll['quarantined']} quarantined"
        )

    def log(message: str) -> None:
        err.print(Text.assemble(("watch", "yellow"), " ", shown(message)), highlight=False)

    try:
        watch(sources, every_s, store_new, state_path_for(config.db), max_polls=max_polls, log=log)
    except KeyboardInterrupt:
        err.print("stopped")
    if tally["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)
