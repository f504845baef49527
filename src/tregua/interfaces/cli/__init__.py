"""The ``tregua`` command line.

Exit codes: 0 every input processed; 1 some inputs were quarantined (the rest were
processed); 2 bad usage (an unknown option value, a malformed date, a document or actor
not stored); 3 the domain pack or the store could not be opened (a URL of a database
tregua does not store in, a SQLite file a read command does not find), or the store
refused a write (what was committed before stays; run the command again to finish). A
store that is unreadable or read-only, or a damaged page a command meets, is one line and
exit 3 from every command (nothing printed before it); ``tregua check`` reads every page.

Everything printed that came from outside (file names, URLs, article text, stored values)
goes through ``shown``: its control characters are printed as escapes (``\\x1b``) and it is
never read as Rich markup, so a name or a text cannot drive the terminal.

The package: ``app`` (the Typer app, shared options, the store and its errors),
``running`` (extract, ingest, watch), ``reads`` and ``summary`` (the read commands and
their columns), ``tables`` (fitting a table to the terminal), ``explain``, ``serve``
(serve, export), ``review`` (editors and the corrections, issue #18), ``quality``
(the pipeline scored against the corrections). Importing it loads
Typer and Rich only: each command imports the store, the pack or the pipeline when it runs
(``timeline`` and ``summary`` on a SQLite file read it through ``tregua.store.plain``,
without SQLAlchemy), and ``coercion`` checks plain option values without pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tregua.interfaces.cli import explain, quality, reads, review, running, serve, summary
from tregua.interfaces.cli.app import (
    EXIT_QUARANTINED,
    EXIT_SETUP,
    EXIT_USAGE,
    READ,
    RUN,
    SHARE,
    app,
    shown,
)
from tregua.interfaces.cli.running import Rate as _Rate

# --help lists the groups in the order of work: run the pipeline, read, hand over
app.registered_commands.sort(key=lambda c: (RUN, READ, SHARE).index(str(c.rich_help_panel)))
app.add_typer(review.users_app, name="users")
app.add_typer(review.review_app, name="review")

if TYPE_CHECKING:
    from tregua.pack import DomainPack
    from tregua.pipeline import Pipeline


def build_pipeline(pack: DomainPack) -> Pipeline:
    """The pipeline the commands run (spaCy and the models load here, on first use); a
    test puts a prepared one in its place."""
    from tregua.pipeline import build_pipeline as build

    return build(pack)


__all__ = [
    "EXIT_QUARANTINED",
    "EXIT_SETUP",
    "EXIT_USAGE",
    "_Rate",
    "app",
    "build_pipeline",
    "explain",
    "quality",
    "reads",
    "running",
    "serve",
    "shown",
    "summary",
]
