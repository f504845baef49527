"""Negation, modality and conditions of a parsed clause, read from the dependency parse.

Functions over spaCy tokens that any reading of a sentence (stances, events, a clause
layer) can call; the word lists they need come in as arguments, so a domain pack can
extend them. Each takes a token of the clause and looks only at its children: the
parser attaches "no" to the verb it negates, "si ..." as an ``advcl`` of the verb it
conditions.

- ``negation``: "Zelenski no cederá el Donbás" -> "no" for "cederá"; "la no adhesión"
  -> "no" for "adhesión"; "sin aceptar" -> "sin" for "aceptar".
- ``condition``: "respetaría la tregua si Rusia hace lo mismo" -> the clause "si Rusia
  hace lo mismo" for "respetaría"; "solo si", "siempre que", "a condición de que", "a
  cambio de", "en cuanto".
- ``condition_above``: "amenazó con aranceles si Moscú no acepta la tregua" -> for
  "acepta" (inside the condition), the verb the condition hangs from ("amenazó" chain).
- ``mood``: "aceptaría" -> "conditional"; "podría aceptar" -> "possible"; "debe
  aceptar" -> "obligation"; "aceptó" -> None.
- ``reverses``: whether a word holds the negation of what it governs ("renunciar a la
  OTAN", "descartó una tregua", "vetar", "bloquear", "rechazo").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Literal

from spacy.tokens import Span, Token

# words that negate the word they hang from; "ni" continues a negation ("ni tregua ni ...")
NEGATORS = frozenset({"no", "nunca", "jamás", "tampoco", "ni", "nada"})
# a preposition that negates the infinitive or noun it introduces: "sin aceptar", "sin tregua"
PRIVATIVE = frozenset({"sin"})
# the auxiliaries of modality, as lemmas
_POSSIBLE = frozenset({"poder"})
_OBLIGATION = frozenset({"deber", "tener"})
# dependency relations of a clause that conditions its head ("si ...", "a cambio de ...")
_CONDITION_DEPS = frozenset({"advcl", "obl", "nmod", "obj", "acl", "ccomp"})

# adverbs that narrow a condition's marker: "solo si", "siempre que", "únicamente si"
_RESTRICTORS = frozenset({"solo", "sólo", "siempre", "únicamente", "tan", "una"})

Mood = Literal["conditional", "possible", "obligation"]


def negation(token: Token) -> Token | None:
    """The word negating ``token``: a negator among its children or its auxiliaries'
    children ("no ha aceptado"), or "sin" introducing it ("sin aceptar la tregua")."""
    for child in token.children:
        # Spanish puts the negator just before what it negates: "no cederá", "nunca ha
        # aceptado"; one after it belongs to another clause the parser hung there
        near = 0 < token.i - child.i <= 3
        if child.dep_ in {"advmod", "neg", "det", "amod", "cc"} and child.lower_ in NEGATORS:
            if near:
                return child
            continue
        if child.dep_ in {"mark", "case"} and child.lower_ in PRIVATIVE:
            return child
    return None


def is_negated(token: Token) -> bool:
    """True when ``token`` is negated: "no cederá", "nunca aceptará", "sin tregua"."""
    return negation(token) is not None


def marker(clause: Token) -> str:
    """The words that introduce ``clause``: its ``mark`` and ``case`` children with their
    fixed parts and a leading "solo" ("solo si", "a cambio de", "siempre que"), the
    restrictor also where the parser hangs it on the verb above ("siempre" of "firmará
    siempre que ..."), and the "bien" of "si bien" (although) however it hangs."""
    words: list[Token] = []
    for child in clause.children:
        if child.i > clause.i:
            break
        if child.dep_ in {"mark", "case"} or (
            child.dep_ == "advmod" and child.lower_ in _RESTRICTORS
        ):
            words.append(child)
            words.extend(t for t in child.children if t.dep_ in {"fixed", "flat"})
    if not words:
        return ""
    words.sort(key=lambda t: t.i)
    doc = clause.doc
    first, last = words[0], words[-1]
    if first.i > 0 and doc[first.i - 1].lower_ in _RESTRICTORS and doc[first.i - 1] not in words:
        words.insert(0, doc[first.i - 1])
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if last.lower_ == "si" and after is not None and after.lower_ == "bien" and after not in words:
        words.append(after)
    return " ".join(t.lower_ for t in words)


def marked(words: str, markers: Collection[str]) -> str | None:
    """The marker of ``markers`` that the words introducing a clause (``marker``) end
    with: "solo si" -> "si"; None when none does."""
    split = words.split()
    return next(
        (tail for i in range(len(split)) if (tail := " ".join(split[i:])) in markers),
        None,
    )


def condition(verb: Token, cues: re.Pattern[str]) -> Token | None:
    """The head of a clause of ``verb`` that states a condition, if any: "si Rusia hace lo
    mismo" for "respetaría"; ``cues`` matches the words that introduce one ("si", "siempre
    que", "a condición de que", "a cambio de")."""
    for child in verb.children:
        if child.dep_ in _CONDITION_DEPS:
            words = marker(child)
            if words and cues.fullmatch(words) is not None:
                return child
            if words and any(cues.fullmatch(w) for w in _suffixes(words)):
                return child
    return None


def _suffixes(marker: str) -> list[str]:
    """ "solo si" -> ["si"], "y a cambio de" -> ["a cambio de", "cambio de", "de"]."""
    words = marker.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


def condition_above(token: Token, cues: re.Pattern[str]) -> tuple[Token, Token] | None:
    """(condition head, governing word) when ``token`` lies inside a condition clause:
    for "acepta" in "amenazó con aranceles si Moscú no acepta", ("acepta", "imponer")."""
    node = token
    while node.head.i != node.i:
        head = node.head
        found = condition(head, cues)
        if found is not None and found.i == node.i:
            return node, head
        node = head
    return None


def mood(verb: Token) -> Mood | None:
    """The modality of ``verb``: its conditional mood ("aceptaría", "sería aceptado") or a
    modal auxiliary or head ("podría aceptar", "debe retirarse")."""
    forms = [verb, *(c for c in verb.children if c.dep_ in {"aux", "aux:pass", "cop"})]
    if any("Cnd" in t.morph.get("Mood", []) for t in forms):
        return "conditional"
    head = verb.head if verb.dep_ == "xcomp" else None
    for t in [*forms, *([head] if head is not None else [])]:
        lemma = t.lemma_.lower()
        if lemma in _POSSIBLE:
            return "possible"
        if lemma in _OBLIGATION:
            return "obligation"
    return None


def reverses(token: Token, lemmas: Collection[str]) -> bool:
    """True when ``token`` holds the negation of what it governs, by its lemma in
    ``lemmas`` ("renunciar", "descartar", "vetar", "bloquear", "rechazo")."""
    return token.lemma_.lower() in lemmas or token.lower_ in lemmas


def scope(token: Token) -> Span:
    """The words a negation of ``token`` covers: ``token``'s subtree ("no cederá el
    Donbás" covers "cederá el Donbás" but not a following "pero aceptará ...")."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ not in {"conj", "parataxis", "advcl", "punct"}:
            right = max(right, child.right_edge.i)
    return doc[left : right + 1]


# the endings of the synthetic future and conditional, added to the whole infinitive
# ("reunir" + "emos", "firmar" + "íamos"); the small tagger often lemmatises and tags these
# forms wrongly ("reuniremos" as "reunirar", present)
_FUTURE_ENDINGS = ("emos", "éis", "án", "ás", "é", "á")
_CONDITIONAL_ENDINGS = ("íamos", "íais", "ían", "ías", "ía")


def synthetic_tense(form: str) -> tuple[str, Literal["Fut", "Cnd"]] | None:
    """The infinitive and tense of a regular future or conditional form, or None:
    "reuniremos" -> ("reunir", "Fut"), "firmaríamos" -> ("firmar", "Cnd"); "reunía" (an
    imperfect: "reun" is no infinitive) -> None."""
    word = form.lower()
    stem = _infinitive_before(word, _CONDITIONAL_ENDINGS)
    if stem is not None:
        return stem, "Cnd"
    stem = _infinitive_before(word, _FUTURE_ENDINGS)
    return (stem, "Fut") if stem is not None else None


def tense_and_mood(verb: Token) -> tuple[frozenset[str], frozenset[str]]:
    """The tenses and moods ``verb`` carries on itself and its auxiliaries or copula (a
    periphrasis carries them on the auxiliary: "estará encabezada", "habría sido
    aceptada"), with a future or conditional the tagger reads as a present taken from the
    form ("nos reuniremos", "firmaríamos")."""
    forms = [verb, *(c for c in verb.children if c.dep_ in {"aux", "aux:pass", "cop"})]
    tenses = {x for t in forms for x in t.morph.get("Tense", [])}
    moods = {m for t in forms for m in t.morph.get("Mood", [])}
    synthetic = synthetic_tense(verb.lower_) if verb.pos_ in {"VERB", "AUX"} else None
    if synthetic is not None:
        (moods if synthetic[1] == "Cnd" else tenses).add(synthetic[1])
    return frozenset(tenses), frozenset(moods)


def still_ahead(verb: Token) -> bool:
    """Whether ``verb`` tells something still to come: a future ("no retirará") or a
    present subjunctive ("cuando esté preparada", "que no ceda")."""
    tenses, moods = tense_and_mood(verb)
    return "Fut" in tenses or ("Sub" in moods and "Pres" in tenses)


def _infinitive_before(word: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 3 and stem[-2:] in {"ar", "er", "ir"}:
            return stem
    return None
