from __future__ import annotations

import datetime as dt

import pytest

from tregua.extract.events import find_events
from tregua.hygiene import clean_document
from tregua.model import Event, RawDoc
from tregua.pipeline import Pipeline
from tregua.resolve.time import find_time_expressions

PUBLISHED = dt.date(2026, 1, 29)


def events_of(text: str, pipeline: Pipeline) -> tuple[Event, ...]:
    clean = clean_document(RawDoc(source="e.txt", text=text), pipeline.pack.lexicon)
    times = find_time_expressions(clean.text, PUBLISHED)
    return find_events(pipeline.nlp(clean.text), clean, pipeline.pack, times, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Las conversaciones comenzaron el 23 de enero en Abu Dabi.", "CONSULT", "occurred"),
        ("El 1 de febrero se celebrarán nuevas reuniones en Abu Dabi.", "CONSULT", "planned"),
        (
            "Los funcionarios plantean la posibilidad de una reunión entre Putin y Zelenski.",
            "CONSULT",
            "hypothetical",
        ),
        ("Las delegaciones no lograron un acuerdo en Ginebra.", "AGREE", "negated"),
        ("Trump solicitó a Putin que no atacara Kiev.", "REQUEST", "occurred"),
        ("Un ataque ruso con drones contra Járkov dejó dos muertos.", "ASSAULT", "occurred"),
        (
            "Trump amenazó con sanciones secundarias a los compradores de petróleo ruso.",
            "THREATEN",
            "occurred",
        ),
    ],
)
def test_event_type_and_status(text: str, type_: str, status: str, pipeline: Pipeline) -> None:
    found = {(e.type, e.status) for e in events_of(text, pipeline)}
    assert (type_, status) in found


def test_casualties_date_place_and_sides(pipeline: Pipeline) -> None:
    text = "El miércoles, un ataque ruso contra Zaporiyia dejó dos muertos y 12 heridos."
    (event,) = [e for e in events_of(text, pipeline) if e.type == "ASSAULT"]
    assert (event.dead, event.injured) == (2, 12)
    assert event.date == "2026-01-28"
    assert event.location is not None and event.location.name == "Zaporizhzhia"
    assert {"RUS", "UKR"} <= set(event.countries)
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_a_repeated_event_is_reported_once(pipeline: Pipeline) -> None:
    text = (
        "Las conversaciones comenzaron el 23 de enero en Abu Dabi. Según Moscú, "
        "las conversaciones del 23 de enero fueron útiles."
    )
    assert len([e for e in events_of(text, pipeline) if e.type == "CONSULT"]) == 1


def test_captions_and_commentary_hold_no_events(pipeline: Pipeline) -> None:
    text = "Zelenski habló con la prensa.\n>>Seguro que habrá una cumbre con Putin."
    assert all(e.type != "CONSULT" for e in events_of(text, pipeline))


def located_events_of(text: str, pipeline: Pipeline) -> tuple[Event, ...]:
    """Events with places: the gazetteer is passed as the pipeline passes it."""
    clean = clean_document(RawDoc(source="e.txt", text=text), pipeline.pack.lexicon)
    times = find_time_expressions(clean.text, PUBLISHED)
    return find_events(
        pipeline.nlp(clean.text), clean, pipeline.pack, times, PUBLISHED, pipeline.gazetteer
    )


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("El jueves, Putin se reunió en el Kremlin con los enviados de Trump.", "Kremlin"),
        ("Trump se reunió con Zelenski en la Casa Blanca, según Kiev.", "White House"),
    ],
)
def test_a_seat_of_government_after_en_is_the_venue(
    text: str, place: str, pipeline: Pipeline
) -> None:
    (event,) = [e for e in located_events_of(text, pipeline) if e.type == "CONSULT"]
    assert event.location is not None and event.location.name == place


def test_a_seat_of_government_as_subject_is_a_side(pipeline: Pipeline) -> None:
    (event,) = [e for e in events_of("El Kremlin rechazó la propuesta.", pipeline)]
    assert event.type == "REJECT" and event.countries == ("RUS",)


