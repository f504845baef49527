"""schemathesis against the OpenAPI schema: no server error, every reply valid.

A CI-sized run (``CASES`` per operation and phase); ``benchmarks/schemathesis_api.py``
runs 200 against a real server and its result is reported there. Skips without
schemathesis, unless CI is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from tregua.interfaces.web.app import create_app
from tregua.settings import Settings

from .server import copy_store

try:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance
except ImportError as exc:  # pragma: no cover - depends on the environment
    if os.environ.get("CI"):
        raise
    pytest.skip(
        f"schemathesis is not installed ({exc}); pip install schemathesis", allow_module_level=True
    )

TOKEN = "schema-token"
CASES = 25


@pytest.fixture(scope="module")
def api_schema(examples_db: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = copy_store(examples_db, Path(tmp_path_factory.mktemp("schema")) / "schema.db")
    app = create_app(Settings(db=url, api_token=SecretStr(TOKEN)))
    # built before the cases: the transport gives up a reply after 10 s, and the ingest
    # is cancelled with it, while a cold build alone took 23 s on the loaded 2-core machine
    app.state.tregua.pipeline()
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_api_conforms_to_its_schema(api_schema: Any) -> None:
    """Every operation, CASES generated cases each: no 5xx, every reply as documented."""
    tried: dict[str, int] = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        tried[operation.label] = 0

        @given(case=operation.as_strategy())
        @settings(
            max_examples=CASES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def run(case: Any) -> None:
            tried[case.operation.label] += 1
            case.call_and_validate(
                headers={"Authorization": f"Bearer {TOKEN}"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        run()
    assert len(tried) == 18 and all(n > 0 for n in tried.values()), tried
