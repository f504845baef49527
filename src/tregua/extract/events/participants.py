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
from tregua.extract.events.venue import attached, listed, preposition, venue_of
from tregua.language.clauses import OTHER_CLAUSES, ClauseLayer
from tregua.model import Event, Location
from tregua.pack import Actor, DomainPack, Lexicon, Place
from tregua.resolve.place import LOCATIVE_PREPOSITIONS, NOT_A_PARTY, SOURCE_PREPOSITIONS

# event types whose place is the territory of a party: the struck side
PLACE_IS_SIDE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# acts that take two sides: talks are held, and agreements made, with someone; a request,
# an accusation, a refusal or a threat is addressed to someone
TWO_SIDED = frozenset({"CONSULT", "AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# acts of one side alone: the other sides named are what it is about
_ONE_SIDED = frozenset({"CONCEDE"})
# "en el Kremlin", "en la Casa Blanca": a seat of government as the venue (prepositions
# of place are resolve.place's, the one list)
_AT_SEAT = frozenset({"en"}) | SOURCE_PREPOSITIONS


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


# the prepositions of a source cited, a concession, or an act before or after the event
_NOT_PARTIES = frozenset({"según", "pese", "tras", "después", "antes"})


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
    # nor are the parties of what came before or after it ("tras su conversación con
    # Putin, Trump se comunicó con Zelenski": a call with Zelensky)
    for token in [sent.doc[i] for i in scope]:
        if (
            token != trigger
            and any(
                c.dep_ == "case" and (c.lower_ in _NOT_PARTIES or is_despite(c))
                for c in token.children
            )
            and trigger not in token.subtree
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
    location = venue_of(sent, trigger, pack)
    fallback: Location | None = None
    ents = sorted(sent.ents, key=lambda e: (e.start not in scope, abs(e.start - trigger.i)))
    for ent in ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        before = preposition(sent, ent)
        is_place = known is not None and known.type in {"GPE", "LOC", "FAC"}
        # a struck place may be named anywhere in the clause ("Járkov sufrió ...")
        venue_here = not listed(ent) and (
            type_ in PLACE_IS_SIDE or attached(ent.root, trigger, verb, strict=before == "a")
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
            and before in _AT_SEAT
            and known.country is not None
            and fallback is None
            and ent.start in scope
            and venue_here
        ):
            # a country as the venue ("de nuevo en Suiza", "habló desde Turquía"), used when
            # no city is named; the gazetteer has no point for it
            fallback = Location(known.name, known.country, None, None)
        side = known.country if known is not None else None
        if side is None or ent.start not in scope or _in_parentheses(ent):
            # "(Reuters)", "(EFE)": a parenthesis names a source or spells out an acronym
            continue
        # "en Suiza", "en Moscú": a venue is no party to the talks held there; but a city
        # without a preposition speaks for its country ("Moscú mantiene su exigencia")
        venue = is_place and before in _AT_SEAT
        if type_ not in PLACE_IS_SIDE and (
            venue or (isinstance(known, Place) and before in NOT_A_PARTY)
        ):
            continue
        if isinstance(known, Actor) and known.id not in actors:
            actors.append(known.id)
        if side not in countries:
            countries.append(side)
    return actors, countries, location or fallback


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
    "entre" through the trigger's words up to a punctuation mark or a verb; a verb's own
    complement hangs from it ("negociaron entre ellos").
    """
    own = {t.i for t in trigger.subtree}
    doc = trigger.doc
    verbal = trigger.pos_ in {"VERB", "AUX"}
    for i in sorted(own):
        if doc[i].lower_ != "entre" or i <= trigger.i:
            continue
        if verbal and doc[i].head.head != trigger:
            # a verb's subtree is its whole clause: "nos reuniremos ... para poner fin a la
            # guerra entre Rusia y Ucrania" names the war's sides, not the meeting's
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
    event that names this side among two or more; so are a request, an accusation, a
    refusal or a threat addressed ("Zelenski criticó la falta de avances" after talks of
    Russia and Ukraine)."""
    side = event.countries[0]
    source = next(
        (e for e in reversed(earlier) if len(e.countries) >= 2 and side in e.countries), None
    )
    if source is None:
        return event
    return dataclasses.replace(event, countries=source.countries)
