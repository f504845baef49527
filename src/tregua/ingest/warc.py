"""WARC archives: one article per HTML response (warcio).

Requests, metadata, revisits, redirects and responses that are not HTML (images, scripts,
``robots.txt``) are not articles and are passed over. Each HTML response is read as a page
(``html.read_html``) whose ``source`` is its ``WARC-Target-URI``. A record that cannot be
read ends the archive with one BAD_FORMAT entry naming its byte offset (warcio cannot find
the next record after a broken one); a record whose content decompresses past the size
limit (a gzip bomb) is quarantined as TOO_LARGE and the archive goes on.

A compressed archive is inflated here, member by member (each WARC record is one gzip
member), and a member that inflates past the ``inflated_bytes`` budget, or to a line
longer than ``inflated_line``, ends the archive with a TOO_LARGE entry: a 1 KB header
that inflates to a gigabyte never reaches memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from tregua.errors import QuarantineReason
from tregua.ingest.budgets import DEFAULT_BUDGETS, Budgets
from tregua.ingest.html import read_html
from tregua.model import Quarantined, RawDoc

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _TooInflated(Exception):
    def __init__(self, budget: str, limit: int) -> None:
        super().__init__(budget)
        self.budget = budget
        self.limit = limit


class _Inflated:
    """A gzip stream (one or several members) read inflated, each member held to ``limit``
    bytes; a stream that is not gzip is passed through."""

    def __init__(self, stream: IO[bytes], budgets: Budgets) -> None:
        self._stream = stream
        self._limit = budgets.inflated_bytes
        self._line_limit = budgets.inflated_line
        self._line = 0  # bytes since the last newline
        head = stream.read(2)
        self._pending = head
        self._gzip = head == b"\x1f\x8b"
        self._inflater = zlib.decompressobj(wbits=31)
        self._member = 0  # bytes the current member has inflated to
        self._told = 0

    def _count_line(self, data: bytes) -> None:
        newline = data.rfind(b"\n")
        self._line = len(data) - newline - 1 if newline >= 0 else self._line + len(data)
        if self._line > self._line_limit:
            raise _TooInflated("inflated_line", self._line_limit)

    def tell(self) -> int:
        return self._told

    def read(self, size: int = -1) -> bytes:
        size = size if size and size > 0 else 65536
        if not self._gzip:
            data, self._pending = self._pending + self._stream.read(size), b""
            self._told += len(data)
            self._count_line(data)
            return data
        out = b""
        while not out:
            if self._inflater.eof:
                rest = self._inflater.unused_data + self._pending
                if len(rest) < 2:
                    rest += self._stream.read(2)
                self._inflater = zlib.decompressobj(wbits=31)
                self._member = 0
                self._pending = rest
                if rest and not rest.startswith(b"\x1f\x8b"):  # plain bytes after gzip
                    self._gzip = False
                    return self.read(size)
            compressed = self._inflater.unconsumed_tail or self._pending or self._stream.read(65536)
            self._pending = b""
            if not compressed:
                return b""
            out = self._inflater.decompress(compressed, size)
            self._member += len(out)
            if self._member > self._limit:
                raise _TooInflated("inflated_bytes", self._limit)
            self._count_line(out)
        self._told += len(out)
        return out


def read_warc(
    source: str, stream: IO[bytes], max_bytes: int, budgets: Budgets = DEFAULT_BUDGETS
) -> Iterator[RawDoc | Quarantined]:
    """Every HTML response of the archive in ``stream``; ``max_bytes`` bounds one response."""
    found = 0
    records = ArchiveIterator(_Inflated(stream, budgets))
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except _TooInflated as exc:
            yield _bomb(source, records, exc)
            return
        # warcio raises ArchiveLoadFailed, zlib and gzip errors, and on hostile headers
        # AttributeError or ValueError from inside its parser: each means the same broken record
        except Exception as exc:  # noqa: BLE001
            yield _broken(source, records, exc)
            return
        if not _is_html_response(record):
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or None
        where = url or f"{source}@{_offset(records)}"
        try:
            content = record.content_stream().read(max_bytes + 1)
        except _TooInflated as exc:
            yield _bomb(source, records, exc)
            return
        except Exception as exc:  # noqa: BLE001 - as above, for the record's payload
            yield _broken(source, records, exc)
            return
        found += 1
        if len(content) > max_bytes:
            yield Quarantined(
                where,
                "ingest",
                QuarantineReason.TOO_LARGE,
                f"{source}: the response for {where} is over {max_bytes:,} bytes once "
                "decompressed; the limit keeps a gzip bomb from filling memory",
            )
            continue
        yield read_html(where, content, url=url, budgets=budgets)
    if not found:
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.EMPTY,
            f"{source}: the archive holds no HTML response to read",
        )


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def _offset(records: Any) -> int:
    """Byte offset of the record warcio is on; 0 before it has read one."""
    try:
        return int(records.get_record_offset())
    except (TypeError, AttributeError):  # warcio has no member info before a first record
        return 0


def _bomb(source: str, records: Any, exc: _TooInflated) -> Quarantined:
    offset = _offset(records)
    what = "bytes" if exc.budget == "inflated_bytes" else "bytes in one line"
    return Quarantined(
        f"{source}@{offset}",
        "ingest",
        QuarantineReason.TOO_LARGE,
        f"{source}: the gzip member after byte {offset} inflates to more {what} than the "
        f"{exc.budget} budget of {exc.limit:,}; the records after it are not read",
    )


def _broken(source: str, records: Any, exc: Exception) -> Quarantined:
    offset = _offset(records)
    return Quarantined(
        f"{source}@{offset}",
        "ingest",
        QuarantineReason.BAD_FORMAT,
        f"{source}: the WARC record at byte {offset} cannot be read "
        f"({type(exc).__name__}: {exc}); the records after it are lost with it",
    )
