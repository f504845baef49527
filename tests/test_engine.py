"""The Ray engine gives the same records as one process, whatever the input order."""

from __future__ import annotations

import json
import random

import pytest

from tregua.engine import run_ray
from tregua.ingest import read_inputs
from tregua.model import Record, record_to_dict
from tregua.pack import DEFAULT_PACK
from tregua.pipeline import Pipeline, run_batch

from .conftest import EXAMPLES

ray = pytest.importorskip("ray", reason="the ray extra is not installed")


def sorted_jsonl(results: list[Record]) -> list[str]:
    lines = []
    for record in results:
        data = record_to_dict(record)
        lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    return sorted(lines)


def test_ray_two_workers_shuffled_equals_one_process(pipeline: Pipeline) -> None:
    raws = list(read_inputs([str(EXAMPLES)]))
    local = [r for r in run_batch(raws, pipeline) if isinstance(r, Record)]
    shuffled = raws[:]
    random.Random(7).shuffle(shuffled)
    try:
        remote = [
            r
            for r in run_ray(shuffled, DEFAULT_PACK, workers=2, chunk_size=3)
            if isinstance(r, Record)
        ]
    finally:
        ray.shutdown()
    assert len(remote) == len(local) == len(raws)
    assert sorted_jsonl(remote) == sorted_jsonl(local)
