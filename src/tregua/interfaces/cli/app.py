"""The Typer app, the options the commands share, and what every command needs: settings,
the store, one-line errors with their exit codes, validated option values.

Nothing heavy is imported here: the store (SQLAlchemy, Alembic), the settings (pydantic)
and the pack are imported by the functions that need them, so ``tregua --help`` loads only
Typer and Rich.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import inspect
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.text import Text

try:
    from tregua.interfaces.cli.coercion import Command, Group
except ImportError:  # a Typer without the private names coercion.py reads: its own checks
    from typer.core import TyperCommand as Command  # type: ignore[assignment]
    from typer.core import TyperGroup as Group  # type: ignore[assignment]

if TYPE_CHECKING:
    from tregua.pack import DomainPack
    from tregua.settings import Settings
    from tregua.store import Store
    from tregua.store.plain import Reader

EXIT_QUARANTINED = 1
EXIT_USAGE = 2
EXIT_SETUP = 3

# what a terminal would act on: C0 and C1 controls, DEL, and the bidirectional overrides
_UNSAFE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(value: object, newlines: bool = False) -> str:
    """``value`` as a terminal may print it: each control character as its escape
    (``"\\x1b[2J"``); newlines kept only when ``newlines`` (a document's text)."""
    pattern = _UNSAFE_TEXT if newlines else _UNSAFE_LINE
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def text(value: object, newlines: bool = False) -> Text:
    """``shown(value)`` as Rich text: printed as it is, never read as markup."""
    return Text(shown(value, newlines))


app = typer.Typer(
    cls=Group,
    help="tregua: a structured, source-linked record of a peace process.",
    no_args_is_help=True,
    add_completion=False,
    # plain help and usage errors: Typer's Rich formatting costs a third of a second of
    # imports (Markdown, tracebacks) on every --help
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # one line per message: easy to grep


#: the groups ``tregua --help`` lists the commands in
RUN, READ, SHARE = "Run the pipeline", "Read the store", "Serve and export"
#: the commands of the READ group, by name: short, run with the collector paused
READ_COMMANDS: set[str] = set()

C = TypeVar("C", bound=Callable[..., Any])


def command(panel: str, name: str | None = None) -> Callable[[C], C]:
    """``app.command`` with the function's docstring as help, each paragraph one line (the
    terminal wraps it, not the source's line breaks), in the ``panel`` group."""

    def register(function: C) -> C:
        doc = inspect.cleandoc(function.__doc__ or "")
        paragraphs = (" ".join(p.split()) for p in doc.split("\n\n"))
        helped = "\n\n".join(paragraphs)
        app.command(name, cls=Command, help=helped, rich_help_panel=panel)(function)
        if panel == READ:
            READ_COMMANDS.add(name or function.__name__.replace("_", "-"))
        return function

    return register


def out() -> Console:
    """A console on the standard output as it is now (its width, whether a terminal)."""
    return Console()


def note(message: object) -> None:
    """One line on stderr, printed as it is."""
    err.print(text(message), highlight=False)


def fail(message: str, code: int) -> NoReturn:
    """``error: message`` on one line of stderr, then exit with ``code``."""
    err.print(Text.assemble(("error:", "red"), " ", shown(message)), highlight=False)
    raise typer.Exit(code)


def usage_error(message: str) -> NoReturn:
    fail(message, EXIT_USAGE)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


PathsArg = Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local (this process) or ray.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Ray workers (one CPU each).")]
AddressOpt = Annotated[
    str | None,
    typer.Option("--address", help="Ray cluster to join (auto, ray://host:port)."),
]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="Store: a SQLite file or URL (default tregua.db).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
MinConfidenceOpt = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Only facts of at least this fitted confidence (0 to 1).",
    ),
]
SideOpt = Annotated[str | None, typer.Option("--side", help="A side of the pack: RUS, UKR, EU.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD).")]


def settings(**overrides: Any) -> Settings:
    from tregua.settings import Settings

    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def pack(config: Settings) -> DomainPack:
    from tregua.errors import PackError
    from tregua.pack import load_pack

    try:
        return load_pack(config.pack)
    except PackError as exc:
        fail(f"domain pack: {exc}", EXIT_SETUP)


#: the stores tregua opens, by URL scheme (before any ``+driver``)
BACKENDS = ("sqlite", "postgresql", "postgres")


#: ``Settings.db``'s default, here so that a read command needs no pydantic to find the
#: store (a test holds the two equal)
DEFAULT_DB = "sqlite:///tregua.db"


def _db_setting() -> str:
    """TREGUA_DB as ``Settings`` reads it (the name in any case), else the default."""
    for name, value in os.environ.items():
        if name.upper() == "TREGUA_DB":
            return value
    return DEFAULT_DB


def store_url(db: str | None) -> str:
    """The store's URL from ``--db`` (or TREGUA_DB): a plain path is a SQLite file; a URL
    of a database tregua does not store in is refused with exit 3."""
    url = db if db is not None else _db_setting()
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme not in BACKENDS:
        fail(
            f"{url}: cannot open the store: tregua stores in SQLite (a file path or "
            "sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/DB), not "
            f"{scheme or 'this URL'}",
            EXIT_SETUP,
        )
    return url


