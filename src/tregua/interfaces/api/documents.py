"""``/api/documents``: stored documents and one document's record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from tregua.interfaces.api import models
from tregua.interfaces.api.common import (
    DEFAULT_LIMIT,
    NOT_FOUND,
    Date,
    Limit,
    Offset,
    Page,
    StoreDep,
    Text,
    paged,
)
from tregua.interfaces.api.reviewed import document_reply
from tregua.review import log
from tregua.review.apply import correct_record
from tregua.store import queries as q

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=models.Page[models.DocumentSummary])
def documents(
    store: StoreDep,
    outlet: Text = None,
    since: Date = None,
    until: Date = None,
    flag: Annotated[str | None, Query(max_length=40, description="A flag kind.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[q.DocumentSummary]:
    """Stored documents, newest first, with the number of facts of each kind."""
    found = q.documents_page(
        store, outlet=outlet, since=since, until=until, flag=flag, limit=limit, offset=offset
    )
    return paged(found, limit, offset)


@router.get("/documents/{doc_id}", response_model=models.Document, responses=NOT_FOUND)
def document(store: StoreDep, doc_id: str) -> q.StoredRecord | Response:
    """One document's full record (``spec/OUTPUT.md``)."""
    found = q.document(store, doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    # as the editors left it: reviewed items carry ``reviewed``, ``machine`` and ``review``
    corrections = log.read(store, document_ids=[doc_id])
    if corrections:
        fixed = correct_record(found, corrections)
        if fixed["reviewed"]:
            return document_reply(fixed)
    return found
