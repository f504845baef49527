"""Every dashboard view in a real browser: loads clean, filters, evidence, highlights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import Watch, open_view

VIEWS = [
    ("documents", "/"),
    ("timeline", "/timeline"),
    ("map", "/map"),
    ("stances", "/stances"),
    ("quotes", "/quotes"),
    ("actors", "/actors"),
    ("actor", "/actors/Q3874799"),
    ("api_docs", "/docs"),
]
#: no redraw in flight (tregua.js keeps body[data-pending])
IDLE = "() => (document.body.dataset.pending || '0') === '0'"


def _redrawn(page: Any, action: Callable[[], None]) -> None:
    """Do ``action`` and wait until the view has drawn itself again."""
    page.wait_for_function(IDLE)
    before = page.evaluate("document.body.dataset.renders || ''")
    action()
    page.wait_for_function(
        f"b => (document.body.dataset.renders || '') !== b && ({IDLE})()", arg=before
    )


def _rows(page: Any, selector: str) -> list[str]:
    return list(page.eval_on_selector_all(selector, "rows => rows.map(r => r.textContent)"))


@pytest.mark.parametrize(("name", "path"), VIEWS)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_view_loads_without_console_errors(
    watched: tuple[Any, Watch], site: str, name: str, path: str, lang: str, shoot: Any
) -> None:
    page, watch = watched
    open_view(page, f"{site}{path}?lang={lang}")
    assert page.locator("main h1").count() == 1
    assert page.get_attribute("html", "lang") == lang
    nav = page.locator("header nav").inner_text()
    assert ("Timeline" in nav) == (lang == "en") and ("Cronología" in nav) == (lang == "es")
    if lang == "es" or name == "timeline":
        shoot(page, name if lang == "es" else f"{name}_{lang}")
    assert watch.errors == [] and watch.dialogs == []


def test_timeline_filters_and_zoom_change_what_is_shown(
    watched: tuple[Any, Watch], site: str
) -> None:
    page, watch = watched
    open_view(page, f"{site}/timeline")
    every = _rows(page, "#event-list tbody tr")
    dots = page.locator("#timeline-svg .event-mark").count()
    assert len(every) > 20 and dots > 20

    _redrawn(page, lambda: page.select_option("#f-type", "ASSAULT"))
    types = page.eval_on_selector_all("#event-list tbody tr", "r => r.map(x => x.dataset.type)")
    assert 0 < len(types) < len(every) and set(types) == {"ASSAULT"}
    dated = page.locator("#event-list tbody tr:not([data-date=''])").count()
    outside = int(page.get_attribute("#timeline-svg", "data-outside") or "0")
    assert page.locator("#timeline-svg .event-mark").count() + outside == dated

    _redrawn(page, lambda: page.select_option("#f-side", "RUS"))
    _redrawn(page, lambda: page.select_option("#f-status", "occurred"))
    statuses = page.eval_on_selector_all(
        "#event-list tbody tr", "r => r.map(x => x.dataset.status)"
    )
    assert statuses and set(statuses) == {"occurred"}

    _redrawn(page, lambda: page.select_option("#f-type", ""))
    wide = len(_rows(page, "#event-list tbody tr"))
    _redrawn(page, lambda: page.click("#zoom-in"))
    assert page.input_value("#f-since") and page.input_value("#f-until")
    assert len(_rows(page, "#event-list tbody tr")) < wide
    _redrawn(page, lambda: page.click("#zoom-reset"))
    assert len(_rows(page, "#event-list tbody tr")) == wide
    assert watch.errors == []


def test_map_draws_events_and_filters(watched: tuple[Any, Watch], site: str, shoot: Any) -> None:
    page, watch = watched
    open_view(page, f"{site}/map")
    assert page.locator("#map-svg path.land").count() > 100
    places = page.locator("#map-svg circle.map-dot").count()
    assert places > 3
    _redrawn(page, lambda: page.select_option("#f-type", "ASSAULT"))
    assert 0 < page.locator("#map-svg circle.map-dot").count() < places
    page.locator("#map-svg circle.map-dot").first.click()
    assert page.locator("#place-events li").count() > 0
    assert "ASSAULT" in page.locator("#place-events").inner_text()
    page.locator("#place-events").scroll_into_view_if_needed()
    shoot(page, "map_place")
    assert watch.errors == []


def test_clicking_a_stance_cell_shows_its_dated_evidence(
    watched: tuple[Any, Watch], site: str, shoot: Any
) -> None:
    page, watch = watched
    open_view(page, f"{site}/stances")
    assert page.locator("#cell-detail").is_hidden()
    cell = page.locator("#stance-matrix td.cell:not(.empty)").first
    side, issue = cell.get_attribute("data-side"), cell.get_attribute("data-issue")
    cell.click()
    assert page.locator("#cell-detail").is_visible()
    assert side in page.locator("#cell-title").inner_text()
    evidence = page.locator("#cell-evidence li.evidence")
    assert evidence.count() > 0
    first = evidence.first.inner_text()
    assert first[:4].isdigit() and "«" in first  # a date, then the sentence
    shoot(page, "stances_evidence")
    href = evidence.first.locator("a").get_attribute("href")
    assert href and "&hl=" in href
    page.click("#cell-evidence li.evidence a >> nth=0")
    page.wait_for_selector("#hl")
    assert page.locator("#hl").is_visible()
    assert issue  # the cell named its issue
    assert watch.errors == []


def test_stance_matrix_as_of_an_early_date_has_fewer_cells(
    watched: tuple[Any, Watch], site: str
) -> None:
    page, watch = watched
    open_view(page, f"{site}/stances")
    now = page.locator("#stance-matrix td.cell:not(.empty)").count()
    _redrawn(page, lambda: page.fill("#f-at", "2026-01-01"))
    assert page.locator("#stance-matrix td.cell:not(.empty)").count() < now
    assert watch.errors == []


def test_quote_explorer_filters_and_opens_the_highlighted_span(
    watched: tuple[Any, Watch], site: str, shoot: Any
) -> None:
    page, watch = watched
    open_view(page, f"{site}/quotes")
    every = page.locator("#quote-list li.quote").count()
    assert every > 20

    def search_speaker() -> None:
        page.fill("#f-speaker", "Peskov")
        page.click("#filters button[type=submit]")

    _redrawn(page, search_speaker)
    speakers = page.eval_on_selector_all(
        "#quote-list li.quote strong", "s => s.map(x => x.textContent)"
    )
    assert 0 < len(speakers) < every and set(speakers) == {"Dmitry Peskov"}

    _redrawn(page, lambda: page.select_option("#f-issue", "nato_membership"))
    assert 0 < page.locator("#quote-list li.quote").count() <= len(speakers)

    _redrawn(page, lambda: page.select_option("#f-issue", ""))

    def search_text() -> None:
        page.fill("#f-q", "aleja la paz")
        page.click("#filters button[type=submit]")

    _redrawn(page, search_text)
    assert page.locator("#quote-list li.quote").count() == 1
    quote = page.locator("#quote-list .quote-text").inner_text().strip("«»")
    page.click("#quote-list a.open-source")
    page.wait_for_selector("#hl")
    highlighted = page.eval_on_selector_all(".p .hl", "s => s.map(x => x.textContent).join('')")
    assert highlighted == quote
    assert page.locator("#hl").is_visible()
    shoot(page, "document_highlight")
    assert watch.errors == []


def test_document_marks_inserted_opinion(watched: tuple[Any, Watch], site: str, shoot: Any) -> None:
    page, watch = watched
    open_view(page, f"{site}/")
    page.click("#documents a:has-text('Járkov')")
    page.wait_for_selector(".flag-inserted_commentary")
    flagged = page.locator("#text .flag-inserted_commentary").first
    assert flagged.is_visible()
    colour = flagged.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in {"rgba(0, 0, 0, 0)", "transparent"}
    assert page.locator("#flags li.inserted_commentary").count() == 1
    assert page.locator("#text .ent").count() > 5
    assert page.locator("#text .ev").count() > 0 and page.locator("#text .qt").count() > 0
    flagged.scroll_into_view_if_needed()
    shoot(page, "document")
    assert watch.errors == []


def test_actor_page_lists_quotes_events_and_partners(watched: tuple[Any, Watch], site: str) -> None:
    page, watch = watched
    open_view(page, f"{site}/actors")
    page.click("#actors a:has-text('Volodymyr Zelensky')")
    page.wait_for_selector("#actor-quotes")
    assert page.locator("main h1").inner_text() == "Volodymyr Zelensky"
    assert page.locator("#actor-quotes li").count() > 3
    assert page.locator("#actor-events tbody tr").count() > 3
    assert page.locator("#partners li").count() > 3
    assert watch.errors == []
