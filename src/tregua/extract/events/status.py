"""An event's status: occurred, planned, hypothetical or negated, read in its own clause.

"se reunirán el lunes" is planned, "una eventual cumbre" hypothetical, "no lograron un
acuerdo" a negated AGREE; what a verb of saying reports keeps its own mood apart from the
saying ("advirtió que Rusia podría enfrentar sanciones" is a warning that occurred).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from tregua.language.clauses import ClauseLayer
from tregua.language.modality import tense_and_mood
from tregua.model import Status
from tregua.pack import Lexicon

# words that negate the verb they hang from
NEGATORS = frozenset({"no", "nunca", "jamás", "sin", "ni"})
# adjectives that put a meeting ahead: "la próxima cumbre", "futuras negociaciones"
_AHEAD = frozenset({"próximo", "próxima", "futuro", "futura", "venidero", "siguiente"})


def status_of(
    token: Token,
    type_: str,
    lexicon: Lexicon,
    day: dt.date | None,
    published: dt.date | None,
    layer: ClauseLayer,
    *,
    setting: bool = False,
) -> Status:
    """occurred / planned / hypothetical / negated, read in the trigger's own clause.

    A refusal is what a REJECT is, not its negation ("ha rechazado" is a REJECT that
    occurred); a noun that is the subject of a negated verb happened ("Tres rondas de
    conversaciones no lograron ..." held three rounds of talks: the failure is an AGREE's).
    """
    own = layer.of(token)
    verb = token.doc[own.predicate]
    if setting:
        # the meeting another act happened in or after: its own words only ("la próxima
        # cumbre", "una eventual reunión")
        words = " ".join(t.lower_ for t in token.subtree)
        if lexicon.cues("hypothetical_cues").search(words):
            return "hypothetical"
        ahead = any(c.lemma_.lower() in _AHEAD for c in token.children)
        if ahead or lexicon.cues("planned_cues").search(words):
            return "planned"
        return "occurred"
    clause = _own_clause_text(token, verb, own.tokens)
    as_subject = token != verb and token.dep_ in {"nsubj", "nsubj:pass"}
    # "no hubo avances en la reunión": what does not exist is the advance, the meeting
    # where it was looked for took place
    as_frame = (
        token.pos_ == "NOUN"
        and verb.lemma_.lower() == "haber"
        and token.dep_ not in {"obj", "nsubj", "nsubj:pass"}
    )
    its_own = as_subject or as_frame
    negators = list(token.children) if its_own else [*verb.children, *token.children]
    negated = any(_negates(c) for c in negators)
    if not negated and type_ != "REJECT" and not its_own:
        negated = bool(lexicon.cues("negation_cues").search(clause))
    if negated:
        return "negated"
    tense, mood = tense_and_mood(verb)
    if (
        "Cnd" in mood
        or _asked_whether(verb)
        or lexicon.cues("hypothetical_cues").search(_near_text(token, verb))
    ):
        return "hypothetical"
    if "Fut" in tense or lexicon.cues("planned_cues").search(clause):
        return "planned"
    if token.pos_ == "NOUN" and any(c.lemma_.lower() in _AHEAD for c in token.children):
        # "la próxima liberación de prisioneros", "futuras negociaciones"
        return "planned"
    if _committed_to(verb, lexicon):
        return "planned"
    if day is not None and published is not None and day > published and "Past" not in tense:
        return "planned"
    return "occurred"


def _asked_whether(verb: Token) -> bool:
    """Whether ``verb`` heads an indirect question, told as not known: "no ha trascendido
    si Rusia se compromete con la tregua", "preguntó si Kiev aceptaría"."""
    while verb.dep_ == "xcomp" and verb.head != verb:
        verb = verb.head
    return verb.dep_ in {"ccomp", "csubj"} and any(
        c.dep_ == "mark" and c.lower_ == "si" for c in verb.children
    )


def _negates(word: Token) -> bool:
    """Whether ``word`` negates what it hangs from: "no", "sin", "nunca"; not the "sin" of
    "sin embargo" (however)."""
    return word.lower_ in NEGATORS and not (
        word.lower_ == "sin"
        and any(f.dep_ == "fixed" and f.lower_ == "embargo" for f in word.children)
    )


def _committed_to(verb: Token, lexicon: Lexicon) -> bool:
    """Whether ``verb`` is an infinitive that a verb of commitment governs: "acordaron
    reunirse", "decidió retirar": the event is what was committed to, so still to come."""
    return (
        verb.dep_ == "xcomp"
        and "Inf" in verb.morph.get("VerbForm", [])
        and verb.head.lemma_.lower().split(" ", 1)[0] in lexicon.commitment_verbs
    )


def _own_clause_text(token: Token, verb: Token, clause: frozenset[int]) -> str:
    """The trigger's clause without what a verb of saying says: "advirtió que Rusia
    podría enfrentar sanciones" is a warning that occurred, whatever the warning's mood."""
    inside = set(clause)
    for i in clause:
        word = token.doc[i]
        if (
            word.dep_ in {"acl", "acl:relcl"}
            and word.head != token
            and word.head not in token.ancestors
            and "Fin" in word.morph.get("VerbForm", [])
            and token not in word.subtree
        ):
            # a relative clause on another noun tells of something else: "prometió a su
            # homólogo, que se reunirá pronto con ..." is a promise that occurred; one on
            # the event's own phrase is its ("una ronda de contactos que tendrá lugar")
            inside -= {t.i for t in word.subtree}
    if token == verb:
        for child in verb.children:
            said = any(c.dep_ == "mark" and c.lower_ == "que" for c in child.children)
            # what is agreed or promised is another event: "acordaron reunirse" is an
            # agreement that occurred, the meeting is the planned one
            content = child.dep_ == "xcomp" and "Inf" in child.morph.get("VerbForm", [])
            if (said or content) and token not in child.subtree:
                inside -= {t.i for t in child.subtree}
    return " ".join(token.doc[i].text for i in sorted(inside)).lower()


def _near_text(token: Token, verb: Token) -> str:
    """The words from the trigger up to its verb, with their own dependents: where a
    possibility is said of this event ("plantean la posibilidad de una reunión", "una
    eventual cumbre"), not of a word further off ("diferencias sobre posibles
    compromisos territoriales")."""
    path = [token]
    while path[-1] != verb and path[-1].head != path[-1] and len(path) < 8:
        path.append(path[-1].head)
    if verb.dep_ == "xcomp" and "Inf" in verb.morph.get("VerbForm", []):
        # an infinitive takes its mood from the word it completes: "estaría dispuesta a
        # renunciar"
        path.append(verb.head)
    near = {t.i for t in path} | {c.i for t in path for c in t.children}
    # multiword markers hang together: "en caso de que", "a condición de que"
    near |= {f.i for i in list(near) for f in token.doc[i].children if f.dep_ == "fixed"}
    return " ".join(token.doc[i].text for i in sorted(near)).lower()


def failed_outcome(trigger: Token, lexicon: Lexicon) -> bool:
    """Talks that failed their result: the meeting noun is the subject of a negated verb of
    achievement ("Las conversaciones no lograron un acuerdo") or carries a relative clause
    with one ("una reunión que no permitió acercar posiciones")."""
    verbs = set(lexicon.failed_outcome_verbs)
    candidates = [trigger.head] if trigger.dep_ in {"nsubj", "nsubj:pass"} else []
    candidates += [t for t in trigger.subtree if t.dep_ in {"acl", "acl:relcl"}]
    return any(
        verb.lemma_.lower() in verbs
        and any(_negates(c) or c.lower_ == "tampoco" for c in verb.children)
        for verb in candidates
    )
