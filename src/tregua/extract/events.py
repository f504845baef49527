"""Events: POLECAT-typed happenings with status, date, place, sides and casualties.

A token whose lemma is a trigger of the pack's lexicon (or a trigger phrase) starts an event
of that type. Its status comes from the governing verb's tense and mood, negation and the
pack's cue phrases, read in the trigger's clause; its date from the nearest time expression
of the sentence (a date after publication makes a past-tense event planned only when a
planning cue says so); its sides from the entities and demonyms of the sentence; casualty
figures from "dejó dos muertos y 12 heridos". One event per type and sentence, and one per
(type, date, sides, place) in a document: captions and repeats name the same event again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tregua.language import sentences_in
from tregua.language.clauses import OTHER_CLAUSES, clause_of, governor
from tregua.model import CleanDoc, Event, Location, Span, Status
from tregua.pack import Actor, DomainPack, Lexicon, Place
from tregua.resolve.place import Gazetteer, locate
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
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "cien": 100,
}
_COUNT = r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_DEAD = re.compile(
    _COUNT
    + r"\s+(?:personas?\s+|civiles\s+|niños\s+)?(?:muert[oa]s?|fallecid[oa]s?|víctimas mortales)",
    re.IGNORECASE,
)
_INJURED = re.compile(
    _COUNT + r"\s+(?:personas?\s+|otras\s+|otros\s+|civiles\s+)?(?:herid[oa]s?)", re.IGNORECASE
)
# a caption repeats an event reported in the body; extractors read reporting only
_EVENT_KINDS = frozenset({"reporting"})
# event types whose place is the territory of a party: the struck side
_PLACE_IS_SIDE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# prepositions that put an event in a place ("en Abu Dabi", "contra Járkov"); "según Moscú"
# names a source, not a place
_LOCATIVE = frozenset({"en", "contra", "sobre", "a", "desde", "hacia"})
_PREPOSITIONS = _LOCATIVE | {"de", "del", "entre", "por", "para", "hasta", "según"}
# acts of one side alone: the other sides named are what it is about
_ONE_SIDED = frozenset({"CONCEDE"})
# a meeting, or what it agreed, happens where the talks of the article are held
_PLACE_FROM_THREAD = frozenset({"CONSULT", "AGREE"})
# a round of talks lasts a few days ("dos días de conversaciones")
_SAME_ROUND_DAYS = 2
_UNTIL = re.compile(r"\bhasta\s+$", re.IGNORECASE)
# "en el Kremlin", "en la Casa Blanca": a seat of government as the venue
_AT_SEAT = frozenset({"en", "desde"})
# determiners that point back to something already told
_ANAPHORIC = frozenset(
    {"ese", "esa", "esos", "esas", "este", "esta", "estos", "estas", "dicho", "dicha"}
    | {"dichos", "dichas", "aquel", "aquella", "aquellos", "aquellas"}
)
_ARTICLES = frozenset({"el", "la", "los", "las"})
_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
# words that negate the verb they hang from
_NEGATORS = frozenset({"no", "nunca", "jamás", "sin", "ni"})


@dataclass(frozen=True, slots=True)
class _Hit:
    token: Token
    type: str
    mode: str | None


def _is_weekday(text: str) -> bool:
    return any(day in text.lower() for day in _WEEKDAYS)


def _count(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _status(
    token: Token, type_: str, lexicon: Lexicon, day: dt.date | None, published: dt.date | None
) -> Status:
    """occurred / planned / hypothetical / negated, read in the trigger's own clause.

    A refusal is what a REJECT is, not its negation ("ha rechazado" is a REJECT that
    occurred); a noun that is the subject of a negated verb happened ("Tres rondas de
    conversaciones no lograron ..." held three rounds of talks: the failure is an AGREE's).
    """
    verb = governor(token)
    clause = _own_clause_text(token, verb)
    as_subject = token is not verb and token.dep_ in {"nsubj", "nsubj:pass"}
    negators = list(token.children) if as_subject else [*verb.children, *token.children]
    negated = any(c.lower_ in _NEGATORS for c in negators)
    if not negated and type_ != "REJECT" and not as_subject:
        negated = bool(lexicon.cues("negation_cues").search(clause))
    if negated:
        return "negated"
    mood, tense = verb.morph.get("Mood", []), verb.morph.get("Tense", [])
    if "Cnd" in mood or lexicon.cues("hypothetical_cues").search(_near_text(token, verb)):
        return "hypothetical"
    if "Fut" in tense or lexicon.cues("planned_cues").search(clause):
        return "planned"
    if day is not None and published is not None and day > published and "Past" not in tense:
        return "planned"
    return "occurred"


def _own_clause_text(token: Token, verb: Token) -> str:
    """The trigger's clause without what a verb of saying says: "advirtió que Rusia
    podría enfrentar sanciones" is a warning that occurred, whatever the warning's mood."""
    inside = clause_of(token.doc[:], token)
    if token is verb:
        for child in verb.children:
            said = any(c.dep_ == "mark" and c.lower_ == "que" for c in child.children)
            if said and token not in child.subtree:
                inside -= {t.i for t in child.subtree}
    return " ".join(token.doc[i].text for i in sorted(inside)).lower()


def _near_text(token: Token, verb: Token) -> str:
    """The words from the trigger up to its verb, with their own dependents: where a
    possibility is said of this event ("plantean la posibilidad de una reunión", "una
    eventual cumbre"), not of a word further off ("diferencias sobre posibles
    compromisos territoriales")."""
    path = [token]
    while path[-1] is not verb and path[-1].head is not path[-1] and len(path) < 8:
        path.append(path[-1].head)
    if verb.dep_ == "xcomp" and "Inf" in verb.morph.get("VerbForm", []):
        # an infinitive takes its mood from the word it completes: "estaría dispuesta a
        # renunciar"
        path.append(verb.head)
    near = {t.i for t in path} | {c.i for t in path for c in t.children}
    # multiword markers hang together: "en caso de que", "a condición de que"
    near |= {f.i for i in list(near) for f in token.doc[i].children if f.dep_ == "fixed"}
    return " ".join(token.doc[i].text for i in sorted(near)).lower()


_TRIGGER_POS = (VERB, NOUN, AUX, ADJ)


def _word_triggers(doc: Doc, lexicon: Lexicon) -> dict[int, tuple[str, str | None]]:
    """Token index -> (event type, mode) of every verb, noun or adjective whose lemma (or,
    failing that, its form) is a trigger, read from the document's arrays once."""
    by_lemma = lexicon.trigger_by_lemma
    strings = doc.vocab.strings
    table = doc.to_array([LEMMA, LOWER, POS])
    found: dict[int, tuple[str, str | None]] = {}
    for i in numpy.flatnonzero(numpy.isin(table[:, 2], _TRIGGER_POS)).tolist():
        lemma, lower = int(table[i, 0]), int(table[i, 1])
        hit = by_lemma.get(strings[lemma].lower()) or by_lemma.get(strings[lower])
        if hit is not None:
            found[i] = hit
    return found


def _triggers(
    sent: SpacySpan, lexicon: Lexicon, words: dict[int, tuple[str, str | None]]
) -> list[_Hit]:
    """The trigger words of ``sent`` (``words``: its document's, from ``_word_triggers``),
    in order, then its trigger phrases."""
    doc = sent.doc
    hits = [_Hit(doc[i], *words[i]) for i in range(sent.start, sent.end) if i in words]
    lowered = sent.text.lower()
    for trigger in lexicon.triggers:
        for phrase in trigger.phrases:
            at = lowered.find(phrase.lower())
            if at >= 0:
                span = sent.doc.char_span(
                    sent.start_char + at,
                    sent.start_char + at + len(phrase),
                    alignment_mode="expand",
                )
                if span is not None:
                    hits.append(_Hit(span.root, trigger.type, trigger.mode))
    return _main_hits(hits)


def _main_hits(hits: list[_Hit]) -> list[_Hit]:
    """Drop event nouns that are arguments of an event verb of the same sentence.

    "celebró la amenaza de sanciones" is one SUPPORT, not also a THREATEN and a SANCTION;
    "Las conversaciones comenzaron" keeps its noun, since "comenzar" is no trigger.
    """
    verbs = [h.token for h in hits if h.token.pos_ in {"VERB", "AUX"}]
    kept = []
    for hit in hits:
        token = hit.token
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in token.children
        ):
            # "cumplir con esa solicitud", "este ataque": an event told before, not a new one
            continue
        if token.pos_ == "NOUN" and _conceded(token):
            # "a pesar de las amenazas de sanciones": what is conceded is background
            continue
        if token.pos_ not in {"VERB", "AUX"} and any(
            v is not token and v in token.ancestors for v in verbs
        ):
            continue
        kept.append(hit)
    return kept


