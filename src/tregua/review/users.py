"""Editors: a name, a role and the SHA-256 of a random token, which is shown once.

Readers need no account. The server's ``TREGUA_API_TOKEN`` (the ingest token) is an editor
too, named ``API_EDITOR``, so that a server run with it alone can be reviewed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from tregua.errors import TreguaError
from tregua.store import Store
from tregua.store.review_schema import UserRow

EDITOR = "editor"
#: the editor name that the server's ingest token (TREGUA_API_TOKEN) writes as
API_EDITOR = "api-token"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class UserError(TreguaError):
    """A user name that is not valid, taken, or unknown."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created_at: dt.datetime | None
    revoked_at: dt.datetime | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(store: Store, name: str, role: str = EDITOR) -> str:
    """Make ``name`` an editor; the token, which is stored only as its hash."""
    if not _NAME.fullmatch(name) or name == API_EDITOR:
        raise UserError(
            f"{name!r} is not a valid user name: letters, digits and . _ @ - (at most 64), "
            f"not {API_EDITOR!r}"
        )
    token = secrets.token_urlsafe(32)
    with store.writing() as session:
        if session.get(UserRow, name) is not None:
            raise UserError(f"user {name!r} exists already; revoke it or choose another name")
        session.add(UserRow(name=name, role=role, token_hash=token_hash(token)))
        session.flush()  # inside the transaction: the generation counts the write
    return token


def revoke_user(store: Store, name: str) -> bool:
    """Revoke ``name``'s token; False when it was revoked already. Raises on an unknown name."""
    with store.writing() as session:
        row = session.get(UserRow, name)
        if row is None:
            raise UserError(f"no user {name!r}")
        if row.revoked_at is not None:
            return False
        row.revoked_at = dt.datetime.now(dt.UTC)
        session.flush()
        return True


def users(store: Store) -> list[User]:
    with store.reading() as session:
        return [
            User(r.name, r.role, r.created_at, r.revoked_at)
            for r in session.scalars(select(UserRow).order_by(UserRow.name))
        ]


def lookup(store: Store, token: str, api_token: str | None = None) -> tuple[str | None, bool]:
    """(the editor whose token ``token`` is, whether it is revoked); (None, False) for an
    empty or unknown token. Only the token's hash is compared, in the database."""
    if not token:
        return None, False
    if api_token and secrets.compare_digest(token.encode(), api_token.encode()):
        return API_EDITOR, False
    digest = token_hash(token)
    with store.reading() as session:
        row = session.scalars(select(UserRow).where(UserRow.token_hash == digest)).first()
    if row is None or row.role != EDITOR:
        return None, False
    return row.name, row.revoked_at is not None


def editor_for_token(store: Store, token: str, api_token: str | None = None) -> str | None:
    """The editor whose live token ``token`` is, or None (unknown, empty or revoked)."""
    name, revoked = lookup(store, token, api_token)
    return None if revoked else name
