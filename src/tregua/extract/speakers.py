"""Who a speech verb's subject is: a pack entity, a role holder, or a described source;
and who a sentence names as its speaker without a speech verb ("En palabras de X, ...")."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tregua.pack import Actor, DomainPack, Lexicon, Place, Role
from tregua.resolve.entities import local_id

# a speaker and a colon opening a sentence of quoted words: "Peskov: «No hay plazos»"
_COLON = re.compile(r"^\W*([^:«»\"“”‘’,]{2,60}):\s*[«“\"‘]")
# the most words a speaker named without a speech verb may take
MAX_NAME_WORDS = 8
# how far up a gerund or coordinated verb looks for the verb whose subject it shares
_MAX_CLIMB = 5
_NON_FINITE = frozenset({"Inf", "Ger"})
# demonstratives that name the latter of two people: "..., este respondió"
_LATTER = frozenset({"este", "esta", "éste", "ésta"})


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str | None
    name: str | None
    description: str | None
    country: str | None


def _own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubj:pass", "csubj"}:
            return child
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``; a coordinated verb or a gerund without one shares the
    subject of the nearest finite verb above it ("Zelenski se ha abierto a ... y ha
    desvelado que ...", "Moscú ha enviado un mensaje, hablando de ... o diciendo que ...")."""
    subject = _own_subject(verb)
    if subject is not None or not (verb.dep_ == "conj" or "Ger" in verb.morph.get("VerbForm", [])):
        return subject
    # the parser may hang "añadiendo que las partes tendrán ..." below the verb it reports
    reported = any(t.dep_ == "mark" and t.lower_ == "que" for t in verb.children)
    token = verb
    for _ in range(_MAX_CLIMB):
        if token.head.i == token.i:
            return None
        token = token.head
        if reported and token.i > verb.i:
            continue
        if token.pos_ in {"VERB", "AUX"} and not _NON_FINITE & set(token.morph.get("VerbForm", [])):
            return _own_subject(token)
    return None


def _entity_in(
    tokens: SpacySpan, pack: DomainPack, types: tuple[str, ...], top: Token | None = None
) -> Actor | None:
    """The first pack actor of one of ``types`` named in ``tokens``, in the order of ``types``;
    with ``top``, none named inside a complement of a noun below it ("X, asesor del
    presidente ruso, Vladimir Putin" names Putin, who is not the subject)."""
    found = [
        pack.by_id.get(e.ent_id_)
        for e in tokens.ents
        if e.ent_id_ and (top is None or not _in_complement(e.root, top))
    ]
    actors = [a for a in found if isinstance(a, Actor)]
    for wanted in types:
        for actor in actors:
            if actor.type == wanted:
                return actor
    return None


def _in_complement(token: Token, top: Token) -> bool:
    """True when ``token`` hangs below ``top`` through a noun's complement ("del
    presidente"), not as ``top`` itself or its apposition ("el portavoz, Dmitri Peskov")."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "nmod":
            return True
        token = token.head
    return False


def _unknown_name(subject: Token) -> str | None:
    """The name of a person the pack does not know when the subject is that name itself:
    "Vladimir Medisnki, asesor del presidente ruso, Vladimir Putin, ha afirmado"."""
    named = subject.pos_ == "PROPN" or subject.ent_type_ in {"PER", "PERSON"}
    if not named or subject.ent_id_ or not subject.text[:1].isupper():
        return None
    if subject.ent_type_ in {"GPE", "LOC", "FAC", "ORG", "MISC"}:
        return None
    doc = subject.doc
    first = last = subject.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].dep_ == "flat" and doc[last + 1].head == subject:
        last += 1
    if any(t.ent_id_ for t in doc[first : last + 1]):
        return None
    return doc[first : last + 1].text


def _cited_source(phrase: SpacySpan, pack: DomainPack) -> Actor | None:
    """The person a subject cites for what it reports, named after the verb "citar":
    "informó X, que cita al portavoz, Dmitri Peskov" speaks Peskov's words."""
    for token in phrase:
        if token.lemma_.lower() == "citar" and token.pos_ == "VERB":
            return _entity_in(phrase.doc[token.i + 1 : phrase.end], pack, ("PERSON",))
    return None


def _body(subject: Token, phrase: SpacySpan, pack: DomainPack) -> Speaker | None:
    """An institution that speaks as itself, named by the words the text gives it when they
    say whose it is: "el Ministerio de Asuntos Exteriores de X", "la presidencia turca"."""
    if subject.lemma_.lower() not in pack.lexicon.speaking_bodies or subject.ent_id_:
        return None
    side = _side_in(phrase, pack)
    if side is None:
        return None
    words = [t for t in phrase if not t.is_punct]
    while words and words[0].pos_ == "DET":
        words = words[1:]
    name = phrase.doc[words[0].i : words[-1].i + 1].text if words else None
    if not name or len(name.split()) > 8:
        return None
    return Speaker(local_id(name), name, None, side)


@dataclass(frozen=True, slots=True)
class _Titles:
    """Every role title of a pack in one pattern: ``finder`` gives, at each offset, the
    longest title there; ``within`` the titles each one begins with (itself included), which
    are then there too."""

    finder: re.Pattern[str]
    within: dict[str, frozenset[str]]
    always: frozenset[int]  # roles with an empty title, which any text names