def find_events(
    doc: Doc,
    clean: CleanDoc,
    pack: DomainPack,
    times: list[TimeExpression],
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Event, ...]:
    """Events of the reporting paragraphs, one per (type, date, sides, place).

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
    words = _word_triggers(doc, pack.lexicon)
    for para in clean.paragraphs:
        if para.kind not in _EVENT_KINDS:
            continue
        for sent in sentences_in(doc, para.start, para.end):
            types_here: set[str] = set()
            for hit in _triggers(sent, pack.lexicon, words):
                if hit.type in types_here:
                    continue
                types_here.add(hit.type)
                event = _event(sent, hit, pack, times, published)
                if (
                    event.location is None
                    and gazetteer is not None
                    and (
                        place := locate(
                            sent,
                            sides,
                            gazetteer,
                            trigger=hit.token.i,
                            # a struck place is often the subject: "Járkov sufrió ..."
                            anchored=hit.type not in _PLACE_IS_SIDE,
                        )
                    )
                    is not None
                ):
                    event = dataclasses.replace(event, location=place)
                if _names_the_parties(sent, hit.token, pack.lexicon):
                    event = _with_parties(event, events)
                if not event.countries:
                    event = _with_context_sides(event, events)
                found = [event]
                if (
                    hit.type == "CONSULT"
                    and "AGREE" not in types_here
                    and _failed_outcome(hit.token, pack.lexicon)
                ):
                    types_here.add("AGREE")
                    found.append(
                        dataclasses.replace(event, type="AGREE", mode=None, status="negated")
                    )
                for event in found:
                    at = next((i for i, e in enumerate(events) if _same(e, event)), None)
                    if at is None:
                        events.append(event)
                    else:
                        events[at] = _merge(events[at], event)
    # after the merging: a place taken from the thread says nothing of which event it is
    for i, event in enumerate(events):
        if event.location is None and event.type in _PLACE_FROM_THREAD:
            events[i] = _with_thread_place(event, events[:i])
    return tuple(events)


def _names_the_parties(sent: SpacySpan, trigger: Token, lexicon: Lexicon) -> bool:
    """Whether the trigger's clause, or the subject of its sentence, refers to the talks'
    parties: "ambas delegaciones", "Todas las partes describen ... sin que se alcanzara un
    acuerdo"."""
    scope = clause_of(sent, trigger)
    scope |= {t.i for c in sent.root.children if c.dep_ == "nsubj" for t in c.subtree}
    text = " ".join(sent.doc[i].text for i in sorted(scope))
    return bool(lexicon.cues("party_references").search(text))


