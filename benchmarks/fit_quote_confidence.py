"""Fit the quotes and stances confidence models on gold and report their calibration.

    PYTHONPATH=src .venv/bin/python benchmarks/fit_quote_confidence.py --shared ../shared
    PYTHONPATH=src .venv/bin/python benchmarks/fit_quote_confidence.py --shared ../shared --write

The method of ``benchmarks/fit_confidence.py`` (events), applied to quotes and stances: the
three gold sets (the seeds, our ``examples/`` and news-dev) are extracted in this process
with scorers that record each quote's and stance's features (``QUOTE_FEATURES``,
``STANCE_FEATURES``) instead of scoring them, so the values fitted are the very ones the
extractor computes. A quote is right when ``eval/score.py`` pairs it with a gold quote and
its speaker is the gold speaker (what ``quotes_attributed`` counts); a stance is right when
gold holds its side, issue and polarity (``stances_polarity``). An L2-regularised logistic
regression is fitted (Newton's method, numpy only); calibration is measured on out-of-fold
predictions, folds drawn by article. ``--write`` stores the models fitted on every article
in ``src/tregua/extract/coefficients/{quotes,stances}.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from fit_confidence import FOLDS, SEED, _score_module, ece, fifths, fit

from tregua.extract.confidence import Calibration
from tregua.extract.quote_features import QUOTE_FEATURES
from tregua.extract.stances import STANCE_FEATURES
from tregua.ingest import read_inputs
from tregua.model import Record, record_to_dict
from tregua.pack import load_pack
from tregua.pipeline import build_pipeline, run_batch
from tregua.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
COEFFICIENTS = ROOT / "src" / "tregua" / "extract" / "coefficients"
# the L2 penalty on the weights (not the bias): ~250 quotes, ~100 stances
PENALTY = {"quotes": 1.0, "stances": 2.0}
FEATURES = {"quotes": tuple(QUOTE_FEATURES), "stances": tuple(STANCE_FEATURES)}


class Recorder:
    """A scorer that keeps the feature values it is asked about and answers with their
    index, so each quote or stance of a record leads back to its features."""

    def __init__(self) -> None:
        self.seen: list[dict[str, float]] = []

    def score(self, values: Mapping[str, float], /) -> float:
        self.seen.append(dict(values))
        return float(len(self.seen) - 1)


@dataclasses.dataclass(frozen=True)
class Sample:
    set_name: str
    article: str
    values: dict[str, float]
    right: bool


def _quote_right(score: ModuleType, gold: dict[str, Any], record: dict[str, Any]) -> set[int]:
    """Indices of the record's quotes that ``score.py`` pairs with a gold quote whose
    speaker they name right (its ``quotes_attributed``)."""
    gq, sq = gold.get("quotes", []), record.get("quotes", [])
    table = score.alias_table(gold)
    pairs = []
    for gi, g in enumerate(gq):
        for si, s in enumerate(sq):
            f = score.token_f1(g["text"], s.get("text"))
            if f >= 0.5 or score.coverage(g["text"], s.get("text")) >= 0.8:
                pairs.append((f, gi, si))
    right = set()
    for gi, si in score.greedy(pairs):
        g, s = gq[gi], sq[si]
        if g.get("speaker"):
            ok = score.same_name(g["speaker"], [s.get("speaker_name")], table)
        else:
            ok = not s.get("speaker_name") or bool(s.get("speaker_description"))
            if g.get("speaker_country"):
                country = (s.get("speaker_country") or "").upper()
                ok = ok and country == g["speaker_country"].upper()
        if ok:
            right.add(si)
    return right


def _stance_right(gold: dict[str, Any], record: dict[str, Any]) -> set[int]:
    """Indices of the record's stances whose side, issue and polarity gold holds."""
    wanted = {(x["country"].upper(), x["issue"]): x["polarity"] for x in gold.get("stances", [])}
    return {
        i
        for i, x in enumerate(record.get("stances", []))
        if wanted.get((str(x.get("country", "")).upper(), x.get("issue"))) == x.get("polarity")
    }


