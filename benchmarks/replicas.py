"""Realistic records for the store and API benchmarks, made once and replicated.

The real pipeline runs once over ``examples/*.txt``; ``replicate`` then hands out copies of
those records as new documents: round ``k`` of the copies gets its own text (a line added
after the last paragraph, so every offset still points at the same words), its own id (the
sha1 of that text, as the pipeline makes it), its own source, and every date (publication,
events) moved ``SHIFT_DAYS * k`` days later. The shift is wider than fusion's date windows
(``DATE_SLACK_DAYS`` plus ``PUBLISHED_LOOKBACK_DAYS``), so a copy's dated events stay
their own fused events and the store grows like a corpus of new news, not like one story
filed ten thousand times. Entities keep their ids: the same actors recur, as they do.

An event without a date gets, in a copy, the copy's publication day (``date_source``
"published", as the pipeline dates an event it finds no date for in the text). Left
undated, the copies of one undated event are compatible with each other in every way
fusion checks, so they fuse into a few events of thousands of reports each, and
``fuse_mentions`` compares every undated mention with every member of every undated event
of its type: on 21,000 documents (36,000 undated mentions) it had not finished after five
minutes. ``--keep-undated`` keeps them undated, to measure exactly that.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHIFT_DAYS = 4  # > DATE_SLACK_DAYS (1) + PUBLISHED_LOOKBACK_DAYS (2)

#: child facts of a record, as the store counts rows of them
FACTS = ("paragraphs", "flags", "entities", "events", "quotes", "stances")


def example_records() -> list[dict[str, Any]]:
    """The records of ``examples/*`` through the real pipeline (OUTPUT.md mappings)."""
    from tregua.ingest import read_inputs
    from tregua.model import Record, record_to_dict
    from tregua.pack import load_pack
    from tregua.pipeline import build_pipeline, run_batch

    pipeline = build_pipeline(load_pack())
    records = []
    for item in run_batch(read_inputs([str(EXAMPLES)]), pipeline):
        if not isinstance(item, Record):
            sys.exit(f"examples/ should all process; {item.source} was quarantined: {item}")
        records.append(record_to_dict(item))
    records.sort(key=lambda r: str(r["source"]))
    return records


def _shift(day: Any, days: int) -> Any:
    if not isinstance(day, str) or len(day) != 10:
        return day
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def copy_record(record: dict[str, Any], k: int, keep_undated: bool = False) -> dict[str, Any]:
    """Round ``k``'s copy of ``record``; round 0 is the record itself."""
    if k == 0:
        return record
    out = copy.deepcopy(record)
    days = SHIFT_DAYS * k
    out["text"] = f"{record['text']}\n\n(copia de banco de pruebas {k})"
    out["id"] = hashlib.sha1(out["text"].encode("utf-8")).hexdigest()
    out["source"] = f"replica/{k}/{record['source']}"
    out["title"] = f"{record.get('title') or ''} ({k})".strip()
    out["published"] = _shift(record.get("published"), days)
    for event in out.get("events") or ():
        if event.get("date") is None and not keep_undated and out["published"]:
            event["date"], event["date_source"] = out["published"], "published"
            continue
        event["date"] = _shift(event.get("date"), days)
        event["date_end"] = _shift(event.get("date_end"), days)
    return out


def replicate(
    records: list[dict[str, Any]], count: int, first: int = 0, keep_undated: bool = False
) -> Iterator[dict[str, Any]]:
    """Documents ``first`` to ``first + count - 1`` of the endless copy of ``records``."""
    for n in range(first, first + count):
        yield copy_record(records[n % len(records)], n // len(records), keep_undated)


def facts(record: dict[str, Any]) -> dict[str, int]:
    """How many facts of each kind a record holds (entity mentions counted as ``mentions``)."""
    counts = {kind: len(record.get(kind) or ()) for kind in FACTS}
    counts["mentions"] = sum(len(e.get("mentions") or ()) for e in record.get("entities") or ())
    return counts
