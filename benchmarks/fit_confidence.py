"""Fit the events confidence model on gold and report its calibration by article.

    .venv/bin/python benchmarks/fit_confidence.py --shared ../shared
    .venv/bin/python benchmarks/fit_confidence.py --shared ../shared --write

Runs ``tregua extract`` over the three gold sets (the seeds, our ``examples/`` and news-dev),
labels each extracted event right when ``eval/score.py``'s matching pairs it with a gold
event, and fits an L2-regularised logistic regression over the features of
``tregua.extract.events.features`` (Newton's method, numpy only). Calibration is measured
on out-of-fold predictions, the folds drawn by article, so no event is scored by a model
that saw its article. ``--write`` stores the model fitted on every article in
``src/tregua/extract/coefficients/events.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from tregua.extract.confidence import Calibration
from tregua.extract.events.features import EVENT_FEATURES, event_features
from tregua.model import Event, Location, Span

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "tregua" / "extract" / "coefficients" / "events.json"
# the L2 penalty on the weights (not the bias): ~260 events, 15 features; 10 of {1, 3, 10}
# gave the lowest out-of-fold ECE (docs/quality/31-events-accuracy.md), 1 overfit the folds
PENALTY = 10.0
FOLDS = 5
SEED = 7


@dataclass(frozen=True)
class Sample:
    set_name: str
    article: str
    values: dict[str, float]
    right: bool


def _score_module(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{shared}/eval/score.py: not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(inputs: list[Path], out: Path) -> None:
    tregua = Path(sys.executable).with_name("tregua")
    command = [str(tregua), "extract", *map(str, inputs), "--format", "jsonl", "--output"]
    subprocess.run([*command, str(out)], check=True)


def _event(data: dict[str, Any]) -> Event:
    """An ``Event`` back from its OUTPUT.md mapping (the fields the features read)."""
    place = data.get("location")
    return Event(
        type=data["type"],
        status=data["status"],
        evidence=Span(**data["evidence"]),
        date=data.get("date"),
        date_source=data.get("date_source"),
        location=Location(**place) if place else None,
        actors=tuple(data.get("actors") or ()),
        countries=tuple(data.get("countries") or ()),
        mentions=tuple(Span(**m) for m in data.get("mentions") or ()),
    )


def _matched(score: ModuleType, gold: dict[str, Any], record: dict[str, Any]) -> set[int]:
    """Indices of the record's events that ``score.py`` pairs with a gold event."""
    gev, sev, text = gold.get("events", []), record.get("events", []), record.get("text", "")
    pairs = []
    for gi, g in enumerate(gev):
        for si, s in enumerate(sev):
            if g["type"] != s.get("type"):
                continue
            spans = [s["evidence"]["text"]] + [
                m.get("text") or text[m["start"] : m["end"]] for m in s.get("mentions") or []
            ]
            cov = max(score.coverage(g.get("evidence"), t) for t in spans)
            gc, sc = score.event_countries(g), score.event_countries(s)
            jac = len(gc & sc) / len(gc | sc) if gc | sc else 0.0
            dok = score.date_ok(g.get("date"), s.get("date"))
            if cov >= 0.5 or (jac >= 0.5 and dok is not False):
                pairs.append((cov + jac + (0.5 if dok else 0), gi, si))
    return {si for _, si in score.greedy(pairs)}


def samples_of(set_name: str, records: Path, gold_dir: Path, score: ModuleType) -> list[Sample]:
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in gold_dir.glob("*.json")}
    by_url = {g["url"]: k for k, g in golds.items() if g.get("url")}
    found = []
    for line in records.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        source = str(record.get("source", ""))
        key = by_url.get(source) or Path(source.split("#")[0]).stem
        if key not in golds:
            continue
        right = _matched(score, golds[key], record)
        length = len(record.get("text", ""))
        for i, data in enumerate(record.get("events", [])):
            values = event_features(_event(data), length)
            found.append(Sample(set_name, f"{set_name}/{key}", values, i in right))
    return found


