"""The events of one document: triggers read in their clauses, then joined into events.

Each trigger of a reporting paragraph gives a mention (``_mention``: type, status, date,
place, sides, casualties); ``coreference.add_mention`` makes one event of every mention of
the same event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from tregua.extract.confidence import Calibration, load_calibration
from tregua.extract.events import casualties
from tregua.extract.events.coreference import add_mention, finish
from tregua.extract.events.dating import settle_day, time_of
from tregua.extract.events.features import event_features
from tregua.extract.events.participants import (
    PLACE_IS_SIDE,
    TWO_SIDED,
    names_the_parties,
    sides_of,
    with_context_sides,
    with_counterpart,
    with_parties,
)
from tregua.extract.events.sense import read_sense
from tregua.extract.events.status import failed_outcome, status_of
from tregua.extract.events.triggers import Hit, triggers, word_triggers
from tregua.extract.events.venue import at_known_venue
from tregua.language import sentences_in
from tregua.language.clauses import ClauseLayer
from tregua.language.modality import still_ahead
from tregua.model import CleanDoc, Event, Span
from tregua.pack import DomainPack
from tregua.resolve.place import Gazetteer, locate, reported_place
from tregua.resolve.time import TimeExpression

# a caption repeats an event reported in the body; extractors read reporting only
_EVENT_KINDS = frozenset({"reporting"})


def _located(
    event: Event, sent: SpacySpan, hit: Hit, sides: frozenset[str], gazetteer: Gazetteer
) -> Event:
    """``event`` with the place its sentence names for it, when the gazetteer finds one."""
    place = locate(
        sent,
        sides,
        gazetteer,
        trigger=hit.token.i,
        # a struck place is often the subject: "Járkov sufrió ..."
        anchored=hit.type not in PLACE_IS_SIDE,
    )
    return event if place is None else dataclasses.replace(event, location=place)


def find_events(
    doc: Doc,
    clean: CleanDoc,
    pack: DomainPack,
    times: list[TimeExpression],
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    calibration: Calibration | None = None,
) -> tuple[Event, ...]:
    """The distinct events of the reporting paragraphs, each with all its mentions and a
    confidence from ``calibration`` (the package's fitted events model when None).

    "Las conversaciones comenzaron el 23 de enero en Abu Dabi" gives a CONSULT that
    occurred, dated by "el 23 de enero", located in Abu Dhabi.
    """
    events: list[Event] = []
    # the document's sides disambiguate place names ("Paris" in an article about France)
    sides = frozenset(
        c
        for e in doc.ents
        if (a := pack.by_id.get(e.ent_id_)) is not None and (c := a.country) is not None
    )
    words = word_triggers(doc, pack.lexicon)
    text = doc.text  # spaCy joins its tokens anew on each read: once per document
    # each clause is built once and read by every step below
    layer = ClauseLayer(doc, frozenset(pack.lexicon.speech_verbs))
    for para in clean.paragraphs:
        if para.kind not in _EVENT_KINDS:
            continue
        for sent in sentences_in(doc, para.start, para.end):
            types_here: set[str] = set()
            for word in triggers(sent, pack.lexicon, words):
                hit = read_sense(word, pack.lexicon)
                if hit is None or (hit.type in types_here and not hit.setting):
                    continue
                event = _mention(sent, hit, pack, times, published, layer, text)
                if hit.dated_only and event.date_source != "text":
                    # undated background ("los años de invasión") is no event
                    continue
                if not hit.setting:
                    # a meeting told as the time of another act is no repeat of its type
                    types_here.add(hit.type)
                if event.location is None and gazetteer is not None:
                    event = _located(event, sent, hit, sides, gazetteer)
                if event.location is not None:
                    event = dataclasses.replace(
                        event, location=reported_place(event.location, pack)
                    )
                if names_the_parties(sent, hit.token, pack.lexicon, layer):
                    event = with_parties(event, events)
                if not event.countries:
                    event = with_context_sides(event, events)
                add_mention(events, event)
                if (
                    hit.type == "CONSULT"
                    and "AGREE" not in types_here
                    and failed_outcome(hit.token, pack.lexicon)
                ):
                    types_here.add("AGREE")
                    add_mention(
                        events,
                        dataclasses.replace(event, type="AGREE", mode=None, status="negated"),
                    )
    model = calibration if calibration is not None else load_calibration("events")
    length = len(text)
    done = [at_known_venue(event, pack) for event in finish(events)]
    for i, event in enumerate(done):
        if len(event.countries) == 1 and event.type in TWO_SIDED:
            # after the joining: a side lent by the thread says nothing of which event it is
            done[i] = with_counterpart(event, done[:i])
    return tuple(
        dataclasses.replace(event, confidence=model.score(event_features(event, length)))
        for event in done
    )


# what a side may refuse to do: withdraw, hand back, concede
_REFUSABLE = frozenset({"RETREAT", "CONCEDE"})


def _mention(
    sent: SpacySpan,
    hit: Hit,
    pack: DomainPack,
    times: list[TimeExpression],
    published: dt.date | None,
    layer: ClauseLayer,
    text: str,
) -> Event:
    """One mention of an event: the trigger ``hit`` read in its sentence (``text``: the
    document's)."""
    actors, countries, location = sides_of(sent, hit.token, pack, hit.type, layer)
    if hit.type in PLACE_IS_SIDE:
        for pair in pack.adversaries:
            if len(set(pair) & set(countries)) == 1:
                countries.extend(side for side in pair if side not in countries)
    clause = {sent.doc[i].idx for i in layer.of(hit.token).tokens}
    report = layer.report_of(hit.token)
    when = time_of(sent, text, hit.token.idx, clause, times, report)
    status = status_of(
        hit.token,
        hit.type,
        pack.lexicon,
        when.value if when else None,
        published,
        layer,
        setting=hit.setting,
    )
    type_ = hit.type
    if (
        status == "negated"
        and type_ in _REFUSABLE
        and still_ahead(hit.token.doc[layer.of(hit.token).predicate])
    ):
        # "Kiev no retirará sus tropas", "su intención de que Ucrania no ceda territorio":
        # a withdrawal or concession refused for the future is a refusal that was made
        type_, status = "REJECT", "occurred"
    if when is None and report is not None and status == "occurred":
        # what was done by the day it was told of: "Peskov dijo el lunes que se reunieron"
        # is a meeting of that Monday at the latest, one still ahead has no date from it
        when = time_of(sent, text, hit.token.idx, clause, times)
    day, date_source = settle_day(when.value if when else None, when, status, published)
    evidence = Span(sent.start_char, sent.end_char, sent.text)
    return Event(
        type=type_,
        status=status,
        date_source=date_source,
        mode=hit.mode,
        evidence=evidence,
        date=day.isoformat() if day else None,
        date_end=when.value_end.isoformat()
        if when and when.value_end and date_source == "text"
        else None,
        date_text=when.text if when and date_source == "text" else None,
        location=location,
        actors=tuple(actors),
        countries=tuple(sorted(countries)),
        dead=casualties.dead(sent.text),
        injured=casualties.injured(sent.text),
        mentions=(evidence,),
    )
