"""Glued words: flagged on the token, split form kept as a repair, the text unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tregua.hygiene import clean_document
from tregua.hygiene.glued import find_glued, spanish_words
from tregua.model import RawDoc
from tregua.pack import DomainPack


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        # an acronym run into the next word
        ("Ucrania usó misiles de la OTANpara atacar.", [("OTANpara", "OTAN para")]),
        ("sacando a la OTANde Ucrania.", [("OTANde", "OTAN de")]),
        ("según informó la agencia TASSaseguró un portavoz", [("TASSaseguró", "TASS aseguró")]),
        # a word followed by a function word
        ("no aspira a generaruna guerra más amplia", [("generaruna", "generar una")]),
        ("fuentes del Kremlinque pidieron anonimato", [("Kremlinque", "Kremlin que")]),
        # two long words meeting on a doubled vowel
        ("sistemas de defensaantiaérea alemanes", [("defensaantiaérea", "defensa antiaérea")]),
        # a lower-case word run into a capitalised one
        ("la retirada deUcrania", [("deUcrania", "de Ucrania")]),
        # words that only look glued
        ("La OTAN para Ucrania.", []),
        ("La ONU y EE.UU. hablaron.", []),
        ("SSolo que Rusia goza de autarquía.", []),
        ("la contraofensiva y los cárteles", []),
        ("la votación determinará el ganador", []),
        ("el alumno de la escuela CBTa llegó", []),
        ("decirlas y brinque", []),
        ("Angelique y Enrique llegaron al mandamás", []),
        ("un portaaviones y el microondas", []),
    ],
)
def test_glued_words(text: str, glued: list[tuple[str, str]], words: frozenset[str]) -> None:
    assert [(g.token, g.replacement) for g in find_glued(text, 0, len(text), words)] == glued


def test_flag_and_repair_keep_the_text(pack: DomainPack, words: frozenset[str]) -> None:
    raw = "Rusia no aspira a generaruna guerra. Ucrania usó misiles de la OTANpara atacar."
    doc = clean_document(RawDoc(source="t.txt", text=raw), pack.lexicon, words)
    assert doc.text == raw
    flags = [f for f in doc.flags if f.kind == "glued_words"]
    assert [f.text for f in flags] == ["generaruna", "OTANpara"]
    assert "generar una" in flags[0].reason
    assert [(r.start, r.end, r.replacement) for r in doc.repairs] == [
        (flags[0].start, flags[0].end, "generar una"),
        (flags[1].start, flags[1].end, "OTAN para"),
    ]
    assert doc.repaired_text() == (
        "Rusia no aspira a generar una guerra. Ucrania usó misiles de la OTAN para atacar."
    )


def test_without_a_word_list_only_acronyms_are_found(pack: DomainPack) -> None:
    doc = clean_document(RawDoc(source="t.txt", text="la OTANpara generaruna guerra"), pack.lexicon)
    assert [f.text for f in doc.flags if f.kind == "glued_words"] == ["OTANpara"]


def test_word_list_keeps_letters_only() -> None:
    assert spanish_words(["Kremlin", "2026", "numйrico", "de", "-Oh", "Abu Dabi"]) == {
        "kremlin",
        "de",
        "abu",
        "dabi",
    }


@given(st.text(alphabet=st.sampled_from("aeOTANpdrquKéí ."), max_size=60))
def test_glue_offsets_are_evidence(text: str) -> None:
    words = frozenset({"para", "kremlin", "otan", "generar", "una", "que", "de"})
    for glue in find_glued(text, 0, len(text), words):
        assert text[glue.start : glue.end] == glue.token
        assert glue.replacement.replace(" ", "") == glue.token
