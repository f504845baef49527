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
_PLACE_FROM_THREAD = frozenset({"CONSULT", "AGREE"})


# a round of talks lasts a few days ("dos días de conversaciones")
_SAME_ROUND_DAYS = 2


def same_event(a: Event, b: Event) -> bool:
    """Two mentions in one document of one event: same type and status, same day or place.

    Only dates the text gives count: two undated reports dated by the article are not
    thereby the same event.
    """
    if (a.type, a.status) != (b.type, b.status):
        return False
    place_a = a.location.name if a.location else None
    place_b = b.location.name if b.location else None
    if place_a and place_b and place_a != place_b:
        return False
    day_a = a.date if a.date_source == "text" else None
    day_b = b.date if b.date_source == "text" else None
    if day_a and day_b:
        return day_a == day_b
    if day_a or day_b:
        return False
    return bool(place_a and place_a == place_b) or set(a.countries) == set(b.countries)


def merge(first: Event, again: Event) -> Event:
    """The first mention, with the sides and details the repeat adds."""
    return dataclasses.replace(
        first,
        countries=tuple(sorted({*first.countries, *again.countries})),
        actors=tuple(dict.fromkeys((*first.actors, *again.actors))),
        location=first.location or again.location,
        dead=first.dead if first.dead is not None else again.dead,
        injured=first.injured if first.injured is not None else again.injured,
        mentions=(*first.mentions, *again.mentions),
    )


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
    at = next((i for i, e in enumerate(events) if same_event(e, mention)), None)
    if at is None:
        events.append(mention)
    else:
        events[at] = merge(events[at], mention)


def finish(events: list[Event]) -> tuple[Event, ...]:
    """The document's events once every mention is joined: places shared along the thread."""
    done = list(events)
    # after the joining: a place taken from the thread says nothing of which event it is
    for i, event in enumerate(done):
        if event.location is None and event.type in _PLACE_FROM_THREAD:
            done[i] = _with_thread_place(event, done[:i])
    return tuple(done)
