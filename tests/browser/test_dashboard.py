"""The map's zoom and names, the timeline's first view and the stance chart, in a browser.

Screenshots: ``map_zoomed``, ``timeline_first_view``, ``stance_chart`` (into
docs/screenshots with TREGUA_SCREENSHOTS=1).
"""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import Watch, open_view

#: no redraw in flight (tregua.js keeps body[data-pending])
IDLE = "() => (document.body.dataset.pending || '0') === '0'"
#: an event spanning this many days or more is vaguely dated (tregua.js VAGUE_DAYS)
VAGUE_DAYS = 28


def _labels(page: Any) -> list[dict[str, Any]]:
    """The map's names: their text, the places they stand for and their box on screen."""
    return list(
        page.eval_on_selector_all(
            "#map-svg text.map-label",
            """ns => ns.map(n => { const b = n.getBoundingClientRect();
                return {text: n.dataset.text, places: n.dataset.places.split('|'),
                        box: [b.left, b.top, b.right, b.bottom]}; })""",
        )
    )


def _overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            (a0, a1, a2, a3), (b0, b1, b2, b3) = a["box"], b["box"]
            if a0 < b2 and b0 < a2 and a1 < b3 and b1 < a3:
                found.append((a["text"], b["text"]))
    return found


def _zoom(page: Any) -> float:
    return float(page.get_attribute("#map-svg", "data-zoom"))


