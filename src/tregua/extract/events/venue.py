"""Where an event happens, read from the parse of its sentence: the trigger's own place
("la cumbre de Alaska"), the locative argument of the trigger or its predicate ("se
reunieron en Ginebra"), and the preposition a name hangs from, through nouns of place and
appositions ("en el estado de Alaska", "en su capital, Abu Dabi").
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tregua.extract.events.coreference import PLACE_FROM_THREAD
from tregua.model import Event, Location
from tregua.pack import DomainPack, Place
from tregua.resolve.place import EVENT_NOUNS, PLACE_NOUNS
from tregua.resolve.timex.lexicon import fold

_ARTICLES = frozenset({"el", "la", "los", "las"})
# nouns whose subject is where the event they govern is held: "X será la sede de la cumbre"
_VENUE_WORDS = frozenset({"sede", "anfitrion", "escenario"})
# the occasions an act is said on: their place is the act's ("en una rueda de prensa
# desde Turquía, Zelenski criticó ...")
_OCCASIONS = frozenset(
    {"rueda", "prensa", "conferencia", "comparecencia", "entrevista", "discurso"}
)


def attached(root: Token, trigger: Token, verb: Token, *, strict: bool = False) -> bool:
    """Whether a place hangs from the event: from its trigger or the trigger's predicate
    (climbing names, nouns of place and conjuncts), not from another noun or clause ("la
    paz en Ucrania", "tras la cumbre que mantuvieron en Alaska").

    ``strict`` (a place after "a"): only the trigger's or its predicate's, since "a" names
    a destination there ("viajó a Moscú para reunirse") and a recipient elsewhere
    ("firmar la paz entregando a Moscú el territorio")."""
    word = root
    for _ in range(6):
        if word.head == word or not (
            word.pos_ == "PROPN"
            or word.dep_ in {"conj", "appos", "flat", "fixed"}
            or fold(word.lower_) in PLACE_NOUNS | _OCCASIONS
        ):
            break
        word = word.head
    if word in {trigger, verb, trigger.head}:
        return True
    if strict:
        return False
    # "la ronda de negociaciones en Estambul", "la reunión que mantendrán en la Casa
    # Blanca": the trigger's own event noun or relative clause; another noun or relative
    # clause holds its own place, and what else the parser hangs it from is the clause's
    if word.pos_ in {"NOUN", "PROPN"}:
        return word.head == trigger and fold(word.lower_) in EVENT_NOUNS
    if word.dep_ in {"acl", "acl:relcl"}:
        return word.head == trigger
    return True


def listed(ent: SpacySpan) -> bool:
    """Whether a name is one of several coordinated names: "en París, Berlín y Londres"."""
    root = ent.root
    if root.dep_ == "conj" and root.head.pos_ == "PROPN":
        return True
    return any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in root.children)


def venue_of(sent: SpacySpan, trigger: Token, pack: DomainPack) -> Location | None:
    """A place the event noun names as its own: "la reunión de París", "la cumbre de Alaska";
    "de" names a place only after a noun of meeting or attack: in "las demandas de Kiev" Kyiv
    is who demands."""
    cases = {"de", "en"} if fold(trigger.lower_) in EVENT_NOUNS else {"en"}
    seat = trigger.head if fold(trigger.head.lower_) in _VENUE_WORDS else None
    for ent in sent.ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if (
            seat is not None
            and known is not None
            and known.type in {"GPE", "LOC", "FAC"}
            and known.country is not None
            and ent.root.head == seat
            and ent.root.dep_ in {"nsubj", "appos"}
        ):
            # "que el Vaticano sea la sede de las negociaciones": the subject of "sede"
            lat, lon = (known.lat, known.lon) if isinstance(known, Place) else (None, None)
            return Location(known.name, known.country, lat, lon)
    for ent in sent.ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if (
            isinstance(known, Place)
            and ent.root.head == trigger
            and not listed(ent)
            and any(c.dep_ == "case" and c.lower_ in cases for c in ent.root.children)
        ):
            return Location(known.name, known.country, known.lat, known.lon)
    return None


def preposition(sent: SpacySpan, ent: SpacySpan) -> str:
    """The preposition a name hangs from, lowercased, or "".

    "en el Kremlin" gives "en" (the article is skipped); a conjunct shares its head's:
    "en Moscú o Kiev" gives "en" for Kiev too. A name that completes or restates a noun
    of place takes that noun's: "en el estado de Alaska", "en su capital, Abu Dabi" give
    "en". A preposition of several words is given whole: "en relación con Ucrania" gives
    "en relación con", no place.
    """
    root = ent.root
    for _ in range(3):
        case = [c for c in root.children if c.dep_ == "case" and c.i < root.i]
        if case:
            word = _whole(case[0])
            head = root.head
            if word in {"de", "del"} and fold(head.lower_) in PLACE_NOUNS and head != root:
                return _preposition_of_noun(head) or word
            return word
        if root.dep_ == "appos" and fold(root.head.lower_) in PLACE_NOUNS:
            return _preposition_of_noun(root.head)
        if root.dep_ != "conj" or root.head is root:
            break
        root = root.head
    k = ent.start - 1
    while k >= sent.start and sent.doc[k].lower_ in _ARTICLES:
        k -= 1
    if k >= sent.start and sent.doc[k].text == ",":
        restated = _restated_place_noun(sent, ent, k)
        if restated is not None:
            return _preposition_of_noun(restated)
    return sent.doc[k].lower_ if k >= sent.start else ""


def _whole(case: Token) -> str:
    """A preposition with its fixed parts: "en relación con", "a pesar de"."""
    parts = [case, *(c for c in case.children if c.dep_ == "fixed")]
    return " ".join(t.lower_ for t in sorted(parts, key=lambda t: t.i))


def _preposition_of_noun(noun: Token) -> str:
    case = [c for c in noun.children if c.dep_ == "case" and c.i < noun.i]
    return _whole(case[0]) if case else ""


def _restated_place_noun(sent: SpacySpan, ent: SpacySpan, comma: int) -> Token | None:
    """The noun of place a name set off by commas restates: "en un lugar ya acordado,
    Budapest, en Hungría" gives "lugar". The name must close its apposition (a comma, a
    full stop or the sentence's end follows): in "en la cumbre, Moscú aceptó" Moscow is
    the subject."""
    doc = sent.doc
    if ent.end < sent.end and doc[ent.end].text not in {",", ".", ";", ")"}:
        return None
    for k in range(comma - 1, max(sent.start, comma - 5) - 1, -1):
        word = doc[k]
        if word.pos_ in {"VERB", "AUX", "PUNCT"}:
            return None
        if word.pos_ == "NOUN":
            return word if fold(word.lower_) in PLACE_NOUNS else None
    return None


def at_known_venue(event: Event, pack: DomainPack) -> Event:
    """``event`` held at the venue of the pack's timeline event it falls on, where its
    place is the wider one that event's cues name: a meeting in Alaska on 15 August 2025
    was held in Anchorage (``TimelineEvent.venue``)."""
    if event.location is None or event.date is None or event.type not in PLACE_FROM_THREAD:
        return event
    day = dt.date.fromisoformat(event.date)
    for known, venue, wider in pack.known_venues:
        if event.location.name in wider and known.date <= day <= (known.date_end or known.date):
            place = Location(venue.name, venue.country, venue.lat, venue.lon)
            return dataclasses.replace(event, location=place)
    return event
