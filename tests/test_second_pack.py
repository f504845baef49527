"""A second domain pack through the real pipeline: the engine knows a conflict only by its pack.

``tests/packs/arm_aze`` is a small pack for the Armenia–Azerbaijan peace talks. The articles
below were written for this test (real people and roles, invented wording); each test checks
that what the default pack would give for Russia and Ukraine comes here from this pack:
entity ids, role holders by date, event sides, quote speakers and stances on its own issues.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tregua.model import Quarantined, RawDoc, Record
from tregua.pack import DEFAULT_PACK, DomainPack, load_pack
from tregua.pipeline import build_pipeline, run_batch

ARM_AZE = Path(__file__).parent / "packs" / "arm_aze"
SRC = Path(__file__).resolve().parents[1] / "src" / "tregua"

# a White House summit the day after it happened, with a direct quote, role titles and two
# positions on the pack's issues
SUMMIT = (
    "El primer ministro armenio, Nikol Pashinián, y el presidente azerbaiyano, Ilham Alíyev, "
    "se reunieron el viernes en la Casa Blanca con Donald Trump. Los dos cancilleres "
    "rubricaron el texto del tratado de paz.\n\n"
    "«Hoy hemos dado un paso que parecía imposible», afirmó Pashinián ante la prensa.\n\n"
    "El presidente azerbaiyano reiteró que Bakú exige una reforma constitucional en Armenia "
    "antes de la firma.\n\n"
    "El ministro de Exteriores armenio, Ararat Mirzoyan, dijo que Ereván está dispuesto a "
    "abrir la ruta de tránsito por Syunik."
)
# a meeting without mediators; "ambos líderes" is one of the pack's party references
ABU_DHABI = (
    "Pashinián y Alíyev se reunieron el jueves en Abu Dabi sin mediadores.\n\n"
    "Según el comunicado, ambos líderes acordaron continuar la delimitación de la frontera."
)
# one sentence naming a role only: who holds it depends on the day
ROLE_ONLY = "El presidente azerbaiyano aseguró el jueves que su país quiere un acuerdo de paz."

ARTICLES = [
    RawDoc("summit", SUMMIT, published=dt.date(2025, 8, 9)),
    RawDoc("abu_dhabi", ABU_DHABI, published=dt.date(2025, 7, 11)),
    RawDoc("role_2002", ROLE_ONLY, published=dt.date(2002, 5, 10)),
    RawDoc("role_2025", ROLE_ONLY, published=dt.date(2025, 5, 10)),
]


@pytest.fixture(scope="module")
def arm_aze() -> DomainPack:
    return load_pack(ARM_AZE)


@pytest.fixture(scope="module")
def records(arm_aze: DomainPack) -> dict[str, Record]:
    """The articles through the real pipeline built on the second pack (spaCy: ~15 s)."""
    found: dict[str, Record] = {}
    for item in run_batch(ARTICLES, build_pipeline(arm_aze)):
        assert not isinstance(item, Quarantined), item
        found[item.source] = item
    return found


def test_second_pack_loads(arm_aze: DomainPack) -> None:
    assert arm_aze.name == "arm_aze"
    assert arm_aze.adversaries == (("ARM", "AZE"),)
    assert {i.key for i in arm_aze.issues} == {
        "peace_treaty",
        "border_delimitation",
        "transit_route",
        "constitution",
    }


@pytest.mark.parametrize(
    ("role", "day", "holder"),
    [
        ("president_aze", dt.date(2002, 5, 10), "heydar_aliyev"),
        ("president_aze", dt.date(2003, 10, 31), "ilham_aliyev"),
        ("president_usa", dt.date(2023, 5, 1), "joe_biden"),
        ("president_usa", dt.date(2025, 8, 8), "donald_trump"),
        ("european_council_president", dt.date(2023, 7, 15), "charles_michel"),
    ],
)
def test_second_pack_role_holder_depends_on_the_date(
    arm_aze: DomainPack, role: str, day: dt.date, holder: str
) -> None:
    assert [a.key for a in arm_aze.holders(role, day)] == [holder]


@pytest.mark.parametrize(
    ("source", "mention", "entity_id"),
    [
        ("summit", "Nikol Pashinián", "tregua:nikol_pashinyan"),
        ("summit", "Ilham Alíyev", "tregua:ilham_aliyev"),
        ("summit", "Bakú", "tregua:baku"),
        ("summit", "Ereván", "tregua:yerevan"),
        ("summit", "Syunik", "tregua:syunik"),
        ("summit", "Armenia", "Q399"),
        ("abu_dhabi", "Alíyev", "tregua:ilham_aliyev"),
        ("abu_dhabi", "Abu Dabi", "Q1519"),
    ],
)
def test_entities_resolve_to_the_second_pack(
    records: dict[str, Record], source: str, mention: str, entity_id: str
) -> None:
    ids = {m.text: e.id for e in records[source].entities for m in e.mentions}
    assert ids[mention] == entity_id


@pytest.mark.parametrize(
    ("source", "speaker"),
    [("role_2002", "tregua:heydar_aliyev"), ("role_2025", "tregua:ilham_aliyev")],
)
def test_role_title_resolves_to_the_holder_on_the_day(
    records: dict[str, Record], source: str, speaker: str
) -> None:
    # "El presidente azerbaiyano aseguró ..." names no one: the pack's role dates decide
    assert [q.speaker for q in records[source].quotes] == [speaker]


def test_meeting_has_the_pack_sides_and_venue(records: dict[str, Record]) -> None:
    meeting = next(e for e in records["abu_dhabi"].events if e.type == "CONSULT")
    assert set(meeting.countries) == {"ARM", "AZE"}
    assert meeting.status == "occurred"
    assert meeting.location is not None and meeting.location.name == "Abu Dhabi"


def test_pack_seat_is_the_venue(records: dict[str, Record]) -> None:
    # "en la Casa Blanca": the seat of the pack's actor white_house, not a party
    summit = next(e for e in records["summit"].events if e.type == "CONSULT")
    assert set(summit.countries) == {"ARM", "AZE", "USA"}
    assert summit.location is not None and summit.location.name == "White House"


def test_pack_party_reference_brings_in_the_talks_sides(records: dict[str, Record]) -> None:
    # "ambos líderes acordaron ...": sides from the article's meeting, via party_references
    agreed = next(e for e in records["abu_dhabi"].events if e.type == "AGREE")
    assert set(agreed.countries) == {"ARM", "AZE"}


@pytest.mark.parametrize(
    ("text", "speaker", "direct"),
    [
        ("Hoy hemos dado un paso que parecía imposible", "tregua:nikol_pashinyan", True),
        ("Bakú exige una reforma constitucional", "tregua:ilham_aliyev", False),
        ("Ereván está dispuesto a abrir la ruta", "tregua:ararat_mirzoyan", False),
    ],
)
def test_quote_gets_its_speaker(
    records: dict[str, Record], text: str, speaker: str, direct: bool
) -> None:
    quote = next(q for q in records["summit"].quotes if q.text.startswith(text))
    assert (quote.speaker, quote.direct) == (speaker, direct)


@pytest.mark.parametrize(
    ("source", "side", "issue", "polarity"),
    [
        ("summit", "AZE", "constitution", "support"),
        ("summit", "ARM", "transit_route", "support"),
        ("role_2025", "AZE", "peace_treaty", "support"),
    ],
)
def test_stance_on_the_second_pack_issue(
    records: dict[str, Record], source: str, side: str, issue: str, polarity: str
) -> None:
    stances = {(s.country, s.issue): s.polarity for s in records[source].stances}
    assert stances[(side, issue)] == polarity


def test_no_side_of_the_default_pack_appears(records: dict[str, Record]) -> None:
    sides = {
        side
        for record in records.values()
        for side in (
            *(c for e in record.events for c in e.countries),
            *(q.speaker_country for q in record.quotes),
            *(s.country for s in record.stances),
        )
    }
    assert sides <= {"ARM", "AZE", "USA", "ARE"}


# ------------------------------------------------------------ no conflict hard-wired in code


def _code_strings(path: Path) -> Iterator[tuple[int, str]]:
    """String literals of a module that code acts on: docstrings (examples, by STYLE.md) and
    the help text of options (``help=``, ``description=``) are left out; comments are not
    strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        ):
            skipped.add(id(node.body[0].value))
        if isinstance(node, ast.keyword) and node.arg in {"help", "description"}:
            skipped.add(id(node.value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
        ):
            yield node.lineno, node.value


# a wire service credited on a line of its own ("Sputnik" beside "EFE" and "Xinhua" in
# hygiene/boilerplate.py) is the format of Spanish news, whatever the conflict
_NEWS_FORMAT = frozenset({"Sputnik"})


def _default_pack_names() -> re.Pattern[str]:
    """The default pack's warring sides: their codes and every spelling of their actors and
    places ("RUS", "Kremlin", "Zelenski", "Kiev"), as whole words."""
    pack = load_pack(DEFAULT_PACK)
    sides = {code for pair in pack.adversaries for code in pair}
    names = set(sides)
    for entry in (*pack.actors, *pack.places):
        if entry.country in sides:
            names.update({entry.name, *entry.aliases})
    names -= _NEWS_FORMAT
    alternatives = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def test_engine_code_names_no_side_of_the_default_pack() -> None:
    names = _default_pack_names()
    assert names.search("el portavoz del Kremlin") and names.search("side == 'UKR'")
    found = [
        f"{path.relative_to(SRC)}:{line}: {value!r}"
        for path in sorted(SRC.rglob("*.py"))
        if "packs" not in path.relative_to(SRC).parts
        for line, value in _code_strings(path)
        if names.search(value)
    ]
    assert found == [], "Russia–Ukraine knowledge belongs in packs/ru_ua_2025:\n" + "\n".join(found)
