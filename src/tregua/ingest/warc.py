"""WARC archives: one article per HTML response (warcio).

Requests, metadata, revisits, redirects and responses that are not HTML (images, scripts,
``robots.txt``) are not articles and are passed over. Each HTML response is read as a page
(``html.read_html``) whose ``source`` is its ``WARC-Target-URI``. A record that cannot be
read ends the archive with one BAD_FORMAT entry naming its byte offset (warcio cannot find
the next record after a broken one); a record whose content decompresses past the size
limit (a gzip bomb) is quarantined as TOO_LARGE and the archive goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from tregua.errors import QuarantineReason
from tregua.ingest.html import read_html
from tregua.model import Quarantined, RawDoc

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: str, stream: IO[bytes], max_bytes: int) -> Iterator[RawDoc | Quarantined]:
    """Every HTML response of the archive in ``stream``; ``max_bytes`` bounds one response."""
    found = 0
    records = ArchiveIterator(stream)
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
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
        yield read_html(where, content, url=url)
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


def _broken(source: str, records: Any, exc: Exception) -> Quarantined:
    offset = _offset(records)
    return Quarantined(
        f"{source}@{offset}",
        "ingest",
        QuarantineReason.BAD_FORMAT,
        f"{source}: the WARC record at byte {offset} cannot be read "
        f"({type(exc).__name__}: {exc}); the records after it are lost with it",
    )