def _with_parties(event: Event, earlier: list[Event]) -> Event:
    """ "Rubio elogió la seriedad de ambas delegaciones": the parties are those of the
    article's last meeting of two sides or more, added to the sides the sentence names."""
    source = next(
        (e for e in reversed(earlier) if e.type == "CONSULT" and len(e.countries) >= 2),
        next((e for e in reversed(earlier) if len(e.countries) >= 2), None),
    )
    if source is None:
        return event
    return dataclasses.replace(
        event, countries=tuple(sorted({*event.countries, *source.countries}))
    )


def _with_context_sides(event: Event, earlier: list[Event]) -> Event:
    """A clause naming no side ("La ronda de Ginebra es la segunda ...") continues the
    article's thread: it takes the sides of the last event of its type, else of the last
    event."""
    source = next(
        (e for e in reversed(earlier) if e.type == event.type and e.countries),
        next((e for e in reversed(earlier) if e.countries), None),
    )
    if source is None:
        return event
    return dataclasses.replace(event, countries=source.countries)


def _failed_outcome(trigger: Token, lexicon: Lexicon) -> bool:
    """Talks that failed their result: the meeting noun is the subject of a negated verb of
    achievement ("Las conversaciones no lograron un acuerdo") or carries a relative clause
    with one ("una reunión que no permitió acercar posiciones")."""
    verbs = set(lexicon.failed_outcome_verbs)
    candidates = [trigger.head] if trigger.dep_ in {"nsubj", "nsubj:pass"} else []
    candidates += [t for t in trigger.subtree if t.dep_ in {"acl", "acl:relcl"}]
    return any(
        verb.lemma_.lower() in verbs
        and any(c.lower_ in _NEGATORS | {"tampoco"} for c in verb.children)
        for verb in candidates
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


def _same(a: Event, b: Event) -> bool:
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


def _merge(first: Event, again: Event) -> Event:
    """The first mention, with the sides and details the repeat adds."""
    return dataclasses.replace(
        first,
        countries=tuple(sorted({*first.countries, *again.countries})),
        actors=tuple(dict.fromkeys((*first.actors, *again.actors))),
        location=first.location or again.location,
        dead=first.dead if first.dead is not None else again.dead,
        injured=first.injured if first.injured is not None else again.injured,
    )


def _venue_of(sent: SpacySpan, trigger: Token, pack: DomainPack) -> Location | None:
    """A place the event noun names as its own: "la reunión de París", "la cumbre de Alaska"."""
    for ent in sent.ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if (
            isinstance(known, Place)
            and ent.root.head == trigger
            and any(c.dep_ == "case" and c.lower_ in {"de", "en"} for c in ent.root.children)
        ):
            return Location(known.name, known.country, known.lat, known.lon)
    return None


def _preposition(sent: SpacySpan, ent: SpacySpan) -> str:
    """The preposition a name hangs from, lowercased, or "".

    "en el Kremlin" gives "en" (the article is skipped); a conjunct shares its head's:
    "en Moscú o Kiev" gives "en" for Kiev too.
    """
    root = ent.root
    for _ in range(3):
        case = [c for c in root.children if c.dep_ == "case" and c.i < root.i]
        if case:
            return case[0].lower_
        if root.dep_ != "conj" or root.head is root:
            break
        root = root.head
    k = ent.start - 1
    while k >= sent.start and sent.doc[k].lower_ in _ARTICLES:
        k -= 1
    return sent.doc[k].lower_ if k >= sent.start else ""


def _sides(
    sent: SpacySpan, trigger: Token, pack: DomainPack, type_: str
) -> tuple[list[str], list[str], Location | None]:
    """Actor ids, sides and place named in the trigger's clause.

    A place's country is a side only for events that strike it (an attack on Kyiv involves
    Ukraine); a venue ("en Suiza", "en Abu Dabi") is not a party to the talks held there.
    """
    # sides come from the trigger's clause plus the agent (the subject of its verb, or of
    # the sentence when the clause has none: "Peskov elogió ..., pero criticó ...")
    scope = clause_of(sent, trigger)
    verb = governor(trigger)
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}] or [
        c for c in sent.root.children if c.dep_ in {"nsubj", "nsubj:pass"}
    ]
    for subject in subjects:
        scope |= {t.i for t in subject.subtree}
    # a finite clause nested further down reports another act with its own parties: "pidió
    # a Putin que se abstuviera de atacar Kiev", "sanciones contra quienes comercien con
    # ella si no toma medidas ... con Ucrania"; but a clause on the event noun names its
    # own participants ("conversaciones en las que participaron ...", "una reunión a la
    # que Zelenski se unió")
    # "según medios rusos", "según el Kremlin": a source cited is no party to the event;
    # nor is what an event happens in spite of ("a pesar de las amenazas de Trump")
    for token in [sent.doc[i] for i in scope]:
        if token is not trigger and any(
            c.dep_ == "case" and (c.lower_ in {"según", "pese"} or _is_despite(c))
            for c in token.children
        ):
            scope -= {t.i for t in token.subtree}
    own = set(trigger.subtree) if trigger.pos_ not in {"VERB", "AUX"} else set()
    for token in [sent.doc[i] for i in scope]:
        if (
            token is not verb
            and token.dep_ in OTHER_CLAUSES | {"xcomp"}
            and "Fin" in token.morph.get("VerbForm", [])
            and trigger not in token.subtree
            and token.head not in own
        ):
            scope -= {t.i for t in token.subtree}
    actors: list[str] = []
    countries: list[str] = []
    location = _venue_of(sent, trigger, pack)
    fallback: Location | None = None
    ents = sorted(sent.ents, key=lambda e: (e.start not in scope, abs(e.start - trigger.i)))
    for ent in ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        before = _preposition(sent, ent)
        is_place = known is not None and known.type in {"GPE", "LOC", "FAC"}
        if is_place and before in _LOCATIVE and location is None and isinstance(known, Place):
            location = Location(known.name, known.country, known.lat, known.lon)
        elif isinstance(known, Actor) and known.seat is not None and before in _AT_SEAT:
            # "se reunieron en el Kremlin": the institution's seat is the venue, and a
            # venue is no party to the talks held there
            if location is None:
                seat = known.seat
                location = Location(seat.name, seat.country, seat.lat, seat.lon)
            continue
        elif (
            known is not None
            and known.type == "GPE"
            and before == "en"
            and known.country is not None
            and fallback is None
            and ent.start in scope
        ):
            # a country as the venue ("de nuevo en Suiza"), used when no city is named; the
            # gazetteer has no point for it
            fallback = Location(known.name, known.country, None, None)
        side = known.country if known is not None else None
        if side is None or ent.start not in scope:
            continue
        # "en Suiza", "en Moscú": a venue is no party to the talks held there; but a city
        # without a preposition speaks for its country ("Moscú mantiene su exigencia")
        venue = is_place and before == "en"
        if type_ not in _PLACE_IS_SIDE and (
            venue or (isinstance(known, Place) and before in _PREPOSITIONS)
        ):
            continue
        if isinstance(known, Actor) and known.id not in actors:
            actors.append(known.id)
        if side not in countries:
            countries.append(side)
    for i in sorted(scope):
        token = sent.doc[i]
        side = pack.lexicon.demonyms.get(token.lower_) if token.ent_iob_ == "O" else None
        if side and side not in countries:
            countries.append(side)
    if type_ in _ONE_SIDED:
        # "Ucrania ha suavizado su impulso para una adhesión a la OTAN": a concession is
        # its maker's; what it concerns is no side
        agent = {t.i for subject in subjects for t in subject.subtree}
        makers = [c for c in countries if c in _sides_named(sent, agent, pack)]
        if makers:
            countries = makers
            actors = [a for a in actors if (x := pack.by_id.get(a)) and x.country in makers]
    return actors, countries, location or fallback


