"""Stances: where each side stands on each issue of the agenda, with the evidence.

A sentence of the reporting paragraphs that raises an issue (one of its cue words) gives a
stance to the sides holding the position there: the speaker of a quote that covers the
cue, else the sides named as the subject of the sentence's main verb, else the sides named
before the cue. Polarity: a condition ("si Rusia ...", "a condición de que") makes it
conditional; a refusal or negation near the cue makes it oppose; anything else support.
A side with both support and oppose on one issue in one article is mixed.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tregua.language import sentences_in
from tregua.language.clauses import clause_text, governor
from tregua.model import CleanDoc, Polarity, Quote, Span, Stance
from tregua.pack import Actor, DomainPack, Issue, Lexicon, issue_pattern

_NEGATORS = frozenset({"no", "nunca", "jamás", "ni"})


def polarity_of(text: str, lexicon: Lexicon) -> Polarity:
    """``"respetaría el alto el fuego si Rusia correspondía"`` -> ``"conditional"``."""
    if lexicon.cues("stance_condition_cues").search(text):
        return "conditional"
    if lexicon.cues("stance_oppose_cues").search(text):
        return "oppose"
    return "support"


def _polarity_at(sent: SpacySpan, cue_at: int, pack: DomainPack) -> Polarity:
    """Polarity read in the clause that raises the issue, not the whole sentence: "elogió
    ... pero rechazó ..." holds two positions. A negated governing verb ("no cederá
    territorio", "no reconocerá jamás") opposes."""
    cue = next((t for t in sent if t.idx >= cue_at), sent.root)
    clause = clause_text(sent, cue)
    polarity = polarity_of(clause, pack.lexicon)
    verb = governor(cue)
    if polarity == "support" and any(c.lower_ in _NEGATORS for c in verb.children):
        return "oppose"
    return polarity


def _issue_cue(sent: SpacySpan, issue: Issue, text: str) -> int | None:
    """Character offset of the first cue of ``issue`` in the sentence, if any; ``text`` is
    the document's text (searched between the sentence's offsets, not copied)."""
    m = issue_pattern(issue).search(text, sent.start_char, sent.end_char)
    return None if m is None else m.start()


def _sides_of(tokens: Iterable[Token], pack: DomainPack) -> list[tuple[str | None, str]]:
    """(actor id, side) of every actor named among ``tokens``; demonyms give a side."""
    found: list[tuple[str | None, str]] = []
    for token in tokens:
        side: str | None = None
        actor_id: str | None = None
        known = pack.by_id.get(token.ent_id_) if token.ent_id_ else None
        if isinstance(known, Actor) and known.country and token.ent_iob_ == "B":
            actor_id, side = known.id, known.country
        elif token.ent_iob_ == "O":
            side = pack.lexicon.demonyms.get(token.lower_)
        if side is not None and all(s != side for _, s in found):
            found.append((actor_id, side))
    return found


def _holders(sent: SpacySpan, cue_at: int, pack: DomainPack) -> list[tuple[str | None, str]]:
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubj:pass"}]
    for subject in subjects:
        sides = _sides_of(subject.subtree, pack)
        if sides:
            return sides
    before = [t for t in sent if t.idx < cue_at]
    return _sides_of(before, pack)[:2]


def find_stances(
    doc: Doc, clean: CleanDoc, quotes: tuple[Quote, ...], pack: DomainPack
) -> tuple[Stance, ...]:
    """One stance per (side, issue) in the document, with the sentence as evidence."""
    text = clean.text
    found: dict[tuple[str, str], Stance] = {}
    for para in clean.extractable():
        if para.kind != "reporting":
            continue
        for sent in sentences_in(doc, para.start, para.end):
            for issue in pack.issues:
                cue_at = _issue_cue(sent, issue, text)
                if cue_at is None:
                    continue
                quote = next(
                    (q for q in quotes if q.start <= cue_at < q.end and q.speaker_country), None
                )
                if quote is not None and quote.speaker_country is not None:
                    holders = [(quote.speaker, quote.speaker_country)]
                else:
                    holders = _holders(sent, cue_at, pack)
                polarity = _polarity_at(sent, cue_at, pack)
                evidence = Span(
                    sent.start_char, sent.end_char, text[sent.start_char : sent.end_char]
                )
                for actor, side in holders:
                    key = (side, issue.key)
                    earlier = found.get(key)
                    if earlier is None:
                        found[key] = Stance(actor, side, issue.key, polarity, evidence)
                    elif {earlier.polarity, polarity} == {"support", "oppose"}:
                        found[key] = Stance(
                            earlier.actor, side, issue.key, "mixed", earlier.evidence
                        )
    return tuple(found.values())
