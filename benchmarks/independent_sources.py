"""How much of a store comes from wires: articles attributed to an agency, and fused events
by their copies, their independent sources and the one wire that alone confirms them.

    head -2000 ../shared/data/news-es/articles.jsonl > /tmp/news2000.jsonl
    PYTHONPATH=src .venv/bin/tregua ingest /tmp/news2000.jsonl --db sqlite:////tmp/news2000.db
    PYTHONPATH=src .venv/bin/python benchmarks/independent_sources.py sqlite:////tmp/news2000.db

Reads what ingest and fusion stored (``documents.agency``, ``fused_events.copies``,
``independent_sources`` and ``wire``); writes nothing.
"""

from __future__ import annotations

import argparse
from collections import Counter

from sqlalchemy import func, select

from tregua.store import open_store
from tregua.store.schema import DocumentRow, FusedEventRow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="store URL, e.g. sqlite:////tmp/news2000.db")
    args = parser.parse_args(argv)
    store = open_store(args.db)
    f = FusedEventRow
    with store.reading() as session:
        documents = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
        agencies = Counter(
            dict(
                session.execute(
                    select(DocumentRow.agency, func.count())
                    .where(DocumentRow.agency.is_not(None))
                    .group_by(DocumentRow.agency)
                ).all()
            )
        )
        events = session.scalar(select(func.count()).select_from(f)) or 0
        counted = session.scalar(select(func.count()).where(f.copies.is_not(None))) or 0
        copied = session.scalar(select(func.count()).where(f.copies > 1)) or 0
        independent = session.scalar(select(func.count()).where(f.independent_sources > 1)) or 0
        wires = Counter(
            dict(
                session.execute(
                    select(f.wire, func.count()).where(f.wire.is_not(None)).group_by(f.wire)
                ).all()
            )
        )
        copied_wires = session.scalar(select(func.count()).where(f.wire.is_not(None), f.copies > 1))
    attributed = sum(agencies.values())
    share = attributed / documents if documents else 0.0
    print("| what | count |")
    print("| --- | ---: |")
    print(f"| stored articles | {documents:,} |")
    print(f"| attributed to an agency | {attributed:,} ({share:.2%}) |")
    for agency, n in agencies.most_common():
        print(f"| · {agency} | {n:,} |")
    print(f"| fused events | {events:,} ({counted:,} with their sources counted) |")
    print(f"| with more than one copy (document) | {copied:,} |")
    print(f"| with more than one independent source | {independent:,} |")
    one_wire = sum(wires.values())
    print(f"| confirmed by one wire alone | {one_wire:,} ({copied_wires:,} in several copies) |")
    for wire, n in wires.most_common():
        print(f"| · {wire} | {n:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
