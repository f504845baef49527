from __future__ import annotations

import pytest

from tregua.extract.quotes import find_quotes
from tregua.extract.stances import find_stances, polarity_of
from tregua.hygiene import clean_document
from tregua.model import RawDoc, Stance
from tregua.pack import DomainPack
from tregua.pipeline import Pipeline


def stances_of(text: str, pipeline: Pipeline) -> tuple[Stance, ...]:
    clean = clean_document(RawDoc(source="s.txt", text=text), pipeline.pack.lexicon)
    doc = pipeline.nlp(clean.text)
    quotes = find_quotes(doc, clean, pipeline.pack, None)
    return find_stances(doc, clean, quotes, pipeline.pack)


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("respetaría el alto el fuego si Rusia correspondía", "conditional"),
        ("Rusia rechaza cualquier despliegue de tropas europeas", "oppose"),
        ("Kiev insiste en que se debe acordar un alto el fuego", "support"),
    ],
)
def test_polarity(text: str, polarity: str, pack: DomainPack) -> None:
    assert polarity_of(text, pack.lexicon) == polarity


@pytest.mark.parametrize(
    ("text", "country", "issue", "polarity"),
    [
        (
            "Zelenski declaró que respetaría el alto el fuego si Rusia hacía lo mismo.",
            "UKR",
            "ceasefire",
            "conditional",
        ),
        (
            "El Kremlin rechazó el despliegue de tropas europeas en Ucrania.",
            "RUS",
            "foreign_troops",
            "oppose",
        ),
        (
            "Francia y el Reino Unido ofrecieron garantías de seguridad a Kiev.",
            "FRA",
            "security_guarantees",
            "support",
        ),
    ],
)
def test_stance_of_a_side(
    text: str, country: str, issue: str, polarity: str, pipeline: Pipeline
) -> None:
    found = {(s.country, s.issue): s for s in stances_of(text, pipeline)}
    assert found[(country, issue)].polarity == polarity
    evidence = found[(country, issue)].evidence
    assert text[evidence.start : evidence.end] == evidence.text
