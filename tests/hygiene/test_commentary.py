"""Inserted commentary: opinion in the reporter's voice, not the speakers'."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tregua.hygiene import clean_document
from tregua.hygiene.commentary import find_commentary, sentence_spans
from tregua.model import RawDoc
from tregua.pack import DomainPack

VERBS = ("dijo", "afirmó", "declaró", "añadió")


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_commentary(text, 0, len(text), VERBS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an assertion formula inserted after reporting
        (
            "Los ataques continuaron durante el invierno. Solo que Rusia goza de vasta "
            "autarquía energética y Ucrania no.",
            ["Solo que Rusia goza de vasta autarquía energética y Ucrania no."],
        ),
        # a typo doubling the first capital does not hide it
        (
            "Los ataques continuaron. SSolo que Rusia no depende del gas.",
            ["SSolo que Rusia no depende del gas."],
        ),
        (
            "Ya se sabe que Moscú nunca cede un metro de territorio.",
            ["Ya se sabe que Moscú nunca cede un metro de territorio."],
        ),
        (
            "La ronda terminó sin acuerdo. Está claro que el Kremlin gana tiempo.",
            ["Está claro que el Kremlin gana tiempo."],
        ),
        # first person, inserted after third-person reporting
        (
            "Rusia lanzó nuevos ataques con drones contra Kiev. Creo que la tregua no durará.",
            ["Creo que la tregua no durará."],
        ),
        # attributed: someone's words, not the writer's
        ("Peskov dijo que está claro que no habrá tregua.", []),
        ("Está claro que no habrá tregua, afirmó Peskov.", []),
        ("Según Peskov, está claro que no habrá tregua.", []),
        ("«Solo que Rusia no cederá», declaró el portavoz.", []),
        # first person where the paragraph is someone talking without quotation marks
        ("Tenemos que dialogar. Creo que hace falta un foro.", []),
        ("Creo que la tregua no durará.", []),  # a paragraph of its own: a speaker's line
        # plain reporting, questions and exclamations are left alone
        ("Las delegaciones se reunirán el 1 de febrero en Abu Dabi.", []),
        ("Los ataques siguieron. ¿Quién puede creer en esta tregua?", []),
        ("La reunión terminó. ¡Viva la paz!", []),
        # an opener inside a word or a longer phrase is not the formula
        ("Solo quedan dos rondas de negociación.", []),
    ],
)
def test_find_commentary(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_commentary_sentence_becomes_its_own_paragraph(pack: DomainPack) -> None:
    text = (
        "Las conversaciones siguieron con ataques mutuos. Solo que Rusia goza de autarquía. "
        "Ucrania pidió más defensas aéreas."
    )
    doc = clean_document(RawDoc(source="t.txt", text=text), pack.lexicon)
    assert [(p.kind, doc.text[p.start : p.end]) for p in doc.paragraphs] == [
        ("reporting", "Las conversaciones siguieron con ataques mutuos."),
        ("commentary", "Solo que Rusia goza de autarquía."),
        ("reporting", "Ucrania pidió más defensas aéreas."),
    ]
    (flag,) = [f for f in doc.flags if f.kind == "inserted_commentary"]
    assert flag.text == "Solo que Rusia goza de autarquía."
    assert "solo que" in flag.reason


def test_sentences_are_not_cut_inside_quotes() -> None:
    text = "Dijo «Basta. Ya no más.» Luego calló. Fin."
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))] == [
        "Dijo «Basta. Ya no más.» Luego calló.",
        "Fin.",
    ]


@given(st.text(alphabet=st.sampled_from('Solo que ya se sabe. «»“”"¿?¡!aS'), max_size=120))
def test_commentary_offsets_are_evidence(text: str) -> None:
    for a, b in sentence_spans(text, 0, len(text)):
        assert 0 <= a < b <= len(text) and text[a:b].strip()
    for c in find_commentary(text, 0, len(text), VERBS):
        assert 0 <= c.start < c.end <= len(text)