def test_places_coordinated_with_a_venue_are_venues_too(pipeline: Pipeline) -> None:
    text = (
        "Las delegaciones de Rusia, Ucrania y Estados Unidos se reunieron el 23 de enero en "
        "Ginebra. El 1 de febrero se celebrarán nuevas reuniones, seguidas de sesiones en "
        "Moscú o Kiev."
    )
    planned = [e for e in events_of(text, pipeline) if e.status == "planned"]
    assert [set(e.countries) for e in planned] == [{"RUS", "UKR", "USA"}]


def one(events: tuple[Event, ...], type_: str) -> Event:
    (event,) = [e for e in events if e.type == type_]
    return event


def test_a_meeting_without_a_place_takes_the_place_of_the_talks(pipeline: Pipeline) -> None:
    text = (
        "Las delegaciones de Rusia y Ucrania se reunieron el martes en Estambul. "
        "El miércoles firmaron un acuerdo de intercambio de prisioneros."
    )
    agree = one(located_events_of(text, pipeline), "AGREE")
    assert agree.location is not None and agree.location.name == "Istanbul"


def test_talks_the_text_dates_weeks_apart_are_another_round(pipeline: Pipeline) -> None:
    text = (
        "Las delegaciones de Rusia y Ucrania se reunieron en Estambul. "
        "Ya en diciembre de 2025 habían mantenido conversaciones sin resultado."
    )
    december = [e for e in located_events_of(text, pipeline) if e.date == "2025-12-01"]
    assert december and all(e.location is None for e in december)


def test_a_planned_round_does_not_inherit_the_last_rounds_place(pipeline: Pipeline) -> None:
    text = (
        "Las delegaciones de Rusia y Ucrania se reunieron el martes en Estambul. "
        "Las partes acordaron que se reunirán de nuevo el 20 de febrero."
    )
    planned = [e for e in located_events_of(text, pipeline) if e.status == "planned"]
    assert planned and all(e.location is None for e in planned)


@pytest.mark.parametrize(
    "text",
    [
        "Tres rondas de conversaciones en Ginebra no lograron un alto el fuego.",
        "Putin recibió a Witkoff en una reunión que no permitió acercar posiciones.",
    ],
)
def test_talks_that_fail_their_result_are_a_negated_agreement(
    text: str, pipeline: Pipeline
) -> None:
    found = {(e.type, e.status) for e in events_of(text, pipeline)}
    assert {("CONSULT", "occurred"), ("AGREE", "negated")} <= found


@pytest.mark.parametrize(
    ("text", "type_", "sides"),
    [
        # a clause nested below the request is what is asked, not who asks
        ("Trump pidió a Putin que se abstuviera de atacar Kiev.", "REQUEST", {"RUS", "USA"}),
        # a concession is its maker's
        ("Ucrania ha suavizado su postura sobre la adhesión a la OTAN.", "CONCEDE", {"UKR"}),
        # a source cited is no side
        ("Las conversaciones duraron tres horas, según medios rusos.", "CONSULT", set()),
        # what an attack happens in spite of is no side
        (
            "Rusia sigue con sus ataques contra Járkov a pesar de las amenazas de Trump.",
            "ASSAULT",
            {"RUS", "UKR"},
        ),
    ],
)
def test_sides_are_the_events_own(
    text: str, type_: str, sides: set[str], pipeline: Pipeline
) -> None:
    assert set(one(events_of(text, pipeline), type_).countries) == sides


def test_both_delegations_are_the_sides_of_the_talks(pipeline: Pipeline) -> None:
    text = (
        "Rusia, Ucrania y Estados Unidos se reunieron el martes en Ginebra. "
        "El secretario de Estado estadounidense elogió la seriedad de ambas delegaciones."
    )
    assert set(one(events_of(text, pipeline), "SUPPORT").countries) == {"RUS", "UKR", "USA"}


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        # the warning occurred; the mood of what it warns of is not its own
        ("Trump advirtió que Rusia podría enfrentar sanciones.", "THREATEN", "occurred"),
        # a possibility said of another word is not said of the talks
        (
            "Los enviados mantuvieron conversaciones en Berlín sobre posibles concesiones.",
            "CONSULT",
            "occurred",
        ),
        # an infinitive takes its mood from what it completes
        (
            "Zelenski dijo que Ucrania estaría dispuesta a renunciar a la OTAN.",
            "CONCEDE",
            "hypothetical",
        ),
    ],
)
def test_status_is_read_where_it_is_said_of_the_event(
    text: str, type_: str, status: str, pipeline: Pipeline
) -> None:
    assert one(events_of(text, pipeline), type_).status == status


