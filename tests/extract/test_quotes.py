from __future__ import annotations

import datetime as dt

import pytest

from tregua.extract.quote_features import QUOTE_FEATURES
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


@pytest.mark.parametrize(
    ("text", "speaker", "description", "country"),
    [
        # a role without a date names its latest holder
        (
            "El presidente de EE.UU. advirtió que Rusia podría enfrentar sanciones.",
            "Donald Trump",
            None,
            "USA",
        ),
        # a capital speaks for its country
        ("Kiev insiste en que se debe acordar un alto el fuego.", "Kyiv", None, "UKR"),
        # a described source takes the side of the place it names
        (
            "Las autoridades de Kiev informaron que el balance subió a 32 muertos.",
            None,
            "Las autoridades de Kiev",
            "UKR",
        ),
        # a person the pack does not know is still a named speaker
        (
            "El ministro alemán, Boris Pistorius, afirmó que Berlín mantendrá su apoyo.",
            "Boris Pistorius",
            None,
            "DEU",
        ),
    ],
)
def test_speaker_resolution(
    text: str, speaker: str | None, description: str | None, country: str, pipeline: Pipeline
) -> None:
    quotes = quotes_of(text, pipeline)
    assert quotes, text
    quote = quotes[0]
    assert (quote.speaker_name, quote.speaker_description, quote.speaker_country) == (
        speaker,
        description,
        country,
    )


def test_inanimate_subject_is_not_a_source(pipeline: Pipeline) -> None:
    text = (
        "Peskov habló con la prensa. La propuesta indicaba que Rusia estaba más "
        "interesada en la capitulación de Ucrania."
    )
    quotes = quotes_of(text, pipeline)
    assert all(q.speaker_description != "La propuesta" for q in quotes)


def test_gerund_starts_a_second_reported_clause(pipeline: Pipeline) -> None:
    text = (
        "Putin declaró que Rusia logrará sus objetivos, subrayando que Moscú prefiere "
        "las negociaciones."
    )
    texts = [q.text for q in quotes_of(text, pipeline)]
    assert texts == ["Rusia logrará sus objetivos", "Moscú prefiere las negociaciones"]


def test_speech_verb_inside_the_clause_does_not_cut_it(pipeline: Pipeline) -> None:
    text = "Lavrov advirtió de que Moscú responderá de forma simétrica contra los activos."
    (quote,) = quotes_of(text, pipeline)
    assert quote.text == "Moscú responderá de forma simétrica contra los activos"


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        # the attribution after the reported words
        (
            "Las tropas rusas avanzaron dos kilómetros en el este, dijo el portavoz del Kremlin.",
            "Las tropas rusas avanzaron dos kilómetros en el este",
            "Dmitry Peskov",
        ),
        (
            "La reunión terminó sin acuerdo tras tres horas, según informó Zelenski.",
            "La reunión terminó sin acuerdo tras tres horas",
            "Volodymyr Zelensky",
        ),
        (
            "Según informó Zelenski, la reunión terminó sin acuerdo tras tres horas.",
            "la reunión terminó sin acuerdo tras tres horas",
            "Volodymyr Zelensky",
        ),
        # an aside between the verb and its "que" clause
        (
            "Trump aseguró, tras hablar con Putin por teléfono, que la cumbre se celebrará pronto.",
            "la cumbre se celebrará pronto",
            "Donald Trump",
        ),
    ],
)
def test_reported_speech_on_real_prose(
    text: str, quoted: str, speaker: str, pipeline: Pipeline
) -> None:
    found = {q.text: q for q in quotes_of(text, pipeline)}
    assert quoted in found
    assert found[quoted].speaker_name == speaker
    assert found[quoted].direct is False


def test_zero_subject_takes_the_previous_speaker(pipeline: Pipeline) -> None:
    quotes = quotes_of(
        "Zelenski afirmó que la reunión fue útil. "
        "Ambas delegaciones intercambiarán prisioneros la próxima semana, añadió.",
        pipeline,
    )
    added = next(q for q in quotes if q.text.startswith("Ambas delegaciones"))
    assert added.speaker_name == "Volodymyr Zelensky"


@pytest.mark.parametrize(
    "text",
    [
        # "según X" with no speech verb is not a quote
        "Según Peskov, la reunión terminó sin acuerdo tras tres horas.",
        # a few quoted words inside the reporter's own sentence
        "El ministro habló de «causas profundas» del conflicto durante su visita a la capital.",
    ],
)
def test_not_a_quote(text: str, pipeline: Pipeline) -> None:
    assert quotes_of(text, pipeline) == ()


def test_quote_after_a_colon_is_direct(pipeline: Pipeline) -> None:
    (quote,) = quotes_of("Peskov dijo: «Seguimos trabajando».", pipeline)
    assert (quote.text, quote.direct, quote.speaker_name) == (
        "Seguimos trabajando",
        True,
        "Dmitry Peskov",
    )


def test_a_report_inside_a_report_is_the_outer_speaker_s(pipeline: Pipeline) -> None:
    quotes = quotes_of(
        "Putin subrayó que Moscú quiere seguir dialogando con Washington, dijo Ushakov.", pipeline
    )
    assert [q.speaker_name for q in quotes] == ["Yuri Ushakov"]
    assert quotes[0].text.startswith("Putin subrayó que Moscú quiere")


def test_zero_subject_after_a_nested_report(pipeline: Pipeline) -> None:
    quotes = quotes_of(
        "Trump anunció que Putin le ha prometido que dejará de atacar las centrales. "
        "«Ha sido muy agradable hablar con él sobre este asunto», afirmó después.",
        pipeline,
    )
    assert {q.speaker_name for q in quotes} == {"Donald Trump"}


