"""Stances read from the words above an issue's cue: polarity against the issue's
proposition, the holder, and nothing where the text settles nothing. Every sentence here
is written for its rule."""

from __future__ import annotations

import pytest

from tregua.extract.quotes import find_quotes
from tregua.extract.stances import find_stance_readings, find_stances
from tregua.hygiene import clean_document
from tregua.model import RawDoc, Stance
from tregua.pipeline import Pipeline


def stances_of(text: str, pipeline: Pipeline) -> tuple[Stance, ...]:
    clean = clean_document(RawDoc(source="s.txt", text=text), pipeline.pack.lexicon)
    doc = pipeline.nlp(clean.text)
    quotes = find_quotes(doc, clean, pipeline.pack, None)
    return find_stances(doc, clean, quotes, pipeline.pack)


def cells(text: str, pipeline: Pipeline) -> dict[tuple[str, str], str]:
    return {(s.country, s.issue): s.polarity for s in stances_of(text, pipeline)}


@pytest.mark.parametrize(
    ("text", "country", "issue", "polarity"),
    [
        # a demand whose object is the proposition's negation: against it, held by the
        # one who demands, not by the subject of the demanded clause
        ("Moscú exige que Kiev renuncie a la OTAN.", "RUS", "nato_membership", "oppose"),
        # a refusal
        (
            "El Kremlin rechaza cualquier tropa europea en suelo ucraniano.",
            "RUS",
            "foreign_troops",
            "oppose",
        ),
        # a negated commitment
        ("Zelenski no cederá el Donbás bajo ninguna presión.", "UKR", "territory", "oppose"),
        # a renouncement judged a condition: against the proposition
        (
            "El portavoz ruso repitió que la renuncia de Kiev a ingresar en la OTAN es una "
            "condición irrenunciable.",
            "RUS",
            "nato_membership",
            "oppose",
        ),
        # a judgment said of the cue's phrase
        (
            "Lavrov avisó de que cualquier contingente occidental sería tratado como un "
            "objetivo legítimo.",
            "RUS",
            "foreign_troops",
            "oppose",
        ),
        # a condition
        (
            "Zelenski declaró que respetaría la tregua energética siempre que Rusia hiciera "
            "lo mismo.",
            "UKR",
            "ceasefire",
            "conditional",
        ),
        (
            "Kiev solo firmaría el plan si recibe garantías de seguridad.",
            "UKR",
            "security_guarantees",
            "support",
        ),
        # what a side asks in exchange is what it supports
        (
            "Ucrania aceptaría la línea actual a cambio de garantías de seguridad firmes.",
            "UKR",
            "security_guarantees",
            "support",
        ),
        # a threat under a condition: the threatener wants the condition met
        (
            "Trump amenazó con imponer aranceles si Moscú no acepta un alto el fuego.",
            "USA",
            "ceasefire",
            "support",
        ),
        (
            "Trump amenazó con imponer aranceles si Moscú no acepta un alto el fuego.",
            "USA",
            "sanctions",
            "conditional",
        ),
        # a position reported by one side about another belongs to the side described
        (
            "Washington asegura que Moscú acepta una tregua de un mes.",
            "RUS",
            "ceasefire",
            "support",
        ),
        # the subject of a verb of belief holds what is under it
        (
            "Berlín cree que hay que endurecer las sanciones contra Rusia.",
            "DEU",
            "sanctions",
            "support",
        ),
        # a contrary cue: lifting sanctions is against the sanctions
        ("El Kremlin pidió levantar las sanciones cuanto antes.", "RUS", "sanctions", "oppose"),
        # acts of support
        ("Francia enviará armas a Ucrania este invierno.", "FRA", "military_aid", "support"),
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


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        # facts about the issue settle no position
        ("Trump y Putin celebraron una cumbre en Alaska.", "leaders_summit"),
        ("Zelenski dijo que no ha habido tregua en los ataques de la noche.", "ceasefire"),
        ("Las defensas antiaéreas fueron alcanzadas por drones rusos.", "military_aid"),
        ("El ministerio ruso dijo que sus misiles golpearon depósitos de armas.", "military_aid"),
        # "sin embargo" raises no embargo
        ("Sin embargo, los negociadores no se reunieron el martes.", "sanctions"),
        # a cue as a time, not an object: "durante la cumbre"
        ("Lavrov señaló que durante la cumbre se acordaron varios puntos.", "leaders_summit"),
    ],
)
def test_no_stance_where_the_text_settles_none(text: str, issue: str, pipeline: Pipeline) -> None:
    assert all(s.issue != issue for s in stances_of(text, pipeline))


