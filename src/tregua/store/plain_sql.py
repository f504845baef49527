"""The SQL of ``tregua.store.plain`` and its rows made typed dicts.

Each statement is the one SQLAlchemy compiles for the SQLite dialect from the query module
named beside it (columns, conditions, order and bound values alike, so that SQLite plans
it alike); each row becomes the dict that module builds, with the conversions SQLAlchemy's
column types make on SQLite: a JSON column parsed with ``json.loads``, a boolean's 0 or 1
made ``bool``. ``tests/store/test_plain_reader.py`` holds the answers equal.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tregua.store.queries import Entity, EntityRef, EventLine, Quote, TimelineEvent

#: ids bound in one ``IN (...)`` (``queries.common.CHUNK``)
CHUNK = 500

#: a record of the first store, not yet exploded into its tables (``opening._backfill``)
STALE = "SELECT 1 FROM documents WHERE documents.record_hash IS NULL LIMIT 1"

#: ``queries.events.EVENT_ORDER``, and its form for a date range (``events._order``)
_ORDER = "fused_events.date IS NULL, fused_events.date, fused_events.type, fused_events.id"
_RANGED_ORDER = (
    "coalesce(fused_events.date IS NULL, ?), fused_events.date, fused_events.type, fused_events.id"
)
# a value the JSON encoder writes as itself between quotes (``dialects._PLAIN``)
_PLAIN = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _limited(sql: str, bound: list[Any], limit: int | None) -> tuple[str, list[Any]]:
    """SQLAlchemy's ``.limit(limit)`` on SQLite: ``LIMIT ? OFFSET ?``; None is no LIMIT."""
    if limit is None:
        return sql, bound
    return f"{sql} LIMIT ? OFFSET ?", [*bound, limit, 0]


def _where(where: Sequence[str]) -> str:
    return f" WHERE {' AND '.join(where)}" if where else ""


def count(table: str, where: Sequence[str]) -> str:
    return f"SELECT count(*) AS count_1 FROM {table}{_where(where)}"


def json_list(text: str | None) -> list[Any]:
    return [] if text is None else list(json.loads(text))


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _escaped(value: str) -> str:
    """``contains(value, autoescape=True)``'s bound value: ``/`` escapes ``/ % _``."""
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _list_has(column: str, values: Sequence[str]) -> tuple[list[str], list[Any]]:
    """``dialects.list_has`` on SQLite."""
    walk = (
        f"(EXISTS (SELECT ? AS anon_1 FROM json_each({column}) AS anon_2 "
        f"WHERE anon_2.value IN ({_marks(len(values))})))"
    )
    if not values or not all(_PLAIN.fullmatch(v) for v in values):
        return [walk], [1, *values]
    stored = f"CAST({column} AS TEXT) LIKE '%' || ? || '%' ESCAPE '/'"
    likes = " OR ".join([f"({stored})"] * len(values))
    return [f"({likes})", walk], [*(_escaped(f'"{v}"') for v in values), 1, *values]


def event_filters(
    *,
    side: str | None,
    type: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float | None,
    actor_ids: list[str] | None,
) -> tuple[list[str], list[Any]]:
    """``queries.events._event_filters``: the conditions, and their bound values in order."""
    where: list[str] = []
    params: list[Any] = []
    if min_confidence is not None:
        where.append("fused_events.confidence >= ?")
        params.append(min_confidence)
    if type:
        where.append("fused_events.type = ?")
        params.append(type.upper())
    if status:
        where.append("fused_events.status = ?")
        params.append(status)
    if since:
        reach = "fused_events.date_end IS NULL AND fused_events.date >= ?"
        after = "fused_events.date_end >= ?"
        if until:
            reach += " AND fused_events.date <= ?"
            after += " AND coalesce(fused_events.date, ?) <= ?"
            params.extend([since, until, since, "9999-99-99", until])
        else:
            params.extend([since, since])
        where.append(f"({reach} OR {after})")
    elif until:
        where.append("fused_events.date <= ?")
        params.append(until)
    if side:
        has, values = _list_has("fused_events.countries", [side.upper()])
        where.extend(has)
        params.extend(values)
    if actor_ids is not None:
        where.append(
            "fused_events.id IN (SELECT fused_event_entities.fused_event_id FROM "
            "fused_event_entities WHERE fused_event_entities.entity_id IN "
            f"({_marks(len(actor_ids))}))"
        )
        params.extend(actor_ids)
    return where, params


