"""One request at a time: how long each API read and dashboard page takes, alone.

    PYTHONPATH=src python benchmarks/api_requests.py /tmp/tregua-load.db [--repeat 2]

The application runs in this process (FastAPI's test client, no network, no other load),
over a store made by ``load_store.py``; each request is sent ``--repeat`` times and the
fastest is printed, with its status and size. Filter values come from the store as in
``api_load.py``. Where ``api_load.py`` measures a server under 50 users, this says what
one request costs: the profile to read before blaming the load. The cache of replies is
off (every repeat is computed again).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.api_load import targets  # noqa: E402


def requests(t: dict[str, list[str]]) -> list[str]:
    """The requests timed: the kinds ``locustfile.py`` sends, with fixed values."""
    dates = t["dates"]
    since, until = dates[len(dates) // 2], dates[min(len(dates) - 1, len(dates) // 2 + 60)]
    kind, doc = t["types"][0], t["documents"][0]
    return [
        "/api/events?limit=50&offset=1000",
        f"/api/events?type={kind}&since={since}&until={until}&limit=50",
        f"/api/events?type={kind}&side=UKR&status=occurred&since={since}&until={until}&limit=50",
        f"/api/events?actor={t['actors'][0]}&limit=20",
        f"/api/events/{t['events'][0]}",
        f"/api/event-mentions?type={kind}&limit=50&offset=100",
        f"/api/timeline?since={since}&until={until}",
        f"/api/timeline?since={since}&until={until}&side=RUS",
        "/api/timeline",
        "/api/quotes?limit=50&offset=1000",
        f"/api/quotes?speaker={t['speakers'][0]}&limit=50",
        f"/api/quotes?issue={t['issues'][0]}&limit=50",
        f"/api/quotes?side=UKR&since={since}&until={until}&limit=50",
        "/api/quotes?limit=500",
        "/api/stances/matrix",
        f"/api/stances/matrix?at={since}",
        f"/api/stances/changes?side=UKR&since={since}&until={until}",
        "/api/entities?limit=50",
        f"/api/entities/{t['actor_ids'][0]}",
        "/api/search?q=alto el fuego",
        "/api/search?q=Zelenski",
        "/api/documents?limit=50&offset=1000",
        f"/api/documents/{doc}",
        "/",
        f"/documents/{doc}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="A store made by load_store.py.")
    parser.add_argument("--repeat", type=int, default=2, help="Times each request is sent.")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from tregua.interfaces.web.app import create_app
    from tregua.settings import Settings

    client = TestClient(create_app(Settings(db=f"sqlite:///{args.db.resolve()}", cache_bytes=0)))
    print("| request | ms (fastest) | status | bytes |\n| --- | ---: | ---: | ---: |")
    for url in requests(targets(args.db)):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            reply = client.get(url)
            times.append(time.perf_counter() - start)
        shown = url.replace("|", "\\|")
        print(
            f"| `{shown}` | {min(times) * 1000:,.1f} | {reply.status_code} | "
            f"{len(reply.content):,} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
