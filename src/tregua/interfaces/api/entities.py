"""``/api/entities``: actors, places and organisations, and one actor's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from tregua.interfaces.api import models
from tregua.interfaces.api.common import (
    DEFAULT_LIMIT,
    DEFAULT_PROFILE,
    MAX_LIMIT,
    NOT_FOUND,
    Limit,
    Offset,
    Page,
    StoreDep,
    paged,
)
from tregua.interfaces.api.reviewed import profile_reply
from tregua.review.apply import correct_profile
from tregua.store import queries as q

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=models.Page[models.Entity])
def entities(
    store: StoreDep,
    type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE, ...")] = None,
    country: Annotated[str | None, Query(max_length=20)] = None,
    q_: Annotated[str | None, Query(alias="q", max_length=200, description="Name or alias")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[q.Entity]:
    """Actors, places and organisations, most mentioned first."""
    found = q.entities_page(
        store,
        types=[type] if type else [],
        country=country,
        words=q_,
        limit=limit,
        offset=offset,
    )
    return paged(found, limit, offset)


@router.get("/entities/{actor}", response_model=models.ActorProfile, responses=NOT_FOUND)
def entity(
    store: StoreDep,
    actor: str,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_LIMIT,
            description="The latest events, quotes and stances to list, of each.",
        ),
    ] = DEFAULT_PROFILE,
) -> q.ActorProfile | Response:
    """One actor by id, name or any surface form: its latest events, quotes and stances
    (``*_total`` counts them all; the event and quote lists page them all with
    ``actor=`` and ``speaker=``), and who it acts with. As the editors left them: a
    rejected item is neither listed nor counted, a reviewed one carries ``reviewed``."""
    profile = q.actor_profile(store, actor, limit=limit)
    if profile is None:
        raise HTTPException(404, f"no actor answers to {actor!r}")
    # as the editors left its events, quotes and stances, and the ``*_total`` counts
    shown = correct_profile(store, profile)
    if shown is not None:
        return profile_reply(shown)
    return profile