def _conceded(token: Token) -> bool:
    """Whether a noun sits in a phrase of concession: "a pesar de las amenazas de
    sanciones" for "amenazas" and for "sanciones"."""
    for word in (token, *token.ancestors):
        if word.pos_ in {"VERB", "AUX"}:
            return False
        if any(c.dep_ == "case" and (c.lower_ == "pese" or _is_despite(c)) for c in word.children):
            return True
    return False


def _is_despite(case: Token) -> bool:
    """ "a pesar de": the preposition "a" with "pesar de" fixed to it."""
    return case.lower_ == "a" and any(
        f.dep_ == "fixed" and f.lower_ == "pesar" for f in case.children
    )


def _in_other_conjunct(time: TimeExpression, clause: set[int], sent: SpacySpan) -> bool:
    """Whether ``time`` lies in a clause coordinated with the trigger's (not in a nested one:
    "dijo que se reunirán el lunes" dates the meeting)."""
    if time.start in clause:
        return False
    token = next((t for t in sent if t.idx == time.start), None)
    if token is None:
        return False
    for ancestor in token.ancestors:
        if ancestor.idx in clause:
            return False
        if ancestor.dep_ == "conj" and ancestor.pos_ in {"VERB", "AUX"}:
            return True
    return any(c.dep_ == "conj" and c.idx in clause for c in sent.root.children)


