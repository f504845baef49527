"""JSON and JSON Lines: one article per object (news-please / CC-NEWS keys accepted).

A JSON file holds one article object, an array of them, or an object wrapping the array
(``{"articles": [...]}``); a JSON Lines file holds one object per line. Each article's
``source`` is its ``url``, else its ``id``, else ``FILE#N`` (N the line of a JSON Lines
file, the position in a JSON array). A line or item that is not an article is quarantined
with its number; the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from tregua.errors import InputError, QuarantineReason
from tregua.ingest.decode import decode_bytes
from tregua.ingest.metadata import Article, Metadata, first_problem
from tregua.model import Quarantined, RawDoc

# keys under which API dumps wrap their list of articles
ARTICLE_LISTS = ("articles", "items", "data", "results", "documents")


def read_jsonl(
    source: str, lines: Iterable[bytes], max_bytes: int
) -> Iterator[RawDoc | Quarantined]:
    """One article per non-blank line; ``max_bytes`` bounds one line."""
    read = 0
    for number, line in enumerate(lines, 1):
        where = f"{source}#{number}"
        label = f"{source} line {number}"
        if not line.strip():
            continue
        read += 1
        if len(line) > max_bytes:
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.TOO_LARGE,
                f"{label}: {len(line):,} bytes, over the limit of {max_bytes:,} for one article",
            )
            continue
        try:
            obj = json.loads(decode_bytes(where, line))
        except InputError as exc:
            yield Quarantined(where, "ingest", exc.reason, f"{label}: {exc.detail}", line[:65536])
            continue
        except json.JSONDecodeError as exc:
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.BAD_FORMAT,
                f"{label}: not JSON ({exc.msg}, column {exc.colno})",
                line[:65536],
            )
            continue
        except RecursionError:
            yield _too_deep(where, label, line)
            continue
        except ValueError as exc:  # a number of more than 4,300 digits
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.BAD_FORMAT,
                f"{label}: not JSON we can read ({exc})",
                line[:65536],
            )
            continue
        yield article_from(obj, where, label, line)
    if not read:
        yield Quarantined(
            source, "ingest", QuarantineReason.EMPTY, f"{source}: no line holds an article"
        )


def read_json(source: str, data: bytes, max_bytes: int) -> Iterator[RawDoc | Quarantined]:
    """The article, or the articles, of one JSON document.

    A file that is not one JSON document but whose lines are is read as JSON Lines.
    """
    try:
        text = decode_bytes(source, data)
    except InputError as exc:
        yield Quarantined(source, "ingest", exc.reason, str(exc), data[:65536])
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_like_lines(text):
            yield from read_jsonl(source, data.splitlines(), max_bytes)
            return
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.BAD_FORMAT,
            f"{source} line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})",
            data[:65536],
        )
        return
    except RecursionError:
        yield _too_deep(source, source, data)
        return
    except ValueError as exc:  # a number of more than 4,300 digits
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.BAD_FORMAT,
            f"{source}: not JSON we can read ({exc})",
            data[:65536],
        )
        return
    items = _articles_in(obj)
    if items is None:
        yield article_from(obj, source, source, data, fallback=source)
        return
    if not items:
        yield Quarantined(
            source, "ingest", QuarantineReason.EMPTY, f"{source}: the JSON holds no article"
        )
        return
    for number, item in enumerate(items, 1):
        where = f"{source}#{number}"
        yield article_from(item, where, f"{source} item {number}", json.dumps(item).encode())


def article_from(
    obj: object, where: str, label: str, raw: bytes, fallback: str | None = None
) -> RawDoc | Quarantined:
    """A ``RawDoc`` from one decoded JSON object; ``where`` names it in a quarantine entry.

    The record's ``source`` is the object's url, else its id, else ``fallback or where``.
    """
    if not isinstance(obj, dict):
        return Quarantined(
            where,
            "ingest",
            QuarantineReason.BAD_METADATA,
            f"{label}: a JSON {type(obj).__name__}, not an object with 'text' or 'maintext'",
            raw[:65536],
        )
    try:
        article = Article.model_validate(obj)
    except ValidationError as exc:
        return Quarantined(
            where, "ingest", QuarantineReason.BAD_METADATA, f"{label}: {first_problem(exc)}", raw
        )
    body = article.maintext or article.text
    if not body or not body.strip():
        return Quarantined(
            where,
            "ingest",
            QuarantineReason.EMPTY,
            f"{label}: no 'text' or 'maintext'",
            raw[:65536],
        )
    published = article.published
    if published is None and article.date_publish:
        try:
            published = Metadata.model_validate({"published": article.date_publish}).published
        except ValidationError as exc:
            return Quarantined(
                where,
                "ingest",
                QuarantineReason.BAD_METADATA,
                f"{label}: {first_problem(exc)}".replace('"published"', '"date_publish"'),
                raw[:65536],
            )
    return RawDoc(
        source=article.url or article.id or fallback or where,
        text=body,
        title=article.title,
        outlet=article.outlet or article.source_domain,
        url=article.url,
        published=published,
    )


def _articles_in(obj: Any) -> list[Any] | None:
    """The list of articles a JSON document holds, or None when it is one article."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict) and not (obj.get("text") or obj.get("maintext")):
        for key in ARTICLE_LISTS:
            if isinstance(obj.get(key), list):
                return list(obj[key])
    return None


def _looks_like_lines(text: str) -> bool:
    """Several lines, the first of them a JSON object on its own."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith("{"):
        return False
    try:
        json.loads(lines[0])
    except (ValueError, RecursionError):
        return False
    return True


def _too_deep(where: str, label: str, raw: bytes) -> Quarantined:
    return Quarantined(
        where,
        "ingest",
        QuarantineReason.BAD_FORMAT,
        f"{label}: JSON nested too deep to read",
        raw[:65536],
    )
