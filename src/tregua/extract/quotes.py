"""Direct and reported quotes with their speakers.

- Reported speech: the "que ..." clause of a speech verb ("Peskov confirmó que ..."), cut
  where a second speech verb of the same sentence starts its own clause ("..., subrayando
  que ..."), and the object of a characterising verb ("calificó de ridícula la idea").
- Direct quotes: words between quote marks («», “”, "", ‘’) in a sentence with a speech verb,
  or a paragraph that is a quote on its own, continuing the last speaker. A quote mark
  inside a reported clause stays part of that clause.
- Speakers: the verb's subject (a person, a role holder on the publication day, a described
  source such as "un funcionario estadounidense"), else the last speaker (zero subject).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from tregua.extract.confidence import Scorer, load_calibration
from tregua.extract.quote_features import MAX_FRAGMENT_WORDS, OMISSION, quote_features
from tregua.extract.speakers import (
    Speaker,
    identify_speaker,
    sentence_speaker,
    speech_verbs,
    via_outlet,
)
from tregua.language import sentences_in
from tregua.model import CleanDoc, Paragraph, Quote
from tregua.pack import DomainPack, Lexicon

_PAIRS = {"«": "»", "“": "”", '"': '"', "‘": "’"}
_OPENING = re.compile(r"[«“\"‘]")
_CLOSING = '»”"’'
# a quote of a paragraph of its own, without a speech verb, needs this many words
MIN_UNATTRIBUTED_WORDS = 4
# relations of a clause a speech verb reports
_CLAUSES = frozenset({"ccomp", "xcomp", "obj", "advcl"})
# tokens an aside between a speech verb and its "que" may take: "aseguró, tras hablar
# por teléfono con su homólogo ruso durante una hora, que ..."
MAX_ASIDE = 20
# words that join two clauses and belong to neither quote: "..., y añadió que"
_JOINERS = frozenset({"y", "e", "pero", "mientras", "aunque", "que"})


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quote marks between start and end."""
    spans: list[tuple[int, int]] = []
    pos = start
    while (m := _OPENING.search(text, pos, end)) is not None:
        opening = m.group()
        # straight and curly marks get mixed in copy-edited text: ‘...” and "...”
        closers = {"’", "”", '"'} if opening in '‘"' else {_PAIRS[opening]}
        close = min((i for c in closers if (i := text.find(c, m.end(), end)) >= 0), default=-1)
        if close < 0:
            if opening in "‘«":  # a quote running on past its paragraph's end
                spans.append((m.end(), end))
            break
        if close > m.end():
            spans.append((m.end(), close))
        pos = close + 1
    return spans


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last without edge punctuation and joiners."""
    while first <= last and (doc[first].is_punct and doc[first].text not in _OPENING.pattern):
        first += 1
    while last >= first and (
        (doc[last].is_punct and doc[last].text not in _CLOSING)
        or doc[last].lower_ in _JOINERS
        or doc[last].is_space
    ):
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _reports(verb: Token) -> bool:
    """True when a speech verb has a "que" clause of its own ("..., subrayando que ..."):
    only then does it end the clause before it; "responderá" inside a quote does not."""
    return any(
        t.dep_ == "mark" and t.lower_ == "que" for child in verb.children for t in child.children
    )


def _clause(verb: Token, stops: list[int], lexicon: Lexicon) -> tuple[int, int] | None:
    """The reported words of ``verb``: its "que" clause, or what it characterises.

    ``stops`` are token indices where another speech verb starts its own quote.
    """
    doc = verb.doc
    first = last = None
    for child in verb.children:
        if child.dep_ in _CLAUSES:
            marks = [t for t in child.children if t.dep_ == "mark" and t.lower_ == "que"]
            if marks and marks[0].i > verb.i:
                first, last = marks[0].i + 1, child.right_edge.i
                break
    if first is None:
        # the parser may hang "que" on the speech verb itself: "añadiendo que las partes ..."
        own = [t for t in verb.children if t.dep_ == "mark" and t.lower_ == "que"]
        after = [c for c in verb.children if c.i > verb.i + 1 and c.dep_ in _CLAUSES]
        if verb.dep_ == "advcl" and verb.head.i > verb.i + 1:
            after.append(verb.head)  # or on the clause's verb: "añadiendo que ... tendrán"
        if own and own[0].i == verb.i + 1 and after:
            first, last = own[0].i + 1, max(c.right_edge.i for c in after)
    if first is None and verb.lemma_.lower() in lexicon.characterizing_verbs:
        objects = [c for c in verb.children if c.dep_ in {"obj", "xcomp", "obl"} and c.i > verb.i]
        if objects:
            first, last = min(c.left_edge.i for c in objects), verb.right_edge.i
    if first is None or last is None:
        return None
    for stop in stops:
        if first < stop <= last:
            last = stop - 1
    return _trim(doc, first, last)


def _after_aside(verb: Token, stops: list[int]) -> tuple[int, int] | None:
    """The "que" clause of a verb parted from it by an aside, which the parser hangs on the
    aside: "aseguró, tras hablar con Putin, que estaba trabajando ..."."""
    doc = verb.doc
    sent = verb.sent
    if verb.i + 1 >= sent.end or doc[verb.i + 1].text != ",":
        return None
    for token in doc[verb.i + 2 : sent.end]:
        # the parser takes some for a relative pronoun: "..., que estaba trabajando"
        opens = token.dep_ == "mark" or (token.pos_ == "PRON" and token.head.i > token.i)
        if token.lower_ == "que" and opens and doc[token.i - 1].text == ",":
            last = max(token.head.right_edge.i, token.i + 1)
            for stop in stops:
                if token.i < stop <= last:
                    last = stop - 1
            return _trim(doc, token.i + 1, last)
        if token.text in {".", ";", ":"} or (
            token.lower_ == "que" and token.i > verb.i + MAX_ASIDE
        ):
            return None
    return None


def _before_verb(verb: Token, sent: Span, marks: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Reported words before a verb that closes the sentence's report: "Rusia devolvió los
    restos, informó el martes Kiev" and "..., según indicó el ministerio"; "Según
    informaron las agencias, la reunión terminó" gives what follows the attribution.

    Words in quote marks are left to the direct quotes.
    """
    doc = verb.doc
    if not verb.morph.get("Mood", []) or verb.dep_ not in {"ROOT", "parataxis", "advcl"}:
        return None  # "propuso ..., celebrar" closes nothing: an infinitive, a clause inside
    before = verb.i - 1
    if before > sent.start and doc[before].lower_ == "según":
        before -= 1
    if before <= sent.start:
        if doc[sent.start].lower_ == "según" and verb.i == sent.start + 1:
            comma = next((t.i for t in doc[verb.i : sent.end] if t.text == ","), None)
            if comma is not None and comma + 4 < sent.end:
                return _unquoted(doc, comma + 1, sent.end - 1, marks)
        return None
    if doc[before].text != ",":
        return None
    return _unquoted(doc, sent.start, before - 1, marks)


