"""Stances: where each side stands on each issue of the agenda, with the evidence.

A sentence of the reporting paragraphs that raises an issue (one of its cues) is read from
the cue up the dependency parse, word by word, to the verb that reports it:

- **Polarity against the issue's proposition.** A word of support ("pidió", "propuesta",
  "dispuesto a", "condición clave") settles the stance for what it governs; a word that
  holds the negation ("rechazó", "renuncia a", "descartó", "vetar", "inaceptable", "aleja")
  turns it, and so does a negation ("no cederá el Donbás") or a contrary cue ("levantar
  las sanciones"). A condition hanging from the stance's words ("si ...", "a cambio de
  ...") makes it conditional; a condition under a threat ("amenazó con aranceles si Moscú
  no acepta un alto el fuego") is wanted the other way, by the one who threatens. Nothing
  is assumed: a sentence whose words settle no polarity gives no stance.
- **Holder.** The subject of the highest word that settled the stance below the
  reporting verb ("Washington asegura que Moscú acepta ..." is Moscow's position; "Moscú
  exige que Kiev renuncie ..." Moscow's), else the subject of the verb that reports it
  ("Washington cree que ..."), else the speaker of the quote holding the cue.
- A side with both support and oppose on one issue in one article is mixed.

``stance_features`` gives the named facts a calibrator reads for each stance.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tregua.extract.confidence import Scorer, load_calibration
from tregua.extract.stance_cues import by_lemma, cue_verb_lemmas, issue_cues, sentence_words
from tregua.extract.stance_holders import SUBJECTS, is_agent, main_subject_side, subject_side
from tregua.language import sentences_in
from tregua.language.modality import condition, condition_above, is_negated
from tregua.model import CleanDoc, Polarity, Quote, Span, Stance
from tregua.pack import DomainPack, Lexicon

# relations of a judgment said of its subject: "es una condición clave", "calificó de robo"
_PREDICATIVE = frozenset({"amod", "xcomp", "obj", "obl", "advmod", "acl", "nmod", "appos"})
# how far up the parse a stance is read: a cue, its noun, two or three verbs, the report
_MAX_STEPS = 8
# prepositions of time and circumstance: what they introduce is not a verb's object
_CIRCUMSTANTIAL = frozenset(
    {"durante", "tras", "después", "antes", "desde", "hasta", "según", "mediante", "pese"}
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the words above one cue settle: the holder's tokens, the polarity, and what
    settled it (for the features a calibrator reads)."""

    holder: tuple[str | None, str] | None
    polarity: Polarity
    settler: str  # the lemma that settled the stance: "rechazar"
    steps: int  # words climbed from the cue to the settling word
    negated: bool
    conditional: bool
    reported: bool  # the holder came from the reporting verb or the quote, not the clause
    contrary: bool  # the cue names the issue's contrary ("levantar las sanciones")


def _class(token: Token, lexicon: Lexicon) -> str | None:
    """ "reverse", "support" or None for a word by its lemma."""
    lemma = token.lemma_.lower()
    forms = {lemma, token.lower_}
    if forms & set(lexicon.stance_reverse_lemmas):
        return "reverse"
    if forms & set(lexicon.stance_support_lemmas):
        return "support"
    return None


def _judgment(node: Token, path: set[int], lexicon: Lexicon) -> str | None:
    """A judgment said of the cue's phrase by ``node``'s other words: "es una condición
    innegociable", "sería considerado un objetivo legítimo", "calificó de robo"."""
    # the predicate's own words, the judging word with them: "solo serviría para ..."
    said = " ".join(t.text for t in node.subtree if t.i not in path or t.i == node.i)
    if lexicon.cues("stance_oppose_cues").search(said):
        return "reverse"
    for child in node.children:
        if child.i in path or child.dep_ not in _PREDICATIVE:
            continue
        words = " ".join(t.text for t in child.subtree)
        if lexicon.cues("stance_oppose_cues").search(words):
            return "reverse"
        if child.dep_ in {"amod", "xcomp", "obj", "advmod"}:
            found = _class(child, lexicon)
            if found is not None:
                return found
    return None


