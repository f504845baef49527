"""Who holds a stance: the side named by a verb's subject, a passive's agent, or the owner
of a noun of will (extract/stances.py reads the polarity, this module the holder)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tregua.pack import Actor, DomainPack

SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj"})


def _sides_of(tokens: Iterable[Token], pack: DomainPack) -> list[tuple[str | None, str]]:
    """(actor id, side) of every actor named among ``tokens``; demonyms give a side."""
    found: list[tuple[str | None, str]] = []
    for token in tokens:
        side: str | None = None
        actor_id: str | None = None
        known = pack.by_id.get(token.ent_id_) if token.ent_id_ else None
        if known is not None and known.country and token.ent_iob_ == "B":
            actor_id = known.id if isinstance(known, Actor) else None
            side = known.country
        elif token.ent_iob_ == "O":
            side = pack.lexicon.demonyms.get(token.lower_)
        if side is not None and all(s != side for _, s in found):
            found.append((actor_id, side))
    return found


def subject_side(
    verb: Token,
    pack: DomainPack,
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[str | None, str] | None:
    """The side named by ``verb``'s subject, or by the agent of a passive ("planteada por
    Bruselas") or the owner of a noun of will ("las peticiones de Zelenski"); words in
    ``skip`` (the cue's own phrase) name no holder."""
    will = verb.lemma_.lower() in pack.lexicon.stance_volition_lemmas
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.i in skip:
                return None
            sides = _sides_of(_without_clauses(child), pack)
            return sides[0] if sides else None
    for child in verb.children:
        if child.i in skip:
            continue
        case = {c.lower_ for c in child.children if c.dep_ == "case"}
        agentive = ("por" in case and verb.pos_ in {"VERB", "ADJ"}) or (
            "de" in case and verb.pos_ == "NOUN" and will
        )
        if child.dep_ in {"obl", "obl:agent", "nmod"} and agentive:
            sides = _sides_of([child], pack)
            if sides:
                return sides[0]
    return None


def _without_clauses(subject: Token) -> list[Token]:
    """The subject's words without a relative or other clause hanging from it."""
    skip: set[int] = set()
    for child in subject.children:
        # "una fuente citada por Reuters": the outlet that cites a source is not its side
        participle = "Part" in child.morph.get("VerbForm", []) and child.dep_ in {"amod", "acl"}
        if child.dep_ in {"acl", "acl:relcl", "advcl", "ccomp"} or participle:
            skip |= {t.i for t in child.subtree}
    for token in subject.subtree:
        if is_agent(token):  # "citada por Reuters", however the parser hangs it
            skip |= {t.i for t in token.subtree}
        elif _depth(token, subject) > 2:
            # a side named deep in the phrase is not the subject's: "el dinero procedente
            # de los activos rusos"
            skip.add(token.i)
    return [t for t in subject.subtree if t.i not in skip]


def _depth(token: Token, top: Token) -> int:
    """Edges from ``top`` down to ``token`` (in ``top``'s subtree)."""
    depth = 0
    while token.i != top.i and depth < 10:
        token, depth = token.head, depth + 1
    return depth


def main_subject_side(sent: SpacySpan, pack: DomainPack) -> tuple[str | None, str] | None:
    """The side of the subject nearest ``sent``'s main verb that names one: who a following
    sentence without a subject most likely continues with ("Los comentarios surgen tras
    la crítica, cuando el presidente estadounidense dijo ... Además, amenazó con ...")."""
    level = [sent.root]
    while level:  # the subject nearest the main verb, level by level
        for verb in level:
            for child in verb.children:
                if child.dep_ in SUBJECTS:
                    sides = _sides_of(_without_clauses(child), pack)
                    if sides:
                        return sides[0]
        level = [c for v in level for c in v.children if c.pos_ in {"VERB", "AUX", "ADJ"}]
    return None


def is_agent(token: Token) -> bool:
    """The agent of a passive: "fueron alcanzados por misiles"."""
    return any(c.dep_ == "case" and c.lower_ == "por" for c in token.children)
