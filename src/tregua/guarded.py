"""The per-document stages in a worker process that can be stopped: ``run_guarded`` holds
each document to its wall-time budget (``ingest.budgets``), so a document that hangs a stage
is quarantined ``timeout`` and the batch goes on (issue #20). ``tregua extract``,
``ingest`` and ``watch`` run through it; ``pipeline.run_batch`` is the same stages in
this process.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection

from tregua.errors import QuarantineReason
from tregua.hygiene import DocumentClusters
from tregua.ingest.budgets import DEFAULT_BUDGETS, Budgets
from tregua.model import Quarantined, RawDoc, Record
from tregua.pipeline import Pipeline, Result, run_chunk


def run_guarded(
    items: Iterable[RawDoc | Quarantined],
    pipeline: Pipeline,
    batch_size: int = 32,
    clusters: DocumentClusters | None = None,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> Iterator[Result]:
    """``run_batch`` in a worker process held to ``budgets.seconds`` of wall time.

    A chunk of ``batch_size`` documents gets the budget of one document; a chunk that runs
    over is taken one document at a time, each with the budget, and a document that runs
    over again is quarantined as ``timeout`` (its worker killed, a new one forked). The
    worker is a fork of this process: the pipeline is loaded once, here. Records come out
    in input order, with ``clusters`` named here as ``run_batch`` names them.
    """
    if clusters is None:
        clusters = DocumentClusters()
    worker: _Worker | None = None

    def named(result: Result) -> Result:
        if isinstance(result, Record):
            return dataclasses.replace(result, cluster=clusters.assign(result.id, result.text))
        return result

    def chunks() -> Iterator[list[RawDoc | Quarantined]]:
        chunk: list[RawDoc | Quarantined] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= batch_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    try:
        for chunk in chunks():
            refused = [item for item in chunk if isinstance(item, Quarantined)]
            if len(refused) == len(chunk):
                yield from refused
                continue
            worker = worker or _Worker(pipeline, budgets)
            done, failure = worker.run(chunk, budgets.seconds)
            yield from map(named, done)
            if failure is None:
                continue
            worker = None
            for item in chunk[len(done) :]:
                if isinstance(item, Quarantined):
                    yield item
                    continue
                worker = worker or _Worker(pipeline, budgets)
                done, failure = worker.run([item], budgets.seconds)
                if failure is None:
                    yield named(done[0])
                    continue
                worker = None
                yield _stopped(item, failure, budgets)
    finally:
        if worker is not None:
            worker.stop()


def _stopped(raw: RawDoc, failure: str, budgets: Budgets) -> Quarantined:
    if failure == "timeout":
        return Quarantined(
            raw.source,
            "budget",
            QuarantineReason.TIMEOUT,
            f"{raw.source}: still running after the seconds budget of {budgets.seconds:g} s "
            "for one document; its worker was stopped",
            raw.text[:65536].encode("utf-8", "replace"),
        )
    return Quarantined(
        raw.source,
        "worker",
        QuarantineReason.STAGE_FAILED,
        f"{raw.source}: the worker processing it stopped ({failure})",
        raw.text[:65536].encode("utf-8", "replace"),
    )


class _Worker:
    """A forked process that runs ``pipeline.run_chunk`` over the chunks it is sent, one result
    sent back per document, and is killed when a chunk overruns."""

    def __init__(self, pipeline: Pipeline, budgets: Budgets) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, pipeline, budgets), daemon=True)
        self._process.start()
        child.close()

    def run(
        self, chunk: list[RawDoc | Quarantined], seconds: float
    ) -> tuple[list[Result], str | None]:
        """The results of ``chunk`` in order, and None, or those that came before the
        worker was stopped and why ("timeout", or how it died)."""
        deadline = time.monotonic() + seconds
        results: list[Result] = []
        try:
            self._connection.send(chunk)
            while len(results) < len(chunk):
                left = deadline - time.monotonic()
                if left <= 0 or not self._connection.poll(left):
                    self.stop()
                    return results, "timeout"
                results.append(self._connection.recv())
        except (EOFError, OSError):
            self.stop()
            return results, f"exit code {self._process.exitcode}"
        return results, None

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._connection.close()


def _serve(connection: Connection, pipeline: Pipeline, budgets: Budgets) -> None:
    """The worker's loop; it ends when its parent closes the pipe or dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    while True:
        try:
            chunk = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        for result in run_chunk(chunk, pipeline, None, budgets):
            connection.send(result)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a SIGKILLed ingest)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the closed pipe ends the worker instead
        pass
