"""One event per distinct event of a document: its mentions joined, the thread's details
shared.

Two mentions are one event when they agree on type and status and do not disagree on day
or place (``same_event``); the event keeps the first mention's evidence and every mention's
offsets. Talks named once with their venue and then without it are held in the same place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from tregua.model import Event

# a meeting, or what it agreed, happens where the talks of the article are held
PLACE_FROM_THREAD = frozenset({"CONSULT", "AGREE", "REQUEST", "CONCEDE", "REJECT"})


# a round of talks lasts a few days ("dos días de conversaciones")
_SAME_ROUND_DAYS = 2
# two dates a day apart name one event told from two time zones or two ends of a night
_SAME_DAY_SLACK = 1
# an undated report of something done tells of the week before the article
_RECENT_DAYS = 7
# the share of sides two mentions of one event have in common at least (Jaccard)
_SIDES_OVERLAP = 0.5


def same_event(a: Event, b: Event) -> bool:
    """Two mentions in one document of one event: the same type and status, and nothing
    that tells them apart: no two places, no two days the text gives more than a day apart,
    and sides that overlap ("las conversaciones de Abu Dabi" ... "las conversaciones").

    Only dates the text gives count: a report dated by the article says nothing of which
    event it is.
    """
    if a.type != b.type:
        return False
    if a.status != b.status and not _one_prospect(a, b):
        return False
    place_a = a.location.name if a.location else None
    place_b = b.location.name if b.location else None
    if place_a and place_b and place_a != place_b:
        return False
    day_a = _stated_day(a)
    day_b = _stated_day(b)
    if day_a and day_b and abs((day_a - day_b).days) > _SAME_DAY_SLACK:
        return False
    if bool(day_a) != bool(day_b):
        # a report dated only by the article is of the days before it: not of a date the
        # other mention puts weeks back ("Ya en diciembre habían mantenido conversaciones")
        stated, other = (day_a, b) if day_a else (day_b, a)
        if (
            other.date
            and stated
            and abs((dt.date.fromisoformat(other.date) - stated).days) > _RECENT_DAYS
        ):
            return False
    return _sides_agree(set(a.countries), set(b.countries))


# statuses of an event not (yet) held: one prospect told as planned, possible or refused
_PROSPECTIVE = frozenset({"planned", "hypothetical", "negated"})


def _one_prospect(a: Event, b: Event) -> bool:
    """Two mentions of one meeting not held, told with two moods ("la reunión entre Putin
    y Zelenski aún no está programada" ... "Putin está dispuesto a reunirse con
    Zelenski"): the same parties, two or more, and neither held."""
    return (
        a.status in _PROSPECTIVE
        and b.status in _PROSPECTIVE
        and len(a.countries) >= 2
        and set(a.countries) == set(b.countries)
    )


def _stated_day(event: Event) -> dt.date | None:
    return dt.date.fromisoformat(event.date) if event.date and event.date_source == "text" else None


def _sides_agree(a: set[str], b: set[str]) -> bool:
    """Sides of two mentions that may be one event's: one names none, one names some of the
    other's, or they share most."""
    if not a or not b or a <= b or b <= a:
        return True
    return len(a & b) / len(a | b) >= _SIDES_OVERLAP


def merge(first: Event, again: Event) -> Event:
    """The first mention, with the sides and details the repeat adds; the date the text
    gives, where only the repeat has one."""
    if first.date_source != "text" and again.date_source == "text":
        first = dataclasses.replace(
            first,
            date=again.date,
            date_end=again.date_end,
            date_text=again.date_text,
            date_source=again.date_source,
        )
    elif first.date_source == again.date_source == "text" and first.date and again.date:
        # one event the text dates on two days ("el viernes" ... "el sábado") spans both
        start = min(first.date, again.date)
        end = max(first.date_end or first.date, again.date_end or again.date)
        first = dataclasses.replace(first, date=start, date_end=end if end != start else None)
    return dataclasses.replace(
        first,
        countries=_joined_sides(first.countries, again.countries),
        actors=tuple(dict.fromkeys((*first.actors, *again.actors))),
        location=first.location or again.location,
        dead=first.dead if first.dead is not None else again.dead,
        injured=first.injured if first.injured is not None else again.injured,
        mentions=(*first.mentions, *again.mentions),
    )


def _joined_sides(first: tuple[str, ...], again: tuple[str, ...]) -> tuple[str, ...]:
    """The sides of a joined event: the first mention's once it names two (a repeat's extra
    names are more often bystanders than parties), else both mentions'."""
    if len(first) >= 2:
        return first
    return tuple(sorted({*first, *again}))


def _with_thread_place(event: Event, earlier: list[Event]) -> Event:
    """Talks named once with their venue ("las conversaciones de paz en Abu Dabi") and then
    without it ("Dos días de conversaciones ...") are held in the same place: a meeting or
    an agreement naming no place takes the place of the last meeting that named one.

    Not across a change of round: a planned meeting does not inherit an earlier round's
    place (nor the reverse), and two meetings dated days apart are two rounds.
    """
    for source in reversed(earlier):
        if source.type != "CONSULT" or source.location is None:
            continue
        if (source.status == "planned") != (event.status == "planned"):
            return event
        if event.date_source == "text" and event.date is not None:
            # a meeting the text dates is another round unless the talks fall on its days
            # (dated by the text or, for a report of them, by the article)
            if source.date is None:
                return event
            apart = dt.date.fromisoformat(source.date) - dt.date.fromisoformat(event.date)
            if abs(apart.days) > _SAME_ROUND_DAYS:
                return event
        return dataclasses.replace(event, location=source.location)
    return event


def add_mention(events: list[Event], mention: Event) -> None:
    """Join ``mention`` to the event of ``events`` it is a mention of, or append it."""
    # an undated mention refers back to the latest event it may be, as a pronoun does
    at = next((i for i in reversed(range(len(events))) if same_event(events[i], mention)), None)
    if at is None:
        events.append(mention)
    else:
        events[at] = merge(events[at], mention)


def finish(events: list[Event]) -> tuple[Event, ...]:
    """The document's events once every mention is joined: places shared along the thread."""
    done = list(events)
    # after the joining: a place taken from the thread says nothing of which event it is
    for i, event in enumerate(done):
        if event.location is None and event.type in PLACE_FROM_THREAD:
            if any(e.type == "CONSULT" and e.location for e in done[:i]):
                done[i] = _with_thread_place(event, done[:i])
            else:
                # a lead naming no place ("Rusia y Ucrania se sentaron hoy a negociar") is
                # held where the first talks the article locates are
                done[i] = _with_thread_place(event, done[i + 1 :][::-1])
    return tuple(done)