def _sides_named(sent: SpacySpan, indices: set[int], pack: DomainPack) -> set[str]:
    """The sides the entities and demonyms at ``indices`` belong to."""
    found = {
        known.country
        for ent in sent.ents
        if ent.start in indices
        and (known := pack.by_id.get(ent.ent_id_)) is not None
        and known.country is not None
    }
    found |= {
        side for i in indices if (side := pack.lexicon.demonyms.get(sent.doc[i].lower_)) is not None
    }
    return found


def _event(
    sent: SpacySpan,
    hit: _Hit,
    pack: DomainPack,
    times: list[TimeExpression],
    published: dt.date | None,
) -> Event:
    actors, countries, location = _sides(sent, hit.token, pack, hit.type)
    if hit.type in _PLACE_IS_SIDE:
        for pair in pack.adversaries:
            if len(set(pair) & set(countries)) == 1:
                countries.extend(side for side in pair if side not in countries)
    # "hasta el 1 de febrero" bounds what was asked or agreed, it does not date the act
    in_sentence = [
        t
        for t in times
        if sent.start_char <= t.start < sent.end_char
        and t.value
        and not _UNTIL.search(sent.doc.text[max(0, t.start - 8) : t.start])
    ]
    # a date of another coordinated clause ("Las expectativas de un acuerdo para el viernes
    # son bajas, y Rusia sigue con sus ataques") is not this event's
    clause = {sent.doc[i].idx for i in clause_of(sent, hit.token)}
    in_sentence = [t for t in in_sentence if not _in_other_conjunct(t, clause, sent)]
    when = min(in_sentence, key=lambda t: abs(t.start - hit.token.idx), default=None)
    day: dt.date | None = when.value if when else None
    status = _status(hit.token, hit.type, pack.lexicon, day, published)
    date_source: str | None = "text" if day else None
    if day is None and status == "occurred" and published is not None:
        # an undated report of something done ("Peskov criticó ...") happened by the
        # publication day; the record says the date came from there
        day, date_source = published, "published"
    elif (
        day is not None
        and status == "planned"
        and published is not None
        and day < published
        and when is not None
        and _is_weekday(when.text)
    ):
        # "espera firmar el lunes": a weekday of a planned event is the coming one
        day = day + dt.timedelta(days=7)
    return Event(
        type=hit.type,
        status=status,
        date_source=date_source,
        mode=hit.mode,
        evidence=Span(sent.start_char, sent.end_char, sent.text),
        date=day.isoformat() if day else None,
        date_end=when.value_end.isoformat()
        if when and when.value_end and date_source == "text"
        else None,
        date_text=when.text if when and date_source == "text" else None,
        location=location,
        actors=tuple(actors),
        countries=tuple(sorted(countries)),
        dead=_count(_DEAD, sent.text),
        injured=_count(_INJURED, sent.text),
        confidence=0.5,
    )
