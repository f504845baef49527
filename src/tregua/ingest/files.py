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

import errno
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from pydantic import ValidationError

from tregua.errors import InputError, QuarantineReason
from tregua.ingest import refusals
from tregua.ingest.budgets import DEFAULT_BUDGETS, Budgets, check_markup
from tregua.ingest.decode import decode_bytes
from tregua.ingest.jsonl import read_json, read_jsonl
from tregua.ingest.metadata import Metadata, first_problem
from tregua.ingest.refusals import META_SUFFIX
from tregua.ingest.scrub import scrub_quarantined, scrub_raw
from tregua.model import Quarantined, RawDoc

Format = Literal["text", "html", "json", "jsonl", "feed", "warc"]

# the longest article, page or feed read whole; JSON Lines and WARC files are read one
# article at a time, and the limit applies to each article
MAX_BYTES = 32 * 1024 * 1024
# a NAME.meta.json holds a title, a date, an outlet and a URL: a megabyte is plenty
MAX_SIDECAR_BYTES = 1024 * 1024
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


def read_inputs(
    paths: Iterable[str], max_bytes: int = MAX_BYTES, budgets: Budgets = DEFAULT_BUDGETS
) -> Iterator[RawDoc | Quarantined]:
    """Every article under ``paths`` as a ``RawDoc``, or a ``Quarantined`` naming why not.

    Whatever goes wrong with one input (it vanishes mid-walk, cannot be opened, a reader
    raises) is that input's quarantine entry; the inputs after it are read.

    >>> [type(d).__name__ for d in read_inputs(["examples/01_ronda_ginebra_sin_acuerdo.txt"])]
    ['RawDoc']
    """
    for given in paths:
        if given == "-":
            items = guarded("-", read_bytes("-", sys.stdin.buffer.read(), max_bytes, budgets))
        else:
            items = _read_path(given, max_bytes, budgets)
        for item in items:
            yield scrub_raw(item) if isinstance(item, RawDoc) else scrub_quarantined(item)


def _read_path(given: str, max_bytes: int, budgets: Budgets) -> Iterator[RawDoc | Quarantined]:
    path = Path(given)
    try:
        info = path.stat()
    except OSError as exc:
        yield refusals.unreadable(
            given, exc, "no such file or folder" if refusals.missing(exc) else None
        )
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, {(info.st_dev, info.st_ino)}, max_bytes, budgets)
    elif stat.S_ISREG(info.st_mode):
        yield from guarded(given, read_file(given, path, max_bytes, budgets))
    else:
        yield refusals.not_regular(given, info.st_mode)


