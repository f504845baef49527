"""The review loop in a real browser (issue #18): an editor logs in with their token,
corrects a stance's polarity and rejects an event with the keyboard, adds a quote by
selecting its words and merges two events; a reader then sees the corrected matrix and
timeline; a form without a token, or with a revoked one, changes nothing.

Screenshots: ``review_queue``, ``review_correction``, ``review_matrix`` (into
docs/screenshots with TREGUA_SCREENSHOTS=1).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tregua.interfaces.web.app import create_app
from tregua.review.gold import export_gold
from tregua.review.users import add_user, revoke_user
from tregua.settings import Settings
from tregua.store import Store, open_store

from ..interfaces.server import copy_store, serving
from .conftest import Watch, open_view


@pytest.fixture(scope="module")
def review_site(
    examples_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Store, dict[str, str]]]:
    """A server over a copy of the examples store, with two editors, ana and luis."""
    url = copy_store(examples_db, tmp_path_factory.mktemp("review") / "review.db")
    store = open_store(url)
    tokens = {name: add_user(store, name) for name in ("ana", "luis")}
    with serving(create_app(Settings(db=url), store)) as base:
        yield base, store, tokens
    store.engine.dispose()


def _login(page: Any, base: str, token: str) -> None:
    page.goto(base + "/review")
    page.fill("#token", token)
    with page.expect_navigation():
        page.click("#login button[type=submit]")
    page.wait_for_selector("body[data-ready='1']", state="attached")


def _queue(base: str, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = httpx.get(
        base + "/api/review/queue", params={"limit": 500, **params}
    ).json()["items"]
    return found


def _log_total(base: str) -> int:
    total: int = httpx.get(base + "/api/review/corrections").json()["total"]
    return total


def test_an_editor_corrects_a_stance_and_rejects_an_event_and_a_reader_sees_it(
    review_site: tuple[str, Store, dict[str, str]],
    watched: tuple[Any, Watch],
    browser: Any,
    shoot: Any,
) -> None:
    base, _, tokens = review_site
    page, watch = watched
    # a cell resting on one stance, and that stance in the queue
    matrix = httpx.get(base + "/api/stances/matrix").json()
    cell = next(c for c in matrix if len(c["evidence"]) == 1)
    (evidence,) = cell["evidence"]
    stance = next(
        i
        for i in _queue(base, kind="stance")
        if i["document_id"] == evidence["document_id"]
        and (i["key"]["side"], i["key"]["issue"]) == (cell["side"], cell["issue"])
        and i["key"]["evidence"] == evidence["evidence"]["text"]
    )
    polarity = "support" if cell["polarity"] != "support" else "oppose"
    # an event one document alone reports, and its report in the queue
    timeline = httpx.get(base + "/api/timeline").json()
    # one report: an event that two mentions of one article make is kept until both go
    event = next(
        e
        for e in timeline
        if e["sources"] == 1
        and len(httpx.get(f"{base}/api/events/{e['id']}").json()["reports"]) == 1
    )
    report = next(
        i
        for i in _queue(base, kind="event")
        if i["document_id"] == event["document_id"]
        and i["key"]["evidence"] == event["evidence"]
        and i["key"]["type"] == event["type"]  # one sentence may report two events
    )

    _login(page, base, tokens["ana"])
    assert page.text_content("#editor") == "ana"
    left = int(page.text_content("#count-left") or "0")
    assert left > 0 and page.locator(".review-item").count() > 0
    shoot(page, "review_queue")

    # the stance: its polarity corrected with the item's own form
    page.goto(f"{base}/review?kind=stance&document={stance['document_id']}")
    item = page.locator(f".review-item[data-ordinal='{stance['ordinal']}']")
    item.locator("form[data-action='correct'] select[name=polarity]").select_option(polarity)
    item.locator("form[data-action='correct'] input[name=reason]").fill(
        "la condición está en el texto"
    )
    with page.expect_navigation():
        item.locator("form[data-action='correct'] button").click()
    item = page.locator(f".review-item[data-ordinal='{stance['ordinal']}']")
    assert "reviewed" in (item.get_attribute("class") or "")
    done = item.locator(".review-done").text_content() or ""
    assert "correct · ana" in done and f"polarity={polarity}" in done
    assert f"polarity={cell['polarity']}" in done  # the machine's value, beside
    item.scroll_into_view_if_needed()
    shoot(page, "review_correction")

    # the event: rejected with the keyboard, no mouse on the buttons
    page.goto(f"{base}/review?kind=event&document={report['document_id']}")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    target = page.locator(f".review-item[data-ordinal='{report['ordinal']}']")
    target.focus()
    with page.expect_navigation():
        page.keyboard.press("r")
    assert int(page.text_content("#count-reviewed") or "0") >= 1
    assert _log_total(base) == 2

    # a reader, without any cookie, sees the corrected matrix and timeline
    reader = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        view = reader.new_page()
        open_view(view, base + "/stances")
        td = view.locator(f"#matrix td[data-side='{cell['side']}'][data-issue='{cell['issue']}']")
        classes = td.get_attribute("class") or ""
        assert polarity in classes.split() and "reviewed" in classes.split()
        assert td.locator("small.machine").count() == 1
        shoot(view, "review_matrix")
        shown = httpx.get(base + "/api/timeline").json()
        assert event["id"] not in {e["id"] for e in shown}
        assert len(shown) == len(timeline) - 1
        open_view(view, base + "/timeline")
        assert view.locator(f"[data-id='{event['id']}']").count() == 0
    finally:
        reader.close()
    assert watch.errors == [] and watch.dialogs == []


def test_a_form_without_a_token_or_with_a_revoked_one_changes_nothing(
    review_site: tuple[str, Store, dict[str, str]], watched: tuple[Any, Watch], browser: Any
) -> None:
    base, store, tokens = review_site
    page, _ = watched
    before = _log_total(base)
    matrix = httpx.get(base + "/api/stances/matrix").text
    first = _queue(base)[0]
    form = {
        "kind": first["kind"],
        "document_id": first["document_id"],
        "ordinal": str(first["ordinal"]),
        "action": "reject",
        "csrf": "x",
    }
    # no token: a browser with no cookie posting the form
    anonymous = browser.new_context()
    try:
        reply = anonymous.request.post(base + "/review/corrections", form=form)
        assert reply.status == 401
    finally:
        anonymous.close()
    # luis logs in, is revoked, then presses c on an item
    _login(page, base, tokens["luis"])
    revoke_user(store, "luis")
    page.locator(".review-item").first.focus()
    with page.expect_navigation():
        page.keyboard.press("c")
    assert page.locator("#login").count() == 1 and "revocado" not in page.content()
    assert "revoked" in (page.text_content("#review-error") or "")
    assert _log_total(base) == before
    assert httpx.get(base + "/api/stances/matrix").text == matrix


def test_an_editor_adds_a_quote_by_selection_and_merges_two_events(
    review_site: tuple[str, Store, dict[str, str]],
    watched: tuple[Any, Watch],
    tmp_path: Path,
) -> None:
    base, store, tokens = review_site
    page, watch = watched
    documents = httpx.get(base + "/api/documents", params={"limit": 1}).json()["items"]
    doc_id = documents[0]["id"]
    text = httpx.get(f"{base}/api/documents/{doc_id}").json()["text"]
    start = text.index(" ", 20) + 1
    end = text.index(" ", start + 30)
    words = text[start:end]

    _login(page, base, tokens["ana"])
    page.goto(f"{base}/review?document={doc_id}")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("#add-submit").is_disabled()
    # the editor selects the words in the document's text, as a mouse drag would
    page.evaluate(
        """([from, to]) => { const node = document.getElementById("doc-text").firstChild;
            const range = document.createRange(); range.setStart(node, from);
            range.setEnd(node, to); const s = document.getSelection();
            s.removeAllRanges(); s.addRange(range); }""",
        [start, end],
    )
    page.wait_for_function("() => !document.getElementById('add-submit').disabled")
    assert page.text_content("#selection") == words
    page.select_option("#add-kind", "quote")
    page.fill("#add-speaker", "Un portavoz")
    with page.expect_navigation():
        page.click("#add-submit")
    added = httpx.get(base + "/api/review/corrections").json()["items"][-1]
    assert (added["action"], added["kind"], added["editor"]) == ("add", "quote", "ana")
    assert (added["key"]["start"], added["key"]["end"], added["key"]["text"]) == (
        start,
        end,
        words,
    )
    assert added["after"] == {"speaker_name": "Un portavoz"} and not added["orphaned"]
    # the gold export has the added quote
    (gold_file,) = [p for p in export_gold(store, tmp_path / "gold") if p.stem == doc_id]
    gold = json.loads(gold_file.read_text())
    assert {"speaker": "Un portavoz", "text": words} in [
        {"speaker": q["speaker"], "text": q["text"]} for q in gold["quotes"]
    ]

    # two fused events merged into one
    timeline = httpx.get(base + "/api/timeline").json()
    keep, gone = timeline[0]["id"], timeline[1]["id"]
    page.goto(f"{base}/review?merge=1")
    page.select_option("#merge-event_id", keep)
    page.select_option("#merge-with_event_id", gone)
    with page.expect_navigation():
        page.click("#merge-form button[type=submit]")
    merged = httpx.get(base + "/api/timeline").json()
    assert [e["id"] for e in merged] == [e["id"] for e in timeline if e["id"] != gone]
    shown = next(e for e in merged if e["id"] == keep)
    assert (shown["reviewed"], shown["merged"]) == (True, [gone])
    # the pages mark what the editors reviewed: the merged event on the timeline (every
    # confidence shown), the added quote in the document view
    open_view(page, f"{base}/timeline?min_confidence=")
    assert page.locator("#event-list tr.reviewed").count() >= 1
    open_view(page, f"{base}/documents/{doc_id}")
    marked = page.locator("#quotes li.reviewed")
    assert marked.count() == 1 and "Un portavoz" in (marked.text_content() or "")
    # and the quote explorer's search lists it marked
    open_view(page, f"{base}/quotes")
    page.fill("#f-speaker", "un portavoz")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#quote-list li.quote').length == 1")
    listed = page.locator("#quote-list li.quote")
    assert listed.count() == 1 and "reviewed" in (listed.get_attribute("class") or "")
    assert "✓" in (listed.text_content() or "")
    assert watch.errors == []
