"""The thread that runs ``POST /api/ingest`` batches, and the budget each runs under."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor


class Budget:
    """A deadline and a stop flag: spent when either is reached."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def spent(self) -> bool:
        return self._stop.is_set() or time.monotonic() >= self.deadline


class Ingests:
    """The one thread that runs ingests (one batch at a time) and the budgets running."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tregua-ingest")
        self.running: set[Budget] = set()

    def close(self) -> None:
        """Start no further chunk of any batch, and no further batch."""
        for budget in list(self.running):
            budget.stop()
        self.executor.shutdown(wait=False, cancel_futures=True)
