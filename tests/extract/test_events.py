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
