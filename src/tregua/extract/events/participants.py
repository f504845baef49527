"""Who takes part in an event and where it happens, read from the trigger's clause.

The sides are the entities and demonyms of the trigger's clause and its verb's subject;
a source cited ("según el Kremlin"), what the event happens in spite of and a nested
clause reporting another act are no party. A venue ("en Abu Dabi") is no side of talks
held there, but the struck place of an attack is.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tregua.extract.events.triggers import is_despite
from tregua.language.clauses import OTHER_CLAUSES, ClauseLayer
from tregua.model import Event, Location
from tregua.pack import Actor, DomainPack, Lexicon, Place
from tregua.resolve.place import (
    EVENT_NOUNS,
    LOCATIVE_PREPOSITIONS,
    NOT_A_PARTY,
    PLACE_NOUNS,
    SOURCE_PREPOSITIONS,
)
from tregua.resolve.timex.lexicon import fold

# event types whose place is the territory of a party: the struck side
PLACE_IS_SIDE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# acts that take two sides: talks are held, and agreements made, with someone
TWO_SIDED = frozenset({"CONSULT", "AGREE"})
# acts of one side alone: the other sides named are what it is about
_ONE_SIDED = frozenset({"CONCEDE"})
# "en el Kremlin", "en la Casa Blanca": a seat of government as the venue (prepositions
# of place are resolve.place's, the one list)
_AT_SEAT = frozenset({"en"}) | SOURCE_PREPOSITIONS
_ARTICLES = frozenset({"el", "la", "los", "las"})


def sides_of(
    sent: SpacySpan, trigger: Token, pack: DomainPack, type_: str, layer: ClauseLayer
) -> tuple[list[str], list[str], Location | None]:
    """Actor ids, sides and place named in the trigger's clause.

    A place's country is a side only for events that strike it (an attack on Kyiv involves
    Ukraine); a venue ("en Suiza", "en Abu Dabi") is not a party to the talks held there.
    """
    scope, subjects = _scope_of(sent, trigger, layer)
    verb = sent.doc[layer.of(trigger).predicate]
    actors, countries, location = _named_sides(sent, trigger, verb, pack, type_, scope)
    for i in sorted(scope):
        token = sent.doc[i]
        side = pack.lexicon.demonyms.get(token.lower_) if token.ent_iob_ == "O" else None
        if side and side not in countries:
            countries.append(side)
    for side in _the_latter(sent, scope, pack):
        if side not in countries:
            countries.append(side)
    between = _between(trigger)
    if between:
        # "una reunión entre Putin y Zelenski": the complement names the parties, whoever
        # proposes or reports it ("Los funcionarios estadounidenses plantean ...")
        named = _sides_named(sent, between, pack)
        if len(named) >= 2:
            # a mediator takes part: "entre Rusia y Ucrania, con la mediación de Estados Unidos"
            named |= _sides_named(sent, _mediators(sent, scope, pack.lexicon), pack)
            countries = sorted(named)
            actors = [a for a in actors if (x := pack.by_id.get(a)) and x.country in named]
    if type_ in _ONE_SIDED:
        # "Ucrania ha suavizado su impulso para una adhesión a la OTAN": a concession is
        # its maker's; what it concerns is no side
        agent = {t.i for subject in subjects for t in subject.subtree}
        makers = [c for c in countries if c in _sides_named(sent, agent, pack)]
        if makers:
            countries = makers
            actors = [a for a in actors if (x := pack.by_id.get(a)) and x.country in makers]
    return actors, countries, location


def _scope_of(sent: SpacySpan, trigger: Token, layer: ClauseLayer) -> tuple[set[int], list[Token]]:
    """The token indices whose names may be sides of the trigger's event, and the agents
    (subjects) of its clause."""
    # sides come from the trigger's clause plus the agent (the subject of its verb, or of
    # the sentence when the clause has none: "Peskov elogió ..., pero criticó ...")
    clause = layer.of(trigger)
    scope = set(clause.tokens)
    doc = sent.doc
    verb = doc[clause.predicate]
    subjects = [doc[i] for i in clause.subjects] or [doc[i] for i in layer.at(sent.root).subjects]
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
        if token != trigger and any(
            c.dep_ == "case" and (c.lower_ in {"según", "pese"} or is_despite(c))
            for c in token.children
        ):
            scope -= {t.i for t in token.subtree}
    own = set(trigger.subtree) if trigger.pos_ not in {"VERB", "AUX"} else set()
    for token in [sent.doc[i] for i in scope]:
        if (
            token != verb
            and token.dep_ in OTHER_CLAUSES | {"xcomp"}
            and "Fin" in token.morph.get("VerbForm", [])
            and trigger not in token.subtree
            and token.head not in own
        ):
            scope -= {t.i for t in token.subtree}
    return scope, subjects


def _named_sides(
    sent: SpacySpan,
    trigger: Token,
    verb: Token,
    pack: DomainPack,
    type_: str,
    scope: set[int],
) -> tuple[list[str], list[str], Location | None]:
    """Actor ids, sides and place of the entities the sentence names, those in ``scope``
    (nearest the trigger first) before the others; ``verb`` is the trigger's predicate.

    A venue is the trigger's own or its predicate's locative argument, and one place:
    in "tras la cumbre que mantuvieron en Alaska" Alaska is the summit's, in "la paz en
    Ucrania" no venue, in "reuniones en París, Berlín y Londres" no single one."""
    actors: list[str] = []
    countries: list[str] = []
    location = _venue_of(sent, trigger, pack)
    fallback: Location | None = None
    ents = sorted(sent.ents, key=lambda e: (e.start not in scope, abs(e.start - trigger.i)))
    for ent in ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        before = _preposition(sent, ent)
        is_place = known is not None and known.type in {"GPE", "LOC", "FAC"}
        # a struck place may be named anywhere in the clause ("Járkov sufrió ...")
        venue_here = not _listed(ent) and (
            type_ in PLACE_IS_SIDE or _attached(ent.root, trigger, verb, strict=before == "a")
        )
        if (
            is_place
            and before in LOCATIVE_PREPOSITIONS | SOURCE_PREPOSITIONS
            and location is None
            and venue_here
            and isinstance(known, Place)
        ):
            location = Location(known.name, known.country, known.lat, known.lon)
        elif isinstance(known, Actor) and known.seat is not None and before in _AT_SEAT:
            # "se reunieron en el Kremlin": the institution's seat is the venue, and a
            # venue is no party to the talks held there
            if location is None and venue_here:
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
            and venue_here
        ):
            # a country as the venue ("de nuevo en Suiza"), used when no city is named; the
            # gazetteer has no point for it
            fallback = Location(known.name, known.country, None, None)
        side = known.country if known is not None else None
        if side is None or ent.start not in scope or _in_parentheses(ent):
            # "(Reuters)", "(EFE)": a parenthesis names a source or spells out an acronym
            continue
        # "en Suiza", "en Moscú": a venue is no party to the talks held there; but a city
        # without a preposition speaks for its country ("Moscú mantiene su exigencia")
        venue = is_place and before == "en"
        if type_ not in PLACE_IS_SIDE and (
            venue or (isinstance(known, Place) and before in NOT_A_PARTY)
        ):
            continue
        if isinstance(known, Actor) and known.id not in actors:
            actors.append(known.id)
        if side not in countries:
            countries.append(side)
    return actors, countries, location or fallback