def _unquoted(
    doc: Doc, first: int, last: int, marks: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The span of tokens first..last when it holds a clause of its own and is no direct
    quote (a quote mark opens it or quoted words make most of it)."""
    span = _trim(doc, first, last)
    if span is None or last - first < 4:
        return None
    if doc[first].text in _PAIRS or doc[first].is_punct:
        return None
    quoted = sum(min(b, span[1]) - max(a, span[0]) for a, b in marks if a < span[1] and b > span[0])
    if quoted * 2 > span[1] - span[0]:
        return None
    if not any(t.pos_ in {"VERB", "AUX"} for t in doc[first : last + 1]):
        return None
    return span


def find_quotes(
    doc: Doc,
    clean: CleanDoc,
    pack: DomainPack,
    day: dt.date | None,
    calibration: Scorer | None = None,
) -> tuple[Quote, ...]:
    """Every quote in the extractable paragraphs, in text order, each with a confidence
    from ``calibration`` (the package's fitted quotes model when None).

    "Peskov confirmó que Putin estuvo de acuerdo" gives a reported quote by Dmitry Peskov;
    «Estamos cerca», dijo a Axios un funcionario estadounidense gives a direct quote with
    speaker None, description "un funcionario estadounidense", country USA, via Axios.
    """
    text = clean.text
    quotes: list[Quote] = []
    last: Speaker | None = None
    speech = speech_verbs(doc, pack.lexicon)
    for para in clean.extractable():
        found, last = _paragraph_quotes(doc, text, para, pack, day, last, speech)
        quotes.extend(found)
    model = calibration if calibration is not None else load_calibration("quotes")
    return tuple(
        dataclasses.replace(q, confidence=model.score(quote_features(q, text)))
        for q in _merge_broken(quotes, text)
    )


def _paragraph_quotes(
    doc: Doc,
    text: str,
    para: Paragraph,
    pack: DomainPack,
    day: dt.date | None,
    last: Speaker | None,
    speech: frozenset[int],
) -> tuple[list[Quote], Speaker | None]:
    """The quotes of one paragraph, and the last speaker it names (``last`` when none): a
    quote without a speaker of its own may be the previous speaker's. ``speech``: the
    document's speech verbs (``speakers.speech_verbs``)."""
    quotes: list[Quote] = []
    sents = sentences_in(doc, para.start, para.end)
    # marks are paired over the whole paragraph: a quote may hold several sentences
    marks = _quote_spans(text, para.start, para.end)
    whole = text[para.start] in _PAIRS
    # the speech verb and speaker of each quote opened in an earlier sentence
    opened: dict[int, tuple[Token | None, Speaker | None]] = {}
    for sent in sents:
        verbs = [
            t
            for t in (doc[i] for i in range(sent.start, sent.end) if i in speech)
            if not any(a <= t.idx < b for a, b in marks)
        ]
        reports, speakers = _reports_in(sent, verbs, marks, pack, day, last)
        taken: list[tuple[int, int]] = []
        for verb, reporter, clause in reports:
            quotes.append(_quote(text, *clause, False, verb, reporter, pack))
            taken.append(clause)
            last = reporter
        # the direct quotes that end in this sentence, outside its reported clauses
        own = [
            m
            for m in marks
            if sent.start_char < m[1] <= sent.end_char + 1
            and not any(a <= m[0] < b for a, b in taken)
        ]
        cue = verbs[0] if verbs else None
        speaker = (speakers.get(cue.i) if cue is not None else None) or last
        attributed = None if verbs else sentence_speaker(sent, text, pack, day)
        if attributed is not None:
            speaker, words_start = attributed
            reported = _reported_after(doc, sent, words_start, marks)
            if reported is not None:
                quotes.append(_quote(text, *reported, False, None, speaker, pack))
                last = speaker
        # a quote opened here that runs on past this sentence keeps its speech verb:
        # "agregó: «Seguimos con el texto. Ese trabajo continúa»"
        if cue is not None:
            for a, b in marks:
                if sent.start_char <= a < sent.end_char and b > sent.end_char + 1:
                    opened[a] = _after_colon(text, sent, a, verbs, speakers) or (cue, speaker)
        if not own:
            continue
        for start, end in own:
            said, by = opened.get(start, (cue, speaker)) if cue is None else (cue, speaker)
            if start >= sent.start_char:
                said, by = _after_colon(text, sent, start, verbs, speakers) or (said, by)
            words = len(text[start:end].split())
            if (
                said is None
                and attributed is None
                and not (whole and words >= MIN_UNATTRIBUTED_WORDS)
            ):
                continue
            if by is None or _is_fragment(text, start, end, sent):
                continue
            quotes.append(_quote(text, start, end, True, said, by, pack))
        if speaker is not None:
            last = speaker
    return quotes, last


def _reports_in(
    sent: Span,
    verbs: list[Token],
    marks: list[tuple[int, int]],
    pack: DomainPack,
    day: dt.date | None,
    last: Speaker | None,
) -> tuple[list[tuple[Token, Speaker, tuple[int, int]]], dict[int, Speaker | None]]:
    """The reported clauses of ``sent``'s speech ``verbs``, each with its verb and speaker,
    and the speaker of every verb (``last`` for a verb whose subject names none)."""
    speakers: dict[int, Speaker | None] = {}
    found: list[tuple[Token, Speaker | None, tuple[int, int] | None]] = []
    for verb in verbs:
        speaker = (
            _governing(verb, speakers)
            or identify_speaker(verb, pack, day)
            or _governing(verb, speakers, any_verb=True)
            or last
        )
        speakers[verb.i] = speaker
        stops = [v.i for v in verbs if v.i > verb.i and _reports(v) and not _under(v, verb)]
        clause = (
            _clause(verb, stops, pack.lexicon)
            or _after_aside(verb, stops)
            or _before_verb(verb, sent, marks)
        )
        found.append((verb, speaker, clause))
    reports: list[tuple[Token, Speaker, tuple[int, int]]] = []
    for verb, speaker, clause in found:
        if clause is None or speaker is None or clause[1] - clause[0] < 4:
            continue
        # a report inside another report is part of it: "Trump anunció que Putin le ha
        # prometido que ..." is Trump's; "Putin subrayó que ..., dijo Ushakov" is Ushakov's
        if any(
            other is not verb and c is not None and c[0] <= verb.idx < c[1] for other, _, c in found
        ) and "Ger" not in verb.morph.get("VerbForm", []):
            continue
        reports.append((verb, speaker, clause))
    return reports, speakers


def _after_colon(
    text: str, sent: Span, start: int, verbs: list[Token], speakers: dict[int, Speaker | None]
) -> tuple[Token, Speaker | None] | None:
    """The speech verb and speaker of a quote opened after a colon: the verb nearest before
    it ("cuando X le sugirió ..., este respondió: «...»" is the answer's)."""
    if not text[sent.start_char : start - 1].rstrip().endswith(":"):
        return None
    before = [v for v in verbs if v.idx < start]
    if not before or speakers.get(before[-1].i) is None:
        return None
    return before[-1], speakers[before[-1].i]


def _reported_after(
    doc: Doc, sent: Span, start: int, marks: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The reported words of a sentence from ``start`` to its end, when they hold a clause
    and no direct quote ("De acuerdo con un comunicado del Kremlin, la cumbre ...")."""
    first = next((t.i for t in sent if t.idx >= start and not t.is_space), None)
    if first is None:
        return None
    return _unquoted(doc, first, sent.end - 1, marks)


def _is_fragment(text: str, start: int, end: int, sent: Span) -> bool:
    """A few quoted words inside a sentence of the reporter's own ("calificó de
    «facilitadores» a los mediadores", "habló de «causas profundas»") are no quote of their
    own; words after a colon are ("dijo: «Seguimos»")."""
    words = len(text[start:end].split())
    if words > MAX_FRAGMENT_WORDS:
        return False
    before = text[sent.start_char : start - 1].rstrip()
    if before.endswith(":") or not before:
        return False
    outside = len(text[sent.start_char : start].split()) + len(text[end : sent.end_char].split())
    return outside >= 2 * words + 6


def _under(inner: Token, outer: Token) -> bool:
    """True when the speech verb ``inner`` lies in the reported clause of ``outer``
    ("anunció que Putin le ha prometido que ..."), not beside it ("..., subrayando que")."""
    if "Ger" in inner.morph.get("VerbForm", []):
        return False  # the parser may hang ", subrayando que" inside the clause before it
    return any(
        child.dep_ in {"ccomp", "obj", "xcomp"} and inner in child.subtree
        for child in outer.children
    )


def _governing(
    verb: Token, speakers: dict[int, Speaker | None], any_verb: bool = False
) -> Speaker | None:
    """A subjectless gerund ("..., subrayando que") speaks for the speech verb it hangs
    from, even where the parser hangs it inside that verb's clause; with ``any_verb``,
    any verb without a subject does."""
    if not any_verb and (
        "Ger" not in verb.morph.get("VerbForm", [])
        or any(c.dep_ in {"nsubj", "nsubj:pass"} for c in verb.children)
    ):
        return None
    for ancestor in verb.ancestors:
        if ancestor.i in speakers:
            return speakers[ancestor.i]
    return None


def _quote(
    text: str,
    start: int,
    end: int,
    direct: bool,
    verb: Token | None,
    speaker: Speaker,
    pack: DomainPack,
) -> Quote:
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        direct=direct,
        cue=verb.text if verb is not None else None,
        speaker=speaker.id,
        speaker_name=speaker.name,
        speaker_description=speaker.description,
        speaker_country=speaker.country,
        via=via_outlet(verb, pack) if verb is not None else None,
    )


def _merge_broken(quotes: list[Quote], text: str) -> list[Quote]:
    """«…», dijo X, «…»: two direct pieces of one speaker split by the attribution are one."""
    merged: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.direct
            and quote.direct
            and prev.speaker_name == quote.speaker_name
            and prev.speaker_description == quote.speaker_description
            and quote.start - prev.end < 60
            and "\n" not in text[prev.end : quote.start]
            and prev.cue is not None
            and prev.cue in text[prev.end : quote.start]
        ):
            merged[-1] = Quote(
                f"{prev.text}{OMISSION}{quote.text}",
                prev.start,
                quote.end,
                True,
                prev.cue,
                prev.speaker,
                prev.speaker_name,
                prev.speaker_description,
                prev.speaker_country,
                prev.via,
            )
            continue
        merged.append(quote)
    return merged
