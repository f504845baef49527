"""A batch of hostile inputs: no abort, every input accounted for, every refusal explained.

Over 500 generated files of 19 kinds (truncated, empty, binary named .html, cp1252, UTF-16,
invalid UTF-8, 100k-deep HTML, a feed that is not XML, broken and gzip-bomb WARC records,
bad JSON lines, oversize files, ...) go through ``read_inputs`` and ``run_batch`` together.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tregua.ingest import read_inputs
from tregua.model import Quarantined, Record
from tregua.pipeline import Pipeline, run_batch

MAX_BYTES = 200_000
SENTENCE = "El portavoz del Kremlin afirmó que no hay plazos para la cumbre con Ucrania número {n}."


def _warc(payload: bytes, encoding: str | None = None) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = [("Content-Type", "text/html")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    writer.write_record(
        writer.create_warc_record(
            "https://d.example/x",
            "response",
            payload=io.BytesIO(payload),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        )
    )
    return buffer.getvalue()


def _kinds(rng: random.Random) -> dict[str, Callable[[int], tuple[str, bytes]]]:
    """Kind -> a maker of (file suffix, content) for input number n; one entry each."""
    text = SENTENCE.format
    page = "<html><body><article><p>" + text(n=0) * 3 + "</p></article></body></html>"
    return {
        "empty": lambda n: (".txt", b""),
        "blank": lambda n: (".txt", b" \n\t\r\n" * (n % 5 + 1)),
        "binary-named-html": lambda n: (".html", b"\x89PNG\r\n\x1a\n\x00" + rng.randbytes(64)),
        "nul-bytes": lambda n: (".txt", text(n=n).encode() + b"\x00\x00\x00" * 10),
        "control-chars": lambda n: (".txt", bytes(range(1, 9)) * 40),
        "cp1252": lambda n: (".txt", text(n=n).encode("cp1252")),
        "utf-16": lambda n: (".txt", text(n=n).encode("utf-16")),
        "invalid-utf8": lambda n: (".txt", rng.randbytes(200) + b"\xff\xfe\xfd"),
        "truncated-html": lambda n: (".html", page.encode()[: rng.randrange(5, 60)]),
        "deep-html": lambda n: (".html", b"<div>" * 100_000 + b"x" + b"</div>" * 100_000),
        "feed-not-xml": lambda n: (".rss", b"<rss><channel><item><title>" + rng.randbytes(30)),
        "feed-no-entries": lambda n: (".xml", b"<?xml version='1.0'?><rss><channel/></rss>"),
        "warc-broken": lambda n: (
            ".warc.gz",
            b"WARC/1.0\r\nContent-Length: 9999\r\n\r\n" + rng.randbytes(40),
        ),
        "warc-truncated": lambda n: (".warc.gz", _warc(page.encode())[: rng.randrange(10, 100)]),
        "warc-gzip-bomb": lambda n: (
            ".warc.gz",
            _warc(gzip.compress(b"<p>" + b"a" * (MAX_BYTES * 2)), "gzip"),
        ),
        "jsonl-bad-line": lambda n: (".jsonl", b'{"text": "sin cerrar\n'),
        "json-broken": lambda n: (".json", b'{"text": ' + rng.randbytes(8).hex().encode()),
        "json-not-article": lambda n: (".json", json.dumps(n).encode()),
        "oversize": lambda n: (".txt", (text(n=n) + "\n").encode() * 3_000),
    }


def test_hostile_batch_never_aborts_and_loses_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    rng = random.Random(20260130)
    kinds = _kinds(rng)
    paths: dict[str, str] = {}
    for n in range(520):
        kind = list(kinds)[n % len(kinds)]
        suffix, content = kinds[kind](n)
        path = tmp_path / f"{n:03d}-{kind}{suffix}"
        path.write_bytes(content)
        paths[str(path)] = kind
    assert len(set(paths.values())) >= 15

    results = list(run_batch(read_inputs(sorted(paths), max_bytes=MAX_BYTES), pipeline))

    def input_of(item: Record | Quarantined) -> str:
        """The file an entry came from: a record's source, the path a quarantine names."""
        if isinstance(item, Record):
            return item.source
        named = [p for p in paths if p in item.detail]
        assert named, f"the quarantine entry does not name its input: {item.detail}"
        return max(named, key=len)

    assert Counter(input_of(r) for r in results) == Counter(list(paths))  # one entry per input
    processed = [r for r in results if isinstance(r, Record)]
    quarantined = [r for r in results if isinstance(r, Quarantined)]
    assert len(processed) + len(quarantined) == len(paths)
    assert {paths[r.source] for r in processed} <= {"cp1252", "utf-16"}
    assert all(q.reason.value for q in quarantined)
    reasons = Counter((paths[input_of(q)], q.reason.value) for q in quarantined)
    assert ("oversize", "too_large") in reasons
    assert ("warc-gzip-bomb", "too_large") in reasons
    assert ("binary-named-html", "not_text") in reasons