def _walk(
    folder: Path, visited: set[tuple[int, int]], max_bytes: int, budgets: Budgets
) -> Iterator[RawDoc | Quarantined]:
    """The articles of ``folder`` and its sub-folders, by name; a sub-folder that cannot be
    listed, a link that leads nowhere or back up, a file gone before it is read, a FIFO or
    a device: each is a quarantine entry, never a silent gap."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield refusals.unreadable(str(folder), exc, "the folder cannot be listed")
        return
    names = {entry.name for entry in entries}
    for entry in entries:
        child = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(META_SUFFIX):
            if not refusals.has_article(entry.name, names):
                yield refusals.lone_sidecar(str(child))
            continue
        try:
            info = child.stat()  # follows a symbolic link
        except OSError as exc:
            if entry.is_symlink():
                why = (
                    "a symbolic link that loops"
                    if exc.errno == errno.ELOOP
                    else ("a symbolic link to nothing")
                )
                yield refusals.unreadable(str(child), exc, why)
            elif refusals.missing(exc):
                yield refusals.unreadable(
                    str(child), exc, "it disappeared while the folder was read"
                )
            else:
                yield refusals.unreadable(str(child), exc, None)
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in visited:
                yield Quarantined(
                    str(child),
                    "ingest",
                    QuarantineReason.UNREADABLE,
                    f"{child}: a link back to a folder already read; not read twice",
                )
                continue
            yield from _walk(child, visited | {key}, max_bytes, budgets)
        elif not is_article_file(child):
            yield refusals.unsupported(str(child), FORMATS)
        elif stat.S_ISREG(info.st_mode):
            yield from guarded(str(child), read_file(str(child), child, max_bytes, budgets))
        else:
            yield refusals.not_regular(str(child), info.st_mode)


def guarded(source: str, items: Iterator[RawDoc | Quarantined]) -> Iterator[RawDoc | Quarantined]:
    """``items`` until its reader raises; then one entry naming ``source`` and the error
    (the articles it gave before stay)."""
    given = 0
    try:
        for item in items:
            given += 1
            yield item
    except OSError as exc:
        yield refusals.unreadable(source, exc, None)
    except RecursionError:
        yield Quarantined(
            source, "ingest", QuarantineReason.BAD_FORMAT, f"{source}: nested too deep to read"
        )
    # a reader's library may raise anything on hostile bytes; each is this input's failure
    except Exception as exc:  # noqa: BLE001
        after = f" after {given} articles" if given else ""
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.STAGE_FAILED,
            f"{source}: reading failed{after} ({type(exc).__name__}: {str(exc)[:200]})",
        )


def is_article_file(path: Path) -> bool:
    """Whether a folder walk reads ``path``: a known suffix (or none), not hidden, not metadata."""
    if path.name.endswith(META_SUFFIX) or path.name.startswith("."):
        return False
    return path.suffix == "" or _format_of(path) is not None


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file: opening a FIFO
    that appeared since the walk looked must not block."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise (
                IsADirectoryError(errno.EISDIR, "not a regular file")
                if stat.S_ISDIR(mode)
                else OSError(errno.EINVAL, "not a regular file")
            )
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_file(
    source: str, path: Path, max_bytes: int = MAX_BYTES, budgets: Budgets = DEFAULT_BUDGETS
) -> Iterator[RawDoc | Quarantined]:
    """The articles of one file; ``source`` is the path as the user gave it."""
    kind = _format_of(path)
    try:
        with _open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if kind == "jsonl":  # read one article at a time, never whole
                yield from read_jsonl(source, handle, max_bytes)
                return
            if kind == "warc":
                from tregua.ingest.warc import read_warc

                yield from read_warc(source, handle, max_bytes, budgets)
                return
            if size > max_bytes:
                yield refusals.too_large(source, size, max_bytes)
                return
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        yield refusals.unreadable(source, exc, None)
        return
    if len(data) > max_bytes:  # grew since it was measured
        yield refusals.too_large(source, len(data), max_bytes)
        return
    if kind is None:
        kind = sniff(data)
    if kind == "text":
        yield from _read_text_file(source, path, data)
    else:
        yield from _read_as(kind, source, data, max_bytes, budgets)


def read_bytes(
    source: str, data: bytes, max_bytes: int = MAX_BYTES, budgets: Budgets = DEFAULT_BUDGETS
) -> Iterator[RawDoc | Quarantined]:
    """The articles of bytes whose format is unknown (standard input, a download)."""
    if len(data) > max_bytes and sniff(data) not in ("jsonl", "warc"):
        yield refusals.too_large(source, len(data), max_bytes)
        return
    yield from _read_as(sniff(data), source, data, max_bytes, budgets)


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
    kind: Format, source: str, data: bytes, max_bytes: int, budgets: Budgets = DEFAULT_BUDGETS
) -> Iterator[RawDoc | Quarantined]:
    # the readers of pages, feeds and archives (trafilatura, feedparser, warcio: a second
    # of imports) load with the first input of their kind
    if kind == "html":  # a page fetched by ``tregua watch`` is named by its URL
        from tregua.ingest.html import read_html

        yield read_html(
            source,
            data,
            url=source if source.startswith(("http://", "https://")) else None,
            budgets=budgets,
        )
    elif kind == "json":
        yield from read_json(source, data, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(source, data.splitlines(), max_bytes)
    elif kind == "feed":
        try:
            check_markup(source, data, budgets)
        except InputError as exc:
            yield Quarantined(source, "ingest", exc.reason, str(exc), data[:65536])
            return
        from tregua.ingest.feeds import read_feed

        yield from read_feed(source, data)
    elif kind == "warc":
        from tregua.ingest.warc import read_warc

        yield from read_warc(source, io.BytesIO(data), max_bytes, budgets)
    else:
        yield from _read_text(source, data, None)


def _read_text_file(source: str, path: Path, data: bytes) -> Iterator[RawDoc | Quarantined]:
    meta: Metadata | None = None
    meta_path = path.with_name(path.name.removesuffix(path.suffix) + META_SUFFIX)
    try:
        found = _read_sidecar(meta_path) if _has_sidecar(meta_path) else None
    except OSError as exc:
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.UNREADABLE,
            f"{meta_path}: the metadata beside the article cannot be read "
            f"({exc.strerror or type(exc).__name__})",
            data[:65536],
        )
        return
    if found is not None:
        try:
            meta = Metadata.model_validate_json(found)
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


def _read_sidecar(meta_path: Path) -> bytes:
    with _open_regular(meta_path) as handle:
        found = handle.read(MAX_SIDECAR_BYTES + 1)
    if len(found) > MAX_SIDECAR_BYTES:
        raise OSError(errno.EFBIG, f"over {MAX_SIDECAR_BYTES:,} bytes")
    return found


def _has_sidecar(meta_path: Path) -> bool:
    """Whether ``meta_path`` exists; a name too long to exist has none. Other errors
    (permissions) are raised: a sidecar that is there but cannot be read is a problem."""
    try:
        meta_path.stat()
    except OSError as exc:
        if refusals.missing(exc) or exc.errno == errno.ENAMETOOLONG:
            return False
        raise
    return True


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
