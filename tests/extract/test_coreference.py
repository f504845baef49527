"""Joining two mentions of one event: the dates the text gives for each are kept as a span."""

from __future__ import annotations

from tregua.extract.events.coreference import merge, same_event
from tregua.model import Event, Span


def _talks(date: str, end: str | None = None, source: str | None = "text") -> Event:
    return Event(
        type="CONSULT",
        status="occurred",
        evidence=Span(0, 5, "charla"),
        date=date,
        date_end=end,
        date_source=source,
        countries=("RUS", "UKR"),
        mentions=(Span(0, 5, "charla"),),
    )


def test_a_meeting_told_on_two_following_days_spans_both() -> None:
    friday, saturday = _talks("2026-03-13"), _talks("2026-03-14")
    assert same_event(friday, saturday)
    joined = merge(saturday, friday)
    assert (joined.date, joined.date_end) == ("2026-03-13", "2026-03-14")
    assert len(joined.mentions) == 2


def test_a_range_and_a_day_inside_it_keep_the_range() -> None:
    joined = merge(_talks("2026-03-13", "2026-03-14"), _talks("2026-03-14"))
    assert (joined.date, joined.date_end) == ("2026-03-13", "2026-03-14")


def test_the_same_day_twice_stays_one_day() -> None:
    joined = merge(_talks("2026-03-13"), _talks("2026-03-13"))
    assert (joined.date, joined.date_end) == ("2026-03-13", None)


def test_a_date_from_the_article_gives_way_to_the_text() -> None:
    joined = merge(_talks("2026-03-15", source="published"), _talks("2026-03-13"))
    assert (joined.date, joined.date_source) == ("2026-03-13", "text")
