"""Every reply of the web application, byte for byte, to compare two versions of the code.

    # at the old commit (its src first on the path), then at the new one:
    PYTHONPATH=OLD/src python benchmarks/api_replies.py capture sqlite:////tmp/s.db /tmp/old.json
    PYTHONPATH=src python benchmarks/api_replies.py compare sqlite:////tmp/s.db /tmp/old.json

``capture`` asks a store the requests of ``requests_for`` (every ``/api`` endpoint with
its filters, paging and errors, and the dashboard's pages) in process, through the
application's own ASGI stack, and writes each reply's status, content type, length and
SHA-256 with the list of requests. The requests name ids, actors, outlets and days taken
from the store's own replies, so the same file serves any store. ``compare`` replays the
requests of such a file and names every reply that differs; it exits 1 when one does.

``records`` writes the records of ``examples/`` (through the real pipeline) as one JSON
file, and ``store`` fills a new SQLite store from such a file and fuses it: the store of
the test that holds the replies of the bundled sample (``tests/interfaces/test_replies.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]


def _client(url: str) -> Any:
    from fastapi.testclient import TestClient

    from tregua.interfaces.web.app import create_app
    from tregua.settings import Settings

    return TestClient(create_app(Settings(db=url, cache_bytes=0)))


def _q(path: str, **params: object) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _first(items: list[dict[str, Any]], key: str) -> Any:
    return next((i[key] for i in items if i.get(key)), None)


def requests_for(client: Any, ids: int = 10) -> list[str]:
    """The requests to compare: each endpoint plain, with every filter, paged and wrong."""
    docs = client.get("/api/documents", params={"limit": 500}).json()["items"]
    events = client.get("/api/events", params={"limit": 200}).json()["items"]
    entities = client.get("/api/entities", params={"limit": 500}).json()["items"]
    quotes = client.get("/api/quotes", params={"limit": 200}).json()["items"]
    issues = [i["key"] for i in client.get("/api/issues").json()]
    day = _first(docs, "published") or "2026-01-01"
    people = [e for e in entities if e["type"] == "PERSON"][:3]
    flags = sorted({k for d in docs for k in d.get("flag_kinds", ())}) or ["paywall"]
    found: list[str] = []
    for path in ("/api/documents", "/api/events", "/api/event-mentions", "/api/quotes"):
        found += [path, _q(path, limit=3, offset=2), _q(path, limit=500, offset=0)]
        found += [_q(path, offset=10_000_000), _q(path, limit=0), _q(path, limit=501)]
    found += [_q("/api/entities", limit=500), _q("/api/entities", limit=5, offset=7)]
    found += [_q("/api/entities", offset=10_000_000), _q("/api/entities", limit=0)]
    outlet = _first(docs, "outlet") or "x"
    found += [_q("/api/documents", outlet=outlet.upper()), _q("/api/documents", since=day)]
    found += [_q("/api/documents", until=day), _q("/api/documents", flag=flags[0])]
    found += [_q("/api/documents", since="2026-13-45"), _q("/api/documents", since="x")]
    for doc in docs[:ids]:
        found += [f"/api/documents/{quote(doc['id'])}", f"/documents/{quote(doc['id'])}"]
        found += [_q(f"/documents/{quote(doc['id'])}", hl="10-60", lang="en")]
        found += [_q("/api/event-mentions", document_id=doc["id"], limit=500)]
    found += ["/api/documents/nothing", "/documents/nothing"]
    kinds = sorted({e["type"] for e in events})[:4]
    places = sorted({e["place"] for e in events if e.get("place")})[:2]
    countries = sorted({c for e in events for c in e["countries"]})[:4]
    for path in ("/api/events", "/api/timeline"):
        found += [_q(path, limit=500)] + [_q(path, type=k, limit=500) for k in kinds]
        found += [_q(path, side=c, limit=500) for c in countries]
        found += [_q(path, status=s, limit=500) for s in ("occurred", "planned", "negated")]
        found += [_q(path, since=day, limit=500), _q(path, until=day, limit=500)]
        found += [_q(path, since=day, until=day, limit=500), _q(path, status="nope")]
        found += [_q(path, actor=p["name"], limit=500) for p in people]
        found += [_q(path, actor="Nobody At All")]
    found += [_q("/api/events", place=p, limit=500) for p in places]
    found += ["/api/timeline", _q("/api/timeline", limit=10), _q("/api/timeline", limit=0)]
    found += [f"/api/events/{quote(e['id'])}" for e in events[:ids]] + ["/api/events/nothing"]
    for kind in kinds[:2]:
        found += [_q("/api/event-mentions", type=kind, status="occurred", side=countries[0])]
    speakers = [q["speaker_name"] for q in quotes if q.get("speaker_name")][:3]
    found += [_q("/api/quotes", speaker=s, limit=500) for s in speakers]
    found += [_q("/api/quotes", issue=i, limit=500) for i in issues[:4]]
    found += [_q("/api/quotes", side=c, limit=500) for c in countries]
    found += [_q("/api/quotes", q="paz"), _q("/api/quotes", since=day, until=day)]
    found += [_q("/api/entities", type=t) for t in ("PERSON", "ORG", "GPE", "person")]
    found += [_q("/api/entities", country=c) for c in countries]
    found += [_q("/api/entities", q=q) for q in ("pu", "ZELEN", "zzzz")]
    for person in people:
        aliases = person.get("aliases") or [person["name"]]
        for name in (person["id"], person["name"], aliases[-1]):
            found += [f"/api/entities/{quote(name)}", f"/actors/{quote(name)}"]
        found += [_q(f"/api/entities/{quote(person['id'])}", limit=3)]
    found += ["/api/entities/Nobody%20At%20All", "/actors/Nobody%20At%20All"]
    found += ["/api/stances/matrix", _q("/api/stances/matrix", at=day)]
    found += ["/api/stances/changes", _q("/api/stances/changes", since=day, until=day)]
    found += [_q("/api/stances/changes", side=c) for c in countries]
    found += [_q("/api/stances/changes", issue=i) for i in issues[:4]]
    for words in ("paz", "alto el fuego", "Putin Trump", "zzzz", "\"'*"):
        found += [_q("/api/search", q=words), _q("/api/search", q=words, limit=100)]
    found += [_q("/api/search", q=""), "/api/search", "/api/issues"]
    found += ["/", _q("/", offset=100), _q("/", lang="en"), "/actors", _q("/actors", lang="en")]
    found += ["/timeline", "/map", "/stances", "/quotes", "/docs", "/openapi.json"]
    return list(dict.fromkeys(found))


def reply_of(client: Any, path: str) -> dict[str, Any]:
    reply = client.get(path)
    return {
        "status": reply.status_code,
        "type": reply.headers.get("content-type"),
        "bytes": len(reply.content),
        "sha256": hashlib.sha256(reply.content).hexdigest(),
    }


def capture(url: str, out: Path, requests_from: Path | None) -> int:
    with _client(url) as client:
        paths = (
            json.loads(requests_from.read_text())["requests"]
            if requests_from
            else requests_for(client)
        )
        replies = {path: reply_of(client, path) for path in paths}
    out.write_text(json.dumps({"requests": paths, "replies": replies}, indent=1) + "\n")
    print(f"{len(paths)} replies -> {out}", file=sys.stderr)
    return 0


def differences(url: str, before: dict[str, Any]) -> list[str]:
    """The requests of ``before`` whose reply now differs, each with how."""
    found = []
    with _client(url) as client:
        for path in before["requests"]:
            now, then = reply_of(client, path), before["replies"][path]
            if now != then:
                found.append(f"{path}: was {then}, now {now}")
    return found


def write_records(out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from benchmarks.replicas import example_records

    records = example_records()
    out.write_text(json.dumps(records, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(records)} records -> {out}", file=sys.stderr)
    return 0


def fill(records: Path, url: str) -> None:
    """A new store at ``url`` holding ``records``, fused."""
    from tregua.fuse.refresh import refresh
    from tregua.store import open_store

    store = open_store(url)
    for record in json.loads(records.read_text(encoding="utf-8")):
        store.put_record(record)
    refresh(store)
    store.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    cap = commands.add_parser("capture", help="Write the replies of a store.")
    cap.add_argument("url")
    cap.add_argument("out", type=Path)
    cap.add_argument("--requests", type=Path, help="Ask the requests of this capture.")
    cmp = commands.add_parser("compare", help="Replay a capture; exit 1 on a difference.")
    cmp.add_argument("url")
    cmp.add_argument("before", type=Path)
    rec = commands.add_parser("records", help="Write the records of examples/.")
    rec.add_argument("out", type=Path)
    sto = commands.add_parser("store", help="Fill a new store from a records file.")
    sto.add_argument("records", type=Path)
    sto.add_argument("url")
    args = parser.parse_args()
    if args.command == "capture":
        return capture(args.url, args.out, args.requests)
    if args.command == "records":
        return write_records(args.out)
    if args.command == "store":
        fill(args.records, args.url)
        return 0
    before = json.loads(args.before.read_text())
    found = differences(args.url, before)
    for line in found:
        print(line)
    print(f"{len(before['requests'])} requests, {len(found)} replies differ", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
