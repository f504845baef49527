"""Where the per-document stages run: in this process, or on a Ray cluster.

Both engines run the same function, ``pipeline.run_batch``, over chunks of documents, and
yield results in input order, so a store written by either holds the same rows. On Ray,
each worker is an actor that builds the pipeline (model, pack, gazetteer) once; at most
``2 × workers`` chunks are in flight, so memory stays flat however long the input is.
Near-duplicate clusters are named in the driver, over the whole input in order, as one
process names them: a worker only sees its own chunks.

    run_ray(read_inputs(paths), DEFAULT_PACK, workers=2)                  # local Ray
    run_ray(read_inputs(paths), DEFAULT_PACK, workers=8, address="auto")  # a cluster
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tregua.hygiene import DocumentClusters
from tregua.model import Quarantined, RawDoc, Record
from tregua.pack import load_pack
from tregua.pipeline import build_pipeline, run_batch

Result = Record | Quarantined


def _chunks(
    items: Iterable[RawDoc | Quarantined], size: int
) -> Iterator[list[RawDoc | Quarantined]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Worker:
    """One Ray actor: a pipeline built once, fed chunk after chunk."""

    def __init__(self, pack_dir: str) -> None:
        self.pipeline = build_pipeline(load_pack(Path(pack_dir)))

    def process(self, chunk: list[RawDoc | Quarantined]) -> list[Result]:
        # clusters span chunks: the driver names them (``named`` in ``run_ray``)
        return list(run_batch(chunk, self.pipeline, batch_size=len(chunk), name_clusters=False))


def run_ray(
    items: Iterable[RawDoc | Quarantined],
    pack_dir: Path,
    workers: int = 2,
    address: str | None = None,
    chunk_size: int = 16,
) -> Iterator[Result]:
    """Records for ``items`` computed by ``workers`` Ray actors, yielded in input order.

    ``address`` None starts a local Ray instance with ``workers`` CPUs; "auto" or
    "ray://host:port" joins a running cluster.
    """
    import ray

    if not ray.is_initialized():
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address is None:
            options["num_cpus"] = workers
        ray.init(address=address, **options)
    # Ray's actor handles are dynamic; typed as Any at this one boundary
    actor: Any = ray.remote(num_cpus=1)(_Worker)
    pool: list[Any] = [actor.remote(str(pack_dir)) for _ in range(workers)]
    in_flight: deque[Any] = deque()
    clusters = DocumentClusters()

    def named(results: list[Result]) -> Iterator[Result]:
        for result in results:
            if isinstance(result, Record):
                result = dataclasses.replace(
                    result, cluster=clusters.assign(result.id, result.text)
                )
            yield result

    for n, chunk in enumerate(_chunks(items, chunk_size)):
        in_flight.append(pool[n % workers].process.remote(chunk))
        if len(in_flight) >= 2 * workers:
            yield from named(ray.get(in_flight.popleft()))
    while in_flight:
        yield from named(ray.get(in_flight.popleft()))
    for worker in pool:
        ray.kill(worker)
