from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tregua.errors import PackError
from tregua.pack import DEFAULT_PACK, DomainPack, TimelineEvent, load_pack
from tregua.resolve.time import infer_published


def _event(key: str, day: str, *cues: str, kind: str = "event") -> TimelineEvent:
    return TimelineEvent.model_validate(
        {"key": key, "date": day, "kind": kind, "description": key, "cues": cues}
    )


# an invented timeline: the rules are tested apart from the pack's data
TIMELINE = (
    _event("invasion", "2022-02-24", "invasión rusa", "años de guerra", kind="background"),
    _event("summit", "2025-08-15", "cumbre de Alaska", "reunión de Alaska"),
    _event("paris_1", "2025-03-27", "reunión de París"),
    _event("paris_2", "2025-09-04", "reunión de París"),
    _event("deadline", "2025-08-08", "plazo de Trump alto el fuego", kind="deadline"),
    _event("talks", "2025-12-14", "conversaciones en Berlín"),
)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # written dates: the latest in the past; a planned one bounds from above
        ("Ataques en Kiev el 24 de enero de 2026. Reunión el 23 de enero.", "2026-01-24"),
        ("Putin habló el 17 de diciembre; Peskov, el 30 de enero.", "2026-01-30"),
        (
            "Hubo ataques el 24 de enero de 2026. El 1 de febrero se celebrarán reuniones.",
            "2026-01-24",
        ),
        # a weekday after a dated event: the next such day
        ("La reunión fue el 23 de enero de 2026. El miércoles, Peskov dijo que no.", "2026-01-28"),
        # a known event, then weekdays: Paris on Thursday 4 September, Putin on Friday
        (
            "Desde la cumbre de Alaska, la coalición trabaja. Zelenski describió la reunión "
            "de París del jueves. Putin confirmó el viernes que dialoga.",
            "2025-09-05",
        ),
        # an approaching deadline: within the week before it, on the Wednesday named
        (
            "Se acerca el plazo dado por Donald Trump para que Moscú acepte un alto el fuego. "
            "Witkoff aterrizó el miércoles en Moscú.",
            "2025-08-06",
        ),
        # a duration since a known event and an event that fits it
        (
            "Witkoff mantuvo conversaciones en Berlín a principios de semana, casi cuatro "
            "años de guerra después. El miércoles Putin dijo que seguirá.",
            "2025-12-17",
        ),
        ("Sin fechas en este texto.", None),
        # an event named for years after dates nothing recent
        ("Desde la invasión rusa, el miércoles Zelenski dijo que no.", None),
        ("El miércoles, Peskov dijo que no.", None),
    ],
)
def test_infer_published(text: str, published: str | None) -> None:
    found = infer_published(text, 2026, TIMELINE)
    assert (found.isoformat() if found else None) == published


def test_cue_words_may_be_apart_but_not_far() -> None:
    near = "Se acerca el plazo dado por el presidente Donald Trump para un alto el fuego."
    far = (
        "El plazo vence pronto, dijeron fuentes diplomáticas europeas consultadas por este "
        "diario, y Trump insiste en un alto el fuego."
    )
    assert infer_published(near, 2026, TIMELINE) is not None
    assert infer_published(far, 2026, TIMELINE) is None


def test_pack_timeline_loads_with_sources(pack: DomainPack) -> None:
    assert len(pack.timeline) >= 20
    keys = [e.key for e in pack.timeline]
    assert len(keys) == len(set(keys))
    assert all(e.note and e.cues for e in pack.timeline)
    alaska = next(e for e in pack.timeline if e.key == "alaska_summit")
    assert alaska.date == dt.date(2025, 8, 15)


def test_timeline_is_optional(tmp_path: Path) -> None:
    for name in ("pack", "actors", "roles", "places", "issues", "lexicon"):
        (tmp_path / f"{name}.toml").write_bytes((DEFAULT_PACK / f"{name}.toml").read_bytes())
    assert load_pack(tmp_path).timeline == ()


def test_timeline_end_before_start_is_refused(tmp_path: Path) -> None:
    for name in ("pack", "actors", "roles", "places", "issues", "lexicon"):
        (tmp_path / f"{name}.toml").write_bytes((DEFAULT_PACK / f"{name}.toml").read_bytes())
    (tmp_path / "timeline.toml").write_text(
        '[[event]]\nkey = "x"\ndate = 2025-08-15\ndate_end = 2025-08-14\n'
        'description = "x"\ncues = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="date_end"):
        load_pack(tmp_path)


@pytest.mark.shared
def test_issue_5_every_seed_dated_inside_its_gold_range(shared: Path, pack: DomainPack) -> None:
    """The seeds carry no dates; score.py accepts one day either side of the gold range."""
    for path in sorted((shared / "seeds").glob("*.txt")):
        gold = json.loads((shared / "gold" / "seeds" / f"{path.stem}.json").read_text("utf-8"))
        low, high = (dt.date.fromisoformat(d) for d in gold["published"])
        found = infer_published(path.read_text("utf-8"), pack.default_year, pack.timeline)
        assert found is not None and low <= found <= high, (path.name, found, gold["published"])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    found = infer_published(text, 2026, TIMELINE)
    assert found is None or isinstance(found, dt.date)


@pytest.mark.parametrize(
    ("written", "text", "published"),
    [
        # the page's stamp with its year is the day, whatever the timeline says
        ([(2026, 3, 5)], "Tras la cumbre de Alaska, los negociadores volvieron.", "2026-03-05"),
        # a dateline's day takes the year of what the text says: dated sentences first
        ([(None, 2, 26)], "El canje anterior se hizo el 29 de enero de 2026.", "2026-02-26"),
        # with nothing else, the latest year the text names
        ([(None, 8, 22)], "Las conversaciones empezaron en 2025 sin resultado.", "2025-08-22"),
        # and the stamp wins over the dateline
        ([(2025, 6, 2), (None, 6, 1)], "Nada fechado aquí.", "2025-06-02"),
    ],
)
def test_what_the_page_writes_comes_first(
    written: list[tuple[int | None, int, int]], text: str, published: str
) -> None:
    found = infer_published(text, 2026, TIMELINE, written=written)
    assert found == dt.date.fromisoformat(published)


def test_the_text_is_read_before_the_timeline() -> None:
    """A dated sentence decides; the timeline's cue in the same text does not move it."""
    text = "El 3 de febrero de 2026 los equipos se reunieron, meses después de la cumbre de Alaska."
    assert infer_published(text, 2026, TIMELINE) == infer_published(text, 2026, ())


def test_a_day_without_a_year_takes_the_year_of_the_events_named() -> None:
    """The text gives the day; the year, which it never writes, comes from the timeline."""
    text = "Los equipos volvieron a reunirse el 20 de agosto, días después de la cumbre de Alaska."
    alone = infer_published(text, 2026, ())
    assert alone is not None
    assert alone.year == 2026  # the fallback year: the text writes none
    assert infer_published(text, 2026, TIMELINE) == alone.replace(year=2025)
