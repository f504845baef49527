from __future__ import annotations

from tregua.language.clauses import ClauseLayer
from tregua.pipeline import Pipeline


def layer_of(text: str, pipeline: Pipeline) -> tuple[ClauseLayer, list[str]]:
    doc = pipeline.nlp(text)
    speech = frozenset(pipeline.pack.lexicon.speech_verbs)
    return ClauseLayer(doc, speech), [t.text for t in doc]


def test_a_clause_names_its_subject_and_prepositional_arguments(pipeline: Pipeline) -> None:
    layer, words = layer_of("Orbán se reunió con Tusk en Varsovia.", pipeline)
    clause = layer.of(layer._doc[words.index("reunió")])
    assert [words[i] for i in clause.subjects] == ["Orbán"]
    assert ("con", words.index("Tusk")) in clause.obliques
    assert not clause.negated


def test_an_event_noun_reads_the_clause_of_its_verb(pipeline: Pipeline) -> None:
    layer, words = layer_of("Los ministros no celebraron la reunión prevista.", pipeline)
    doc = layer._doc
    clause = layer.of(doc[words.index("reunión")])
    assert words[clause.predicate] == "celebraron"
    assert clause.negated
    # built once: the verb and its noun share one clause
    assert layer.of(doc[words.index("celebraron")]) is clause


def test_a_reported_clause_knows_its_speaker(pipeline: Pipeline) -> None:
    layer, words = layer_of("El portavoz afirmó que Varsovia aceptó la oferta.", pipeline)
    clause = layer.of(layer._doc[words.index("aceptó")])
    assert clause.reported_by == words.index("afirmó")
    assert clause.speaker == words.index("portavoz")