def test_a_demonstrative_names_an_event_told_before(pipeline: Pipeline) -> None:
    found = events_of("Putin estuvo de acuerdo en cumplir con esa solicitud.", pipeline)
    assert all(e.type != "REQUEST" for e in found)


def test_what_is_conceded_is_no_event(pipeline: Pipeline) -> None:
    found = events_of("Rusia sigue con sus ataques a pesar de las amenazas de sanciones.", pipeline)
    assert {e.type for e in found} == {"ASSAULT"}


@pytest.mark.parametrize(
    ("text", "type_", "date"),
    [
        # "hasta" bounds what is asked; it does not date the request
        ("Trump pidió a Putin una pausa hasta el 1 de febrero.", "REQUEST", PUBLISHED.isoformat()),
        # the Friday belongs to the other clause: the attacks are reported, undated
        (
            "Las expectativas de un acuerdo para el viernes son bajas, y Rusia sigue con sus "
            "ataques contra Járkov.",
            "ASSAULT",
            PUBLISHED.isoformat(),
        ),
    ],
)
def test_the_date_is_the_events_own(text: str, type_: str, date: str, pipeline: Pipeline) -> None:
    event = one(events_of(text, pipeline), type_)
    assert (event.date, event.status) == (date, "occurred")


def test_every_mention_of_one_talk_is_kept_on_one_event(pipeline: Pipeline) -> None:
    text = (
        "Las delegaciones de Rusia y Ucrania se reunieron el martes en Estambul. "
        "La reunión de Rusia y Ucrania duró cuatro horas, según los mediadores."
    )
    (talks,) = [e for e in located_events_of(text, pipeline) if e.type == "CONSULT"]
    assert len(talks.mentions) == 2
    assert talks.evidence in talks.mentions
    assert all(text[m.start : m.end] == m.text for m in talks.mentions)