def test_quote_features_name_what_the_quote_rests_on(pipeline: Pipeline) -> None:
    from tregua.extract.quote_features import quote_features

    text = "«No hay plazos para la reunión», dijo Peskov."
    (quote,) = quotes_of(text, pipeline)
    features = quote_features(quote, text)
    assert features["direct"] == 1.0
    assert features["speaker_named"] == 1.0
    assert features["attribution_after"] == 1.0
    assert features["short"] == 0.0
    assert features["speaker_nearby"] == 1.0
    assert set(features) == set(QUOTE_FEATURES)


def test_quotes_carry_a_fitted_confidence(pipeline: Pipeline) -> None:
    (quote,) = quotes_of("«No hay plazos para la reunión», dijo Peskov.", pipeline)
    assert quote.confidence is not None and 0.0 < quote.confidence < 1.0


@pytest.mark.parametrize(
    ("text", "speaker", "country"),
    [
        # a ministry naming whose it is speaks as itself, not as its country
        (
            "El Ministerio de Energía de Ucrania informó que las centrales resistieron tres "
            "ataques durante la noche.",
            "Ministerio de Energía de Ucrania",
            "UKR",
        ),
        (
            "La cancillería rusa señaló que la propuesta europea no ofrece ninguna garantía.",
            "cancillería rusa",
            "RUS",
        ),
        # a speaker the pack does not know, before an apposition that names one it does
        (
            "Ivan Petrenko, asesor del presidente ucraniano, Volodímir Zelenski, aseguró que "
            "el canje se hará esta semana.",
            "Ivan Petrenko",
            "UKR",
        ),
        # a coordinated speech verb shares the subject of the first verb
        (
            "El presidente ucraniano, Volodímir Zelenski, viajó a Roma y explicó que la "
            "reunión con los aliados fue productiva.",
            "Volodymyr Zelensky",
            "UKR",
        ),
        # a gerund without a subject speaks for the subject of the verb it hangs from
        (
            "Trump habló con la prensa el lunes. Sin embargo, el Kremlin respondió con "
            "cautela, insistiendo en que cualquier cumbre necesita una preparación larga.",
            "Kremlin",
            "RUS",
        ),
    ],
)
def test_speaker_from_the_subject_s_structure(
    text: str, speaker: str, country: str, pipeline: Pipeline
) -> None:
    quotes = quotes_of(text, pipeline)
    assert quotes, text
    assert (quotes[-1].speaker_name, quotes[-1].speaker_country) == (speaker, country)


@pytest.mark.parametrize(
    ("text", "quoted", "direct", "speaker"),
    [
        # a speaker named before the words, without a speech verb
        (
            "En palabras de Peskov, «la paz no llegará con prisas ni con ultimátums».",
            "la paz no llegará con prisas ni con ultimátums",
            True,
            "Dmitry Peskov",
        ),
        (
            "De acuerdo con un comunicado del Kremlin, Putin está dispuesto a recibir a la "
            "delegación ucraniana en Moscú.",
            "Putin está dispuesto a recibir a la delegación ucraniana en Moscú",
            False,
            "Kremlin",
        ),
        (
            "Peskov: «No hay ningún plazo fijado para la cumbre».",
            "No hay ningún plazo fijado para la cumbre",
            True,
            "Dmitry Peskov",
        ),
        # a long aside between the speech verb and its "que"
        (
            "El ministro Lavrov aseguró, tras reunirse con sus homólogos europeos durante "
            "toda la tarde en Bruselas, que el acuerdo está cerca.",
            "el acuerdo está cerca",
            False,
            "Sergey Lavrov",
        ),
        # a quote that runs over two sentences keeps the verb that opened it
        (
            "Además, durante una rueda de prensa, Peskov agregó: «Seguimos estudiando el "
            "documento. Ese trabajo continúa».",
            "Seguimos estudiando el documento. Ese trabajo continúa",
            True,
            "Dmitry Peskov",
        ),
        # "este" names the person last mentioned before it
        (
            "Cuando la periodista de la CNN, Ana Torres, le preguntó al portavoz del Kremlin "
            "si la oferta seguía en pie, este respondió: «Por supuesto, la oferta sigue sobre "
            "la mesa para todos».",
            "Por supuesto, la oferta sigue sobre la mesa para todos",
            True,
            "Dmitry Peskov",
        ),
        # a source that cites someone passes on that person's words
        (
            "«La llamada ya ha empezado», informó Iván Kuznetsov, un periodista próximo al "
            "Kremlin, que cita al portavoz presidencial, Dmitri Peskov.",
            "La llamada ya ha empezado",
            True,
            "Dmitry Peskov",
        ),
    ],
)
def test_attribution_without_a_plain_subject(
    text: str, quoted: str, direct: bool, speaker: str, pipeline: Pipeline
) -> None:
    found = {q.text: q for q in quotes_of(text, pipeline)}
    assert quoted in found, list(found)
    assert (found[quoted].direct, found[quoted].speaker_name) == (direct, speaker)


def test_gerund_with_its_que_hung_below_the_clause(pipeline: Pipeline) -> None:
    quotes = quotes_of(
        "Peskov dijo que la reunión fue útil. «Hay dos opciones: negociar o seguir "
        "luchando», ha afirmado, añadiendo que las partes tendrán que «elegir» el camino.",
        pipeline,
    )
    added = next(q for q in quotes if q.cue == "añadiendo")
    assert added.text.startswith("las partes tendrán")
    assert added.speaker_name == "Dmitry Peskov"


def test_a_fact_by_according_to_is_still_no_quote(pipeline: Pipeline) -> None:
    # "según X" alone attributes a fact, not words (ANNOTATION.md)
    assert (
        quotes_of("Según el Kremlin, la reunión terminó sin acuerdo tras tres horas.", pipeline)
        == ()
    )
