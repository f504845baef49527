"""A reader of tregua's API and dashboard, for locust (``benchmarks/api_load.py`` runs it).

Each simulated user waits 1 to 3 s between requests (someone reading the dashboard, or a
script paging the API politely; ``TREGUA_LOAD_WAIT="0,0"`` makes it hammer) and picks a
request by the weights below: the events list with filters and pages, the timeline,
quotes, stances, actors, search, documents and the dashboard pages, including the
unfiltered first loads the timeline and quote pages make.
Filter values (document ids, actor names, dates) come from the store under test, in the
JSON file named by ``TREGUA_LOAD_TARGETS`` (written by ``api_load.py``). What the server's
cache said of each reply (its ``X-Tregua-Cache`` header: hit, miss, or none when the cache
is off) is counted per request name into the JSON file named by ``TREGUA_LOAD_CACHE``.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

TARGETS: dict[str, Any] = json.loads(Path(os.environ["TREGUA_LOAD_TARGETS"]).read_text("utf-8"))
WAIT = [float(s) for s in os.environ.get("TREGUA_LOAD_WAIT", "1,3").split(",")]
SIDES = ["RUS", "UKR", "USA", "EU"]
STATUSES = ["occurred", "planned", "hypothetical", "negated"]


CACHE: defaultdict[str, Counter[str]] = defaultdict(Counter)


@events.request.add_listener
def _count_cache(name: str, response: Any, **_: Any) -> None:
    said = response.headers.get("x-tregua-cache", "none") if response is not None else "none"
    CACHE[name][said] += 1


@events.test_stop.add_listener
@events.quitting.add_listener  # a SIGTERM (read_during_ingest.py) may skip test_stop
def _write_cache(**_: Any) -> None:
    if os.environ.get("TREGUA_LOAD_CACHE"):
        Path(os.environ["TREGUA_LOAD_CACHE"]).write_text(json.dumps(CACHE), "utf-8")


def _pick(key: str) -> Any:
    return random.choice(TARGETS[key])


def _window(days: int) -> dict[str, str]:
    """A date range of ``days`` inside the store's dates."""
    dates: list[str] = TARGETS["dates"]
    start = random.randrange(max(1, len(dates) - days))
    return {"since": dates[start], "until": dates[min(len(dates) - 1, start + days)]}


class Reader(HttpUser):
    wait_time = between(WAIT[0], WAIT[1])

    # -- events -----------------------------------------------------------------------

    @task(4)
    def events_page(self) -> None:
        params = {"limit": 50, "offset": random.randrange(0, 2000, 50)}
        self.client.get("/api/events", params=params, name="/api/events?offset")

    @task(3)
    def events_filtered(self) -> None:
        params: dict[str, Any] = {"type": _pick("types"), "limit": 50, **_window(90)}
        if random.random() < 0.5:
            params["side"] = random.choice(SIDES)
        if random.random() < 0.5:
            params["status"] = random.choice(STATUSES)
        self.client.get("/api/events", params=params, name="/api/events?type&side&dates")

    @task(1)
    def events_by_actor(self) -> None:
        params = {"actor": _pick("actors"), "limit": 20, "offset": random.choice([0, 20, 40])}
        self.client.get("/api/events", params=params, name="/api/events?actor")

    @task(1)
    def event(self) -> None:
        self.client.get(f"/api/events/{_pick('events')}", name="/api/events/{id}")

    @task(1)
    def event_mentions(self) -> None:
        params = {"type": _pick("types"), "limit": 50, "offset": random.randrange(0, 500, 50)}
        self.client.get("/api/event-mentions", params=params, name="/api/event-mentions")

    @task(2)
    def timeline_window(self) -> None:
        params: dict[str, Any] = _window(60)
        if random.random() < 0.5:
            params["side"] = random.choice(SIDES)
        self.client.get("/api/timeline", params=params, name="/api/timeline?dates")

    @task(1)
    def timeline_first_load(self) -> None:
        # what the timeline and map pages fetch first: every event, up to 5000
        self.client.get("/api/timeline", name="/api/timeline (first load)")

    # -- quotes, stances, actors, search ----------------------------------------------

    @task(2)
    def quotes_page(self) -> None:
        params = {"limit": 50, "offset": random.randrange(0, 2000, 50)}
        self.client.get("/api/quotes", params=params, name="/api/quotes?offset")

    @task(2)
    def quotes_filtered(self) -> None:
        params: dict[str, Any] = {"limit": 50}
        choice = random.random()
        if choice < 0.4:
            params["speaker"] = _pick("speakers")
        elif choice < 0.7:
            params["issue"] = _pick("issues")
        else:
            params.update(side=random.choice(SIDES), **_window(180))
        self.client.get("/api/quotes", params=params, name="/api/quotes?speaker|issue|side")

    @task(1)
    def quotes_first_load(self) -> None:
        # what the quote explorer fetches first
        self.client.get("/api/quotes", params={"limit": 500}, name="/api/quotes?limit=500")

    @task(1)
    def stance_matrix(self) -> None:
        params = {"at": _pick("dates")} if random.random() < 0.5 else {}
        self.client.get("/api/stances/matrix", params=params, name="/api/stances/matrix")

    @task(1)
    def stance_changes(self) -> None:
        params = {"side": random.choice(SIDES), **_window(365)}
        self.client.get("/api/stances/changes", params=params, name="/api/stances/changes")

    @task(1)
    def entities(self) -> None:
        params = {"limit": 50, "offset": random.choice([0, 50])}
        self.client.get("/api/entities", params=params, name="/api/entities")

    @task(1)
    def actor(self) -> None:
        self.client.get(f"/api/entities/{_pick('actor_ids')}", name="/api/entities/{actor}")

    @task(2)
    def search(self) -> None:
        self.client.get("/api/search", params={"q": _pick("words")}, name="/api/search")

    # -- documents and the dashboard --------------------------------------------------

    @task(1)
    def documents(self) -> None:
        params = {"limit": 50, "offset": random.randrange(0, 2000, 50)}
        self.client.get("/api/documents", params=params, name="/api/documents")

    @task(2)
    def document(self) -> None:
        self.client.get(f"/api/documents/{_pick('documents')}", name="/api/documents/{id}")

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/", name="/ (dashboard)")

    @task(1)
    def document_page(self) -> None:
        self.client.get(f"/documents/{_pick('documents')}", name="/documents/{id} (page)")
