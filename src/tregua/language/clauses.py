"""Clauses of a parsed document: where status cues, sides and stance polarity are read.

``ClauseLayer`` builds each clause of a document once (its predicate, subjects, objects,
prepositional arguments, negation, mood and tense, and who reports it); the extractors read
that layer instead of walking the parse again. ``clause_of`` and ``governor`` are the
walks it is built from.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# clauses hanging from a verb that report something else
OTHER_CLAUSES = frozenset({"advcl", "parataxis", "conj", "ccomp", "acl", "acl:relcl"})


def governor(token: Token) -> Token:
    """The verb a word hangs from ("... planteando la posibilidad de una reunión" gives
    "planteando" for "reunión"); the word itself when it is a verb."""
    head = token
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"} or head.head == head:
            return head
        head = head.head
    return head


def clause_of(sent: Span, token: Token) -> set[int]:
    """Token indices of ``token``'s clause: its governing verb's subtree without the other
    clauses hanging from it ("..., mientras en Ginebra ..." belongs to another event)."""
    verb = governor(token)
    inside = {t.i for t in verb.subtree}
    for child in verb.children:
        if (
            child.dep_ in OTHER_CLAUSES
            and child.pos_ in {"VERB", "AUX"}
            and (token not in child.subtree)
        ):
            inside -= {t.i for t in child.subtree}
    return {i for i in inside if sent.start <= i < sent.end}


def clause_text(sent: Span, token: Token) -> str:
    """The words of ``token``'s clause, lowercased, in order."""
    doc = sent.doc
    return " ".join(doc[i].text for i in sorted(clause_of(sent, token))).lower()


# the dependents that say who acts, on what, and where or with whom
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_OBJECTS = frozenset({"obj", "iobj"})
_OBLIQUES = _OBJECTS | {"obl", "obl:arg", "obl:agent"}
# words that negate the verb they hang from
_NEGATORS = frozenset({"no", "nunca", "jamás", "tampoco", "ni"})


@dataclass(frozen=True, slots=True)
class Clause:
    """One predicate of a document and what hangs from it.

    Indices are token indices of the document. ``tokens`` is the predicate's clause
    (``clause_of``); ``obliques`` pairs each prepositional argument's head with its
    preposition ("con Putin" gives ("con", i)); ``reported_by`` is the verb of saying whose
    "que" clause this is, and ``speaker`` that verb's subject ("Peskov dijo que Putin
    aceptó" gives the clause of "aceptó" the speaker "Peskov").
    """

    predicate: int
    tokens: frozenset[int]
    subjects: tuple[int, ...]
    objects: tuple[int, ...]
    obliques: tuple[tuple[str, int], ...]
    negated: bool
    mood: str | None
    tense: str | None
    verb_form: str | None
    reported_by: int | None
    speaker: int | None


class ClauseLayer:
    """The clauses of one parsed document, each built once and read by every extractor.

    ``layer.of(token)`` is the clause of the verb ``token`` hangs from
    (``governor``): for "reunión" in "Los ministros plantean una reunión", the clause of
    "plantean", with "ministros" as its subject.
    """

    def __init__(self, doc: Doc, speech_verbs: frozenset[str] = frozenset()) -> None:
        self._doc = doc
        self._speech_verbs = speech_verbs
        self._built: dict[int, Clause] = {}

    def of(self, token: Token) -> Clause:
        """The clause of the verb ``token`` hangs from."""
        return self.at(governor(token))

    def at(self, verb: Token) -> Clause:
        """The clause whose predicate is ``verb``."""
        found = self._built.get(verb.i)
        if found is None:
            found = self._build(verb)
            self._built[verb.i] = found
        return found

    def report_of(self, token: Token) -> Token | None:
        """The head of the "que" clause of a verb of saying that ``token`` is told in, the
        nearest one: for "reunión" in "Lavrov aseveró el viernes que la reunión no está
        programada", "programada"; None outside reported speech."""
        for word in (token, *token.ancestors):
            head = word.head
            if (
                word.dep_ == "ccomp"
                and head != word
                and head.lemma_.lower().split(" ", 1)[0] in self._speech_verbs
            ):
                return word
        return None

    def _build(self, verb: Token) -> Clause:
        sent = verb.sent
        inside = clause_of(sent, verb)
        reported_by = speaker = None
        head = verb.head
        if (
            verb.dep_ == "ccomp"
            and head != verb
            and head.lemma_.lower().split(" ", 1)[0] in self._speech_verbs
        ):
            reported_by = head.i
            speaker = next((c.i for c in head.children if c.dep_ in _SUBJECTS), None)
        # the parser tags some prepositional arguments as objects ("con Tusk" as obj):
        # any argument with a preposition is an oblique
        obliques = tuple(
            (case.lower_, child.i)
            for child in verb.children
            if child.dep_ in _OBLIQUES
            for case in child.children
            if case.dep_ == "case"
        )
        marked = {i for _, i in obliques}
        return Clause(
            predicate=verb.i,
            tokens=frozenset(inside),
            subjects=tuple(c.i for c in verb.children if c.dep_ in _SUBJECTS),
            objects=tuple(c.i for c in verb.children if c.dep_ in _OBJECTS and c.i not in marked),
            obliques=obliques,
            negated=any(c.lower_ in _NEGATORS for c in verb.children),
            mood=next(iter(verb.morph.get("Mood", [])), None),
            tense=next(iter(verb.morph.get("Tense", [])), None),
            verb_form=next(iter(verb.morph.get("VerbForm", [])), None),
            reported_by=reported_by,
            speaker=speaker,
        )