def _sqlite_file(url: str) -> Path | None:
    """The file a ``sqlite:///`` URL names; None for memory, URI forms and servers."""
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///").split("?", 1)[0]
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def open_store(url: str, read_only: bool = False, whole: bool = False) -> Store:
    """The store at ``url``; a read command (``read_only``) refuses a SQLite file that is not
    there (it would only make an empty one) and opens a store it may not write read-only.

    Opening reads the file's header and schema (SQLite refuses a file that is not a
    database or is cut short); a damaged page met later by a query is SQLite's "malformed"
    error, exit 3 through ``store_faults``, before anything is printed. ``whole`` reads
    every page first (``Store.check``: 0.3 s for 250 MB), for the commands that hand the
    whole store on (``serve``, ``export``)."""
    path = _sqlite_file(url) if read_only else None
    if path is not None and not path.is_file():
        fail(
            f"{url}: no such store ({path} does not exist); check the path, or make one "
            f"with `tregua ingest FILES --db {path}`",
            EXIT_SETUP,
        )
    from tregua.errors import StoreError
    from tregua.store import open_store as opened

    try:
        store = opened(url, read_only=read_only)
        if whole:
            store.check()
        return store
    except StoreError as exc:
        store_fault(exc)
        raise typer.Exit(EXIT_SETUP) from exc


def read_store(db: str | None, whole: bool = False) -> Store:
    """The store of a command that only reads (``whole``: every page checked first)."""
    return open_store(store_url(db), read_only=True, whole=whole)


def read_plainly(db: str | None) -> Reader:
    """The store of ``timeline`` and ``summary``: a SQLite file that needs nothing but
    reading is read through ``sqlite3`` (``tregua.store.plain``: SQLAlchemy and the schema
    are never imported, 0.4 s of a read command); any other store is opened as
    ``read_store`` opens it (PostgreSQL; a file to migrate, missing or refused, with the
    same words and exit code)."""
    url = store_url(db)
    from tregua.store.plain import open_plain

    found = open_plain(url)
    if found is not None:
        return found
    from tregua.store.queries.reading import StoreReader

    return StoreReader(open_store(url, read_only=True))


def store_fault(exc: BaseException) -> None:
    from tregua.errors import StoreError

    if isinstance(exc, StoreError):
        message = str(exc)
    else:
        first = str(exc.args[0]).splitlines()[0] if exc.args else ""
        message = (
            f"the store cannot be read ({type(exc).__name__}: {first}); it may be damaged: "
            "restore it from a copy, or ingest again into a new one"
        )
    err.print(Text.assemble(("error:", "red"), " ", shown(message)), highlight=False)


def _is_store_fault(exc: BaseException) -> bool:
    from tregua.errors import StoreError

    if isinstance(exc, StoreError | sqlite3.Error):
        return True
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")  # loaded by whatever raised one
    return sqlalchemy_exc is not None and isinstance(exc, sqlalchemy_exc.SQLAlchemyError)


P = ParamSpec("P")
R = TypeVar("R")


def store_faults(command: Callable[P, R]) -> Callable[P, R]:
    """Answer a store fault met anywhere in ``command`` with one line and exit 3."""

    @functools.wraps(command)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except Exception as exc:
            if not _is_store_fault(exc):
                raise
            store_fault(exc)
            raise typer.Exit(EXIT_SETUP) from exc

    return guarded


def choice(option: str, value: str | None, valid: Iterable[str], what: str) -> str | None:
    """``value`` as one of ``valid`` (any case), or a usage error listing them."""
    if value is None:
        return None
    allowed = sorted(set(valid))
    by_fold = {v.casefold(): v for v in allowed}
    if value.casefold() in by_fold:
        return by_fold[value.casefold()]
    usage_error(f"{option} {value!r} is not supported; use {what}: {', '.join(allowed)}")


_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def day(option: str, value: str | None) -> str | None:
    """``value`` as a date of the form YYYY-MM-DD (or YYYY-MM, YYYY), or a usage error."""
    if value is None:
        return None
    if _DAY.fullmatch(value):
        padded = value + "-01" * (2 - value.count("-"))
        try:
            dt.date.fromisoformat(padded)
            return value
        except ValueError:
            pass
    usage_error(f"{option} {value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")


def pack_sides(config: Settings) -> list[str]:
    """The sides the pack's actors belong to: what ``--side`` takes."""
    return sorted({a.country for a in pack(config).actors if a.country})


def side_option(value: str | None) -> str | None:
    if value is None:
        return None
    config = settings()
    return choice("--side", value, pack_sides(config), f"a side of pack {config.pack.name}")


def version_line() -> str:
    """The package, the pipeline version its records carry, and the pack."""
    from importlib.metadata import version

    from tregua.versions import pipeline_version

    config = settings()
    loaded = pack(config)
    return (
        f"tregua {version('tregua')}\n"
        f"pipeline: {pipeline_version(loaded, config.ner)} (what each record was made by)\n"
        f"pack: {loaded.name} {loaded.version} ({config.pack})"
    )


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(version_line() + "\n")
        raise typer.Exit()


@app.callback()
def main(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the versions and exit."
        ),
    ] = False,
) -> None:
    """tregua: a structured, source-linked record of a peace process."""
    if context.invoked_subcommand in READ_COMMANDS:
        pause_collector(context)


def pause_collector(context: typer.Context) -> None:
    """Pause Python's cyclic garbage collector until ``context`` closes (the command has
    run), then leave it as it was.

    A read command is short and makes little cyclic garbage, but it builds a container per
    row (26,939 events: a dict and a list each), and most read commands import SQLAlchemy
    (some 70,000 objects; not ``timeline`` and ``summary`` on a SQLite file), which each
    full pass of the collector walks again (docs/quality/75-cli.md). Only the ``Read``
    group's commands: an ingest or a server runs long enough to need the collector.
    Restored on close, so a test process that invokes a command keeps its collector."""
    if gc.isenabled():
        gc.disable()
        context.call_on_close(gc.enable)
