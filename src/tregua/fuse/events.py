"""Cross-document events: mentions of one real event in several articles become one.

Two event mentions are the same event when all of these hold (``_compatible``):

- same type, and from different documents (an article reports an event once), except
  talks an article reports by their first and last day (``SPANNING_TYPES``: "comenzaron
  el 23 de enero en Abu Dabi" ... "al cierre de la primera ronda en Abu Dabi el 24"): two
  mentions of one document join when they have the same place, sides and status and
  adjacent stated dates;
- they share a side (``countries``);
- compatible places: the same name, or one of them unplaced;
- compatible statuses (``STATUS_COMPATIBLE``): a meeting planned in one article and held
  in a later one is one event; a hypothetical one is never the same as a held one;
- compatible dates: both undated, or both dated with overlapping windows. A date read from
  the text is that day (to ``date_end``); a date that only says "reported on the day of
  publication" (``date_source == "published"``) means "on or before that day", so its
  window reaches ``PUBLISHED_LOOKBACK_DAYS`` back. Windows may be ``DATE_SLACK_DAYS`` apart
  ("el viernes" and "el sábado" for talks over two days).

Membership is complete-link: a mention joins an event only if it is compatible with every
mention already in it, so a chain of near dates cannot drift across a month. The grouping
is the same in any input order (mentions are sorted first).

Disagreements on dates (read from the text), places, tolls and status are kept with the
documents that gave each value, never averaged; the representative value follows a named
rule (see the ``FusedEvent`` properties) and tolls in dispute are left unset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

DATE_SLACK_DAYS = 1
# an undated "ha bombardeado" in a paper of the 24th happened on the 24th or shortly before
PUBLISHED_LOOKBACK_DAYS = 2

#: statuses that may describe one real event in two articles (a plan, then the fact)
STATUS_COMPATIBLE: dict[str, frozenset[str]] = {
    "occurred": frozenset({"occurred", "planned", "negated"}),
    "planned": frozenset({"planned", "occurred"}),
    "negated": frozenset({"negated", "occurred"}),
    "hypothetical": frozenset({"hypothetical"}),
}

#: types whose one occurrence runs over days: talks. An attack on two days is two attacks.
SPANNING_TYPES: frozenset[str] = frozenset({"CONSULT"})

#: fields on which sources may disagree, as compared and reported
DISPUTABLE = ("date", "place", "dead", "injured", "status")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event of one record, as the record writer gives it."""

    record_id: str
    source: str
    type: str
    status: str
    date: str | None
    date_end: str | None
    place: str | None
    countries: frozenset[str]
    dead: int | None
    injured: int | None
    evidence: str
    key: str = ""  # "record_id:ordinal", stable across runs
    published: str | None = None
    date_source: str | None = None  # "text" | "published" | None (no date)
    mode: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    row_id: int | None = None  # the event_mentions row, when read from the store
    confidence: float | None = None  # the record's fitted confidence of this mention

    @property
    def date_from_text(self) -> bool:
        """A date the article states (not one borrowed from its publication day)."""
        return self.date is not None and self.date_source != "published"

    def window(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the event may have been on; None when undated."""
        day = _day(self.date)
        if day is None:
            return None
        if not self.date_from_text:
            return day - dt.timedelta(days=PUBLISHED_LOOKBACK_DAYS), day
        end = _day(self.date_end) or day
        return day, max(day, end)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None  # a malformed date in an old record counts as no date


def _order(mention: EventMention) -> tuple[str, str, str]:
    return (mention.published or "", mention.record_id, mention.key)


@dataclass
class FusedEvent:
    """One real event and every mention of it; the properties are its fused fields."""

    type: str
    mentions: list[EventMention] = field(default_factory=list)

    def _reports(self) -> list[EventMention]:
        return sorted(self.mentions, key=_order)

    @property
    def key(self) -> str:
        """sha1 of the mention keys: the same mentions, the same id."""
        keys = sorted(m.key or f"{m.record_id}:{m.evidence}" for m in self.mentions)
        return hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()

    @property
    def date(self) -> str | None:
        """The earliest date an article states; else the earliest publication-day date."""
        stated = [m.date for m in self.mentions if m.date and m.date_from_text]
        borrowed = [m.date for m in self.mentions if m.date]
        return min(stated or borrowed, default=None)

    @property
    def date_end(self) -> str | None:
        """The latest stated day when the stated days span more than one."""
        ends = [m.date_end or m.date for m in self.mentions if m.date and m.date_from_text]
        last = max((e for e in ends if e), default=None)
        return last if last and self.date and last > self.date else None

    @property
    def date_source(self) -> str | None:
        if any(m.date_from_text for m in self.mentions):
            return "text"
        return "published" if self.date else None

    @property
    def status(self) -> str:
        """The status in the latest report: a plan that later happened is ``occurred``."""
        return self._reports()[-1].status

    @property
    def mode(self) -> str | None:
        modes = Counter(m.mode for m in self.mentions if m.mode)
        return min(modes, key=lambda m: (-modes[m], m)) if modes else None

    @property
    def place(self) -> str | None:
        """The place most reports give (alphabetical on a tie)."""
        places = Counter(m.place for m in self.mentions if m.place)
        return min(places, key=lambda p: (-places[p], p)) if places else None

    @property
    def location(self) -> EventMention | None:
        """A mention at ``place``, with coordinates when one has them."""
        at = [m for m in self._reports() if m.place and m.place == self.place]
        return next((m for m in at if m.lat is not None), at[0] if at else None)

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(set().union(*(m.countries for m in self.mentions))))

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for m in self._reports() for a in m.actors))

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for m in self._reports() for t in m.targets))

    def _agreed(self, name: str) -> int | None:
        values = {v for m in self.mentions if (v := getattr(m, name)) is not None}
        return values.pop() if len(values) == 1 else None

    @property
    def dead(self) -> int | None:
        """The death toll when every report that gives one agrees; else None (see
        ``disagreements``)."""
        return self._agreed("dead")

    @property
    def injured(self) -> int | None:
        return self._agreed("injured")

    @property
    def sources(self) -> tuple[str, ...]:
        """Where each report came from, by publication date."""
        return tuple(dict.fromkeys(m.source for m in self._reports()))

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.record_id for m in self._reports()))

    @property
    def evidence(self) -> str:
        return self._reports()[0].evidence

    @property
    def confidence(self) -> float | None:
        """The highest confidence of its mentions: one report the model trusts is enough to
        show the event. None when no mention has one."""
        known = [m.confidence for m in self.mentions if m.confidence is not None]
        return max(known) if known else None

    def _values(self, name: str) -> dict[Any, list[EventMention]]:
        """Mentions by the value they give for ``name``.

        A date is the first day each document states (a publication day is our inference,
        not the source's claim; one article's first and last day of talks is one claim).
        """
        found: dict[Any, list[EventMention]] = defaultdict(list)
        if name == "date":
            first: dict[str, str] = {}
            for m in self.mentions:
                if m.date and m.date_from_text:
                    first[m.record_id] = min(first.get(m.record_id, m.date), m.date)
            for m in self._reports():
                if m.date_from_text and m.record_id in first:
                    found[first[m.record_id]].append(m)
            return found
        for m in self._reports():
            value = getattr(m, name)
            if value is not None:
                found[value].append(m)
        return found

    @property
    def disagreements(self) -> dict[str, list[Any]]:
        """Fields on which the sources differ, with every value reported."""
        found: dict[str, list[Any]] = {}
        for name in DISPUTABLE:
            values = self._values(name)
            if len(values) > 1:
                found[name] = sorted(values, key=str)
        return found

    def disagreement_detail(self) -> dict[str, list[dict[str, Any]]]:
        """``{"dead": [{"value": 1, "documents": [...], "sources": [...]}, ...]}``."""
        detail: dict[str, list[dict[str, Any]]] = {}
        for name in DISPUTABLE:
            values = self._values(name)
            if len(values) > 1:
                detail[name] = [
                    {
                        "value": value,
                        "documents": list(dict.fromkeys(m.record_id for m in values[value])),
                        "sources": list(dict.fromkeys(m.source for m in values[value])),
                    }
                    for value in sorted(values, key=str)
                ]
        return detail


def mentions_of(record: dict[str, Any]) -> list[EventMention]:
    """The event mentions of one record (OUTPUT.md mapping); missing fields read as empty."""
    mentions = []
    for n, ev in enumerate(record.get("events") or []):
        location = ev.get("location") or {}
        date = ev.get("date")
        mentions.append(
            EventMention(
                record_id=record["id"],
                source=record.get("source") or record["id"],
                type=ev["type"],
                status=ev.get("status") or "occurred",
                date=date,
                date_end=ev.get("date_end"),
                place=location.get("name"),
                countries=frozenset(ev.get("countries") or ()),
                dead=ev.get("dead"),
                injured=ev.get("injured"),
                evidence=(ev.get("evidence") or {}).get("text", ""),
                key=f"{record['id']}:{n}",
                published=record.get("published"),
                date_source=ev.get("date_source", "text" if date else None),
                mode=ev.get("mode"),
                place_country=location.get("country"),
                lat=location.get("lat"),
                lon=location.get("lon"),
                actors=tuple(ev.get("actors") or ()),
                targets=tuple(ev.get("targets") or ()),
                confidence=ev.get("confidence"),
            )
        )
    return mentions


def _windows_meet(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _same_talks(member: EventMention, mention: EventMention) -> bool:
    """Two mentions of one document that are the first and last day of the same talks."""
    return (
        mention.type in SPANNING_TYPES
        and mention.place is not None
        and member.place == mention.place
        and member.countries == mention.countries
        and member.status == mention.status
        and member.date_from_text
        and mention.date_from_text
    )


def _compatible(event: FusedEvent, mention: EventMention) -> bool:
    if event.type != mention.type:
        return False
    if any(
        m.record_id == mention.record_id and not _same_talks(m, mention) for m in event.mentions
    ):
        return False  # one document reports one event once
    sides = set().union(*(m.countries for m in event.mentions))
    if not (sides & mention.countries):
        return False
    places = {m.place for m in event.mentions if m.place}
    if mention.place and places and mention.place not in places:
        return False
    allowed = STATUS_COMPATIBLE.get(mention.status, frozenset({mention.status}))
    if any(m.status not in allowed for m in event.mentions):
        return False
    window = mention.window()
    for member in event.mentions:
        other = member.window()
        if (window is None) != (other is None):
            return False  # an undated mention cannot be placed against a dated one
        if window is not None and other is not None and not _windows_meet(window, other):
            return False
    return True


def _shared_sides(event: FusedEvent, mention: EventMention) -> int:
    return len(set().union(*(m.countries for m in event.mentions)) & mention.countries)


def fuse_mentions(mentions: Iterable[EventMention]) -> list[FusedEvent]:
    """Fused events in date order (undated last); each lists every mention it came from.

    Mentions are taken in date order per type; an event whose every window has closed
    before the next mention's window opens is finished (this keeps fusing linear in the
    corpus). A mention compatible with several events joins the one sharing most sides.
    """
    by_type: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_type[mention.type].append(mention)
    fused: list[FusedEvent] = []
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    for type_ in sorted(by_type):
        group = by_type[type_]
        dated = sorted(
            (m for m in group if m.window() is not None),
            key=lambda m: (m.window(), *_order(m)),
        )
        undated = sorted((m for m in group if m.window() is None), key=_order)
        open_events: list[tuple[dt.date, FusedEvent]] = []  # (earliest window end, event)
        for mention in dated:
            first, last = mention.window() or (dt.date.min, dt.date.min)
            open_events = [(end, e) for end, e in open_events if end + slack >= first]
            target = _best(mention, [e for _, e in open_events])
            if target is None:
                target = FusedEvent(type_)
                fused.append(target)
                open_events.append((last, target))
            else:
                open_events = [
                    (min(end, last), e) if e is target else (end, e) for end, e in open_events
                ]
            target.mentions.append(mention)
        undated_events: list[FusedEvent] = []
        for mention in undated:
            target = _best(mention, undated_events)
            if target is None:
                target = FusedEvent(type_)
                fused.append(target)
                undated_events.append(target)
            target.mentions.append(mention)
    fused.sort(key=lambda e: (e.date is None, e.date or "", e.type, e.key))
    return fused


def _best(mention: EventMention, events: list[FusedEvent]) -> FusedEvent | None:
    candidates = [e for e in events if _compatible(e, mention)]
    if not candidates:
        return None
    # most shared sides; on a tie the event opened first
    return max(candidates, key=lambda e: (_shared_sides(e, mention), -events.index(e)))


def fuse_events(records: Iterable[dict[str, Any]]) -> list[FusedEvent]:
    """Fused events of a set of records (OUTPUT.md mappings), in date order."""
    return fuse_mentions(m for record in records for m in mentions_of(record))
