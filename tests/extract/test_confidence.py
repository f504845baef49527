from __future__ import annotations

import pytest

from tregua.errors import PackError
from tregua.extract.confidence import Calibration, load_calibration, parse_calibration
from tregua.extract.events.features import EVENT_FEATURES, event_features
from tregua.model import Event, Span


def test_the_score_is_the_logistic_of_the_weighted_features() -> None:
    model = Calibration(kind="t", features=("a", "b"), weights=(2.0, -1.0), bias=-1.0)
    assert model.score({}) == pytest.approx(0.269, abs=1e-3)
    assert model.score({"a": 1.0}) == pytest.approx(0.731, abs=1e-3)
    assert model.score({"a": 1.0, "b": 1.0}) == pytest.approx(0.5)


def test_a_model_round_trips_through_its_json() -> None:
    model = Calibration(kind="t", features=("a",), weights=(0.25,), bias=0.5, fitted_on="x")
    assert parse_calibration(model.to_json(), "t.json") == model


@pytest.mark.parametrize(
    "text",
    ["{}", "not json", '{"kind": "t", "features": ["a"], "weights": [], "bias": 0}'],
)
def test_a_broken_model_file_names_the_file(text: str) -> None:
    with pytest.raises(PackError, match=r"t\.json"):
        parse_calibration(text, "t.json")


def test_the_packaged_events_model_reads_every_feature() -> None:
    model = load_calibration("events")
    assert model.features == tuple(EVENT_FEATURES)
    assert model.fitted_on


def test_more_mentions_and_two_sides_read_as_more_confident() -> None:
    model = load_calibration("events")
    once = Event(
        type="CONSULT",
        status="occurred",
        evidence=Span(0, 10, "Se reunió."),
        countries=("POL",),
        mentions=(Span(0, 10, "Se reunió."),),
    )
    again = Event(
        type="CONSULT",
        status="occurred",
        evidence=Span(0, 10, "Se reunió."),
        countries=("HUN", "POL"),
        mentions=(Span(0, 10, "Se reunió."), Span(20, 30, "La reunión")),
    )
    assert model.score(event_features(again, 100)) > model.score(event_features(once, 100))
