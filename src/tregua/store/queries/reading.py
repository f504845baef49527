"""The read commands' questions of any store through this package (``plain.Reader``):
what ``tregua timeline`` and ``tregua summary`` ask of PostgreSQL, or of a SQLite file
that ``plain.open_plain`` leaves to ``open_store`` (one to migrate, one it cannot open)."""

from __future__ import annotations

from collections.abc import Sequence

from tregua.store.database import Store
from tregua.store.queries.actors import Entity, entities_page
from tregua.store.queries.documents import documents_page
from tregua.store.queries.event_lines import EventLine, timeline_lines
from tregua.store.queries.events import TimelineEvent, timeline_compact, timeline_page
from tregua.store.queries.quotes import Quote, quotes_page


class StoreReader:
    """``plain.Reader`` over an open ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.url = store.url

    def timeline_lines(
        self,
        *,
        limit: int | None = None,
        actor: str | None = None,
        side: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> tuple[list[EventLine], int]:
        return timeline_lines(
            self.store,
            limit=limit,
            actor=actor,
            side=side,
            type=type,
            status=status,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )

    def timeline_compact(self, *, limit: int | None = None) -> list[TimelineEvent]:
        return timeline_compact(self.store, limit=limit)

    def timeline_count(self) -> int:
        return timeline_page(self.store, limit=0)[1]

    def documents_count(self) -> int:
        return documents_page(self.store, limit=0)[1]

    def entities_page(
        self, *, types: Sequence[str] = (), limit: int | None = None
    ) -> tuple[list[Entity], int]:
        return entities_page(self.store, types=types, limit=limit)

    def quotes_page(self, *, limit: int | None = None) -> tuple[list[Quote], int]:
        return quotes_page(self.store, limit=limit)
