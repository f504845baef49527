"""The JSON Schema of the per-document record, generated from :class:`tregua.model.Record`.

The schema ships inside the package (``tregua/record.schema.json``) so a consumer of
``tregua extract`` output can validate it without this code; it is written from the
dataclasses, never by hand:

    python -m tregua.record_schema            # rewrite the shipped file
    python -m tregua.record_schema --check    # exit 1 when the shipped file is stale
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from tregua.model import Record

SCHEMA_PATH = Path(__file__).with_name("record.schema.json")
SCHEMA_ID = "https://tregua.invalid/record.schema.json"


def record_json_schema() -> dict[str, Any]:
    """The schema of ``record_to_dict(record)`` as JSON Schema 2020-12."""
    schema = TypeAdapter(Record).json_schema(mode="serialization")
    # record_to_dict writes every field, defaults included: all of them are required
    for definition in (schema, *schema.get("$defs", {}).values()):
        if "properties" in definition:
            definition["required"] = sorted(definition["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "description": "One tregua record per document: see docs/record.md.",
        **schema,
    }


def render() -> str:
    return json.dumps(record_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run python -m tregua.record_schema")
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
