"""What the query modules share: entity references, evidence spans, document columns, and
the one way to ask for rows by a long list of ids (``chunked``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypedDict, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Bundle, Session

from tregua.store.schema import DocumentRow, EntityRow

T = TypeVar("T")

#: ids bound in one ``IN (...)``: far under SQLite's 32,766 variables, and few round trips
CHUNK = 500

#: a JSON value as the store keeps it (a fused event's disagreements)
Json = None | bool | int | float | str | list["Json"] | dict[str, "Json"]


class Span(TypedDict):
    """Evidence: ``text`` is the document's ``text[start:end]``."""

    start: int
    end: int
    text: str


class EntityRef(TypedDict):
    id: str
    name: str
    country: str | None


def chunked(ids: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``ids`` in slices of at most ``size``, in order: each slice one ``IN`` of a query."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def actor_ids(session: Session, actor: str) -> list[str]:
    """Entity ids an actor name may mean, best first (exact id, name, surface form)."""
    wanted = actor.casefold()
    exact = session.get(EntityRow, actor)
    found: list[tuple[int, int, str]] = []
    for row in session.scalars(select(EntityRow)):
        if row.name.casefold() == wanted:
            found.append((1, -row.mentions, row.id))
        elif any(a.casefold() == wanted for a in row.aliases or ()):
            found.append((2, -row.mentions, row.id))
    ids = [entity_id for *_, entity_id in sorted(found)]
    return [exact.id, *[i for i in ids if i != exact.id]] if exact else ids


def names(session: Session, ids: Iterable[str]) -> dict[str, EntityRef]:
    """Reference (id, name, country) of each entity in ``ids`` that the store holds."""
    wanted = sorted(set(ids))
    found: dict[str, EntityRef] = {}
    for chunk in chunked(wanted):
        rows = session.execute(
            select(EntityRow.id, EntityRow.name, EntityRow.country).where(EntityRow.id.in_(chunk))
        )
        found.update({i: {"id": i, "name": name, "country": country} for i, name, country in rows})
    return found


def entity(entities: dict[str, EntityRef], entity_id: str) -> EntityRef:
    """The reference of ``entity_id``; an id the store does not hold names itself."""
    found = entities.get(entity_id)
    if found:
        return {"id": found["id"], "name": found["name"], "country": found["country"]}
    return {"id": entity_id, "name": entity_id, "country": None}


def doc_columns() -> Bundle[Any]:
    """The columns of a document that a fact's reference shows (not its text or record)."""
    return Bundle(
        "doc", DocumentRow.id, DocumentRow.source, DocumentRow.outlet, DocumentRow.published
    )


def span(start: int, end: int, evidence: str) -> Span:
    return {"start": start, "end": end, "text": evidence}