def test_stance_features_are_named_numbers(pipeline: Pipeline) -> None:
    text = "Moscú exige que Kiev renuncie a la OTAN."
    clean = clean_document(RawDoc(source="s.txt", text=text), pipeline.pack.lexicon)
    doc = pipeline.nlp(clean.text)
    [(stance, features)] = find_stance_readings(doc, clean, (), pipeline.pack)
    assert stance.polarity == "oppose"
    assert features["steps"] >= 1
    assert features["settled_by_verb"] == 1.0
    assert features["conditional"] == 0.0


@pytest.mark.parametrize(
    ("text", "country", "issue", "polarity"),
    [
        # a subjectless sentence continues the subject of the one before it
        (
            "Los mercados reaccionaron cuando el presidente estadounidense habló el lunes. "
            "Además, amenazó con imponer aranceles si Moscú no acepta un alto el fuego.",
            "USA",
            "sanctions",
            "conditional",
        ),
        # a failed attempt is still for what it attempted
        (
            "La Unión Europea no ha conseguido aprobar el uso de los activos rusos congelados.",
            "EU",
            "reconstruction",
            "support",
        ),
        # a refusal of an exchange stays against, condition or not
        (
            "Kiev afirmó que Ucrania no cederá territorio a cambio de una tregua.",
            "UKR",
            "territory",
            "oppose",
        ),
        # a condition introduced by "cuando" on a willingness
        (
            "Putin está dispuesto a reunirse con Zelenski cuando la agenda esté lista.",
            "RUS",
            "leaders_summit",
            "conditional",
        ),
    ],
)
def test_stance_across_and_within_sentences(
    text: str, country: str, issue: str, polarity: str, pipeline: Pipeline
) -> None:
    assert cells(text, pipeline)[(country, issue)] == polarity


def test_the_outlet_citing_a_source_is_not_its_side(pipeline: Pipeline) -> None:
    found = cells(
        "Una fuente citada por Reuters dijo que los negociadores firmarán un acuerdo de "
        "seguridad la semana próxima.",
        pipeline,
    )
    assert "GBR" not in {side for side, _ in found}


def test_defending_the_current_line_is_against_giving_territory_up(pipeline: Pipeline) -> None:
    found = cells(
        "La delegación ucraniana defendió la línea de contacto actual como base de cualquier "
        "acuerdo.",
        pipeline,
    )
    assert found[("UKR", "territory")] == "oppose"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a broad cue names a Putin–Zelensky summit only where Ukraine's side is named
        ("Trump propuso a Putin celebrar la próxima cumbre en Budapest.", False),
        ("Trump propuso celebrar una cumbre con Putin y Zelenski en Budapest.", True),
    ],
)
def test_broad_summit_cue_needs_ukraine_named(
    text: str, expected: bool, pipeline: Pipeline
) -> None:
    assert any(issue == "leaders_summit" for _, issue in cells(text, pipeline)) is expected


def test_a_side_named_deep_in_the_subject_holds_nothing(pipeline: Pipeline) -> None:
    found = cells(
        "El dinero procedente de los bonos rusos congelados financiará la reconstrucción "
        "del país, según el plan aprobado por los ministros.",
        pipeline,
    )
    assert ("RUS", "reconstruction") not in found


def test_a_cue_said_to_serve_only_an_adversary_is_opposed(pipeline: Pipeline) -> None:
    found = cells(
        "Lavrov afirmó que una pausa parcial solo serviría para que el enemigo gane tiempo.",
        pipeline,
    )
    assert found[("RUS", "ceasefire")] == "oppose"


def test_a_negation_of_a_coordinated_clause_does_not_turn_the_next(pipeline: Pipeline) -> None:
    found = cells(
        "Lavrov afirmó que Moscú no ha recibido ninguna oferta y que una pausa parcial solo "
        "serviría para que el enemigo gane tiempo.",
        pipeline,
    )
    assert found[("RUS", "ceasefire")] == "oppose"


def test_stances_carry_a_fitted_confidence(pipeline: Pipeline) -> None:
    (stance,) = stances_of("Moscú exige que Kiev renuncie a la OTAN.", pipeline)
    assert stance.confidence is not None and 0.0 < stance.confidence < 1.0
