"""What the review costs the lists (issue #18): ``/api/quotes``, ``/api/event-mentions``,
``/api/stances/changes``, ``/api/search`` and the profile of the most mentioned actor
(``/api/entities/{actor}``, its counts as reviewed) through the application, on a store of
replicated sample records with corrections (``review_timings.py``'s, plus a quote and a
stance an editor added).

    PYTHONPATH=src python benchmarks/review_lists.py build /tmp/lists.db --documents 500
    PYTHONPATH=src python benchmarks/review_lists.py time /tmp/lists.db --repeat 7

``time`` prints the median milliseconds of each request, with the response cache off; run
it with another tree's ``src`` on the path to compare two versions on one store.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.replicas import replicate  # noqa: E402
from benchmarks.review_timings import SAMPLE, correct_every_tenth, median_ms  # noqa: E402

from tregua.fuse.refresh import refresh  # noqa: E402
from tregua.review import log  # noqa: E402
from tregua.store import open_store  # noqa: E402

REQUESTS = (
    "/api/quotes",
    "/api/quotes?offset=1000",
    "/api/event-mentions",
    "/api/stances/changes",
    "/api/search?q=alto+el+fuego",
)


def build(path: Path, documents: int) -> None:
    store = open_store(f"sqlite:///{path}")
    for record in replicate(json.loads(SAMPLE.read_text(encoding="utf-8")), documents):
        store.put_record(record)
    refresh(store)
    made = correct_every_tenth(store)
    record = next(iter(store.records()))
    text = str(record["text"])
    for kind, after in (("quote", {"speaker_name": "X"}), ("stance", {"country": "UKR"})):
        key = {"document_id": record["id"], "start": 0, "end": 20, "text": text[:20]}
        log.append(store, editor="bench", kind=kind, key=key, action="add", after=after)
    print(f"{documents} documents, {made + 2} corrections")


def time_requests(path: Path, repeat: int) -> None:
    from fastapi.testclient import TestClient

    from tregua.interfaces.web.app import create_app
    from tregua.settings import Settings

    settings = Settings(db=f"sqlite:///{path}", cache_bytes=0)
    with TestClient(create_app(settings)) as client:
        top = client.get("/api/entities", params={"type": "PERSON", "limit": 1}).json()
        profiles = [f"/api/entities/{e['id']}" for e in top["items"]]
        for request in (*REQUESTS, *profiles):
            assert client.get(request).status_code == 200
            print(f"{request:32} {median_ms(lambda r=request: client.get(r), repeat):8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("build", "time"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if args.action == "build":
        if args.path.exists():
            sys.exit(f"{args.path} exists; remove it first")
        build(args.path, args.documents)
    else:
        time_requests(args.path, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