def _centre(page: Any, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _group_of(labels: list[dict[str, Any]], place: str) -> list[str]:
    return next(label["places"] for label in labels if place in label["places"])


def test_map_zooms_and_pans_and_its_names_make_room(
    watched: tuple[Any, Watch], site: str, shoot: Any
) -> None:
    page, watch = watched
    open_view(page, f"{site}/map")
    start = _labels(page)
    assert _overlapping(start) == []
    # Kyiv and Kharkiv are 400 km apart: one name with a count at first
    together = _group_of(start, "Kharkiv")
    assert "Kyiv" in together
    grouped = next(label for label in start if "Kharkiv" in label["places"])
    assert grouped["text"].endswith(f"+{len(together) - 1}")
    assert (
        sum(len(label["places"]) for label in start)
        == page.locator("#map-svg circle.map-dot").count()
    )

    # the wheel over Kharkiv zooms in there: Kharkiv stays under the pointer
    x, y = _centre(page, "#map-svg circle[data-place='Kharkiv']")
    page.mouse.move(x, y)
    for _ in range(4):
        page.mouse.wheel(0, -240)
    page.wait_for_function("() => Number(document.querySelector('#map-svg').dataset.zoom) > 5")
    after = _centre(page, "#map-svg circle[data-place='Kharkiv']")
    assert abs(after[0] - x) < 3 and abs(after[1] - y) < 3
    zoomed = _labels(page)
    assert _group_of(zoomed, "Kharkiv") == ["Kharkiv"] and _group_of(zoomed, "Kyiv") == ["Kyiv"]
    assert _overlapping(zoomed) == []
    # the dots keep their size on screen
    assert page.locator("#map-svg circle[data-place='Kharkiv']").bounding_box()["width"] < 20
    shoot(page, "map_zoomed")

    # dragging moves the map with the pointer
    x, y = _centre(page, "#map-svg circle[data-place='Kyiv']")
    page.mouse.move(600, 500)
    page.mouse.down()
    page.mouse.move(500, 450, steps=5)
    page.mouse.up()
    moved = _centre(page, "#map-svg circle[data-place='Kyiv']")
    assert abs(moved[0] - (x - 100)) < 3 and abs(moved[1] - (y - 50)) < 3

    # keys and buttons
    zoom = _zoom(page)
    page.focus("#map")
    page.keyboard.press("-")
    assert abs(_zoom(page) - zoom / 2) < 0.01
    page.keyboard.press("+")
    assert abs(_zoom(page) - zoom) < 0.01
    page.keyboard.press("0")
    assert _zoom(page) == 1
    page.click("#map-zoom-in")
    assert _zoom(page) == 2
    page.click("#map-fit")
    assert _zoom(page) == 1

    # a grouped name lists the events of every place it stands for
    page.click(f"#map-svg text.map-label[data-places='{'|'.join(together)}']")
    shown = page.locator("#place-detail h2").inner_text()
    assert all(place in shown for place in together)
    assert watch.errors == []


def test_timeline_opens_on_the_span_its_events_cover(
    watched: tuple[Any, Watch], site: str, shoot: Any
) -> None:
    page, watch = watched
    events = httpx.get(f"{site}/api/timeline").json()
    days = sorted(e["date"] for e in events if e["date"] and not _vague(e))
    vague = [e for e in events if _vague(e)]
    assert days and vague  # the examples hold both, or this test tests nothing
    # every event, whatever its confidence (the view opens at a minimum otherwise)
    open_view(page, f"{site}/timeline?min_confidence=")
    svg = page.locator("#timeline-svg")
    shown = svg.get_attribute("data-from"), svg.get_attribute("data-to")
    # every event dated to the day is in view, with a margin of a few days at most
    assert shown[0] <= days[0] and days[-1] <= shown[1]
    assert _days(shown[0], days[0]) <= 7 and _days(days[-1], shown[1]) <= 7
    # vague dates are spans, not a dot on their first day, and say what they are
    for event in vague:
        mark = page.locator(f"#timeline-svg [data-id='{event['id']}']")
        if mark.count():
            assert mark.evaluate("m => m.tagName") == "rect"
        row = page.locator("#event-list tbody tr", has_text=event["evidence"][:40]).first
        said = row.locator("td.when").inner_text()
        if event["date"].endswith("-01-01") and event["date_end"].endswith("-12-31"):
            assert said in {event["date"][:4], f"{event['date'][:4]}–{event['date_end'][:4]}"}
        assert said != event["date"] and not said.startswith(event["date"] + " "), said
    ticks = page.eval_on_selector_all("#timeline-svg text.tick", "t => t.map(x => x.textContent)")
    assert all(shown[0][:4] <= t[:4] <= shown[1][:4] for t in ticks)
    outside = int(svg.get_attribute("data-outside") or "0")
    assert outside == sum(1 for e in vague if e["date"] > shown[1] or e["date_end"] < shown[0])
    shoot(page, "timeline_first_view")
    # the feed link follows the side and type shown
    before = page.evaluate("document.body.dataset.renders || ''")
    page.select_option("#f-type", "ASSAULT")
    page.wait_for_function(
        f"b => (document.body.dataset.renders || '') !== b && ({IDLE})()", arg=before
    )
    assert page.get_attribute("#feed-link", "href") == "/api/feed.atom?type=ASSAULT"
    feed = httpx.get(f"{site}/api/feed.atom", params={"type": "ASSAULT"})
    assert feed.status_code == 200 and feed.text.count("<entry>") > 0
    assert watch.errors == []


def _vague(event: dict[str, Any]) -> bool:
    if not event["date"] or not event["date_end"]:
        return False
    return _days(event["date"], event["date_end"]) + 1 >= VAGUE_DAYS


def _days(first: str, last: str) -> int:
    from datetime import date

    return (date.fromisoformat(last) - date.fromisoformat(first)).days


def test_stance_chart_shows_each_side_over_time_with_its_evidence(
    watched: tuple[Any, Watch], site: str, shoot: Any
) -> None:
    page, watch = watched
    open_view(page, f"{site}/stances")
    page.wait_for_function(IDLE)
    issue = page.input_value("#chart-issue")
    changes = httpx.get(f"{site}/api/stances/changes", params={"issue": issue}).json()
    cells = [c for c in httpx.get(f"{site}/api/stances/matrix").json() if c["issue"] == issue]
    assert changes  # it opens on an issue that moved
    lanes = page.eval_on_selector_all(
        "#stance-chart-svg text.lane", "t => t.map(x => x.textContent)"
    )
    assert lanes == sorted(c["side"] for c in cells)
    # a side that changed: its bars hold the polarities it went through, in order
    side = changes[0]["side"]
    held = page.eval_on_selector_all(
        f"#stance-chart-svg rect.stance-bar[data-side='{side}']",
        "r => r.map(x => x.dataset.polarity)",
    )
    went = [changes[0]["from"]] + [c["to"] for c in changes if c["side"] == side]
    assert held == went
    # one click on the day of the change gives its evidence, one more the sentence in its text
    day = changes[0]["date"]
    page.click(f"#stance-chart-svg circle.stance-point[data-side='{side}'][data-date='{day}']")
    assert page.locator("#chart-detail").is_visible()
    evidence = page.locator("#chart-evidence li.evidence")
    assert evidence.count() == len(changes[0]["evidence"]) > 0
    assert changes[0]["date"] in page.locator("#chart-title").inner_text()
    page.locator("#chart-detail").scroll_into_view_if_needed()
    shoot(page, "stance_chart")
    href = evidence.first.locator("a").get_attribute("href")
    assert href and "&hl=" in href
    evidence.first.locator("a").click()
    page.wait_for_selector("#hl")
    assert page.locator("#hl").is_visible()
    assert watch.errors == []


def test_a_matrix_cell_charts_its_issue(watched: tuple[Any, Watch], site: str) -> None:
    page, watch = watched
    open_view(page, f"{site}/stances")
    page.wait_for_function(IDLE)
    shown = page.input_value("#chart-issue")
    cell = page.locator(f"#stance-matrix td.cell:not(.empty):not([data-issue='{shown}'])").first
    issue = cell.get_attribute("data-issue")
    before = page.evaluate("document.body.dataset.renders || ''")
    cell.click()
    page.wait_for_function(
        f"b => (document.body.dataset.renders || '') !== b && ({IDLE})()", arg=before
    )
    assert page.input_value("#chart-issue") == issue
    lanes = page.locator("#stance-chart-svg text.lane").count()
    cells = httpx.get(f"{site}/api/stances/matrix").json()
    assert lanes == sum(1 for c in cells if c["issue"] == issue)
    assert watch.errors == []