def test_a_repeat_naming_fewer_sides_joins_the_event(pipeline: Pipeline) -> None:
    text = (
        "El lunes, Polonia y Hungría firmaron un acuerdo sobre el tránsito de gas. "
        "Hungría firmó el acuerdo tras semanas de dudas."
    )
    assert len([e for e in events_of(text, pipeline) if e.type == "AGREE"]) == 1


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # handing over bodies or prisoners is a return, not aid
        ("Moscú anunció el martes la entrega de los cuerpos de 500 soldados.", "RETREAT", True),
        ("Moscú anunció el martes la entrega de los cuerpos de 500 soldados.", "AID", False),
        ("Kiev y Moscú completaron un intercambio de prisioneros el domingo.", "RETREAT", True),
        # money, not troops
        ("El banco movilizará miles de millones de euros en inversiones.", "MOBILIZE", False),
        ("Rusia movilizó a 10.000 reservistas en la frontera.", "MOBILIZE", True),
        # a connector is no embargo
        ("Sin embargo, Polonia mantuvo su posición.", "SANCTION", False),
        # cooperation without its matter is a manner of speaking
        ("Hungría busca una cooperación estrecha con sus vecinos.", "COOPERATE", False),
        ("Francia y Ucrania anunciaron cooperación en la producción de drones.", "COOPERATE", True),
        # a promise to stop bombing is no bombing
        ("El presidente prometió que dejará de bombardear las ciudades.", "ASSAULT", False),
        ("Polonia pidió a Rusia que se abstenga de atacar los puertos.", "ASSAULT", False),
        # a heading without a verb reports nothing
        ("Negociaciones en Estambul\nLas partes hablaron del canje.", "CONSULT", False),
        ("El ministro húngaro estuvo de acuerdo con la propuesta polaca.", "AGREE", True),
    ],
)
def test_a_trigger_counts_in_its_sense(
    text: str, type_: str, expected: bool, pipeline: Pipeline
) -> None:
    assert any(e.type == type_ for e in events_of(text, pipeline)) is expected


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # who proposes a meeting is not at it: the "entre" complement names the parties
        (
            "Los diplomáticos franceses proponen una reunión entre Putin y Zelenski.",
            {"RUS", "UKR"},
        ),
        (
            "Diplomáticos alemanes estudian una cumbre cara a cara entre Putin y Zelenski.",
            {"RUS", "UKR"},
        ),
        # a mediator takes part
        (
            "Las negociaciones entre Rusia y Ucrania, con la mediación de Turquía, "
            "comenzaron el lunes.",
            {"RUS", "UKR", "TUR"},
        ),
    ],
)
def test_the_between_complement_names_the_parties(
    text: str, sides: set[str], pipeline: Pipeline
) -> None:
    (talks,) = [e for e in events_of(text, pipeline) if e.type == "CONSULT" and e.mode is None]
    assert set(talks.countries) == sides


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        # dated background is an event, undated background is not
        (
            "La ocupación empezó tras la invasión lanzada por Rusia en marzo de 2014.",
            "ASSAULT",
            True,
        ),
        ("Tras tres años de invasión, la economía ucraniana resiste.", "ASSAULT", False),
        # a promise to another side is an agreement
        ("Lukashenko prometió a Tusk que reabrirá la frontera.", "AGREE", True),
        # talking is a consultation only by phone
        ("Erdogan habló por teléfono con Zelenski el martes.", "CONSULT", True),
        ("Erdogan habló de la economía turca ante los periodistas.", "CONSULT", False),
        ("Polonia insiste en que Hungría cumpla el acuerdo.", "REQUEST", True),
        ("Hungría se ha negado siempre a esa petición.", "REJECT", True),
        ("El primer ministro cuestionó la credibilidad del presidente polaco.", "ACCUSE", True),
    ],
)
def test_trigger_words_of_real_prose(
    text: str, type_: str, expected: bool, pipeline: Pipeline
) -> None:
    assert any(e.type == type_ for e in events_of(text, pipeline)) is expected


def test_what_is_agreed_is_planned_and_the_agreement_occurred(pipeline: Pipeline) -> None:
    found = events_of("Los dos primeros ministros acordaron reunirse en Varsovia.", pipeline)
    assert ("AGREE", "occurred") in {(e.type, e.status) for e in found}
    # "reunirse": the tagger gives the verb with its clitic ("reunir él")
    assert ("CONSULT", "planned") in {(e.type, e.status) for e in found}


def test_a_datelines_city_and_agency_are_neither_venue_nor_side(pipeline: Pipeline) -> None:
    text = "VARSOVIA, 12 Mar (Reuters).- El ministro húngaro se reunió con su homólogo polaco."
    (talks,) = [e for e in located_events_of(text, pipeline) if e.type == "CONSULT"]
    assert talks.location is None
    assert set(talks.countries) == {"HUN", "POL"}


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        # the auxiliary carries the tense of a periphrasis
        (
            "La delegación polaca en las negociaciones estará encabezada por el ministro.",
            "CONSULT",
            "planned",
        ),
        ("El acuerdo habría sido firmado por ambos gobiernos.", "AGREE", "hypothetical"),
        ("Hungría ha aceptado la propuesta polaca.", "AGREE", "occurred"),
    ],
)
def test_the_auxiliary_gives_the_status(
    text: str, type_: str, status: str, pipeline: Pipeline
) -> None:
    assert (type_, status) in {(e.type, e.status) for e in events_of(text, pipeline)}


def test_a_meeting_an_act_happened_in_is_its_own_event(pipeline: Pipeline) -> None:
    text = "Los negociadores pactaron un canje de presos durante la cumbre de Ginebra del lunes."
    events = located_events_of(text, pipeline)
    talks = one(events, "CONSULT")
    assert one(events, "AGREE").status == "occurred"
    assert talks.status == "occurred"
    assert talks.location is not None and talks.location.name == "Geneva"