def _attached(root: Token, trigger: Token, verb: Token, *, strict: bool = False) -> bool:
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
            or fold(word.lower_) in PLACE_NOUNS
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


def _listed(ent: SpacySpan) -> bool:
    """Whether a name is one of several coordinated names: "en París, Berlín y Londres"."""
    root = ent.root
    if root.dep_ == "conj" and root.head.pos_ == "PROPN":
        return True
    return any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in root.children)


def _the_latter(sent: SpacySpan, scope: set[int], pack: DomainPack) -> list[str]:
    """The sides "este último" / "esta última" of ``scope`` point back to: the last person
    the sentence names before it ("Putin y Zelenski, tras un encuentro en Washington con
    este último" is Zelensky)."""
    found: list[str] = []
    doc = sent.doc
    for i in sorted(scope):
        if i == sent.start or doc[i].lower_ not in {"último", "última"}:
            continue
        if doc[i - 1].lower_ not in {"este", "esta"}:
            continue
        before = [e for e in sent.ents if e.end <= i - 1]
        for ent in reversed(before):
            known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
            if isinstance(known, Actor) and known.type == "PERSON" and known.country:
                found.append(known.country)
                break
    return found


def _in_parentheses(ent: SpacySpan) -> bool:
    """Whether a name stands alone between parentheses: "Moscú, 22 Ago (Sputnik)"."""
    doc = ent.doc
    return (
        ent.start > 0
        and ent.end < len(doc)
        and doc[ent.start - 1].text == "("
        and doc[ent.end].text == ")"
    )


