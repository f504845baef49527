"""schemathesis against the REST API's OpenAPI schema, on a store filled from examples/.

    PYTHONPATH=src python benchmarks/schemathesis_api.py [--examples 200] [--checks ...]

Starts a real uvicorn server on 127.0.0.1 over a throwaway copy of the examples store
(ingested by the real pipeline), with an API token so that POST /api/ingest is exercised
too, and runs ``schemathesis run`` with ``--max-examples`` cases per operation and per
phase. By default the checks are the two the issue asks for: no server errors (5xx) and
every response valid against its schema. The schemathesis report (text, JUnit XML and
NDJSON) goes to ``benchmarks/results/``, with ``schemathesis.md``: the requests the server
received per operation, counted by the server itself, and their status codes. The exit
code is schemathesis's.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pydantic import SecretStr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from starlette.types import ASGIApp, Message, Receive, Scope, Send  # noqa: E402
from tests.interfaces.server import serving  # noqa: E402

from tregua.fuse.refresh import refresh  # noqa: E402
from tregua.ingest import read_inputs  # noqa: E402
from tregua.interfaces.web.app import create_app  # noqa: E402
from tregua.model import Record  # noqa: E402
from tregua.pack import load_pack  # noqa: E402
from tregua.pipeline import build_pipeline, run_batch  # noqa: E402
from tregua.settings import Settings  # noqa: E402
from tregua.store import open_store  # noqa: E402

TOKEN = "schemathesis-token"
RESULTS = ROOT / "benchmarks" / "results"


class Tally:
    """ASGI middleware counting requests and status codes per operation (route template)."""

    def __init__(self, app: ASGIApp, paths: list[str]) -> None:
        self.app = app
        # "/api/documents/{doc_id}" -> ^/api/documents/[^/]+$ ; exact paths first
        self.paths = [
            (re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(p)) + "$"), p)
            for p in sorted(paths, key=lambda p: ("{" in p, p))
        ]
        self.counts: collections.Counter[tuple[str, str, int]] = collections.Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        name = next((p for rx, p in self.paths if rx.match(scope["path"])), "(no route)")

        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.counts[(scope["method"], name, message["status"])] += 1
            await send(message)

        await self.app(scope, receive, counting)


def _table(
    tally: Tally, examples: int, checks: str, operations: dict[str, dict[str, object]]
) -> str:
    per: dict[tuple[str, str], collections.Counter[int]] = collections.defaultdict(
        collections.Counter
    )
    for (method, path, status), n in tally.counts.items():
        per[(method, path)][status] += n
    lines = [
        f"# schemathesis: requests per operation (--max-examples {examples} --checks {checks})",
        "",
        "Counted by the server: every request schemathesis sent, by operation and status.",
        "",
        "| operation | requests | 5xx | status codes |",
        "| --- | ---: | ---: | --- |",
    ]
    probes: collections.Counter[int] = collections.Counter()
    for (method, path), statuses in sorted(per.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if method.lower() not in operations.get(path, {}):
            probes.update(statuses)  # a verb the operation does not have, or no route
            continue
        total = sum(statuses.values())
        errors = sum(n for s, n in statuses.items() if s >= 500)
        codes = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
        lines.append(f"| {method} {path} | {total} | {errors} | {codes} |")
    codes = ", ".join(f"{s}: {n}" for s, n in sorted(probes.items()))
    lines.append(
        f"| other verbs and paths | {sum(probes.values())} | "
        f"{sum(n for s, n in probes.items() if s >= 500)} | {codes} |"
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="Cases per operation.")
    parser.add_argument(
        "--checks", default="not_a_server_error,response_schema_conformance", help="Checks."
    )
    parser.add_argument("--seed", type=int, default=8, help="Random seed (reproducible runs).")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'api.db'}"
        store = open_store(url)
        pipeline = build_pipeline(load_pack())
        for item in run_batch(read_inputs([str(ROOT / "examples")]), pipeline):
            assert isinstance(item, Record), item
            store.put_record(item)
        refresh(store)
        app = create_app(Settings(db=url, api_token=SecretStr(TOKEN)), store)
        operations = app.openapi()["paths"]
        tally = Tally(app, list(operations))
        with serving(tally) as base:
            command = [
                str(Path(sys.executable).with_name("schemathesis")),
                "run",
                f"{base}/openapi.json",
                "--max-examples",
                str(args.examples),
                "--checks",
                args.checks,
                "--seed",
                str(args.seed),
                "--header",
                f"Authorization: Bearer {TOKEN}",
                "--request-timeout",
                "120",
                "--report",
                "junit",
                "--report-junit-path",
                str(RESULTS / "schemathesis.junit.xml"),
                "--no-color",
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
    report = done.stdout + done.stderr
    (RESULTS / "schemathesis.txt").write_text(report, encoding="utf-8")
    table = _table(tally, args.examples, args.checks, operations)
    (RESULTS / "schemathesis.md").write_text(table, encoding="utf-8")
    print(report)
    print(table)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
