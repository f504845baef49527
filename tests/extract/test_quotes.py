from __future__ import annotations

import datetime as dt

import pytest

from tregua.extract.quotes import find_quotes
from tregua.hygiene import clean_document
from tregua.model import Quote, RawDoc
from tregua.pipeline import Pipeline

DAY = dt.date(2026, 1, 30)


def quotes_of(text: str, pipeline: Pipeline) -> tuple[Quote, ...]:
    clean = clean_document(RawDoc(source="q.txt", text=text), pipeline.pack.lexicon)
    return find_quotes(pipeline.nlp(clean.text), clean, pipeline.pack, DAY)


@pytest.mark.parametrize(
    ("text", "quoted", "direct", "speaker", "country"),
    [
        (
            "Peskov confirmó que Putin estuvo de acuerdo con la solicitud.",
            "Putin estuvo de acuerdo con la solicitud",
            False,
            "Dmitry Peskov",
            "RUS",
        ),
        (
            "«No hay plazos para la reunión», dijo Peskov.",
            "No hay plazos para la reunión",
            True,
            "Dmitry Peskov",
            "RUS",
        ),
        (
            "Zelenski declaró que respetaría el alto el fuego si Rusia hacía lo mismo.",
            "respetaría el alto el fuego si Rusia hacía lo mismo",
            False,
            "Volodymyr Zelensky",
            "UKR",
        ),
        (
            "El portavoz del Kremlin afirmó que las conversaciones fueron útiles.",
            "las conversaciones fueron útiles",
            False,
            "Dmitry Peskov",
            "RUS",
        ),
        (
            '"Estamos muy cerca de un acuerdo", dijo Trump a los periodistas.',
            "Estamos muy cerca de un acuerdo",
            True,
            "Donald Trump",
            "USA",
        ),
    ],
)
def test_quote_and_speaker(
    text: str, quoted: str, direct: bool, speaker: str, country: str, pipeline: Pipeline
) -> None:
    (quote,) = quotes_of(text, pipeline)
    assert (quote.text, quote.direct, quote.speaker_name, quote.speaker_country) == (
        quoted,
        direct,
        speaker,
        country,
    )


def test_anonymous_source_via_outlet(pipeline: Pipeline) -> None:
    (quote,) = quotes_of(
        "«Estamos muy cerca de una reunión», dijo a Axios un funcionario estadounidense.", pipeline
    )
    assert quote.speaker is None
    assert quote.speaker_description == "un funcionario estadounidense"
    assert quote.speaker_country == "USA"
    assert quote.via == "Axios"


def test_scare_quotes_without_speech_verb_are_not_quotes(pipeline: Pipeline) -> None:
    assert quotes_of('Rusia sigue con la "horrible guerra" en Ucrania.', pipeline) == ()


def test_offsets_point_at_the_quote(pipeline: Pipeline) -> None:
    text = "Peskov confirmó que Putin estuvo de acuerdo."
    (quote,) = quotes_of(text, pipeline)
    assert text[quote.start : quote.end] == quote.text


def test_commentary_is_not_quoted(pipeline: Pipeline) -> None:
    text = "Zelenski habló ayer. >>Ya se sabe que Zelenski dijo que no cederá nunca."
    assert quotes_of(text, pipeline) == ()
