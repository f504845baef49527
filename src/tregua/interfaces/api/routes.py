"""The REST API under ``/api``: read-only resources over the store, and one guarded write.

    GET  /api/documents            /api/documents/{id}     stored records
    GET  /api/events               /api/events/{id}        fused events with their reports
    GET  /api/event-mentions                               events as each document reports them
    GET  /api/timeline                                     fused events, compact, for drawing
    GET  /api/quotes                                       who said what
    GET  /api/entities             /api/entities/{id}      actors and their profiles
    GET  /api/stances/matrix       /api/stances/changes    side x issue, and what moved
    GET  /api/search                                       paragraphs and quotes by words
    GET  /api/issues                                       the pack's agenda with labels
    POST /api/ingest                                       articles through the real pipeline

Lists take ``limit`` (at most ``MAX_LIMIT``) and ``offset`` and answer a ``Page``. Every
parameter reaches the store as a bound value or a Python comparison, never as SQL text.
Article text goes out only inside JSON strings.
"""

import secrets
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from pydantic_core import to_json
from sqlalchemy import select

from tregua.interfaces.api import models
from tregua.model import Quarantined, RawDoc
from tregua.settings import Settings
from tregua.store import Store
from tregua.store import queries as q
from tregua.store.schema import EntityRow

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
#: events, quotes and stances an actor's profile lists (of each, the latest)
DEFAULT_PROFILE = 100
#: the timeline and the map draw every event at once, up to this many
MAX_TIMELINE = 5000
_DATE = r"^\d{4}-\d{2}-\d{2}$"

