"""Every reply of the web application on the bundled sample, byte for byte as captured.

``data/sample_records.json`` holds the records of ``examples/`` as the pipeline made them
at 9a43fbd, and ``data/sample_replies.json`` the replies (status, type, length, SHA-256) of
216 requests over a store filled with them, captured at 9a43fbd, before the queries and
the API were split into modules (issue #17). The records are fixed, so the pipeline's
changes never move these replies; a change to the queries, the API or the pages does.
When such a change is meant, capture the replies again and say so in the commit:

    D=tests/interfaces/data; export PYTHONPATH=src
    python benchmarks/api_replies.py store $D/sample_records.json sqlite:////tmp/s.db
    python benchmarks/api_replies.py capture sqlite:////tmp/s.db $D/new.json \\
        --requests $D/sample_replies.json && mv $D/new.json $D/sample_replies.json
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks.api_replies import differences, fill

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('replies') / 'sample.db'}"
    fill(DATA / "sample_records.json", url)
    return url


@pytest.fixture(scope="module")
def captured() -> dict[str, Any]:
    found: dict[str, Any] = json.loads((DATA / "sample_replies.json").read_text())
    return found


def test_every_reply_is_byte_identical_to_the_capture(
    sample: str, captured: dict[str, Any]
) -> None:
    assert len(captured["requests"]) > 200
    statuses = {r["status"] for r in captured["replies"].values()}
    assert statuses == {200, 404, 422}
    assert differences(sample, captured) == []


def test_a_changed_reply_is_named(sample: str, captured: dict[str, Any]) -> None:
    changed = copy.deepcopy(captured)
    changed["requests"] = ["/api/issues", "/api/stances/matrix"]
    changed["replies"]["/api/issues"]["sha256"] = "0" * 64
    (found,) = differences(sample, changed)
    assert found.startswith("/api/issues: was ")