def _conditioned(node: Token, conditions: re.Pattern[str]) -> bool:
    """True when a condition hangs from ``node`` or from a word of its clause ("respetaría
    el alto el fuego solicitado si Rusia correspondía")."""
    for token in node.subtree:
        if token.pos_ in {"VERB", "AUX", "ADJ"} and condition(token, conditions) is not None:
            return True
    return False


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in verb.children)


def _copular(node: Token) -> bool:
    return any(c.dep_ == "cop" for c in node.children)


def _argument(token: Token) -> bool:
    """True when ``token`` is what its head is about, not when or where it happens: "durante
    la cumbre", "tras la tregua" are no object of the verb they hang from."""
    cases = {c.lower_ for c in token.children if c.dep_ == "case"}
    return not cases & _CIRCUMSTANTIAL


def _is_report(node: Token, prev: Token, lexicon: Lexicon) -> bool:
    """True for a verb that only reports what is under it: a speech verb or a verb of
    belief over a clause ("afirmó que ...", "cree que ..."); verbs of will still settle."""
    lemma = node.lemma_.lower()
    if lemma in lexicon.stance_volition_lemmas:
        return False
    reporting = lemma in lexicon.speech_verbs or lemma in lexicon.stance_belief_verbs
    return reporting and (prev.dep_ in {"ccomp", "parataxis"} or prev.pos_ in {"VERB", "AUX"})


def _settling(node: Token, prev: Token, path: set[int], lexicon: Lexicon) -> str | None:
    """ "reverse", "support" or None: what ``node`` settles of the phrase below it (``prev``)."""
    # a clause coordinated with ``node`` is not its object: "no ha recibido ninguna
    # propuesta y que una pausa solo serviría ..." keeps the second clause's reading
    coordinated = prev.dep_ == "conj"
    found = _class(node, lexicon) if _argument(prev) and not coordinated else None
    # what is said of the cue's phrase counts ("es una condición clave", "aleja la
    # paz"); an act it is the subject of settles nothing ("los misiles alcanzaron ...")
    if (
        (prev.dep_ in SUBJECTS or is_agent(prev))
        and found == "support"
        and node.pos_ == "VERB"
        and not _copular(node)
    ):
        found = None
    if (
        prev.dep_ in SUBJECTS
        or _copular(node)
        or node.lemma_.lower() in lexicon.characterizing_verbs
    ):
        found = _judgment(node, path, lexicon) or found
    return found


@dataclass(slots=True)
class _Climb:
    """What the words met so far on the way up from a cue settle (``read_stance``)."""

    sign: int
    negated: bool
    settled: str | None = None
    steps: int = 0
    conditional: bool = False
    holder: tuple[str | None, str] | None = None
    reporter: Token | None = None
    # the sign is the holder's once a condition they set is reached
    frozen: bool = False


def _reach_condition(
    climb: _Climb, node: Token, cue: Token, opener: Token, lexicon: Lexicon
) -> bool:
    """The condition ``cue`` lies in is reached at ``node``: what is wanted of it belongs to
    the one who sets it, the other way round under a threat. False when it settles nothing."""
    if (climb.settled is None and opener.i != cue.i) or is_negated(node):
        return False
    # a condition that is the cue itself is what the holder asks for: "a cambio de
    # garantías de seguridad"
    threat = any(
        t.lemma_.lower() in lexicon.stance_threat_lemmas for t in [node, *node.ancestors][:4]
    )
    climb.sign = -climb.sign if threat else climb.sign
    climb.holder, climb.settled, climb.frozen = None, "condition", True
    return True


def _step(
    climb: _Climb,
    node: Token,
    prev: Token,
    path: set[int],
    pack: DomainPack,
    conditions: re.Pattern[str],
) -> None:
    """Read one word ``node`` above the phrase ``prev`` into ``climb``."""
    lexicon = pack.lexicon
    coordinated = prev.dep_ == "conj"
    found = _settling(node, prev, path, lexicon)
    if found == "reverse" and not climb.frozen:
        climb.sign = -climb.sign
    if found is not None:
        climb.settled = climb.settled or node.lemma_.lower()
        side = subject_side(node, pack, path)
        if side is not None:
            climb.holder = side
    if any(c.dep_ == "mark" and c.lower_ == "para" for c in node.children):
        # a purpose is its pursuer's: "el plazo de Trump para que Moscú acepte ..."
        climb.holder = None
    # a failed attempt is still an attempt: "no ha conseguido aprobar el préstamo"
    failed = node.lemma_.lower() in lexicon.failed_outcome_verbs
    if is_negated(node) and not climb.frozen and not failed and not coordinated:
        # a negation turns a position ("no cederá", "no acepta") or a commitment
        # ("no habrá tregua"); a negated fact above the cue settles nothing ("no ha
        # trascendido si Rusia acepta ...")
        if found is not None:
            climb.sign, climb.negated = -climb.sign, True
        elif climb.settled is None and "Fut" in node.morph.get("Tense", []):
            climb.sign, climb.negated, climb.settled = -climb.sign, True, "no"
    if found is not None and not climb.frozen and _conditioned(node, conditions):
        climb.conditional = True


