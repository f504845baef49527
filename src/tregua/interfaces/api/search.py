"""``/api/search``: paragraphs and quotes by words."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tregua.interfaces.api import models
from tregua.interfaces.api.common import StoreDep
from tregua.review.items import correct_listed, read_for
from tregua.store import queries as q

router = APIRouter(tags=["search"])


@router.get("/search", response_model=list[models.SearchHit])
def search(
    store: StoreDep,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=200, description="Words")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[q.SearchHit]:
    """Paragraphs and quotes holding every word of ``q``, best first; a quote an editor
    rejected is left out, a reviewed one carries ``reviewed``, ``machine`` and ``review``."""
    hits = q.search(store, q_, limit=limit)
    quoted = [hit["document_id"] for hit in hits if hit["kind"] == "quote"]
    corrections = read_for(store, "quote", quoted)
    if not corrections:
        return hits
    shown: list[Any] = []
    for hit in hits:
        found = correct_listed("quote", [hit], corrections) if hit["kind"] == "quote" else None
        if found is None:
            shown.append(hit)
            continue
        for item in found:  # the machine's values of the fields a hit shows
            item["machine"] = {k: v for k, v in item["machine"].items() if k in hit}
            shown.append(item)
    return shown
