"""``/api/stances``: the side x issue matrix and what moved; ``/api/issues``: the agenda."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tregua.interfaces.api import models
from tregua.interfaces.api.common import Date, MinConfidence, State, StoreDep
from tregua.review.apply import correct_matrix
from tregua.review.changes import correct_changes
from tregua.store import queries as q

router = APIRouter(tags=["stances"])
#: the agenda comes after search in the schema, as it always did
agenda = APIRouter(tags=["stances"])


@router.get("/stances/matrix", response_model=list[models.StanceCell])
def stance_matrix(
    store: StoreDep, at: Date = None, min_confidence: MinConfidence = None
) -> list[dict[str, Any]]:
    """Where each side stood on each issue at ``at`` (default: the latest), with evidence;
    with ``min_confidence``, from the stances of at least that confidence alone; as the
    editors corrected it (``reviewed``, the machine's values in ``machine``)."""
    return correct_matrix(store, q.stance_matrix(store, at=at, min_confidence=min_confidence))


@router.get(
    "/stances/changes", response_model=list[models.StanceChange], response_model_by_alias=True
)
def stance_changes(
    store: StoreDep,
    side: Annotated[str | None, Query(max_length=20)] = None,
    issue: Annotated[str | None, Query(max_length=40)] = None,
    since: Date = None,
    until: Date = None,
    min_confidence: MinConfidence = None,
) -> list[q.StanceChange]:
    """Days a side's polarity on an issue changed, with the evidence of the new one; as
    the editors left the stances (``reviewed``, the machine's ``from`` and ``to`` in
    ``machine``)."""
    filters = {"side": side, "issue": issue, "since": since, "until": until}
    found = q.stance_changes(store, **filters, min_confidence=min_confidence)
    shown = correct_changes(store, found, **filters, min_confidence=min_confidence)
    return found if shown is None else shown  # type: ignore[return-value]


@agenda.get("/issues", response_model=list[models.Issue])
def issue_list(state: State) -> list[dict[str, str]]:
    """The domain pack's agenda: issue keys with Spanish and English labels."""
    return list(state.issues)