def _fallback_holder(
    climb: _Climb,
    top: Token,
    quote: Quote | None,
    pack: DomainPack,
    previous: tuple[str | None, str] | None,
) -> tuple[str | None, str] | None:
    """The holder when the settling words name none: the reporting verb's subject, the
    quote's speaker, the main verb's subject (``top``), or the previous sentence's."""
    holder, reporter = climb.holder, climb.reporter
    if holder is None and reporter is not None:
        holder = subject_side(reporter, pack)
        if holder is None and not _has_subject(reporter) and reporter.dep_ != "conj":
            holder = previous if quote is None else None
        if holder is None and reporter.dep_ == "conj":  # "X restó importancia y sostuvo que"
            holder = subject_side(reporter.head, pack)
    if holder is None and quote is not None and quote.speaker_country is not None:
        holder = (quote.speaker, quote.speaker_country)
    if holder is None and reporter is None and climb.steps < _MAX_STEPS:
        holder = subject_side(top, pack)  # the sentence's main verb
        if holder is None and not _has_subject(top):
            holder = previous  # a zero subject: "Además, amenazó con ..."
    return holder


def read_stance(
    cue: Token,
    contrary: bool,
    quote: Quote | None,
    pack: DomainPack,
    previous: tuple[str | None, str] | None = None,
) -> Reading | None:
    """The stance the words above ``cue`` settle, or None when they settle none.

    For "Moscú exige que Kiev renuncie a la OTAN" and the cue "OTAN": oppose, held by
    Moscow; for "Kiev mantuvo conversaciones sobre un alto el fuego": None.
    """
    lexicon = pack.lexicon
    conditions = lexicon.cues("stance_condition_cues")
    climb = _Climb(sign=-1 if contrary else 1, negated=False)
    path = {t.i for t in cue.subtree}
    if is_negated(cue):  # "la no adhesión", "no de concesiones territoriales"
        climb.sign, climb.negated = -climb.sign, True
    if cue.pos_ == "VERB":
        # a cue that is an act ("no cederá territorio", "retirar sus tropas") is its
        # doer's position
        climb.settled = cue.lemma_.lower()
        climb.holder = subject_side(cue, pack)
        climb.conditional = _conditioned(cue, conditions)
    prev, node = cue, cue.head
    # a cue inside a condition: "amenazó con aranceles si Moscú no acepta un alto el fuego"
    inside = condition_above(cue, conditions)
    while node.i != prev.i and climb.steps < _MAX_STEPS:
        climb.steps += 1
        if _is_report(node, prev, lexicon):
            climb.reporter = node
            break
        if inside is not None and node.i == inside[1].i:
            if not _reach_condition(climb, node, cue, inside[0], lexicon):
                return None
            inside = None
        else:
            _step(climb, node, prev, path, pack, conditions)
        path |= {node.i}
        prev, node = node, node.head
    if climb.settled is None:
        return None
    reported = climb.holder is None
    holder = _fallback_holder(climb, node, quote, pack, previous)
    if holder is None:
        return None
    # conditional is support under a stated condition (ANNOTATION.md): "no cederá
    # territorio a cambio de una tregua" stays against
    polarity: Polarity = (
        "oppose" if climb.sign < 0 else ("conditional" if climb.conditional else "support")
    )
    return Reading(
        holder,
        polarity,
        climb.settled,
        climb.steps,
        climb.negated,
        climb.conditional,
        reported,
        contrary,
    )