_ENTITY = (
    "SELECT entities.id, entities.name, entities.type, entities.country, entities.aliases, "
    "entities.documents, entities.mentions FROM entities"
)


def actor_ids(db: sqlite3.Connection, actor: str) -> list[str]:
    """``queries.common.actor_ids``: entity ids an actor name may mean, best first."""
    wanted = actor.casefold()
    exact = db.execute(f"{_ENTITY} WHERE entities.id = ?", [actor]).fetchone()
    found: list[tuple[int, int, str]] = []
    for entity_id, name, _, _, aliases, _, mentions in db.execute(_ENTITY):
        if name.casefold() == wanted:
            found.append((1, -mentions, entity_id))
        elif any(a.casefold() == wanted for a in json.loads(aliases or "null") or ()):
            found.append((2, -mentions, entity_id))
    ids = [entity_id for *_, entity_id in sorted(found)]
    return [exact[0], *[i for i in ids if i != exact[0]]] if exact else ids


def lines_query(
    where: list[str], params: list[Any], ranged: bool, limit: int | None
) -> tuple[str, list[Any]]:
    """``queries.timeline_lines``'s statement."""
    sql = (
        "SELECT fused_events.date, fused_events.type, fused_events.status, "
        "CAST(fused_events.countries AS TEXT) AS countries, fused_events.place, "
        "coalesce(json_array_length(fused_events.sources), ?) AS coalesce_1, "
        f"fused_events.evidence FROM fused_events{_where(where)} "
        f"ORDER BY {_RANGED_ORDER if ranged else _ORDER}"
    )
    return _limited(sql, [0, *params, *([True] if ranged else [])], limit)


def lines(rows: Iterable[tuple[Any, ...]]) -> list[EventLine]:
    """``timeline_lines``'s dicts: each distinct countries text parsed once."""
    lists: dict[str, list[str]] = {}
    found: list[EventLine] = []
    for date, kind, status, countries, place, sources, evidence in rows:
        parsed = lists.get(countries)
        if parsed is None:
            parsed = lists[countries] = [str(c) for c in json.loads(countries)]
        found.append(
            {
                "date": date,
                "type": kind,
                "status": status,
                "countries": list(parsed),
                "place": place,
                "sources": sources,
                "evidence": evidence,
            }
        )
    return found


def compact_query(limit: int | None) -> tuple[str, list[Any]]:
    """``queries.events._compact_events``'s statement, without conditions."""
    sql = (
        "SELECT fused_events.id, fused_events.type, fused_events.status, fused_events.date, "
        "fused_events.date_end, fused_events.place, fused_events.lat, fused_events.lon, "
        "fused_events.countries, fused_events.actors, fused_events.disputed, "
        "coalesce(json_array_length(fused_events.sources), ?) AS sources, "
        "fused_events.evidence, fused_events.document_id, fused_events.confidence, "
        "fused_events.copies, fused_events.independent_sources, fused_events.wire "
        f"FROM fused_events ORDER BY {_ORDER}"
    )
    return _limited(sql, [0], limit)


def names(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, EntityRef]:
    """``queries.common.names``: (id, name, country) of each entity the store holds."""
    wanted = sorted(set(ids))
    found: dict[str, EntityRef] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = db.execute(
            "SELECT entities.id, entities.name, entities.country FROM entities "
            f"WHERE entities.id IN ({_marks(len(chunk))})",
            chunk,
        )
        found.update({i: {"id": i, "name": name, "country": country} for i, name, country in rows})
    return found


def _entity(entities: dict[str, EntityRef], entity_id: str) -> EntityRef:
    """``queries.common.entity``."""
    found = entities.get(entity_id)
    if found:
        return {"id": found["id"], "name": found["name"], "country": found["country"]}
    return {"id": entity_id, "name": entity_id, "country": None}


