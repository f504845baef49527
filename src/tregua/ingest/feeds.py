"""RSS and Atom feeds: one article per entry (feedparser).

An entry's text is its full content when the feed carries it (``content:encoded``, Atom
``<content>``), else its summary; its ``source`` is the entry's link. A document that is not
a feed is quarantined as BAD_FORMAT, a feed without entries as EMPTY, an entry without text
as EMPTY under its own link: nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
from collections.abc import Iterator
from typing import Any

import feedparser  # type: ignore[import-untyped]

from tregua.errors import QuarantineReason
from tregua.ingest.html import host_of, html_to_text
from tregua.ingest.metadata import calendar_date
from tregua.model import Quarantined, RawDoc


def read_feed(source: str, data: bytes) -> Iterator[RawDoc | Quarantined]:
    """Every entry of the RSS or Atom document ``data`` read from ``source``.

    A stream, never bytes or a string: feedparser opens a string as a URL and tries bytes as
    a file name, and a hostile "feed" reading ``/etc/passwd`` must stay text.
    """
    try:
        parsed = feedparser.parse(
            io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False
        )
    # feedparser wraps most problems in ``bozo``; what still escapes means an unreadable feed
    except Exception as exc:  # noqa: BLE001
        yield Quarantined(
            source,
            "ingest",
            QuarantineReason.BAD_FORMAT,
            f"{source}: the feed cannot be parsed ({type(exc).__name__}: {exc})",
            data[:65536],
        )
        return
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and problem is not None:
            yield Quarantined(
                source,
                "ingest",
                QuarantineReason.BAD_FORMAT,
                f"{source}: not an RSS or Atom feed ({type(problem).__name__}: {problem})",
                data[:65536],
            )
        else:
            yield Quarantined(
                source,
                "ingest",
                QuarantineReason.EMPTY,
                f"{source}: the feed has no entries",
                data[:65536],
            )
        return
    channel = parsed.get("feed", {})
    outlet = (channel.get("title") or "").strip() or host_of(channel.get("link"))
    for number, entry in enumerate(entries, 1):
        yield _entry(source, number, entry, outlet)


def _entry(source: str, number: int, entry: Any, outlet: str | None) -> RawDoc | Quarantined:
    link = (entry.get("link") or "").strip() or None
    where = link or (entry.get("id") or "").strip() or f"{source}#{number}"
    text = html_to_text(_body(entry))
    if not text:
        return Quarantined(
            where,
            "ingest",
            QuarantineReason.EMPTY,
            f"{source} entry {number} ({where}): no content or summary",
        )
    title = html_to_text(entry.get("title") or "") or None
    try:
        published = _day(entry)
    except ValueError as exc:
        return Quarantined(
            where,
            "ingest",
            QuarantineReason.BAD_METADATA,
            f"{source} entry {number} ({where}): {exc}",
        )
    return RawDoc(
        source=where,
        text=text,
        title=title,
        outlet=outlet or host_of(link),
        url=link,
        published=published,
    )


def _body(entry: Any) -> str:
    """The longest full content of the entry, else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content", [])]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _day(entry: Any) -> dt.date | None:
    """The entry's date as the feed wrote it (RFC 822 in RSS, ISO 8601 in Atom), under the
    one date policy (``metadata.calendar_date``); feedparser's own parse is not used, as it
    rolls an impossible "2026-02-30" over to March 2. ``ValueError`` names the field."""
    for field in ("published", "updated"):
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            return calendar_date(value)
        except ValueError as iso_problem:
            try:
                stamp = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                raise ValueError(f'"{field}" is {value[:60]!r}: {iso_problem}') from None
            try:
                return calendar_date(stamp)
            except ValueError as exc:
                raise ValueError(f'"{field}" is {value[:60]!r}: {exc}') from None
    return None
