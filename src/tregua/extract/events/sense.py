"""Which sense a trigger word has, read from its arguments and from where it stands.

A trigger is an event only where its words are used as the pack's lexicon means them: not
inside a fixed phrase ("sin embargo") or a proper name ("Foro de Cooperación Económica"),
not governed by a verb of ceasing ("dejará de bombardear"), not named by reference ("los
términos del acuerdo") nor told as a condition ("si Rusia acepta"), and with arguments of the
right kind (``Sense`` entries of the pack: "la entrega de los cuerpos" is a RETREAT, a
"movilización de inversiones" no MOBILIZE).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from tregua.extract.events.triggers import Hit, base_lemma
from tregua.language.modality import marked, marker, tense_and_mood
from tregua.pack import Lexicon

# dependents that carry what a trigger acts on, who acts, or what it is about
_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "amod", "compound", "appos", "xcomp"}
)
# dependents of an argument that still say what it is: "los restos de mil soldados"
_ARGUMENT_OF_ARGUMENT = frozenset({"nmod", "amod", "compound", "appos", "flat", "conj"})


def read_sense(hit: Hit, lexicon: Lexicon) -> Hit | None:
    """``hit`` as the event it is in its sentence, of another type where its arguments say
    so, or None where it is no event.

    "Rusia anunció la entrega de los cuerpos de mil soldados" gives a RETREAT for
    "entrega"; "la UE movilizará miles de millones en inversiones" gives None.
    """
    token = hit.token
    if token.dep_ in {"fixed", "flat"} or token.pos_ == "PROPN":
        # "sin embargo", "a pesar de"; a word of a name ("Foro de Cooperación")
        return None
    if (
        _ceased(token, lexicon)
        or _by_reference(token, hit.type, lexicon)
        or _a_condition(token, lexicon)
    ):
        return None
    lemma = base_lemma(token)
    senses = [s for s in lexicon.senses if lemma in s.lemmas]
    if not senses:
        return hit
    found = arguments(token)
    head = token.head.lemma_.lower() if token.head != token else ""
    for sense in senses:
        if head and head in sense.heads:
            return None
        if sense.needs and not found & set(sense.needs):
            return None
        if sense.objects and not _object_is(token, sense.objects):
            return None
        if sense.arguments and found & set(sense.arguments):
            if sense.type is None:
                return None
            return dataclasses.replace(hit, type=sense.type, mode=None)
    return hit


def arguments(token: Token) -> set[str]:
    """Lowercased lemmas of ``token``'s arguments and of their own complements: for
    "entregó los restos de mil soldados", {"resto", "soldado", ...}."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ not in _ARGUMENT_DEPS:
            continue
        found.add(child.lemma_.lower())
        for grandchild in child.children:
            if grandchild.dep_ in _ARGUMENT_OF_ARGUMENT:
                found.add(grandchild.lemma_.lower())
    return found


def _ceased(token: Token, lexicon: Lexicon) -> bool:
    """Whether a verb of ceasing governs ``token`` through "de": "dejará de bombardear"."""
    head = token.head
    return (
        head != token
        and token.dep_ in {"xcomp", "obl", "ccomp", "advcl"}
        and base_lemma(head) in lexicon.cessation_verbs
        and any(c.dep_ == "mark" and c.lower_ == "de" for c in token.children)
    )


# heads that name a meeting as the occasion of what follows, not by reference: "en el
# marco de la cumbre de la OTAN, Zelenski firmó ..." (the summit took place)
_OCCASIONS = frozenset({"marco"})


def _by_reference(token: Token, type_: str, lexicon: Lexicon) -> bool:
    """Whether an event noun completes a noun that names it by reference: "los términos
    del acuerdo", "según el marco de los acuerdos de Estambul"
    (``Lexicon.reference_heads``); a meeting in its "marco" is the occasion, held."""
    head = token.head
    names = {head.lower_, head.lemma_.lower()}
    if type_ == "CONSULT" and names & _OCCASIONS:
        return False
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "nmod"
        and head.pos_ == "NOUN"
        and any(name in lexicon.reference_heads for name in names)
    )


def _a_condition(token: Token, lexicon: Lexicon) -> bool:
    """Whether ``token`` is told in a clause that states the condition of another event:
    "amenazó con aranceles si Putin no acepta", "aceptaría una tregua en cuanto las tropas
    se retiren" (a pending time: a present subjunctive after ``Lexicon.pending_markers``).
    """
    clause = _clause_of(token)
    if clause is None or clause.dep_ not in {"advcl", "ccomp"}:
        return False
    words = marker(clause)
    found = marked(words, lexicon.condition_markers)
    if found is not None:
        # a bare "si" that completes a verb asks whether: "no está claro si aceptará"
        return clause.dep_ == "advcl" or " " in found
    if marked(words, lexicon.pending_markers) is None or clause.dep_ != "advcl":
        return False
    tenses, moods = tense_and_mood(clause)
    return "Sub" in moods and "Pres" in tenses


def _clause_of(token: Token) -> Token | None:
    """The verb of the clause ``token`` is told in, above the infinitives that complete
    it ("si Rusia decide retirar sus tropas" gives "decide")."""
    word = token
    while word.pos_ not in {"VERB", "AUX"}:
        if word.head == word:
            return None
        word = word.head
    while word.dep_ == "xcomp" and word.head.pos_ in {"VERB", "AUX"}:
        word = word.head
    return word


def _object_is(token: Token, kinds: tuple[str, ...]) -> bool:
    """Whether ``token``'s direct object is of ``kinds``: its lemma, or its entity label
    ("PERSON" for "recibió a Zelenski")."""
    return any(
        c.dep_ == "obj" and (c.lemma_.lower() in kinds or c.ent_type_ in kinds)
        for c in token.children
    )
