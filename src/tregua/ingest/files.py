"""Read articles from paths: text files with an optional ``.meta.json`` beside them, JSON
Lines files (one article per line), folders (recursively) and ``-`` for standard input.

Each input yields exactly one ``RawDoc`` or one ``Quarantined``; nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tregua.errors import InputError, QuarantineReason
from tregua.ingest.decode import decode_bytes
from tregua.model import Quarantined, RawDoc

META_SUFFIX = ".meta.json"
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


class Metadata(BaseModel):
    """What a ``NAME.meta.json`` beside ``NAME.txt`` or a JSON Lines object may say."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    title: str | None = None
    published: dt.date | None = Field(default=None, alias="published")
    outlet: str | None = None
    url: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        # news-please style timestamps ("2026-01-30 10:12:00") carry a date we keep
        if isinstance(value, str) and len(value) > 10 and value[4] == "-":
            return value[:10]
        return value


class Article(Metadata):
    """One object of a JSON Lines file (news-please / CC-NEWS keys accepted)."""

    text: str | None = None
    maintext: str | None = None
    date_publish: str | None = None
    source_domain: str | None = None
    id: str | None = None


def read_inputs(paths: Iterable[str]) -> Iterator[RawDoc | Quarantined]:
    """Every article under ``paths`` as a ``RawDoc``, or a ``Quarantined`` naming why not.

    >>> [type(d).__name__ for d in read_inputs(["examples/01_ronda_abu_dabi.txt"])]
    ['RawDoc']
    """
    for given in paths:
        if given == "-":
            yield from _read_text("-", sys.stdin.buffer.read(), None)
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is_article_file(child):
                    yield from _read_file(str(child), child)
        elif path.is_file():
            yield from _read_file(given, path)
        else:
            yield Quarantined(
                given, "ingest", QuarantineReason.UNREADABLE, f"{given}: no such file or folder"
            )


def _is_article_file(path: Path) -> bool:
    if path.name.endswith(META_SUFFIX) or path.name.startswith("."):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES


def _read_file(source: str, path: Path) -> Iterator[RawDoc | Quarantined]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.UNREADABLE,
            f"{source}: cannot be read ({exc.strerror})",
        )
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(source, data)
        return
    meta_path = path.with_name(path.name.removesuffix(path.suffix) + META_SUFFIX)
    meta: Metadata | None = None
    if meta_path.is_file():
        try:
            meta = Metadata.model_validate_json(meta_path.read_bytes())
        except ValidationError as exc:
            yield Quarantined(
                source,
                "ingest",
                QuarantineReason.BAD_METADATA,
                f"{meta_path}: {_first_problem(exc)}",
                data,
            )
            return
    yield from _read_text(source, data, meta)


def _read_text(source: str, data: bytes, meta: Metadata | None) -> Iterator[RawDoc | Quarantined]:
    try:
        text = decode_bytes(source, data)
    except InputError as exc:
        yield Quarantined(source, "ingest", exc.reason, str(exc), data[:65536])
        return
    meta = meta or Metadata()
    yield RawDoc(
        source=source,
        text=text,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
    )


def _read_jsonl(source: str, data: bytes) -> Iterator[RawDoc | Quarantined]:
    for number, line in enumerate(data.splitlines(), 1):
        where = f"{source}#{number}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            article = Article.model_validate(obj)
        except json.JSONDecodeError as exc:
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.BAD_METADATA,
                f"{source} line {number}: not JSON ({exc.msg})",
                line,
            )
            continue
        except ValidationError as exc:
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.BAD_METADATA,
                f"{source} line {number}: {_first_problem(exc)}",
                line,
            )
            continue
        body = article.maintext or article.text
        if not body or not body.strip():
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.EMPTY,
                f"{source} line {number}: no 'text' or 'maintext'",
                line,
            )
            continue
        published = article.published
        if published is None and article.date_publish:
            published = Metadata.model_validate({"published": article.date_publish}).published
        yield RawDoc(
            source=article.url or article.id or where,
            text=body,
            title=article.title,
            outlet=article.outlet or article.source_domain,
            url=article.url,
            published=published,
        )


def _first_problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "object"
    return (
        f'"{field}" is {first.get("input")!r}: {first["msg"]}; '
        "expected strings, and YYYY-MM-DD for dates"
    )
