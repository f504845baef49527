"""Questions the interfaces and the Python API ask the store, answered as typed records.

Every function takes a ``Store`` and returns lists of typed dicts (JSON-ready, no ORM
objects; the types are the API's models' fields), by subject:

    timeline(store, side="RUS", type="CONSULT", since="2026-01-01")   events: fused events
    timeline_lines(store, limit=50)                                    one line an event
    who_said_what(store, speaker="Peskov", issue="ceasefire")           quotes
    stance_matrix(store, at="2026-02-01")                              stances: side x issue
    stance_changes(store, side="UKR")                                  what moved, when
    actor_profile(store, "Zelenski")                                   actors: one actor
    entities_page(store, types=["PERSON"])                             actors, most mentioned
    documents_page(store, outlet="EFE")                                documents
    search(store, "alto el fuego")                                     paragraphs, quotes

The ``*_page`` functions page in SQL (``limit``, ``offset``) and also say how many match.
``to_frame(rows)`` turns any of them into a pandas (or polars) data frame when that
library is installed; tregua itself depends on neither.

An actor is named by entity id ("Q3874799"), canonical name or any surface form seen
("Zelenski"), case-insensitively. Dates are ISO strings; ranges include both ends.
"""

from tregua.store.queries.actors import (
    ActorProfile,
    ActorStance,
    Entity,
    Partner,
    actor_profile,
    entities_page,
)
from tregua.store.queries.common import EntityRef, Span, actor_ids, chunked
from tregua.store.queries.documents import (
    COUNTED,
    DocumentSummary,
    StoredRecord,
    document,
    documents_page,
    find_document,
)
from tregua.store.queries.event_lines import EventLine, timeline_lines
from tregua.store.queries.event_mentions import EventMention, Location, event_mentions_page
from tregua.store.queries.events import (
    EVENT_ORDER,
    FusedEvent,
    Report,
    TimelineEvent,
    fused_event,
    timeline,
    timeline_compact,
    timeline_page,
)
from tregua.store.queries.frames import to_frame
from tregua.store.queries.quotes import QUOTE_ORDER, Quote, QuoteIssue, quotes_page, who_said_what
from tregua.store.queries.search import SearchHit, search
from tregua.store.queries.stances import (
    StanceCell,
    StanceChange,
    StanceEvidence,
    stance_changes,
    stance_matrix,
)

__all__ = [
    "COUNTED",
    "EVENT_ORDER",
    "QUOTE_ORDER",
    "ActorProfile",
    "ActorStance",
    "DocumentSummary",
    "Entity",
    "EntityRef",
    "EventLine",
    "EventMention",
    "FusedEvent",
    "Location",
    "Partner",
    "Quote",
    "QuoteIssue",
    "Report",
    "SearchHit",
    "Span",
    "StanceCell",
    "StanceChange",
    "StanceEvidence",
    "StoredRecord",
    "TimelineEvent",
    "actor_ids",
    "actor_profile",
    "chunked",
    "document",
    "documents_page",
    "entities_page",
    "event_mentions_page",
    "find_document",
    "fused_event",
    "quotes_page",
    "search",
    "stance_changes",
    "stance_matrix",
    "timeline",
    "timeline_compact",
    "timeline_lines",
    "timeline_page",
    "to_frame",
    "who_said_what",
]
