"""Confidence of an extracted fact: a small logistic model fitted on gold.

A fact (an event, a quote, a stance) is described by a few named features, each a
number the record itself shows (how many times the event is mentioned, whether the text
dates it, how many sides it names); ``Calibration.score`` turns them into the share of such
facts that were right on the gold articles. The coefficients live as package data beside
this module (``coefficients/<kind>.json``) and are written by
``benchmarks/fit_confidence.py``, which fits them on the seeds, our examples and news-dev
and reports their calibration under cross-validation by article.

    >>> model = Calibration(kind="events", features=("mentions",), weights=(0.8,), bias=-0.2)
    >>> round(model.score({"mentions": 1.0}), 2)
    0.65
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Protocol

from tregua.errors import PackError


class Scorer(Protocol):
    """What an extractor asks of a confidence model: a score for named feature values
    (``Calibration``; the fitting script passes one that records the values instead)."""

    def score(self, values: Mapping[str, float], /) -> float: ...


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model over named features: ``1 / (1 + exp(-(bias + weights · features)))``.

    ``features`` names each weight; a feature missing from the mapping scored counts as 0.
    """

    kind: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    # how it was fitted: sets, sizes, cross-validated calibration (for the docs, not the score)
    fitted_on: str = ""

    def score(self, values: Mapping[str, float]) -> float:
        """The probability that a fact with these feature ``values`` is right, rounded to
        three places."""
        z = self.bias + sum(
            w * values.get(f, 0.0) for f, w in zip(self.features, self.weights, strict=True)
        )
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "features": list(self.features),
                "weights": [round(w, 6) for w in self.weights],
                "bias": round(self.bias, 6),
                "fitted_on": self.fitted_on,
            },
            indent=1,
            ensure_ascii=False,
        )


def parse_calibration(text: str, where: str) -> Calibration:
    """A ``Calibration`` from its JSON; ``where`` names the file in the error."""
    try:
        data = json.loads(text)
        features = tuple(str(f) for f in data["features"])
        weights = tuple(float(w) for w in data["weights"])
        model = Calibration(
            kind=str(data["kind"]),
            features=features,
            weights=weights,
            bias=float(data["bias"]),
            fitted_on=str(data.get("fitted_on", "")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise PackError(
            f"{where}: not a confidence model ({exc}); rerun benchmarks/fit_confidence.py"
        ) from exc
    if len(features) != len(weights):
        raise PackError(
            f"{where}: {len(features)} features but {len(weights)} weights; "
            "rerun benchmarks/fit_confidence.py"
        )
    return model


def load_calibration(kind: str) -> Calibration:
    """The fitted model for facts of ``kind`` ("events", "quotes", "stances") from the
    package; the pipeline loads it once and passes it down."""
    resource = files("tregua.extract") / "coefficients" / f"{kind}.json"
    return parse_calibration(resource.read_text(encoding="utf-8"), f"coefficients/{kind}.json")
