"""Trigger words and phrases of the pack's lexicon, and which of them start an event.

A verb, noun or adjective whose lemma is a trigger ("reunión", "atacar") or a trigger phrase
("acuerdo de paz") is a candidate; an event noun that is an argument of an event verb is
part of that event, and one a demonstrative points back to was told before.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tregua.language.modality import synthetic_tense
from tregua.pack import Lexicon

# determiners that point back to something already told
_ANAPHORIC = frozenset(
    {"ese", "esa", "esos", "esas", "este", "esta", "estos", "estas", "dicho", "dicha"}
    | {"dichos", "dichas", "aquel", "aquella", "aquellos", "aquellas"}
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger: its head word, event type and mode."""

    token: Token
    type: str
    mode: str | None
    # an event only where the text dates it (``Trigger.dated_only``)
    dated_only: bool = False
    # a meeting that is the setting of another act ("acordaron ... en las conversaciones
    # de julio"): it took place, whatever the act's own status
    setting: bool = False


_TRIGGER_POS = (VERB, NOUN, AUX, ADJ)


def word_triggers(doc: Doc, lexicon: Lexicon) -> dict[int, tuple[str, str | None]]:
    """Token index -> (event type, mode) of every verb, noun or adjective whose lemma (or,
    failing that, its form) is a trigger, read from the document's arrays once."""
    by_lemma = lexicon.trigger_by_lemma
    strings = doc.vocab.strings
    table = doc.to_array([LEMMA, LOWER, POS])
    found: dict[int, tuple[str, str | None]] = {}
    for i in numpy.flatnonzero(numpy.isin(table[:, 2], _TRIGGER_POS)).tolist():
        lemma, lower = int(table[i, 0]), int(table[i, 1])
        hit = by_lemma.get(_verb_of(strings[lemma].lower())) or by_lemma.get(strings[lower])
        if hit is None and table[i, 2] == VERB:
            # a future or conditional the tagger lemmatises wrongly ("reuniremos")
            synthetic = synthetic_tense(strings[lower])
            hit = by_lemma.get(synthetic[0]) if synthetic is not None else None
        if hit is not None:
            found[i] = hit
    return found


def _verb_of(lemma: str) -> str:
    """The verb of a lemma the tagger gives with its clitic: "reunir él" for "reunirse"."""
    return lemma.split(" ", 1)[0]


def base_lemma(token: Token) -> str:
    """``token``'s lemma, lowercased, without a clitic pronoun ("reunirse" gives "reunir")."""
    return _verb_of(token.lemma_.lower())


def triggers(
    sent: SpacySpan, lexicon: Lexicon, words: dict[int, tuple[str, str | None]]
) -> list[Hit]:
    """The trigger words of ``sent`` (``words``: its document's, from ``word_triggers``),
    in order, then its trigger phrases."""
    doc = sent.doc
    at_words = [i for i in range(sent.start, sent.end) if i in words]
    lowered = sent.text.lower()
    at_phrases = [
        (trigger, phrase, at)
        for trigger in lexicon.triggers
        for phrase in trigger.phrases
        if (at := lowered.find(phrase.lower())) >= 0
    ]
    if not at_words and not at_phrases:
        return []  # most sentences: no trigger, and no need to look at their words
    if sent.text.isupper() or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        # a line without a verb, or all in capitals, is a heading or a label ("Diálogos en
        # Estambul", "REUNIÓN CON LOS EUROPEOS"): it names an event the body tells, it
        # reports none
        return []
    background = lexicon.dated_only_lemmas
    hits = [Hit(doc[i], *words[i], dated_only=base_lemma(doc[i]) in background) for i in at_words]
    for trigger, phrase, at in at_phrases:
        span = doc.char_span(
            sent.start_char + at, sent.start_char + at + len(phrase), alignment_mode="expand"
        )
        if span is not None:
            hits.append(Hit(span.root, trigger.type, trigger.mode, dated_only=trigger.dated_only))
    return _main_hits(hits, frozenset(lexicon.commitment_verbs))


def _main_hits(hits: list[Hit], commitments: frozenset[str] = frozenset()) -> list[Hit]:
    """Drop event nouns that are arguments of an event verb of the same sentence.

    "celebró la amenaza de sanciones" is one SUPPORT, not also a THREATEN and a SANCTION;
    "Las conversaciones comenzaron" keeps its noun, since "comenzar" is no trigger.
    """
    verbs = {h.token: h.type for h in hits if h.token.pos_ in {"VERB", "AUX"}}
    nouns = {h.token for h in hits if h.token.pos_ == "NOUN"}
    agreements = {h.token for h in hits if h.type == "AGREE"}
    kept = []
    for hit in hits:
        token = hit.token
        if hit.type != "AGREE" and not hit.dated_only and _agreed(token, agreements):
            # "alcanzaron un acuerdo para llevar a cabo un canje": the swap is what was
            # agreed, the agreement the event (ANNOTATION.md); dated background stays one
            continue
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in token.children
        ):
            # "cumplir con esa solicitud", "este ataque": an event told before, not a new one
            continue
        if token.pos_ == "NOUN" and _conceded(token):
            # "a pesar de las amenazas de sanciones": what is conceded is background
            continue
        if (
            token.pos_ not in {"VERB", "AUX"}
            and any(v != token and v in token.ancestors for v in verbs)
            and not _committed_object(token, commitments)
        ):
            if not _a_setting(hit, verbs) and not _in_time_adjunct(hit):
                continue
            hit = dataclasses.replace(hit, setting=True)
        elif _in_time_adjunct(hit):
            # "tras celebrar un encuentro en Washington, organizó una cumbre": the meeting
            # before or after which something happened is an event of its own
            hit = dataclasses.replace(hit, setting=True)
        elif token.pos_ == "NOUN" and not hit.dated_only and _within_event_noun(token, nouns):
            # "la amenaza de sanciones", "la reunión sobre el canje": the threat and the
            # meeting are the events, what they are about is not (yet) one; dated background
            # is ("el mayor canje desde el inicio de la guerra en febrero de 2022")
            continue
        kept.append(hit)
    return kept


