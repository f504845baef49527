from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from tregua.errors import PackError
from tregua.pack import DEFAULT_PACK, DomainPack, load_pack


def test_default_pack_loads(pack: DomainPack) -> None:
    assert pack.name == "ru_ua_2025"
    assert {"territory", "ceasefire"} <= {i.key for i in pack.issues}


@pytest.mark.parametrize(
    ("day", "holder"),
    [(dt.date(2024, 6, 1), "Joe Biden"), (dt.date(2026, 1, 30), "Donald Trump")],
)
def test_role_holder_depends_on_the_date(pack: DomainPack, day: dt.date, holder: str) -> None:
    assert [a.name for a in pack.holders("president_usa", day)] == [holder]


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the default pack that a test may break."""
    folder = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, folder)
    return folder


def test_bad_pack_names_file_and_field(pack_copy: Path) -> None:
    actors = pack_copy / "actors.toml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace('country = "RUS"', 'country = "Russia"', 1),
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"actors\.toml: actor \d+ \(key \"\w+\"\): country: "):
        load_pack(pack_copy)


def test_missing_pack_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"pack\.toml: missing"):
        load_pack(tmp_path)


def test_pack_without_default_year_is_refused(pack_copy: Path) -> None:
    # a default year would silently date another conflict's articles in 2026
    meta = pack_copy / "pack.toml"
    meta.write_text(
        "\n".join(
            line
            for line in meta.read_text(encoding="utf-8").splitlines()
            if not line.startswith("default_year")
        ),
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"default_year: Field required"):
        load_pack(pack_copy)


def test_every_problem_names_its_entry_and_field(pack_copy: Path) -> None:
    actors = pack_copy / "actors.toml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("start = 2012-05-07", 'start = "7/5/2012"', 1), encoding="utf-8")
    places = pack_copy / "places.toml"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("lat = ", "latitude = ", 1), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    problems = str(caught.value).splitlines()
    assert any(
        re.search(r'actors\.toml: actor 1 \(key "vladimir_putin"\): roles\[1\]\.start: ', p)
        for p in problems
    ), problems
    assert any(re.search(r"places\.toml: place 1 \(.*\): lat: Field required", p) for p in problems)
    assert any(re.search(r"places\.toml: .*: latitude: Extra inputs", p) for p in problems)


def test_a_venue_held_in_an_unknown_place_is_refused(pack_copy: Path) -> None:
    places = pack_copy / "places.toml"
    places.write_text(
        places.read_text(encoding="utf-8").replace(
            'held_in = "washington_dc"', 'held_in = "washington"', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"oval_office is held in unknown place 'washington'"):
        load_pack(pack_copy)


def test_a_known_event_held_in_an_unknown_place_is_refused(pack_copy: Path) -> None:
    timeline = pack_copy / "timeline.toml"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace(
            'venue = "anchorage"', 'venue = "ancorage"', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"alaska_summit is held in unknown place 'ancorage'"):
        load_pack(pack_copy)


def test_the_alaska_summit_was_held_in_anchorage(pack: DomainPack) -> None:
    (summit,) = [(e, v, w) for e, v, w in pack.known_venues if e.key == "alaska_summit"]
    assert summit[1].name == "Anchorage" and summit[2] == {"Alaska"}


def test_an_office_is_held_in_its_city(pack: DomainPack) -> None:
    assert pack.held_in["Oval Office"].name == "Washington, D.C."
