"""The Ray engine gives the same records as one process, whatever the input order."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from tregua.engine import run_ray
from tregua.ingest import read_inputs
from tregua.model import RawDoc, Record, record_to_dict
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


def test_near_copies_in_different_chunks_share_a_cluster_as_in_one_process(
    pipeline: Pipeline,
) -> None:
    first = next(r for r in read_inputs([str(EXAMPLES)]) if isinstance(r, RawDoc))
    copy = dataclasses.replace(
        first,
        source=f"{first.source}#copy",
        text=first.text + "\n\nTexto actualizado con una línea más.",
    )
    raws = [first, copy]
    local = [r for r in run_batch(raws, pipeline) if isinstance(r, Record)]
    try:
        remote = [
            r for r in run_ray(raws, DEFAULT_PACK, workers=2, chunk_size=1) if isinstance(r, Record)
        ]
    finally:
        ray.shutdown()
    assert local[0].id != local[1].id
    assert local[0].cluster == local[1].cluster == local[0].id
    assert [r.cluster for r in remote] == [r.cluster for r in local]
