"""``POST /api/ingest``: articles through the real pipeline, off the request path.

The batch runs in the application's one ingest thread (``Ingests``), never in the threads
that answer reads, in chunks of ``ARTICLES_PER_CHUNK`` articles under a budget
(``Settings.ingest_seconds``):

    budget left, client there      the next chunk starts
    budget spent                   no further chunk starts; what is stored stays stored
                                   and fused, and the reply is 503 with those outcomes
    client gone                    no further chunk starts (nobody waits for them)
    server stopping                no further chunk starts

A chunk already in the pipeline runs to its end (each article's own budgets are the
pipeline's); the reply does not wait for it past the budget.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from tregua.interfaces.api import models
from tregua.interfaces.api.common import AppState, State
from tregua.interfaces.api.worker import Budget
from tregua.interfaces.storing import store_outcomes
from tregua.model import Quarantined, RawDoc
from tregua.store import Store

if TYPE_CHECKING:
    from tregua.pipeline import Pipeline

router = APIRouter(tags=["ingest"])
bearer = HTTPBearer(auto_error=False, description="TREGUA_API_TOKEN")
#: how often a waiting request looks whether its client is still there, in seconds
POLL_SECONDS = 0.25
#: articles parsed together: a spent budget starts no further chunk. One at a time cost
#: 4.8 times as much (6 short articles: 4.5 s against 0.94 s, the parser's cost per call)
ARTICLES_PER_CHUNK = 8


class Outcome(TypedDict, total=False):
    source: str
    outcome: str
    document_id: str
    reason: str
    detail: str | None


class IngestReply(TypedDict):
    outcomes: list[Outcome]
    fused_events: int


def require_token(
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    secret = state.settings.api_token
    token = secret.get_secret_value() if secret else ""
    if not token:
        raise HTTPException(
            403, "writes are disabled on this server; start it with TREGUA_API_TOKEN set"
        )
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401,
            "a valid bearer token is required: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def run_ingest(
    store: Store,
    pipeline: Callable[[], Pipeline],
    articles: list[models.ArticleIn],
    budget: Budget,
) -> tuple[list[Outcome], int, bool]:
    """Store each article's record (or its quarantine entry) while the budget lasts, then
    fuse: the outcomes, the fused events, and whether every article ran."""
    from tregua.fuse.refresh import refresh
    from tregua.pipeline import run_batch

    started = 0

    def while_budget_lasts() -> Iterator[RawDoc | Quarantined]:
        nonlocal started
        for number, article in enumerate(articles, 1):
            if budget.spent:
                return
            started += 1
            yield RawDoc(
                source=article.url or article.id or f"api#{number}",
                text=article.text,
                title=article.title,
                outlet=article.outlet,
                url=article.url,
                published=article.published,
            )

    outcomes: list[Outcome] = []
    tally: Counter[str] = Counter()
    # the batch asks for its next chunk only when the one in hand is stored
    results = run_batch(while_budget_lasts(), pipeline(), batch_size=ARTICLES_PER_CHUNK)
    for item, outcome in store_outcomes(store, results, tally):
        if isinstance(item, Quarantined):
            outcomes.append(
                {
                    "source": item.source,
                    "outcome": outcome,
                    "reason": item.reason.value,
                    "detail": item.detail,
                }
            )
        else:
            outcomes.append({"source": item.source, "outcome": outcome, "document_id": item.id})
    fused = refresh(store)
    return outcomes, fused.events, started == len(articles)


async def _wait(request: Request, job: asyncio.Future[Any], budget: Budget) -> bool:
    """Wait for ``job`` until the budget's deadline; stop the budget when the client
    leaves, the deadline passes or the wait is cancelled. Whether the job finished."""
    try:
        while not job.done():
            left = budget.deadline - time.monotonic()
            if left <= 0:
                budget.stop()
                return False
            await asyncio.wait({job}, timeout=min(POLL_SECONDS, left))
            if not job.done() and await request.is_disconnected():
                budget.stop()
                return False
    except asyncio.CancelledError:
        budget.stop()  # the server gave the request up: a client's timeout, a shutdown
        raise
    return True


@router.post(
    "/ingest",
    response_model=models.IngestOut,
    dependencies=[Depends(require_token)],
    responses={
        401: {"model": models.Problem, "description": "No or wrong bearer token."},
        403: {"model": models.Problem, "description": "Writes are disabled."},
        413: {"model": models.Problem, "description": "Body over the size limit."},
        422: {"model": models.Problem, "description": "The body is not an IngestIn."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestIn"}}},
        }
    },
)
async def ingest(request: Request, state: State) -> IngestReply:
    """Run articles through the real pipeline, store them, fuse; needs the bearer token.

    The body is read only after the token is checked, and never past ``max_body_bytes``.
    """
    body = await request.body()
    try:
        payload = models.IngestIn.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(
            422, exc.errors(include_url=False, include_context=False, include_input=False)
        ) from exc
    settings = state.settings
    if len(payload.articles) > settings.max_ingest_articles:
        raise HTTPException(422, f"at most {settings.max_ingest_articles} articles per request")
    return await _run(request, state, payload.articles)


async def _run(request: Request, state: AppState, articles: list[models.ArticleIn]) -> IngestReply:
    budget = Budget(state.settings.ingest_seconds)
    state.ingests.running.add(budget)
    job = asyncio.get_running_loop().run_in_executor(
        state.ingests.executor, run_ingest, state.store, state.pipeline, articles, budget
    )
    job.add_done_callback(lambda _: state.ingests.running.discard(budget))
    if not await _wait(request, job, budget):
        raise HTTPException(
            503,
            f"the ingest budget ({budget.seconds:g} s) ran out or the client left: no further "
            "chunk of articles starts; the articles already stored stay stored and are fused",
            headers={"Retry-After": "60"},
        )
    outcomes, fused, complete = job.result()
    if not complete:
        raise HTTPException(
            503,
            {
                "message": f"the ingest budget ({budget.seconds:g} s) ran out after "
                f"{len(outcomes)} of {len(articles)} articles; those are stored and fused",
                "outcomes": outcomes,
                "fused_events": fused,
            },
            headers={"Retry-After": "60"},
        )
    return {"outcomes": outcomes, "fused_events": fused}
