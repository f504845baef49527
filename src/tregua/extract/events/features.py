"""What an event's confidence is read from: features the record itself shows.

Every feature is a number computed from the event and the length of its document's text,
so the fitting script (``benchmarks/fit_confidence.py``) computes the same values from the
records that ``tregua extract`` writes. Each is documented in ``EVENT_FEATURES``.
"""

from __future__ import annotations

import math

from tregua.model import Event

# verbal acts: what someone says is the event (OUTPUT.md)
_VERBAL = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONCEDE"})
_QUOTE_MARKS = frozenset('«»“”"')
# an evidence sentence this long is usually several sentences run together (a bad split)
_LONG_EVIDENCE = 300

EVENT_FEATURES: dict[str, str] = {
    "mentions": "log of the number of mentions of the event in the document (0 for one)",
    "no_side": "1 when the event names no side",
    "one_side": "1 when it names exactly one side",
    "many_sides": "1 when it names four sides or more",
    "actors": "1 when a named actor (not only a country) takes part",
    "dated": "1 when the text dates it (not the publication day)",
    "located": "1 when it has a place",
    "planned": "1 when its status is planned",
    "hypothetical": "1 when its status is hypothetical",
    "negated": "1 when its status is negated",
    "meeting": "1 for a CONSULT",
    "verbal": "1 for a verbal act (AGREE, REQUEST, ACCUSE, REJECT, THREATEN, SUPPORT, CONCEDE)",
    "quoted": "1 when its first mention holds quotation marks (said by a source, not told)",
    "lead": "1 when its first mention lies in the first quarter of the text",
    "long_evidence": f"1 when its first mention is over {_LONG_EVIDENCE} characters",
}


def event_features(event: Event, text_length: int) -> dict[str, float]:
    """The values of ``EVENT_FEATURES`` for ``event`` in a text of ``text_length``
    characters."""
    sides = len(event.countries)
    evidence = event.evidence
    return {
        "mentions": math.log(max(1, len(event.mentions))),
        "no_side": float(sides == 0),
        "one_side": float(sides == 1),
        "many_sides": float(sides >= 4),
        "actors": float(bool(event.actors)),
        "dated": float(event.date_source == "text"),
        "located": float(event.location is not None),
        "planned": float(event.status == "planned"),
        "hypothetical": float(event.status == "hypothetical"),
        "negated": float(event.status == "negated"),
        "meeting": float(event.type == "CONSULT"),
        "verbal": float(event.type in _VERBAL),
        "quoted": float(any(c in _QUOTE_MARKS for c in evidence.text)),
        "lead": float(text_length > 0 and evidence.start < text_length / 4),
        "long_evidence": float(len(evidence.text) > _LONG_EVIDENCE),
    }