def find_stances(
    doc: Doc,
    clean: CleanDoc,
    quotes: tuple[Quote, ...],
    pack: DomainPack,
    calibration: Scorer | None = None,
) -> tuple[Stance, ...]:
    """One stance per (side, issue) in the document, with the sentence as evidence and a
    confidence from ``calibration`` (the package's fitted stances model when None)."""
    model = calibration if calibration is not None else load_calibration("stances")
    return tuple(
        dataclasses.replace(s, confidence=model.score(f))
        for s, f in find_stance_readings(doc, clean, quotes, pack)
    )


def _find(
    doc: Doc, clean: CleanDoc, quotes: tuple[Quote, ...], pack: DomainPack
) -> list[tuple[Stance, Reading]]:
    text = clean.text
    found: dict[tuple[str, str], tuple[Stance, Reading]] = {}
    # the side of the last sentence's subject, for a sentence without one
    previous: tuple[str | None, str] | None = None
    verbs = cue_verb_lemmas(doc, pack.issues)
    for para in clean.extractable():
        if para.kind != "reporting":
            continue
        for sent in sentences_in(doc, para.start, para.end):
            before = previous
            previous = main_subject_side(sent, pack)
            evidence = Span(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])
            lemmas, words = by_lemma(sent, verbs), sentence_words(sent)
            for issue in pack.issues:
                seen: set[int] = set()
                for start, end, contrary in issue_cues(sent, issue, text, lemmas, words):
                    span = doc.char_span(start, end, alignment_mode="expand")
                    if span is None or span.root.i in seen:
                        continue
                    seen.add(span.root.i)
                    quote = next(
                        (q for q in quotes if q.start <= start < q.end and q.speaker_country),
                        None,
                    )
                    reading = read_stance(span.root, contrary, quote, pack, before)
                    if reading is None or reading.holder is None:
                        continue
                    actor, side = reading.holder
                    key = (side, issue.key)
                    earlier = found.get(key)
                    stance = Stance(actor, side, issue.key, reading.polarity, evidence)
                    if earlier is None:
                        found[key] = (stance, reading)
                    elif {earlier[0].polarity, reading.polarity} == {"support", "oppose"}:
                        first = earlier[0]
                        found[key] = (
                            Stance(first.actor, side, issue.key, "mixed", first.evidence),
                            earlier[1],
                        )
    return list(found.values())


STANCE_FEATURES: dict[str, str] = {
    "steps": "words climbed from the cue to the word that settled it",
    "settled_by_verb": "1 when a word of the sentence settled it (not a negation alone "
    "nor a condition)",
    "settled_by_condition": "1 when it is what a condition asks for",
    "negated": "1 when a negation turned it",
    "conditional": "1 when a condition hangs from the words that settled it",
    "oppose": "1 when its polarity is oppose",
    "holder_from_report": "1 when the holder came from the reporting verb, the quote or "
    "the previous sentence, not from the settling words",
    "holder_named": "1 when the holder is a named actor, not only a side",
    "contrary_cue": "1 when the cue names the issue's contrary (levantar las sanciones)",
    "mixed": "1 when the side both supports and opposes the issue in the article",
}


def stance_features(reading: Reading, mixed: bool = False) -> dict[str, float]:
    """The values of ``STANCE_FEATURES`` for one stance: what a fitted calibrator reads
    (extract/confidence.py), each 0/1 or a small count."""
    return {
        "steps": float(reading.steps),
        "settled_by_verb": float(reading.settler not in {"no", "condition"}),
        "settled_by_condition": float(reading.settler == "condition"),
        "negated": float(reading.negated),
        "conditional": float(reading.conditional),
        "oppose": float(reading.polarity == "oppose"),
        "holder_from_report": float(reading.reported),
        "holder_named": float(reading.holder is not None and reading.holder[0] is not None),
        "contrary_cue": float(reading.contrary),
        "mixed": float(mixed),
    }


def find_stance_readings(
    doc: Doc, clean: CleanDoc, quotes: tuple[Quote, ...], pack: DomainPack
) -> list[tuple[Stance, dict[str, float]]]:
    """Each stance with its features for a calibrator: ``stance_features`` of its reading."""
    return [
        (s, stance_features(r, s.polarity == "mixed")) for s, r in _find(doc, clean, quotes, pack)
    ]
