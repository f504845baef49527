"""The confidence control of the dashboard in a real browser, over the examples store: what a
view shows follows the minimum in its form, and the timeline shows each event's sources and
confidence."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import Watch, open_view
from .test_views import _redrawn


def _confidences(page: Any) -> list[float]:
    cells = page.eval_on_selector_all(
        "#event-list tbody td.confidence", "cells => cells.map(c => c.textContent)"
    )
    return [float(c) for c in cells]


def _set(page: Any, value: str) -> None:
    page.fill("#f-confidence", value)
    page.press("#f-confidence", "Enter")


def test_the_timeline_keeps_the_events_of_the_confidence_asked(
    watched: tuple[Any, Watch], site: str
) -> None:
    page, watch = watched
    open_view(page, f"{site}/timeline?min_confidence=")
    assert page.input_value("#f-confidence") == ""
    every = [e["confidence"] for e in httpx.get(f"{site}/api/timeline").json()]
    assert len(_confidences(page)) == len(every) > 5
    # the middle confidence (to the two decimals the table shows): some events under it,
    # some at it or over it
    values = sorted({round(c, 2) for c in every})
    middle = values[len(values) // 2]
    assert min(every) < middle
    _redrawn(page, lambda: _set(page, str(middle)))
    kept = _confidences(page)
    assert len(kept) == sum(c >= middle for c in every) < len(every)
    assert min(kept) >= middle
    sources = page.eval_on_selector_all(
        "#event-list tbody td.sources", "cells => cells.map(c => c.textContent)"
    )
    assert sources and all("copias" in s for s in sources)
    # the feed link asks for the same minimum
    assert f"min_confidence={middle}" in (page.get_attribute("#feed-link", "href") or "")
    # the page opens at the events' default
    open_view(page, f"{site}/timeline")
    assert page.input_value("#f-confidence") == "0.45"
    assert min(_confidences(page)) >= 0.45
    assert watch.errors == []


def test_quotes_and_stances_follow_the_minimum(watched: tuple[Any, Watch], site: str) -> None:
    page, watch = watched
    open_view(page, f"{site}/quotes")
    every = page.locator("#quote-list li.quote").count()
    assert every > 0
    # no fitted confidence reaches 1: at 1 nothing is left
    _redrawn(page, lambda: _set(page, "1"))
    assert page.locator("#quote-list li.quote").count() == 0
    open_view(page, f"{site}/stances")
    cells = page.locator("#stance-matrix td.cell:not(.empty)").count()
    assert cells > 0
    open_view(page, f"{site}/stances?min_confidence=1")
    assert page.input_value("#f-confidence") == "1"
    assert page.locator("#stance-matrix td.cell:not(.empty)").count() == 0
    assert watch.errors == []