def samples_of(
    set_name: str, inputs: list[Path], gold_dir: Path, score: ModuleType
) -> dict[str, list[Sample]]:
    """The quotes and stances of ``inputs`` with their features and whether each is right."""
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in gold_dir.glob("*.json")}
    by_url = {g["url"]: k for k, g in golds.items() if g.get("url")}
    recorders = {"quotes": Recorder(), "stances": Recorder()}
    pipeline = dataclasses.replace(
        build_pipeline(load_pack(Settings().pack)),
        quote_confidence=recorders["quotes"],
        stance_confidence=recorders["stances"],
    )
    found: dict[str, list[Sample]] = {"quotes": [], "stances": []}
    items = read_inputs([str(p) for p in inputs])
    for item in run_batch(items, pipeline, Settings().batch_size):
        if not isinstance(item, Record):
            continue
        record = record_to_dict(item)
        source = str(record.get("source", ""))
        key = by_url.get(source) or Path(source.split("#")[0]).stem
        if key not in golds:
            continue
        right = {
            "quotes": _quote_right(score, golds[key], record),
            "stances": _stance_right(golds[key], record),
        }
        for kind, recorder in recorders.items():
            for i, data in enumerate(record.get(kind, [])):
                values = recorder.seen[int(data["confidence"])]
                found[kind].append(Sample(set_name, f"{set_name}/{key}", values, i in right[kind]))
    return found


def _matrix(samples: list[Sample], names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[s.values[f] for f in names] for s in samples], dtype=float)
    y = np.array([float(s.right) for s in samples])
    return x, y


def out_of_fold(samples: list[Sample], kind: str) -> np.ndarray:
    """Each sample's predicted probability from a model fitted without its article."""
    articles = sorted({s.article for s in samples})
    order = np.random.default_rng(SEED).permutation(len(articles))
    fold_of = {articles[j]: n % FOLDS for n, j in enumerate(order)}
    x, y = _matrix(samples, FEATURES[kind])
    predicted = np.zeros(len(samples))
    for fold in range(FOLDS):
        held = np.array([fold_of[s.article] == fold for s in samples])
        weights, bias = fit(x[~held], y[~held], PENALTY[kind])
        predicted[held] = 1.0 / (1.0 + np.exp(-(x[held] @ weights + bias)))
    return predicted


def report(kind: str, samples: list[Sample], predicted: np.ndarray) -> str:
    lines = []
    y_all = np.array([float(s.right) for s in samples])
    for name in ("all", "news-dev"):
        keep = np.array([name == "all" or s.set_name == name for s in samples])
        p, y = predicted[keep], y_all[keep]
        lines += [
            f"### {kind}, {name}: {len(p)} {kind}, {int(y.sum())} right ({y.mean():.3f}); "
            f"ECE {ece(p, y):.3f} (out of fold, by article)",
            "",
            f"| fifth | confidence | share right | {kind} |",
            "| --- | --- | ---: | ---: |",
        ]
        for n, (lo, hi, share, count) in enumerate(fifths(p, y), 1):
            lines.append(f"| {n} | {lo:.2f}–{hi:.2f} | {share:.3f} | {count} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--write", action="store_true", help=f"write {COEFFICIENTS}/*.json")
    args = parser.parse_args(argv)
    score = _score_module(args.shared)
    sets = {
        "seeds": (sorted((args.shared / "seeds").glob("*.txt")), args.shared / "gold" / "seeds"),
        "examples": (sorted((ROOT / "examples").glob("*.txt")), ROOT / "tests" / "dev_gold"),
        "news-dev": (
            [args.shared / "data" / "news-dev" / "articles.jsonl"],
            args.shared / "gold" / "news-dev",
        ),
    }
    samples: dict[str, list[Sample]] = {"quotes": [], "stances": []}
    for name, (inputs, gold) in sets.items():
        for kind, found in samples_of(name, inputs, gold, score).items():
            samples[kind] += found
    for kind, kind_samples in samples.items():
        predicted = out_of_fold(kind_samples, kind)
        print(report(kind, kind_samples, predicted))
        x, y = _matrix(kind_samples, FEATURES[kind])
        weights, bias = fit(x, y, PENALTY[kind])
        articles = len({s.article for s in kind_samples})
        model = Calibration(
            kind=kind,
            features=FEATURES[kind],
            weights=tuple(float(w) for w in weights),
            bias=bias,
            fitted_on=(
                f"seeds, examples and news-dev: {len(kind_samples)} {kind} of {articles} "
                f"articles, {int(y.sum())} right; L2 {PENALTY[kind]}; out-of-fold ECE "
                f"{ece(predicted, y):.3f} ({FOLDS} folds by article); "
                "benchmarks/fit_quote_confidence.py"
            ),
        )
        for name, weight in zip(model.features, model.weights, strict=True):
            print(f"{name:20} {weight:+.3f}")
        print(f"{'bias':20} {model.bias:+.3f}\n")
        if args.write:
            out = COEFFICIENTS / f"{kind}.json"
            out.write_text(model.to_json() + "\n", encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
