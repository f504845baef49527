"""``/api/search``: paragraphs and quotes by words."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from tregua.interfaces.api import models
from tregua.interfaces.api.common import StoreDep
from tregua.store import queries as q

router = APIRouter(tags=["search"])


@router.get("/search", response_model=list[models.SearchHit])
def search(
    store: StoreDep,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=200, description="Words")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[q.SearchHit]:
    """Paragraphs and quotes holding every word of ``q``, best first."""
    return q.search(store, q_, limit=limit)
