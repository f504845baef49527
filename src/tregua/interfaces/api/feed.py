"""``GET /api/feed.atom``: the fused events tregua learnt of most recently, as an Atom feed
(RFC 4287) for feed readers, filterable by side and type.

An entry is one fused event: its title says what, who, where and when; its summary is the
earliest report's evidence sentence; its content lists every report; it links to the
document view of each report. ``updated`` is when the latest document reporting it was
stored, so an event a further outlet reports rises to the top again. A fused event's id
comes from its mentions: one that gains a report is a new entry with the new count.

The router is module-level and reads the store from ``request.app.state.tregua.store``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response

from tregua.interfaces.api import models
from tregua.interfaces.exports import QUAD_CLASSES
from tregua.review.apply import correct_timeline
from tregua.store import Store
from tregua.store.newest import newest_events

router = APIRouter(prefix="/api", tags=["events"])

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
#: entries a feed holds by default, and at most
DEFAULT_ENTRIES = 50
MAX_ENTRIES = 500
#: the earliest instant, for a feed with no entries (Atom requires ``updated``)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _store(request: Request) -> Store:
    store: Store = request.app.state.tregua.store
    return store


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def when(date: str | None, date_end: str | None) -> str | None:
    """An event's dates as a reader says them: a whole year as ``2025``, a whole month as
    ``2025-03``, whole months as ``2025-12 – 2026-02``, several days as
    ``2025-03-01 – 2025-03-04``; None when undated."""
    if not date:
        return None
    if not date_end or date_end == date:
        return date
    if date.endswith("-01-01") and date_end.endswith("-12-31"):
        first, last = date[:4], date_end[:4]
        return first if first == last else f"{first}–{last}"
    following = dt.date.fromisoformat(date_end) + dt.timedelta(days=1)
    if date.endswith("-01") and following.day == 1:  # whole months
        return date[:7] if date[:7] == date_end[:7] else f"{date[:7]} – {date_end[:7]}"
    return f"{date} – {date_end}"


def _title(event: dict[str, Any]) -> str:
    parts = [f"{event['type']} ({event['status']})"]
    if event["countries"]:
        parts.append(", ".join(event["countries"]))
    if event["place"]:
        parts.append(event["place"])
    parts.append(when(event["date"], event["date_end"]) or "undated")
    return " · ".join(parts)


def _content(event: dict[str, Any]) -> str:
    lines = []
    for report in event["reports"]:
        said = report["evidence"] or ""
        lines.append(
            f"{report['outlet'] or report['source']}, {report['published'] or '?'}: {said}"
        )
    more = event["report_count"] - len(event["reports"])
    if more > 0:
        lines.append(f"… and {more} more reports")
    said = sources_line(event)
    if said:
        lines.append(said)
    if event.get("reviewed"):
        lines.append(reviewed_line(event))
    return "\n".join(lines)


def reviewed_line(event: dict[str, Any]) -> str:
    """What the editors changed: "Reviewed by an editor; the machine said status: planned"."""
    line = "Reviewed by an editor"
    machine = event.get("machine") or {}
    if machine:
        said = "; ".join(f"{k}: {_said(v)}" for k, v in machine.items())
        line += f"; the machine said {said}"
    if event.get("merged"):
        line += f"; merged with {', '.join(event['merged'])}"
    if event.get("split_from"):
        line += f"; split from {event['split_from']}"
    return line


def _said(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return "none" if value is None else str(value)


def sources_line(event: dict[str, Any]) -> str | None:
    """How many documents report an event and how many independent origins they come
    from, and the wire when one alone confirms it: "3 copies, 1 independent source; one
    wire: EFE". None for a store fused before the counts."""
    copies, independent = event.get("copies"), event.get("independent_sources")
    if copies is None or independent is None:
        return None
    line = (
        f"{copies} {'copy' if copies == 1 else 'copies'}, {independent} independent "
        f"{'source' if independent == 1 else 'sources'}"
    )
    if event.get("wire"):
        line += f"; one wire: {event['wire']}"
    if event.get("confidence") is not None:
        line += f"; confidence {event['confidence']:.2f}"
    return line


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def atom(events: list[dict[str, Any]], base: str, query: dict[str, str]) -> bytes:
    """The Atom document of ``events`` (``newest_events``), with links under ``base``."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    shown = " ".join(f"{k}={v}" for k, v in sorted(query.items()))
    _add(feed, "title", "tregua: new fused events" + (f" ({shown})" if shown else ""))
    self_link = f"{base}api/feed.atom" + (f"?{urlencode(sorted(query.items()))}" if query else "")
    _add(feed, "id", self_link)
    _add(feed, "link", rel="self", href=self_link, type="application/atom+xml")
    _add(feed, "link", rel="alternate", href=f"{base}timeline", type="text/html")
    _add(feed, "updated", _stamp(max((e["last_seen"] for e in events), default=EPOCH)))
    author = _add(feed, "author")
    _add(author, "name", "tregua")
    _add(feed, "generator", "tregua")
    for event in events:
        entry = _add(feed, "entry")
        _add(entry, "id", f"{base}api/events/{quote(event['id'])}")
        _add(entry, "title", _title(event))
        _add(entry, "published", _stamp(event["first_seen"]))
        _add(entry, "updated", _stamp(event["last_seen"]))
        documents = list(dict.fromkeys(r["document_id"] for r in event["reports"]))
        for n, document_id in enumerate(documents):
            _add(
                entry,
                "link",
                rel="alternate" if n == 0 else "related",
                type="text/html",
                href=f"{base}documents/{quote(document_id)}",
            )
        _add(entry, "category", term=event["type"], label=event["type"])
        _add(entry, "category", term=event["status"], scheme=f"{base}api/feed.atom#status")
        for side in event["countries"]:
            _add(entry, "category", term=side, scheme=f"{base}api/feed.atom#side")
        if event.get("reviewed"):
            _add(entry, "category", term="reviewed", scheme=f"{base}api/feed.atom#review")
        _add(entry, "summary", event["evidence"], type="text")
        _add(entry, "content", _content(event), type="text")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


@router.get(
    "/feed.atom",
    response_class=Response,
    responses={
        200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed."},
        422: {"model": models.Problem, "description": "An unknown type or a malformed side."},
    },
)
def feed(
    request: Request,
    side: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{2,8}$", description="Country or bloc code: RUS, UKR, EU"),
    ] = None,
    type: Annotated[
        str | None, Query(max_length=20, description="PLOVER type: " + ", ".join(QUAD_CLASSES))
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_ENTRIES, description=f"Entries, 1 to {MAX_ENTRIES}.")
    ] = DEFAULT_ENTRIES,
    min_confidence: Annotated[
        float | None,
        Query(ge=0, le=1, description="Only events of at least this confidence, 0 to 1."),
    ] = None,
) -> Response:
    """The fused events tregua learnt of most recently, newest first, as Atom."""
    if type and type.upper() not in QUAD_CLASSES:
        raise HTTPException(
            422, f"type {type!r} is not a PLOVER type; use one of {', '.join(QUAD_CLASSES)}"
        )
    store = _store(request)
    # as the editors left them: a rejected event leaves the feed, a reviewed one says so
    events = correct_timeline(
        store,
        newest_events(store, side=side, type=type, limit=limit, min_confidence=min_confidence),
    )
    query = {k: v.upper() for k, v in (("side", side), ("type", type)) if v}
    if min_confidence is not None:
        query["min_confidence"] = f"{min_confidence:g}"
    return Response(atom(events, str(request.base_url), query), media_type=MEDIA_TYPE)