def compact(
    rows: Sequence[tuple[Any, ...]], actors: Sequence[list[str]], entities: dict[str, EntityRef]
) -> list[TimelineEvent]:
    """``_compact_events``'s dicts."""
    return [
        {
            "id": r[0],
            "type": r[1],
            "status": r[2],
            "date": r[3],
            "date_end": r[4],
            "place": r[5],
            "lat": r[6],
            "lon": r[7],
            "countries": json_list(r[8]),
            "actors": [_entity(entities, a) for a in named],
            "disputed": _bool(r[10]),  # type: ignore[typeddict-item]
            "sources": r[11],
            "evidence": r[12],
            "document_id": r[13],
            "confidence": r[14],
            "copies": r[15],
            "independent_sources": r[16],
            "wire": r[17],
        }
        for r, named in zip(rows, actors, strict=True)
    ]


def entities_page(
    db: sqlite3.Connection, types: list[str], limit: int | None
) -> tuple[list[Entity], int]:
    """``queries.entities_page`` of ``types`` (upper case), most mentioned first."""
    where = [f"entities.type IN ({_marks(len(types))})"] if types else []
    total = db.execute(count("entities", where), types).fetchone()[0]
    sql, bound = _limited(
        f"{_ENTITY}{_where(where)} ORDER BY coalesce(entities.mentions, ?) DESC, "
        "entities.name, entities.id",
        [*types, 0],
        limit,
    )
    found: list[Entity] = [
        {
            "id": entity_id,
            "name": name,
            "type": kind,
            "country": country,
            "aliases": list(json.loads(aliases or "null") or ()),
            "documents": documents or 0,
            "mentions": mentions or 0,
        }
        for entity_id, name, kind, country, aliases, documents, mentions in db.execute(sql, bound)
    ]
    return found, total or 0


_QUOTES = (
    "SELECT quotes.id, quotes.document_id, quotes.ordinal, quotes.published, quotes.text, "
    'quotes.direct, quotes.start, quotes."end", quotes.speaker, quotes.speaker_name, '
    "quotes.speaker_description, quotes.speaker_country, quotes.cue, quotes.via, "
    "quotes.confidence, documents.id AS id_1, documents.source, documents.outlet, "
    "documents.published AS published_1 FROM quotes JOIN documents ON documents.id = "
    "quotes.document_id ORDER BY quotes.published, quotes.document_id, quotes.ordinal"
)


def quotes_page(db: sqlite3.Connection, limit: int | None) -> tuple[list[Quote], int]:
    """``queries.quotes_page`` without filters: the first ``limit`` quotes by publication."""
    total = db.execute(count("quotes", [])).fetchone()[0]
    rows = db.execute(*_limited(_QUOTES, [], limit)).fetchall()
    issues = _quote_issues(db, [r[0] for r in rows])
    found: list[Quote] = [
        {
            "document_id": r[15],
            "source": r[16],
            "outlet": r[17],
            "published": r[18],
            "speaker": r[8],
            "speaker_name": r[9],
            "speaker_description": r[10],
            "speaker_country": r[11],
            "text": r[4],
            "direct": _bool(r[5]),  # type: ignore[typeddict-item]
            "cue": r[12],
            "via": r[13],
            "start": r[6],
            "end": r[7],
            "issues": issues.get(r[0], []),
            "confidence": r[14],
        }
        for r in rows
    ]
    return found, total or 0


def _quote_issues(db: sqlite3.Connection, quote_ids: Sequence[int]) -> dict[int, list[Any]]:
    """``queries.quotes._quote_issues``: the issues of the stances overlapping each quote."""
    found: dict[int, list[Any]] = {}
    for start in range(0, len(quote_ids), CHUNK):
        chunk = quote_ids[start : start + CHUNK]
        rows = db.execute(
            "SELECT quotes.id, stances.issue, stances.polarity, stances.country FROM quotes "
            "JOIN stances ON stances.document_id = quotes.document_id AND stances.start < "
            'quotes."end" AND stances."end" > quotes.start WHERE quotes.id IN '
            f"({_marks(len(chunk))}) ORDER BY quotes.id, stances.ordinal",
            chunk,
        )
        for quote_id, issue, polarity, country in rows:
            found.setdefault(quote_id, []).append(
                {"issue": issue, "polarity": polarity, "side": country}
            )
    return found
