"""What ``pack.load_pack`` checks beyond the models' own validation, and how it names a
problem: file, entry (1-based, with its key) and field, so that an analyst editing a pack
finds the line to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tregua.errors import PackError

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from tregua.pack import DomainPack

SHOWN_PROBLEMS = 10

# where each part of a DomainPack comes from: file, and the table name of its entries
_SOURCES: dict[str, tuple[str, str | None]] = {
    "actors": ("actors.toml", "actor"),
    "roles": ("roles.toml", "role"),
    "places": ("places.toml", "place"),
    "issues": ("issues.toml", "issue"),
    "timeline": ("timeline.toml", "event"),
    "lexicon": ("lexicon.toml", None),
}


def problem(folder: Path, parts: dict[str, object], error: ErrorDetails) -> str:
    """One validation error as file, entry and field: ``.../actors.toml: actor 3 (key
    "dmitry_peskov"): country: String should match pattern ...``."""
    loc = list(error["loc"])
    part = str(loc[0]) if loc else ""
    file, table = _SOURCES.get(part, ("pack.toml", None))
    if part in _SOURCES:
        loc = loc[1:]
    where = [str(folder / file)]
    if table is not None and loc and isinstance(loc[0], int):
        entries = parts.get(part)
        entry = entries[loc[0]] if isinstance(entries, list) and loc[0] < len(entries) else None
        key = entry.get("key") if isinstance(entry, dict) else None
        # no brackets: "[[actor]]" reads as markup to the CLI's console and vanishes
        where.append(f"{table} {loc[0] + 1}" + (f' (key "{key}")' if key else ""))
        loc = loc[1:]
    if loc:
        # the rest of the path, 1-based like the entries: "roles[2].start", "triggers[1].type"
        path = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc)
        where.append(path.lstrip("."))
    return f"{': '.join(where)}: {error['msg']}"


def check_timeline(folder: Path, pack: DomainPack) -> None:
    seen: set[str] = set()
    for event in pack.timeline:
        if event.key in seen:
            raise PackError(f"{folder / 'timeline.toml'}: key {event.key!r} appears twice")
        seen.add(event.key)
        if event.date_end is not None and event.date_end < event.date:
            raise PackError(
                f"{folder / 'timeline.toml'}: {event.key}: date_end {event.date_end} is before "
                f"date {event.date}; expected date <= date_end"
            )


def check_references(folder: Path, pack: DomainPack) -> None:
    places = {p.key for p in pack.places}
    for event in pack.timeline:
        if event.venue is not None and event.venue not in places:
            raise PackError(
                f"{folder / 'timeline.toml'}: {event.key} is held in unknown place "
                f"{event.venue!r}; expected the key of a place"
            )
    for place in pack.places:
        if place.held_in is not None and place.held_in not in places:
            raise PackError(
                f"{folder / 'places.toml'}: {place.key} is held in unknown place "
                f"{place.held_in!r}; expected the key of a place"
            )
    seen: set[str] = set()
    for actor in pack.actors:
        if actor.key in seen:
            raise PackError(f"{folder / 'actors.toml'}: key {actor.key!r} appears twice")
        seen.add(actor.key)
        for spell in actor.roles:
            if spell.role not in pack.role_by_key:
                raise PackError(
                    f"{folder / 'actors.toml'}: {actor.key} holds unknown role {spell.role!r}; "
                    "add it to roles.toml"
                )