def test_a_setting_meeting_ahead_is_planned(pipeline: Pipeline) -> None:
    text = "Los dos gobiernos firmarán un memorando en la próxima cumbre."
    assert one(events_of(text, pipeline), "CONSULT").status == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "El canciller dijo que su equipo está preparando una reunión con los negociadores rusos.",
        "Fuentes diplomáticas confirmaron las próximas negociaciones entre Moscú y Kiev.",
    ],
)
def test_a_meeting_being_prepared_or_ahead_is_planned(text: str, pipeline: Pipeline) -> None:
    assert one(events_of(text, pipeline), "CONSULT").status == "planned"


def test_a_lead_without_a_place_takes_the_place_of_the_talks_told_next(
    pipeline: Pipeline,
) -> None:
    text = (
        "El mediador turco pidió el viernes a las dos delegaciones un alto el fuego inmediato. "
        "Las conversaciones entre Rusia y Ucrania empezaron el viernes en Estambul."
    )
    request = one(located_events_of(text, pipeline), "REQUEST")
    assert request.location is not None and request.location.name == "Istanbul"


def test_who_makes_a_demand_is_not_where_it_is_made(pipeline: Pipeline) -> None:
    text = "El ministro repitió el jueves las exigencias de Kiev sobre los prisioneros."
    request = one(located_events_of(text, pipeline), "REQUEST")
    assert request.location is None or request.location.name != "Kyiv"


def test_talks_naming_one_side_are_held_with_the_other_side_of_the_thread(
    pipeline: Pipeline,
) -> None:
    text = (
        "Rusia y Estados Unidos firmaron el lunes un acuerdo sobre el Ártico. "
        "Desde entonces, el Kremlin solo ha mantenido conversaciones por teléfono."
    )
    talks = one(events_of(text, pipeline), "CONSULT")
    assert set(talks.countries) == {"RUS", "USA"}


def test_what_an_event_noun_is_about_is_no_event_of_its_own(pipeline: Pipeline) -> None:
    text = "La amenaza de nuevas sanciones contra Moscú preocupa a los mercados europeos."
    assert [e.type for e in events_of(text, pipeline)] == ["THREATEN"]


def test_care_given_to_people_is_no_support(pipeline: Pipeline) -> None:
    text = "Los heridos recibieron el lunes apoyo psicológico en un hospital de Minsk."
    assert all(e.type != "SUPPORT" for e in events_of(text, pipeline))


def test_a_talks_venue_in_florida_is_the_state(pipeline: Pipeline) -> None:
    text = "Los enviados de Rusia y Estados Unidos se reunieron el sábado en Florida."
    talks = one(located_events_of(text, pipeline), "CONSULT")
    assert talks.location is not None and talks.location.name == "Florida"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Bruselas pretende aprobar un nuevo paquete de sanciones contra Rusia.", "SANCTION"),
        ("La ministra espera firmar un acuerdo con Berlín.", "AGREE"),
    ],
)
def test_what_is_intended_or_hoped_for_is_planned(
    text: str, type_: str, pipeline: Pipeline
) -> None:
    assert one(events_of(text, pipeline), type_).status == "planned"


def test_talks_held_before_preparations_began_occurred(pipeline: Pipeline) -> None:
    text = (
        "Trump anunció, tras mantener una conversación telefónica con Putin, que se iniciaron "
        "los preparativos de una cumbre."
    )
    statuses = {e.status for e in events_of(text, pipeline) if e.type == "CONSULT"}
    assert "occurred" in statuses


def test_an_agreement_naming_one_side_is_made_with_the_other_side_of_the_thread(
    pipeline: Pipeline,
) -> None:
    text = (
        "Las delegaciones de Rusia y Ucrania se reunieron el lunes en Estambul. "
        "Al final de la jornada, Kiev firmó un acuerdo de canje de presos."
    )
    agree = one(events_of(text, pipeline), "AGREE")
    assert set(agree.countries) == {"RUS", "UKR"}