def fit(x: np.ndarray, y: np.ndarray, penalty: float = PENALTY) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-penalised logistic regression (Newton's method)."""
    n, k = x.shape
    design = np.hstack([np.ones((n, 1)), x])
    beta = np.zeros(k + 1)
    ridge = np.eye(k + 1) * penalty
    ridge[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (p - y) + ridge @ beta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta[1:], float(beta[0])


def _matrix(samples: list[Sample]) -> tuple[np.ndarray, np.ndarray]:
    names = list(EVENT_FEATURES)
    x = np.array([[s.values[f] for f in names] for s in samples], dtype=float)
    y = np.array([float(s.right) for s in samples])
    return x, y


def out_of_fold(samples: list[Sample], folds: int = FOLDS) -> np.ndarray:
    """Each sample's predicted probability from a model fitted without its article."""
    articles = sorted({s.article for s in samples})
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(articles))
    fold_of = {articles[j]: n % folds for n, j in enumerate(order)}
    x, y = _matrix(samples)
    predicted = np.zeros(len(samples))
    for fold in range(folds):
        held = np.array([fold_of[s.article] == fold for s in samples])
        weights, bias = fit(x[~held], y[~held])
        predicted[held] = 1.0 / (1.0 + np.exp(-(x[held] @ weights + bias)))
    return predicted


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over ``bins`` equal-width bins of confidence."""
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        inside = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if inside.any():
            total += inside.sum() / len(p) * abs(p[inside].mean() - y[inside].mean())
    return total


def fifths(p: np.ndarray, y: np.ndarray) -> list[tuple[float, float, float, int]]:
    """(lowest, highest confidence, share right, count) of each fifth by confidence."""
    order = np.argsort(p)
    rows = []
    for part in np.array_split(order, 5):
        if len(part):
            rows.append(
                (float(p[part].min()), float(p[part].max()), float(y[part].mean()), len(part))
            )
    return rows


def report(samples: list[Sample], predicted: np.ndarray, threshold: float) -> str:
    lines = []
    y_all = np.array([float(s.right) for s in samples])
    for name in ("all", "news-dev"):
        keep = np.array([name == "all" or s.set_name == name for s in samples])
        p, y = predicted[keep], y_all[keep]
        lines += [
            f"### {name}: {len(p)} events, {int(y.sum())} right ({y.mean():.3f}); "
            f"ECE {ece(p, y):.3f} (out of fold, by article)",
            "",
            "| fifth | confidence | share right | events |",
            "| --- | --- | ---: | ---: |",
        ]
        for n, (lo, hi, share, count) in enumerate(fifths(p, y), 1):
            lines.append(f"| {n} | {lo:.2f}–{hi:.2f} | {share:.3f} | {count} |")
        kept = p >= threshold
        if kept.any():
            lines += [
                "",
                f"At confidence ≥ {threshold}: {int(kept.sum())} of {len(p)} events kept, "
                f"precision {y[kept].mean():.3f} (all: {y.mean():.3f}).",
            ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--records", type=Path, help="a folder of seeds/examples/news-dev.jsonl")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--write", action="store_true", help=f"write {OUTPUT.relative_to(ROOT)}")
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
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (inputs, gold) in sets.items():
            records = (args.records or Path(tmp)) / f"{name}.jsonl"
            if args.records is None:
                _extract(inputs, records)
            samples += samples_of(name, records, gold, score)
    predicted = out_of_fold(samples)
    print(report(samples, predicted, args.threshold))
    x, y = _matrix(samples)
    weights, bias = fit(x, y)
    articles = len({s.article for s in samples})
    model = Calibration(
        kind="events",
        features=tuple(EVENT_FEATURES),
        weights=tuple(float(w) for w in weights),
        bias=bias,
        fitted_on=(
            f"seeds, examples and news-dev: {len(samples)} events of {articles} articles, "
            f"{int(y.sum())} right; L2 {PENALTY}; out-of-fold ECE "
            f"{ece(predicted, np.array([float(s.right) for s in samples])):.3f} "
            f"({FOLDS} folds by article); benchmarks/fit_confidence.py"
        ),
    )
    for name, weight in zip(model.features, model.weights, strict=True):
        print(f"{name:15} {weight:+.3f}")
    print(f"{'bias':15} {model.bias:+.3f}")
    if args.write:
        OUTPUT.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
