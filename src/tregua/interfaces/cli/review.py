"""The review's commands (issue #18), as Typer sub-apps mounted on ``tregua``:

    tregua users add NAME        make NAME an editor; prints their token, once
    tregua users revoke NAME     NAME's token stops working (their corrections stay)
    tregua users list            editors, when made, whether revoked
    tregua review gold --out DIR [--records FILE] [--shared ../shared]
                                 every reviewed document as a gold file (ANNOTATION.md);
                                 with --records, the machine's records of those documents
                                 (JSONL), and with --shared, score.py's table of the one
                                 against the other
    tregua review orphans        corrections whose evidence the store no longer holds

Exit codes as ``tregua``'s: 2 bad usage (an unknown or taken user name), 3 the store could
not be opened or written.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tregua.interfaces.cli.app import EXIT_SETUP, EXIT_USAGE, DbOpt, open_store, store_url

if TYPE_CHECKING:
    from tregua.store import Store

users_app = typer.Typer(help="Editors who may correct the record.", no_args_is_help=True)
review_app = typer.Typer(help="The analysts' corrections.", no_args_is_help=True)


def _echo_error(message: str) -> None:
    typer.echo(message.replace("\x1b", "\\x1b"), err=True)


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    """The store of ``--db`` (a plain path is a SQLite file), opened for writing; a store
    fault is one line and exit 3."""
    from tregua.errors import StoreError

    store = open_store(store_url(db))
    try:
        yield store
    except StoreError as exc:
        _echo_error(str(exc))
        raise typer.Exit(EXIT_SETUP) from exc
    finally:
        store.engine.dispose()


@users_app.command("add")
def users_add(name: str, db: DbOpt = None) -> None:
    """Make NAME an editor and print their token: it is shown this once, only its hash is kept."""
    from tregua.review.users import UserError, add_user

    with _store(db) as store:
        try:
            token = add_user(store, name)
        except UserError as exc:
            _echo_error(str(exc))
            raise typer.Exit(EXIT_USAGE) from exc
    typer.echo(token)
    _echo_error(f"{name} is an editor; keep the token above, it is not shown again")


@users_app.command("revoke")
def users_revoke(name: str, db: DbOpt = None) -> None:
    """Revoke NAME's token: it no longer writes; their corrections stay in the log."""
    from tregua.review.users import UserError, revoke_user

    with _store(db) as store:
        try:
            changed = revoke_user(store, name)
        except UserError as exc:
            _echo_error(str(exc))
            raise typer.Exit(EXIT_USAGE) from exc
    typer.echo(f"{name}: revoked" if changed else f"{name}: revoked already")


@users_app.command("list")
def users_list(db: DbOpt = None) -> None:
    """Every editor: name, role, made, revoked (a tab between each)."""
    from tregua.review.users import users

    with _store(db) as store:
        for user in users(store):
            made = user.created_at.isoformat(timespec="seconds") if user.created_at else "-"
            revoked = user.revoked_at.isoformat(timespec="seconds") if user.revoked_at else "-"
            typer.echo(f"{user.name}\t{user.role}\t{made}\t{revoked}")


@review_app.command("gold")
def gold(
    out: Annotated[Path, typer.Option("--out", help="Folder for the gold files.")],
    records: Annotated[
        Path | None,
        typer.Option("--records", help="Also write the machine's records of them (JSONL)."),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option("--shared", help="Run SHARED/eval/score.py on --records against them."),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Every reviewed document as a gold file (ANNOTATION.md): the corrections as gold."""
    from tregua.review.gold import export_gold

    with _store(db) as store:
        written = export_gold(store, out)
        if records is not None:
            ids = {p.stem for p in written}
            with records.open("w", encoding="utf-8") as sink:
                for record in store.records():
                    if record.get("id") in ids:
                        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    _echo_error(f"{len(written)} reviewed documents written to {out}")
    if shared is not None:
        if records is None:
            _echo_error("--shared scores --records: give both")
            raise typer.Exit(EXIT_USAGE)
        found = subprocess.run(
            [sys.executable, str(shared / "eval" / "score.py"), str(records), str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        typer.echo(found.stdout, nl=False)
        if found.returncode:
            _echo_error(found.stderr.strip())
            raise typer.Exit(found.returncode)


@review_app.command("orphans")
def orphan_list(db: DbOpt = None) -> None:
    """Corrections whose evidence is gone: id, editor, kind, action, document, key (JSON)."""
    from tregua.review.apply import orphans

    with _store(db) as store:
        for c in orphans(store):
            key = json.dumps(c.key)  # ASCII: no stored text drives the terminal
            typer.echo(f"{c.id}\t{c.editor}\t{c.kind}\t{c.action}\t{c.document_id}\t{key}")
