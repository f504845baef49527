"""TempEval-3-style scores of tregua's Spanish time expressions on ../shared/data/timex-es.

    python benchmarks/timex_eval.py [--shared ../shared] [--output docs/results/timex.json]
                                    [--corpus timebank-test ...] [--errors N]

Corpora: TimeBank-es test (and train, for development only), MEANTIME-es test, HourGlass.
Detection is scored strict (same tokens) and relaxed (overlap), each timex matched at most
once; value F1 counts relaxed matches whose TIMEX3 value equals the gold value
(TempEval-3's attribute F1: correct / system for P, correct / gold for R).
The documents' creation dates are the anchors. dateparser's share of the time is measured
by timing every call the grammar makes to it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dateparser

from tregua.resolve.time import find_time_expressions
from tregua.resolve.timex import dateparse

ROOT = Path(__file__).resolve().parents[1]
_DCT = re.compile(r'\*!-DCTVALUE="(\d{4}-\d{2}-\d{2})"-!\*')
_TIMEX = re.compile(r'<TIMEX3[^>]*type="(?P<type>\w+)"[^>]*value="(?P<value>[^"]*)"[^>]*>')
HOURGLASS_ANCHOR = dt.date(2019, 12, 20)


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Document:
    name: str
    anchor: dt.date
    text: str = ""
    gold: list[Gold] = field(default_factory=list)
    # token boundaries: a predicted span is widened to the tokens it touches
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)


def read_tsv(path: Path) -> Iterator[Document]:
    """XTN-timexes BIO files: `token TAB tag TAB value`, a DCT line opening each document."""
    doc: Document | None = None
    parts: list[str] = []
    offset = 0
    current: list[Any] | None = None

    def close(d: Document) -> Document:
        d.text = "".join(parts)
        return d

    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        dct = _DCT.match(cells[0]) if cells and cells[0] else None
        if dct:
            if current and doc:
                doc.gold.append(Gold(*current))
            current = None
            if doc is not None:
                yield close(doc)
            doc = Document(f"{path.parent.name}#{dct.group(1)}", dt.date.fromisoformat(dct[1]))
            parts, offset = [], 0
            continue
        if doc is None:
            continue
        if not line.strip():
            if parts and parts[-1] != "\n":
                parts[-1] = "\n"
            continue
        token, tag = cells[0], cells[1] if len(cells) > 1 else "O"
        value = cells[2] if len(cells) > 2 else "-"
        start = offset
        parts.extend([token, " "])
        offset += len(token) + 1
        doc.token_starts.append(start)
        doc.token_ends.append(start + len(token))
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            if current:
                doc.gold.append(Gold(*current))
            current = [start, start + len(token), tag[2:], value]
        elif tag.startswith("I-") and current is not None:
            current[1] = start + len(token)
        else:
            if current:
                doc.gold.append(Gold(*current))
            current = None
    if doc is not None:
        if current:
            doc.gold.append(Gold(*current))
        yield close(doc)


def read_hourglass(folder: Path) -> Iterator[Document]:
    """HourGlass TML files: inline TIMEX3 tags, all anchored on 2019-12-20."""
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
        doc = Document(path.stem, HOURGLASS_ANCHOR)
        text: list[str] = []
        pos = 0
        length = 0
        for m in re.finditer(r"<TIMEX3[^>]*>(?P<inner>.*?)</TIMEX3>", body, re.DOTALL):
            before = body[pos : m.start()]
            text.append(before)
            length += len(before)
            tag = _TIMEX.match(m.group())
            inner = m["inner"]
            if tag:
                doc.gold.append(Gold(length, length + len(inner), tag["type"], tag["value"]))
            text.append(inner)
            length += len(inner)
            pos = m.end()
        text.append(body[pos:])
        doc.text = re.sub(r"<[^>]+>", "", "".join(text))
        for t in re.finditer(r"\w+|[^\w\s]", doc.text):
            doc.token_starts.append(t.start())
            doc.token_ends.append(t.end())
        yield doc


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    type: str
    value: str
    text: str


def _widen(doc: Document, start: int, end: int) -> tuple[int, int]:
    touched = [
        (s, e)
        for s, e in zip(doc.token_starts, doc.token_ends, strict=True)
        if s < end and start < e
    ]
    if not touched:
        return start, end
    return touched[0][0], touched[-1][1]


def predict(doc: Document) -> list[Predicted]:
    out = []
    for e in find_time_expressions(doc.text, doc.anchor):
        start, end = _widen(doc, e.start, e.end)
        out.append(Predicted(start, end, e.type, e.timex, e.text))
    return out


@dataclass(slots=True)
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, Any]:
        def prf(hits: int) -> dict[str, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1)}

        return {
            "gold": self.gold,
            "system": self.system,
            "strict": prf(self.strict),
            "relaxed": prf(self.relaxed),
            "value": prf(self.value),
            "type": prf(self.type),
        }


def score(doc: Document, predicted: list[Predicted], tally: Tally) -> None:
    tally.gold += len(doc.gold)
    tally.system += len(predicted)
    used: set[int] = set()
    for g in doc.gold:
        match = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p.start < g.end and g.start < p.end
            ),
            None,
        )
        gold_text = doc.text[g.start : g.end]
        if match is None:
            tally.errors.append(f"MISS  {doc.name}  {gold_text!r} {g.type} {g.value}")
            continue
        used.add(match)
        p = predicted[match]
        tally.relaxed += 1
        tally.strict += (p.start, p.end) == (g.start, g.end)
        tally.type += p.type == g.type
        if p.value == g.value:
            tally.value += 1
        else:
            tally.errors.append(
                f"VALUE {doc.name}  {gold_text!r} {g.type} {g.value}  <- {p.text!r} {p.type} "
                f"{p.value}"
            )
    for i, p in enumerate(predicted):
        if i not in used:
            tally.errors.append(f"EXTRA {doc.name}  {p.text!r} {p.type} {p.value}")


CORPORA: dict[str, Callable[[Path], Iterator[Document]]] = {
    "timebank-test": lambda s: read_tsv(s / "data/timex-es/timebank-es/test.tsv"),
    "meantime-test": lambda s: read_tsv(s / "data/timex-es/meantime-es/test.tsv"),
    "hourglass": lambda s: read_hourglass(s / "data/timex-es/hourglass/annotated_TML"),
    "timebank-train": lambda s: read_tsv(s / "data/timex-es/timebank-es/train.tsv"),
}
REPORTED = ("timebank-test", "meantime-test", "hourglass")


def _timed_dateparser() -> Callable[[], float]:
    """Wrap dateparser.parse with a stopwatch; returns a reader of the seconds spent."""
    spent = [0.0]
    original = dateparser.parse

    def parse(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    dateparser.parse = parse  # type: ignore[assignment]
    return lambda: spent[0]


def run(shared: Path, names: list[str], show_errors: int) -> dict[str, Any]:
    start = time.perf_counter()
    dateparser.parse("1 de enero de 2000", languages=["es"])  # load its Spanish data once
    load_seconds = time.perf_counter() - start
    dateparser_seconds = _timed_dateparser()
    dateparse.parse_written_date.cache_clear()
    results: dict[str, Any] = {}
    total_seconds = 0.0
    for name in names:
        docs = list(CORPORA[name](shared))
        tally = Tally()
        start = time.perf_counter()
        predictions = [predict(d) for d in docs]
        seconds = time.perf_counter() - start
        total_seconds += seconds
        for doc, predicted in zip(docs, predictions, strict=True):
            score(doc, predicted, tally)
        results[name] = tally.scores() | {
            "documents": len(docs),
            "seconds": round(seconds, 3),
        }
        if show_errors:
            kinds = Counter(e.split()[0] for e in tally.errors)
            print(f"--- {name}: {dict(kinds)}", file=sys.stderr)
            for line in tally.errors[:show_errors]:
                print(line, file=sys.stderr)
    spent = dateparser_seconds()
    documents = sum(results[name]["documents"] for name in names)
    results["timing"] = {
        "documents": documents,
        "timex_seconds": round(total_seconds, 3),
        "timex_ms_per_document": round(1000 * total_seconds / documents, 2) if documents else 0,
        "dateparser_seconds": round(spent, 4),
        "dateparser_share": round(spent / total_seconds, 4) if total_seconds else 0.0,
        "dateparser_load_seconds": round(load_seconds, 3),
        "dateparser_calls_cached": dateparse.parse_written_date.cache_info().currsize,
    }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--output", type=Path, default=None, help="write the scores as JSON")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), default=None)
    parser.add_argument("--errors", type=int, default=0, help="print N errors per corpus")
    args = parser.parse_args(argv)
    names = args.corpus or list(REPORTED)
    results = run(args.shared, names, args.errors)
    for name in names:
        r = results[name]
        print(
            f"{name:15} gold {r['gold']:4} system {r['system']:4}  "
            f"strict F1 {r['strict']['f1']:5.1f}  relaxed F1 {r['relaxed']['f1']:5.1f}  "
            f"value F1 {r['value']['f1']:5.1f}  type F1 {r['type']['f1']:5.1f}"
        )
    print(json.dumps(results["timing"]))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        results["command"] = "make timex-eval"
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