@functools.lru_cache(maxsize=4)
def _titles(roles: tuple[Role, ...]) -> _Titles:
    titles = {t for role in roles for t in role.lowered_titles if t}
    ordered = sorted(titles, key=len, reverse=True)
    finder = re.compile("(?=(" + "|".join(map(re.escape, ordered)) + "))" if ordered else "(?!x)x")
    within = {t: frozenset(u for u in titles if t.startswith(u)) for t in titles}
    always = frozenset(i for i, role in enumerate(roles) if "" in role.lowered_titles)
    return _Titles(finder, within, always)


def _roles_named(lowered: str, pack: DomainPack) -> list[Role]:
    """The roles one of whose titles ``lowered`` holds, in the pack's order: one scan of the
    text for all titles, not a search for each title of each role."""
    titles = _titles(pack.roles)
    present: set[str] = set()
    for m in titles.finder.finditer(lowered):
        present |= titles.within[m.group(1)]
    return [
        role
        for i, role in enumerate(pack.roles)
        if i in titles.always or not present.isdisjoint(role.lowered_titles)
    ]


def _role_holder(text: str, pack: DomainPack, day: dt.date | None) -> Actor | None:
    """The holder of the first role whose title ``text`` names, on ``day``.

    Without a day ("el presidente de EE. UU." in an undated article) the latest holder is
    taken: news is about the present far more often than the past.
    """
    for role in _roles_named(text.lower(), pack):
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
    latter = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in _LATTER]
    if latter:
        return _latter(latter[0], pack, day)
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
    return phrase_speaker(subject, phrase, pack, day)


def _latter(pronoun: Token, pack: DomainPack, day: dt.date | None) -> Speaker | None:
    """Who "este" or "esta" as a subject names: the person the pack knows last named
    before it in its sentence ("cuando el corresponsal le sugirió al portavoz del Kremlin ..., este
    respondió" is the spokesman)."""
    doc = pronoun.doc
    for token in reversed(doc[pronoun.sent.start : pronoun.i]):
        if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"nsubj", "nsubj:pass"}:
            continue
        if token.head.pos_ in {"NOUN", "PROPN"} and token.head.i < token.i:
            continue  # a word inside a longer name: its head is read instead
        phrase = doc[token.left_edge.i : min(token.right_edge.i + 1, pronoun.i)]
        found = phrase_speaker(token, phrase, pack, day)
        actor = pack.by_id.get(found.id) if found is not None and found.id else None
        if isinstance(actor, Actor) and actor.type == "PERSON":
            return found
    return None


def phrase_speaker(
    subject: Token, phrase: SpacySpan, pack: DomainPack, day: dt.date | None
) -> Speaker | None:
    """Who the noun phrase ``phrase``, headed by ``subject``, names as a speaker: a person,
    a role holder, an institution, a country, or a described source; None for none."""
    # a named person first, then a role ("el portavoz del Kremlin" is Peskov, not the
    # Kremlin), then an organisation or country speaking as such
    cited = _cited_source(phrase, pack)
    if cited is not None:
        return Speaker(cited.id, cited.name, None, cited.country)
    unknown = _unknown_name(subject)
    if unknown is not None:
        return Speaker(local_id(unknown), unknown, None, _side_in(phrase, pack))
    actor = _entity_in(phrase, pack, ("PERSON",), subject) or _role_holder(phrase.text, pack, day)
    if actor is None and (body := _body(subject, phrase, pack)) is not None:
        return body
    actor = actor or _entity_in(phrase, pack, ("ORG", "GPE"))
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


@functools.cache
def _openers(openers: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a sentence opening with one of ``openers`` and "de"/"del"."""
    words = "|".join(re.escape(o) for o in sorted(openers, key=len, reverse=True))
    return re.compile(rf"^\W*(?:{words})\s+del?\s+", re.IGNORECASE)


def sentence_speaker(
    sent: SpacySpan, text: str, pack: DomainPack, day: dt.date | None
) -> tuple[Speaker, int] | None:
    """The speaker a sentence names before its words without a speech verb, and where the
    words start: "En palabras de Peskov, «...»", "De acuerdo con un comunicado del
    Kremlin, la cumbre ...", "Peskov: «...»"."""
    said = text[sent.start_char : sent.end_char]
    opener = _openers(pack.lexicon.attribution_openers).match(said) if said else None
    if opener is not None:
        comma = said.find(",", opener.end())
        if comma < 0:
            return None
        name, words = (opener.end(), comma), comma + 1
    elif (colon := _COLON.match(said)) is not None:
        name, words = colon.span(1), colon.end(1) + 1
    else:
        return None
    span = sent.doc.char_span(
        sent.start_char + name[0], sent.start_char + name[1], alignment_mode="contract"
    )
    if span is None or not 0 < len(span) <= MAX_NAME_WORDS:
        return None
    speaker = phrase_speaker(span.root, span, pack, day)
    return (speaker, sent.start_char + words) if speaker is not None else None


def speech_verbs(doc: Doc, lexicon: Lexicon) -> frozenset[int]:
    """The indices of the document's speech verbs: a verb or auxiliary whose lemma or form is
    one of the lexicon's, read from the document's arrays once, each lemma looked up once."""
    table = doc.to_array([POS, LEMMA, LOWER])
    strings, verbs = doc.vocab.strings, lexicon.speech_verbs
    by_lemma: dict[int, bool] = {}
    found = set()
    for i in numpy.flatnonzero(numpy.isin(table[:, 0], (VERB, AUX))).tolist():
        lemma, lower = int(table[i, 1]), int(table[i, 2])
        said = by_lemma.get(lemma)
        if said is None:
            said = by_lemma[lemma] = strings[lemma].lower() in verbs
        if said or strings[lower] in verbs:
            found.add(i)
    return frozenset(found)