T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
Date = Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")]
Status = Annotated[
    Literal["occurred", "planned", "hypothetical", "negated"] | None,
    Query(description="occurred, planned, hypothetical or negated"),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": models.Problem}}


def _page(rows: Sequence[T], limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": list(rows[offset : offset + limit]),
        "total": len(rows),
        "limit": limit,
        "offset": offset,
    }


def _paged(found: tuple[list[dict[str, Any]], int], limit: int, offset: int) -> dict[str, Any]:
    """A ``Page`` of rows the store already cut to ``limit`` from ``offset``."""
    rows, total = found
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


def add_request_schemas(schema: dict[str, Any]) -> dict[str, Any]:
    """Put the bodies that handlers read themselves (``IngestIn``) into the OpenAPI schema."""
    body = models.IngestIn.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(body.pop("$defs", {}))
    components["IngestIn"] = body
    return schema


def build_router(
    settings: Settings,
    store: Store,
    pipeline: Callable[[], Any],
    issues: Sequence[dict[str, str]] = (),
) -> APIRouter:
    """The ``/api`` routes over ``store``; ``pipeline()`` builds the pipeline on first write."""
    router = APIRouter(prefix="/api")
    bearer = HTTPBearer(auto_error=False, description="TREGUA_API_TOKEN")

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        token = settings.api_token.get_secret_value() if settings.api_token else ""
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

    # -- documents ------------------------------------------------------------------------

    @router.get(
        "/documents", response_model=models.Page[models.DocumentSummary], tags=["documents"]
    )
    def documents(
        outlet: Text = None,
        since: Date = None,
        until: Date = None,
        flag: Annotated[str | None, Query(max_length=40, description="A flag kind.")] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stored documents, newest first, with the number of facts of each kind."""
        found = q.documents_page(
            store, outlet=outlet, since=since, until=until, flag=flag, limit=limit, offset=offset
        )
        return _paged(found, limit, offset)

    @router.get(
        "/documents/{doc_id}",
        response_model=models.Document,
        responses=NOT_FOUND,
        tags=["documents"],
    )
    def document(doc_id: str) -> dict[str, Any]:
        """One document's full record (``spec/OUTPUT.md``)."""
        row = store.document(doc_id)
        if row is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return dict(row.record)

    # -- events ---------------------------------------------------------------------------

    @router.get("/events", response_model=models.Page[models.FusedEvent], tags=["events"])
    def events(
        actor: Text = None,
        side: Annotated[
            str | None, Query(max_length=20, description="ISO3 or bloc: RUS, EU")
        ] = None,
        type: Annotated[str | None, Query(max_length=20, description="POLECAT type")] = None,
        status: Status = None,
        place: Text = None,
        since: Date = None,
        until: Date = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Fused events in date order (undated last), each with every document's report."""
        found = q.timeline_page(
            store,
            actor=actor,
            side=side,
            type=type,
            status=status,
            place=place,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
        return _paged(found, limit, offset)

    @router.get(
        "/events/{event_id}", response_model=models.FusedEvent, responses=NOT_FOUND, tags=["events"]
    )
    def event(event_id: str) -> dict[str, Any]:
        """One fused event."""
        found = q.fused_event(store, event_id)
        if found is None:
            raise HTTPException(404, f"no fused event with id {event_id!r}")
        return found

    @router.get("/timeline", response_model=list[models.TimelineEvent], tags=["events"])
    def timeline(
        side: Annotated[str | None, Query(max_length=20)] = None,
        type: Annotated[str | None, Query(max_length=20)] = None,
        status: Status = None,
        actor: Text = None,
        since: Date = None,
        until: Date = None,
        limit: Annotated[
            int, Query(ge=1, le=MAX_TIMELINE, description=f"Most events, up to {MAX_TIMELINE}.")
        ] = MAX_TIMELINE,
    ) -> Response:
        """Every matching fused event (the first ``limit``), compact: what the timeline and
        the map draw."""
        events, _ = q.timeline_page(
            store,
            compact=True,
            actor=actor,
            side=side,
            type=type,
            status=status,
            since=since,
            until=until,
            limit=limit,
        )
        # the store's compact events have exactly the fields of TimelineEvent, in its
        # order (a test holds the bytes equal): serialised as they are, 5,000 events take
        # 9 ms instead of 44 ms validated into models first
        return Response(to_json(events), media_type="application/json")

    @router.get("/event-mentions", response_model=models.Page[models.EventMention], tags=["events"])
    def event_mentions(
        document_id: Annotated[str | None, Query(max_length=64)] = None,
        type: Annotated[str | None, Query(max_length=20)] = None,
        status: Status = None,
        side: Annotated[str | None, Query(max_length=20)] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events as each document reports them, before fusion, by publication date."""
        found = q.event_mentions_page(
            store,
            document_id=document_id,
            type=type,
            status=status,
            side=side,
            limit=limit,
            offset=offset,
        )
        return _paged(found, limit, offset)

    # -- quotes, entities, stances, search ------------------------------------------------

    @router.get("/quotes", response_model=models.Page[models.Quote], tags=["quotes"])
    def quotes(
        speaker: Text = None,
        side: Annotated[str | None, Query(max_length=20)] = None,
        issue: Annotated[str | None, Query(max_length=40)] = None,
        q_: Annotated[
            str | None, Query(alias="q", max_length=200, description="Words in the quote")
        ] = None,
        since: Date = None,
        until: Date = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Who said what, by publication date, with the issues each quote takes a stance on."""
        found = q.quotes_page(
            store,
            speaker=speaker,
            side=side,
            issue=issue,
            words=q_,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
        return _paged(found, limit, offset)

    @router.get("/entities", response_model=models.Page[models.Entity], tags=["entities"])
    def entities(
        type: Annotated[
            str | None, Query(max_length=20, description="PERSON, ORG, GPE, ...")
        ] = None,
        country: Annotated[str | None, Query(max_length=20)] = None,
        q_: Annotated[
            str | None, Query(alias="q", max_length=200, description="Name or alias")
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors, places and organisations, most mentioned first."""
        with store.reading() as session:
            found = list(session.scalars(select(EntityRow)))
        rows: list[dict[str, Any]] = []
        for e in found:
            names = [e.name, *(e.aliases or ())]
            if type and e.type != type.upper():
                continue
            if country and (e.country or "") != country.upper():
                continue
            if q_ and not any(q_.casefold() in n.casefold() for n in names):
                continue
            rows.append(
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "country": e.country,
                    "aliases": list(e.aliases or ()),
                    "documents": e.documents or 0,
                    "mentions": e.mentions or 0,
                }
            )
        rows.sort(key=lambda r: (-int(r["mentions"]), str(r["name"]), str(r["id"])))
        return _page(rows, limit, offset)

    @router.get(
        "/entities/{actor}",
        response_model=models.ActorProfile,
        responses=NOT_FOUND,
        tags=["entities"],
    )
    def entity(
        actor: str,
        limit: Annotated[
            int,
            Query(
                ge=1,
                le=MAX_LIMIT,
                description="The latest events, quotes and stances to list, of each.",
            ),
        ] = DEFAULT_PROFILE,
    ) -> dict[str, Any]:
        """One actor by id, name or any surface form: its latest events, quotes and stances
        (``*_total`` counts them all; the event and quote lists page them all with
        ``actor=`` and ``speaker=``), and who it acts with."""
        profile = q.actor_profile(store, actor, limit=limit)
        if profile is None:
            raise HTTPException(404, f"no actor answers to {actor!r}")
        return profile

    @router.get("/stances/matrix", response_model=list[models.StanceCell], tags=["stances"])
    def stance_matrix(at: Date = None) -> list[dict[str, Any]]:
        """Where each side stood on each issue at ``at`` (default: the latest), with evidence."""
        return q.stance_matrix(store, at=at)

    @router.get(
        "/stances/changes",
        response_model=list[models.StanceChange],
        response_model_by_alias=True,
        tags=["stances"],
    )
    def stance_changes(
        side: Annotated[str | None, Query(max_length=20)] = None,
        issue: Annotated[str | None, Query(max_length=40)] = None,
        since: Date = None,
        until: Date = None,
    ) -> list[dict[str, Any]]:
        """Days a side's polarity on an issue changed, with the evidence of the new one."""
        return q.stance_changes(store, side=side, issue=issue, since=since, until=until)

    @router.get("/search", response_model=list[models.SearchHit], tags=["search"])
    def search(
        q_: Annotated[str, Query(alias="q", min_length=1, max_length=200, description="Words")],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> list[dict[str, Any]]:
        """Paragraphs and quotes holding every word of ``q``, best first."""
        return q.search(store, q_, limit=limit)

    @router.get("/issues", response_model=list[models.Issue], tags=["stances"])
    def issue_list() -> list[dict[str, str]]:
        """The domain pack's agenda: issue keys with Spanish and English labels."""
        return list(issues)

    # -- the one write --------------------------------------------------------------------

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
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/IngestIn"}}
                },
            }
        },
        tags=["ingest"],
    )
    async def ingest(request: Request) -> dict[str, Any]:
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
        if len(payload.articles) > settings.max_ingest_articles:
            raise HTTPException(422, f"at most {settings.max_ingest_articles} articles per request")
        return await run_in_threadpool(_ingest, payload.articles)

    def _ingest(articles: list[models.ArticleIn]) -> dict[str, Any]:
        from tregua.fuse.refresh import refresh
        from tregua.pipeline import run_batch

        docs: list[RawDoc | Quarantined] = []
        for number, article in enumerate(articles, 1):
            docs.append(
                RawDoc(
                    source=article.url or article.id or f"api#{number}",
                    text=article.text,
                    title=article.title,
                    outlet=article.outlet,
                    url=article.url,
                    published=article.published,
                )
            )
        outcomes: list[dict[str, Any]] = []
        for item in run_batch(docs, pipeline()):
            if isinstance(item, Quarantined):
                store.put_quarantined(item)
                outcomes.append(
                    {
                        "source": item.source,
                        "outcome": "quarantined",
                        "reason": item.reason.value,
                        "detail": item.detail,
                    }
                )
                continue
            outcome = store.put_record(item)
            outcomes.append({"source": item.source, "outcome": outcome, "document_id": item.id})
        fused = refresh(store)
        return {"outcomes": outcomes, "fused_events": fused.events}

    return router
