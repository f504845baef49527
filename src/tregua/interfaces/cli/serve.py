"""``tregua serve`` (the REST API and the dashboard) and ``tregua export`` (files for other
tools): the commands that hand the store to something else."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tregua.interfaces.cli.app import (
    SHARE,
    DbOpt,
    MinConfidenceOpt,
    choice,
    command,
    note,
    open_store,
    read_store,
    settings,
    store_faults,
    store_url,
    usage_error,
)

#: seconds a stop waits for the replies in flight
STOP_GRACE_S = 3


@command(SHARE)
@store_faults
def export(
    format: Annotated[
        str,
        typer.Option("--format", help="jsonl, csv, parquet, geojson, graphml, polecat or gold."),
    ],
    out: Annotated[Path, typer.Option("--out", help="File (folder for csv and gold) to write.")],
    db: DbOpt = None,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """Write the store out: records, tables, a map, a network."""
    from tregua.interfaces.exports import EXPORTS

    format = choice("--format", format, EXPORTS, "an export format") or format
    if format == "gold" and min_confidence is not None:
        usage_error("--min-confidence: the gold is the editors' decisions, kept whole")
    store = read_store(db, whole=True)  # a damaged page: exit 3 before a file is written
    try:
        written = EXPORTS[format](store, out, min_confidence=min_confidence)
    except OSError as exc:
        usage_error(f"{out}: cannot write ({exc.strerror}); check the path")
    note(f"{written} {format} items -> {out}")


@command(SHARE)
@store_faults
def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Server processes; each keeps its own cache."),
    ] = None,
) -> None:
    """Serve the REST API and the dashboard until Ctrl-C.

    A stop waits up to STOP_GRACE_S seconds for the replies in flight, then the process
    ends however busy it is: a stop never waits on a long request.
    """
    import os

    import uvicorn

    from tregua.interfaces.web.app import create_app

    config = settings(db=store_url(db), host=host, port=port, workers=workers)
    store = open_store(config.db, read_only=True, whole=True)  # damaged: one line, exit 3
    note(f"tregua on http://{config.host}:{config.port} (Ctrl-C to stop)")
    options: dict[str, Any] = {
        "host": config.host,
        "port": config.port,
        "log_level": "warning",
        "timeout_graceful_shutdown": STOP_GRACE_S,
    }
    if config.workers == 1:
        _run_server(uvicorn.Config(create_app(config, store), **options))
        return
    # each worker is a new process that builds its app from the environment: give it the
    # store named on the command line; uvicorn's supervisor stops them on SIGTERM
    os.environ["TREGUA_DB"] = config.db
    uvicorn.run(
        "tregua.interfaces.web.app:app_from_environment",
        factory=True,
        workers=config.workers,
        **options,
    )


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