def _between(trigger: Token) -> set[int]:
    """Token indices of the trigger's "entre" complement ("conversaciones entre Rusia y
    Ucrania"), or an empty set.

    Read along the words, not the tree: the parser hangs "entre" in several ways ("cara a
    cara entre Putin y Zelenski" folds it into the locution). The complement runs from
    "entre" through the trigger's words up to a punctuation mark or a verb.
    """
    own = {t.i for t in trigger.subtree}
    doc = trigger.doc
    for i in sorted(own):
        if doc[i].lower_ != "entre" or i <= trigger.i:
            continue
        found: set[int] = set()
        for j in range(i + 1, len(doc)):
            word = doc[j]
            if j not in own or word.pos_ in {"PUNCT", "VERB", "AUX", "SCONJ"}:
                break
            found.add(j)
        return found
    return set()


def _mediators(sent: SpacySpan, scope: set[int], lexicon: Lexicon) -> set[int]:
    """Token indices of what the mediation words of ``scope`` govern ("con la mediación de
    Estados Unidos", "mediadas por Turquía"): the words of the pack's third-party triggers."""
    found: set[int] = set()
    for i in scope:
        token = sent.doc[i]
        entry = lexicon.trigger_by_lemma.get(token.lemma_.lower())
        if entry is not None and entry[1] == "third-party":
            found |= {t.i for t in token.subtree}
    return found


def _venue_of(sent: SpacySpan, trigger: Token, pack: DomainPack) -> Location | None:
    """A place the event noun names as its own: "la reunión de París", "la cumbre de Alaska";
    "de" names a place only after a noun of meeting or attack: in "las demandas de Kiev" Kyiv
    is who demands."""
    cases = {"de", "en"} if fold(trigger.lower_) in EVENT_NOUNS else {"en"}
    for ent in sent.ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if (
            isinstance(known, Place)
            and ent.root.head == trigger
            and not _listed(ent)
            and any(c.dep_ == "case" and c.lower_ in cases for c in ent.root.children)
        ):
            return Location(known.name, known.country, known.lat, known.lon)
    return None


def _preposition(sent: SpacySpan, ent: SpacySpan) -> str:
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


def names_the_parties(
    sent: SpacySpan, trigger: Token, lexicon: Lexicon, layer: ClauseLayer
) -> bool:
    """Whether the trigger's clause, or the subject of its sentence, refers to the talks'
    parties: "ambas delegaciones", "Todas las partes describen ... sin que se alcanzara un
    acuerdo"."""
    scope = set(layer.of(trigger).tokens)
    scope |= {t.i for c in sent.root.children if c.dep_ == "nsubj" for t in c.subtree}
    text = " ".join(sent.doc[i].text for i in sorted(scope))
    return bool(lexicon.cues("party_references").search(text))


def with_parties(event: Event, earlier: list[Event]) -> Event:
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


def with_context_sides(event: Event, earlier: list[Event]) -> Event:
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


def with_counterpart(event: Event, earlier: list[Event]) -> Event:
    """Talks naming one side ("solo ha mantenido conversaciones telefónicas con Putin", the
    speaker named a sentence before) are held with the other sides of the article's last
    event that names this side among two or more."""
    side = event.countries[0]
    source = next(
        (e for e in reversed(earlier) if len(e.countries) >= 2 and side in e.countries), None
    )
    if source is None:
        return event
    return dataclasses.replace(event, countries=source.countries)
