"""Who a speech verb's subject is: a pack entity, a role holder, or a described source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tregua.pack import Actor, DomainPack, Place
from tregua.resolve.entities import local_id


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str | None
    name: str | None
    description: str | None
    country: str | None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubj:pass", "csubj"}:
            return child
    return None


def _entity_in(tokens: SpacySpan, pack: DomainPack, types: tuple[str, ...]) -> Actor | None:
    """The first pack actor of one of ``types`` named in ``tokens``, in the order of ``types``."""
    found = [pack.by_id.get(e.ent_id_) for e in tokens.ents if e.ent_id_]
    actors = [a for a in found if isinstance(a, Actor)]
    for wanted in types:
        for actor in actors:
            if actor.type == wanted:
                return actor
    return None


def _role_holder(text: str, pack: DomainPack, day: dt.date | None) -> Actor | None:
    """The holder of the first role whose title ``text`` names, on ``day``.

    Without a day ("el presidente de EE. UU." in an undated article) the latest holder is
    taken: news is about the present far more often than the past.
    """
    lowered = text.lower()
    for role in pack.roles:
        if any(title in lowered for title in role.lowered_titles):
            holders = pack.holders(role.key, day)
            if day is None and len(holders) > 1:
                return max(
                    holders,
                    key=lambda a: max(
                        (s.start for s in a.roles if s.role == role.key and s.start),
                        default=dt.date.min,
                    ),
                )
            if len(holders) == 1:
                return holders[0]
    return None


def _proper_name(phrase: SpacySpan) -> str | None:
    """The first run of capitalised proper nouns in ``phrase`` that is not a known place."""
    run: list[Token] = []
    for token in phrase:
        if (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.ent_type_ not in {"GPE", "LOC", "FAC", "ORG"}
        ):
            run.append(token)
        elif run:
            break
    return " ".join(t.text for t in run) if run else None


def _side_in(phrase: SpacySpan, pack: DomainPack) -> str | None:
    """The side a described source belongs to: a demonym ("un funcionario estadounidense")
    or a named country, city or body ("las autoridades de Kiev")."""
    for token in phrase:
        if token.ent_iob_ == "O" and token.lower_ in pack.lexicon.demonyms:
            return pack.lexicon.demonyms[token.lower_]
    for ent in phrase.ents:
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if known is not None and known.country:
            return known.country
    return None


def _is_source(subject: Token, pack: DomainPack) -> bool:
    """A described source is a person or body ("un funcionario", "fuentes", "las
    autoridades"), not any subject ("la propuesta indicaba"): its head is a source noun."""
    heads = pack.lexicon.source_heads
    return subject.lower_ in heads or subject.lemma_.lower() in heads


def identify_speaker(verb: Token, pack: DomainPack, day: dt.date | None) -> Speaker | None:
    """The speaker of ``verb`` from its subject: ``None`` when the verb has no subject.

    "el portavoz del Kremlin, Dmitri Peskov" gives Peskov; "el presidente francés" the
    holder of that role on ``day``; "un funcionario estadounidense" a described source
    with country USA.
    """
    subject = _subject(verb)
    if subject is None:
        return None
    doc = verb.doc
    # the subject's words, without a recipient hanging off it ("el funcionario ... a Axios")
    # ... nor the outlet citing it ("una fuente citada por Reuters")
    recipients = [
        c.left_edge.i
        for c in subject.children
        if c.i > subject.i and (_is_recipient(c) or _cited_by(c))
    ]
    phrase = doc[subject.left_edge.i : min([*recipients, subject.right_edge.i + 1])]
    if phrase.start <= verb.i < phrase.end:  # a subject subtree swallowing the verb
        phrase = doc[subject.i : subject.i + 1]
    # a named person first, then a role ("el portavoz del Kremlin" is Peskov, not the
    # Kremlin), then an organisation or country speaking as such
    actor = (
        _entity_in(phrase, pack, ("PERSON",))
        or _role_holder(phrase.text, pack, day)
        or _entity_in(phrase, pack, ("ORG", "GPE"))
    )
    if actor is not None:
        return Speaker(actor.id, actor.name, None, actor.country)
    if subject.pos_ == "PRON":
        return None
    place = next((pack.by_id.get(e.ent_id_) for e in phrase.ents if e.ent_id_), None)
    if isinstance(place, Place) and len(phrase) <= 2:
        # a capital speaking for its government: "Kiev insiste en que ..."
        return Speaker(place.id, place.name, None, place.country)
    name = _proper_name(phrase)
    if name is not None:
        # a person the pack does not know yet: "el ministro alemán, Boris Pistorius"
        return Speaker(local_id(name), name, None, _side_in(phrase, pack))
    if subject.pos_ in {"NOUN", "PROPN"} and _is_source(subject, pack):
        return Speaker(None, None, phrase.text, _side_in(phrase, pack))
    return None


def _cited_by(token: Token) -> bool:
    """A participle with an agent: "citada por Reuters", "recogidas por la agencia"."""
    return token.pos_ in {"VERB", "ADJ"} and any(
        t.dep_ == "case" and t.lower_ == "por" for c in token.children for t in c.children
    )


def _is_recipient(token: Token) -> bool:
    return any(t.dep_ == "case" and t.lower_ == "a" for t in token.children)


def via_outlet(verb: Token, pack: DomainPack) -> str | None:
    """The outlet a speaker told something to: "dijo a Axios" gives "Axios"."""
    subject = _subject(verb)
    candidates = list(verb.children) + (list(subject.children) if subject is not None else [])
    for child in candidates:
        if child.ent_id_ and _is_recipient(child):
            actor = pack.by_id.get(child.ent_id_)
            if isinstance(actor, Actor) and actor.type == "ORG":
                return actor.name
    return None
