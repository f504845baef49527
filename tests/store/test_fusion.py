"""Fusion over a store: recomputed from stored rows, written only where it changed."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select

from tregua.fuse.refresh import refresh
from tregua.store import Store
from tregua.store.opening import alembic_config as _alembic
from tregua.store.queries import timeline
from tregua.store.schema import EntityPartnerRow, EntityRow, FusedEventEntityRow, FusedEventRow

from . import corpus


def test_fusing_twice_changes_nothing_the_second_time(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    first = refresh(store)
    # the talks: "el 23" and "el 24" (a date each source states); the attack: 3 or 4 dead
    assert (first.events, first.mentions, first.multi_source, first.disputed) == (2, 4, 2, 2)
    assert first.points == 3
    counts = store.table_counts()
    again = refresh(store)
    assert set(again.changes.values()) == {0}
    assert store.table_counts() == counts


def test_a_new_report_joins_the_fused_event(store: Store) -> None:
    a, b, c = corpus.corpus()
    store.put_record(a)
    store.put_record(c)
    refresh(store)
    assert store.table_counts()["fused_events"] == 2  # the talks (a), the attack (c)
    store.put_record(b)
    report = refresh(store)
    assert report.events == 2
    with store.reading() as session:
        assert sorted(len(e.sources) for e in session.scalars(select(FusedEventRow))) == [2, 2]
    assert store.table_counts()["fused_event_mentions"] == 4


def test_entities_are_merged_across_documents(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    with store.reading() as session:
        zelensky = session.get(EntityRow, "Q3874799")
        russia = session.get(EntityRow, "Q159")
    assert zelensky is not None
    assert russia is not None
    assert (zelensky.documents, zelensky.mentions, zelensky.aliases) == (2, 2, ["Zelenski"])
    assert (russia.documents, russia.mentions) == (2, 2)


def test_an_entity_no_document_names_any_more_is_removed(store: Store) -> None:
    a = corpus.article_a()
    store.put_record(a)
    refresh(store)
    newer = corpus.article_a(corpus.NEWER)
    newer["entities"] = [e for e in newer["entities"] if e["id"] != "Q2632813"]
    newer["quotes"] = []
    newer["stances"] = []
    store.put_record(newer)
    refresh(store)
    with store.reading() as session:
        ids = set(session.scalars(select(EntityRow.id)))
    assert ids == {"Q159", "Q212", "Q3874799"}
    assert store.table_counts()["stance_points"] == 0


def test_fusion_leaves_the_planner_statistics_of_sqlite(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    if store.dialect != "sqlite":
        return  # PostgreSQL's autovacuum analyzes by itself
    with store.engine.connect() as connection:
        analyzed = {t for (t,) in connection.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
    assert {"documents", "quotes", "fused_events"} <= analyzed


def _named(store: Store) -> set[tuple[str, str]]:
    with store.reading() as session:
        return set(
            session.execute(
                select(FusedEventEntityRow.fused_event_id, FusedEventEntityRow.entity_id)
            )
        )


def _partners(store: Store) -> dict[tuple[str, str], int]:
    with store.reading() as session:
        rows = session.scalars(select(EntityPartnerRow))
        return {(r.entity_id, r.partner_id): r.events for r in rows}


def _events(store: Store) -> dict[str, tuple[set[str], str | None]]:
    """Each fused event's actors and targets, and its first document."""
    with store.reading() as session:
        return {
            e.id: ({*e.actors, *e.targets}, e.document_id)
            for e in session.scalars(select(FusedEventRow))
        }


def test_fusion_names_each_events_actors_and_first_document(store: Store) -> None:
    a, b, c = corpus.corpus()
    for record in (a, b, c):
        store.put_record(record)
    refresh(store)
    events = _events(store)
    assert _named(store) == {(e, n) for e, (names, _) in events.items() for n in names}
    # Russia and Ukraine are named together by the talks and the attack
    assert _partners(store) == {("Q159", "Q212"): 2, ("Q212", "Q159"): 2}
    # the first document is that of the earliest report
    assert {e: first for e, (_, first) in events.items()} == {
        e["id"]: e["reports"][0]["document_id"] for e in timeline(store)
    }
    assert len({first for _, first in events.values()}) == 2


def test_a_replaced_report_takes_its_names_and_partners_away(store: Store) -> None:
    a, _, c = corpus.corpus()
    store.put_record(a)  # the talks: Russia and Ukraine
    store.put_record(c)  # the attack: Russia on Ukraine
    refresh(store)
    assert _partners(store) == {("Q159", "Q212"): 2, ("Q212", "Q159"): 2}
    newer = corpus.article_a(corpus.NEWER)
    newer["events"][0]["actors"] = ["Q159"]  # the talks no longer name Ukraine
    store.put_record(newer)
    refresh(store)
    events = _events(store)
    assert _named(store) == {(e, n) for e, (names, _) in events.items() for n in names}
    assert sorted(names for names, _ in events.values()) == [{"Q159"}, {"Q159", "Q212"}]
    assert _partners(store) == {("Q159", "Q212"): 1, ("Q212", "Q159"): 1}


def test_migration_0005_fills_what_fusion_writes(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    derived = _named(store), _partners(store), _events(store)
    assert all(derived)
    with store.engine.begin() as connection:
        command.downgrade(_alembic(connection), "0004")
        command.upgrade(_alembic(connection), "head")
    assert (_named(store), _partners(store), _events(store)) == derived
    changes = refresh(store).changes
    assert (changes["fused_events"], changes["fused_event_entities"]) == (0, 0)
    assert changes["entity_partners"] == 0
