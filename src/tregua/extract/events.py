"""Events: POLECAT-typed happenings with status, date, place, sides and casualties.

First version (issue #6 deepens it): a sentence holding a trigger word of the pack's
lexicon is an event of that type; its status comes from the verb's tense and mood and the
pack's cue phrases, its date from the sentence's time expression, its place and sides from
the sentence's entities. One event per (type, date, sides) in a document.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tregua.language import sentences_in
from tregua.model import CleanDoc, Event, Location, Span, Status
from tregua.pack import Actor, DomainPack, Place
from tregua.resolve.time import TimeExpression

_NUMBER_WORDS = {
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "veinte": 20,
    "treinta": 30,
    "cien": 100,
}
_COUNT = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_DEAD = re.compile(
    _COUNT + r"\s+(?:personas?\s+|civiles\s+)?(?:muert[oa]s?|fallecid[oa]s?)", re.IGNORECASE
)
_INJURED = re.compile(
    _COUNT + r"\s+(?:personas?\s+|otras\s+|otros\s+)?(?:herid[oa]s?)", re.IGNORECASE
)
# a caption repeats an event reported in the body; extractors read reporting only
_EVENT_KINDS = frozenset({"reporting"})


def _count(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _status(trigger: Token, sent: SpacySpan, pack: DomainPack) -> Status:
    lowered = sent.text.lower()
    head = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    negated = any(c.lower_ == "no" for c in head.children) or any(
        cue in lowered for cue in pack.lexicon.negation_cues
    )
    if negated:
        return "negated"
    mood, tense = head.morph.get("Mood", []), head.morph.get("Tense", [])
    if any(cue in lowered for cue in pack.lexicon.hypothetical_cues) or "Cnd" in mood:
        return "hypothetical"
    if any(cue in lowered for cue in pack.lexicon.planned_cues) or "Fut" in tense:
        return "planned"
    return "occurred"


def find_events(
    doc: Doc, clean: CleanDoc, pack: DomainPack, times: list[TimeExpression]
) -> tuple[Event, ...]:
    """Events of the extractable paragraphs, one per (type, date, sides).

    "Las conversaciones comenzaron el 23 de enero en Abu Dabi" gives a CONSULT that
    occurred, dated by "el 23 de enero", located in Abu Dhabi.
    """
    lemma_types: dict[str, tuple[str, str | None]] = {}
    for trigger in pack.lexicon.triggers:
        for lemma in trigger.lemmas:
            lemma_types.setdefault(lemma.lower(), (trigger.type, trigger.mode))
    events: list[Event] = []
    seen: set[tuple[str, str | None, tuple[str, ...]]] = set()
    for para in clean.paragraphs:
        if para.kind not in _EVENT_KINDS:
            continue
        for sent in sentences_in(doc, para.start, para.end):
            hits = [
                (t, lemma_types[t.lemma_.lower()]) for t in sent if t.lemma_.lower() in lemma_types
            ]
            if not hits:
                continue
            token, (type_, mode) = hits[0]
            event = _event(sent, token, type_, mode, pack, times)
            key = (event.type, event.date, event.countries)
            if key in seen:
                continue
            seen.add(key)
            events.append(event)
    return tuple(events)


def _event(
    sent: SpacySpan,
    trigger: Token,
    type_: str,
    mode: str | None,
    pack: DomainPack,
    times: list[TimeExpression],
) -> Event:
    actors: list[str] = []
    countries: list[str] = []
    location: Location | None = None
    for ent in sent.ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if isinstance(known, Place):
            if location is None:
                location = Location(known.name, known.country, known.lat, known.lon)
        elif isinstance(known, Actor):
            if known.id not in actors:
                actors.append(known.id)
            if known.country and known.country not in countries:
                countries.append(known.country)
    when = next((t for t in times if sent.start_char <= t.start < sent.end_char), None)
    day: dt.date | None = when.value if when else None
    return Event(
        type=type_,
        status=_status(trigger, sent, pack),
        mode=mode,
        evidence=Span(sent.start_char, sent.end_char, sent.text),
        date=day.isoformat() if day else None,
        date_end=when.value_end.isoformat() if when and when.value_end else None,
        date_text=when.text if when else None,
        location=location,
        actors=tuple(actors),
        countries=tuple(sorted(countries)),
        dead=_count(_DEAD, sent.text),
        injured=_count(_INJURED, sent.text),
        confidence=0.5,
    )
