"""Clauses of a parsed sentence: where status cues, sides and stance polarity are read."""

from __future__ import annotations

from spacy.tokens import Span, Token

# clauses hanging from a verb that report something else
OTHER_CLAUSES = frozenset({"advcl", "parataxis", "conj", "ccomp", "acl", "acl:relcl"})


def governor(token: Token) -> Token:
    """The verb a word hangs from ("... planteando la posibilidad de una reunión" gives
    "planteando" for "reunión"); the word itself when it is a verb."""
    head = token
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"} or head.head is head:
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