# the marks of a purpose clause: "para llevar a cabo el canje", "a fin de retirar"
_PURPOSE = frozenset({"para", "fin"})


def _agreed(token: Token, agreements: set[Token]) -> bool:
    """Whether ``token`` is told in the purpose clause of an agreement, on its verb or its
    noun: "alcanzaron un acuerdo para llevar a cabo el canje", "un pacto para liberar a
    los civiles"."""
    for word in (token, *token.ancestors):
        if word.dep_ not in {"advcl", "acl"} or not any(
            c.dep_ == "mark"
            and (c.lower_ in _PURPOSE or any(f.lower_ in _PURPOSE for f in c.children))
            for c in word.children
        ):
            continue
        head = word.head
        return head in agreements or any(
            c in agreements and c.dep_ in {"obj", "nsubj", "nsubj:pass"} for c in head.children
        )
    return False


def _committed_object(token: Token, commitments: frozenset[str]) -> bool:
    """Whether an event noun is the object of an infinitive a verb of commitment governs:
    "acordaron realizar visitas oficiales" is an agreement and the visits it plans, as
    "acordaron reunirse" is."""
    verb = token.head
    return (
        token.dep_ == "obj"
        and "Inf" in verb.morph.get("VerbForm", [])
        and verb.dep_ == "xcomp"
        and base_lemma(verb.head) in commitments
    )


def _within_event_noun(token: Token, nouns: set[Token]) -> bool:
    """Whether an event noun hangs, inside one noun phrase (no verb between but an
    infinitive completing a noun), from another event noun: "sanciones" in "la amenaza de
    sanciones", "canje" in "un acuerdo para llevar a cabo el canje"."""
    word = token.head
    while word.head != word and (word.pos_ not in {"VERB", "AUX"} or _content(word)):
        if word in nouns and word != token:
            return True
        word = word.head
    return word in nouns and word != token


def _content(verb: Token) -> bool:
    """Whether an infinitive completes a noun ("un acuerdo para llevar a cabo el canje",
    "la decisión de imponer sanciones"): what it governs is that noun's content."""
    return (
        "Inf" in verb.morph.get("VerbForm", [])
        and verb.head.pos_ == "NOUN"
        and verb.dep_ in {"acl", "advcl", "xcomp", "nmod"}
    )


# the prepositions of a meeting that is the setting of another act: "acordaron un canje en
# las conversaciones de julio", "durante la cumbre", "tras las negociaciones"
_SETTING_CASES = frozenset({"en", "durante", "tras", "después", "antes"})


def _a_setting(hit: Hit, verbs: dict[Token, str]) -> bool:
    """Whether a meeting noun under an event verb of another type is where (or after which)
    that act happened: "acordaron un canje en sus conversaciones de julio" is an agreement
    and the talks it was reached in, two events."""
    if hit.type != "CONSULT":
        return False
    word, setting = hit.token, False
    while word.head != word and word not in verbs:
        setting = setting or any(
            c.dep_ == "case" and c.lower_ in _SETTING_CASES for c in word.children
        )
        word = word.head
    return setting and word in verbs and verbs[word] != hit.type


# the markers of a time adjunct: "tras la reunión", "después de hablar por teléfono"
_TIME_MARKERS = frozenset({"tras", "después", "antes"})
_EVE = frozenset({"víspera", "vísperas"})


def _in_time_adjunct(hit: Hit) -> bool:
    """Whether a meeting word heads a time adjunct, or is the object of the verb that
    does: "tras la reunión", "tras hablar con Putin", "tras celebrar un encuentro", "en
    vísperas de la cumbre"."""
    token = hit.token
    if hit.type != "CONSULT":
        return False
    word = token
    if token.pos_ not in {"VERB", "AUX"} and token.dep_ in {"obj", "nsubj"}:
        word = token.head
    elif token.head.lower_ in _EVE and token.dep_ == "nmod":
        # "en vísperas de la reunión"
        return True
    return word != token.head.head and any(
        c.dep_ in {"case", "mark"}
        and (c.lower_ in _TIME_MARKERS or any(f.lower_ in _EVE for f in c.children))
        for c in word.children
    )


def _conceded(token: Token) -> bool:
    """Whether a noun sits in a phrase of concession: "a pesar de las amenazas de
    sanciones" for "amenazas" and for "sanciones"."""
    for word in (token, *token.ancestors):
        if word.pos_ in {"VERB", "AUX"}:
            return False
        if any(c.dep_ == "case" and (c.lower_ == "pese" or is_despite(c)) for c in word.children):
            return True
    return False


def is_despite(case: Token) -> bool:
    """ "a pesar de": the preposition "a" with "pesar de" fixed to it."""
    return case.lower_ == "a" and any(
        f.dep_ == "fixed" and f.lower_ == "pesar" for f in case.children
    )
