"""What the resource routers share: the query parameters with their bounds, the page
body, and the application state every handler reads (``AppState``, set by ``create_app``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypedDict, TypeVar

from fastapi import Depends, Query, Request

from tregua.interfaces.api import models
from tregua.interfaces.api.worker import Ingests
from tregua.settings import Settings
from tregua.store import Store

if TYPE_CHECKING:
    from tregua.pipeline import Pipeline

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
#: events, quotes and stances an actor's profile lists (of each, the latest)
DEFAULT_PROFILE = 100
#: the timeline and the map draw every event at once, up to this many
MAX_TIMELINE = 5000
#: the largest offset a list takes (past it a page is empty anyway)
MAX_OFFSET = 10_000_000
_DATE = r"^\d{4}-\d{2}-\d{2}$"

T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
Date = Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")]
MinConfidence = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="Keep only what has at least this confidence, 0 to 1 (what has none "
        "is left out).",
    ),
]
Status = Annotated[
    Literal["occurred", "planned", "hypothetical", "negated"] | None,
    Query(description="occurred, planned, hypothetical or negated"),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": models.Problem}}


class Page(TypedDict, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def paged(found: tuple[list[T], int], limit: int, offset: int) -> Page[T]:
    """A ``Page`` of rows the store already cut to ``limit`` from ``offset``."""
    rows, total = found
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


@dataclass(frozen=True)
class AppState:
    """What the routers need from the application: its settings, its store, the pack's
    issues, and ``pipeline()``, which builds the pipeline on the first write."""

    settings: Settings
    store: Store
    pipeline: Callable[[], Pipeline]
    issues: Sequence[dict[str, str]] = field(default_factory=tuple)
    ingests: Ingests = field(default_factory=Ingests)


def _state(request: Request) -> AppState:
    state: AppState = request.app.state.tregua
    return state


def _store(request: Request) -> Store:
    return _state(request).store


State = Annotated[AppState, Depends(_state)]
StoreDep = Annotated[Store, Depends(_store)]
