"""Read articles from paths: files of every format the readers know, folders (recursively)
and ``-`` for standard input.

    .txt .text (none)   plain text, with an optional NAME.meta.json beside it
    .html .htm .xhtml   a web page (html.py, trafilatura)
    .json               one article, an array of them or {"articles": [...]} (jsonl.py)
    .jsonl .ndjson      one article per line (jsonl.py)
    .rss .atom .xml     an RSS or Atom feed, one article per entry (feeds.py)
    .warc .warc.gz      a web archive, one article per HTML response (warc.py)

Standard input and files without a suffix are sniffed: a WARC header, a feed's root
element, an HTML page, JSON, else text. Each input yields RawDocs or Quarantined entries:
nothing is dropped, and an input over the size limit is refused with the limit in the
message rather than read into memory.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from tregua.errors import InputError, QuarantineReason
from tregua.ingest.decode import decode_bytes
from tregua.ingest.feeds import read_feed
from tregua.ingest.html import read_html
from tregua.ingest.jsonl import read_json, read_jsonl
from tregua.ingest.metadata import Metadata, first_problem
from tregua.ingest.warc import read_warc
from tregua.model import Quarantined, RawDoc

Format = Literal["text", "html", "json", "jsonl", "feed", "warc"]

META_SUFFIX = ".meta.json"
# the longest article, page or feed read whole; JSON Lines and WARC files are read one
# article at a time, and the limit applies to each article
MAX_BYTES = 32 * 1024 * 1024
FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_SNIFF_BYTES = 2048
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_ROOTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<article")


def read_inputs(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[RawDoc | Quarantined]:
    """Every article under ``paths`` as a ``RawDoc``, or a ``Quarantined`` naming why not.

    >>> [type(d).__name__ for d in read_inputs(["examples/01_ronda_ginebra_sin_acuerdo.txt"])]
    ['RawDoc']
    """
    for given in paths:
        if given == "-":
            yield from read_bytes("-", sys.stdin.buffer.read(), max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and is_article_file(child):
                    yield from read_file(str(child), child, max_bytes)
        elif path.is_file():
            yield from read_file(given, path, max_bytes)
        else:
            yield Quarantined(
                given, "ingest", QuarantineReason.UNREADABLE, f"{given}: no such file or folder"
            )


def is_article_file(path: Path) -> bool:
    """Whether a folder walk reads ``path``: a known suffix (or none), not hidden, not metadata."""
    if path.name.endswith(META_SUFFIX) or path.name.startswith("."):
        return False
    return path.suffix == "" or _format_of(path) is not None


def read_file(
    source: str, path: Path, max_bytes: int = MAX_BYTES
) -> Iterator[RawDoc | Quarantined]:
    """The articles of one file; ``source`` is the path as the user gave it."""
    kind = _format_of(path)
    try:
        size = path.stat().st_size
        if kind in ("jsonl", "warc"):  # read one article at a time, never whole
            with path.open("rb") as handle:
                if kind == "jsonl":
                    yield from read_jsonl(source, handle, max_bytes)
                else:
                    yield from read_warc(source, handle, max_bytes)
            return
        if size > max_bytes:
            yield _too_large(source, size, max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.UNREADABLE,
            f"{source}: cannot be read ({exc.strerror or exc})",
        )
        return
    if kind is None:
        kind = sniff(data)
    if kind == "text":
        yield from _read_text_file(source, path, data)
    else:
        yield from _read_as(kind, source, data, max_bytes)


def read_bytes(
    source: str, data: bytes, max_bytes: int = MAX_BYTES
) -> Iterator[RawDoc | Quarantined]:
    """The articles of bytes whose format is unknown (standard input, a download)."""
    if len(data) > max_bytes and sniff(data) not in ("jsonl", "warc"):
        yield _too_large(source, len(data), max_bytes)
        return
    yield from _read_as(sniff(data), source, data, max_bytes)


def sniff(data: bytes) -> Format:
    """The format ``data`` looks like from its first bytes; "text" when nothing else fits.

    ``sniff(b"<?xml version='1.0'?><rss>")`` is "feed"; ``sniff(b'{"text": "..."}')`` "json".
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"\x1f\x8b"):  # gzip: a compressed WARC, or binary to refuse
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError, zlib.error):
            return "text"
        return "warc" if inner.lstrip().startswith(b"WARC/") else "text"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"warc/"):
        return "warc"
    if lowered.startswith(b"<"):
        if any(root in lowered for root in _FEED_ROOTS):
            return "feed"
        if any(root in lowered for root in _HTML_ROOTS):
            return "html"
        return "feed" if lowered.startswith(b"<?xml") else "html"
    if lowered.startswith(b"["):
        return "json"
    if lowered.startswith(b"{"):
        first = lowered.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first.endswith(b"}") and b"\n{" in lowered else "json"
    return "text"


def _format_of(path: Path) -> Format | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return FORMATS.get(path.suffix.lower())


def _read_as(
    kind: Format, source: str, data: bytes, max_bytes: int
) -> Iterator[RawDoc | Quarantined]:
    if kind == "html":  # a page fetched by ``tregua watch`` is named by its URL
        yield read_html(
            source, data, url=source if source.startswith(("http://", "https://")) else None
        )
    elif kind == "json":
        yield from read_json(source, data, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(source, data.splitlines(), max_bytes)
    elif kind == "feed":
        yield from read_feed(source, data)
    elif kind == "warc":
        yield from read_warc(source, io.BytesIO(data), max_bytes)
    else:
        yield from _read_text(source, data, None)


def _read_text_file(source: str, path: Path, data: bytes) -> Iterator[RawDoc | Quarantined]:
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
                f"{meta_path}: {first_problem(exc)}",
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


def _too_large(source: str, size: int, max_bytes: int) -> Quarantined:
    return Quarantined(
        source,
        "ingest",
        QuarantineReason.TOO_LARGE,
        f"{source}: {size:,} bytes, over the limit of {max_bytes:,} for one document; "
        "split it, or hand it over as JSON Lines or WARC, which are read one article at a time",
    )
