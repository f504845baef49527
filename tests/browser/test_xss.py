"""A corpus of XSS payloads inside articles ingested through the API executes nothing.

The articles go through POST /api/ingest (the real pipeline), then every view that shows
their text is opened in chromium. A payload that ran would set ``window.__xss``, open a
dialog, or (being inline) log a CSP violation as a console error; none may happen, and the
payloads must show as literal text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tregua.interfaces.web.app import create_app
from tregua.settings import Settings

from ..interfaces.server import copy_store, serving
from .conftest import Watch, open_view
from .test_views import _redrawn

TOKEN = "xss-test-token"

PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    "<svg onload=alert(3)>",
    '"><script>alert(4)</script>',
    "</script><script>alert(5)</script>",
    '<a href="javascript:alert(6)">pulse aquí</a>',
    '<iframe src="javascript:alert(7)"></iframe>',
    "<body onload=alert(8)>",
    "'-alert(9)-'",
    '<div style="background:url(javascript:alert(10))">x</div>',
]


def _article(number: int, payload: str) -> dict[str, Any]:
    return {
        "title": f"Peskov {payload} rechaza la tregua",
        "published": "2026-03-2" + str(number % 9),
        "outlet": f"medio {payload}",
        "url": "javascript:alert(11)" if number == 0 else f"https://example.org/{number}",
        "text": (
            f"El portavoz del Kremlin, Dmitri Peskov, afirmó el lunes en Moscú que «{payload} "
            "no habrá alto el fuego mientras Ucrania no se retire del Donbás».\n\n"
            f"Las delegaciones de Rusia y Ucrania se reunieron en Ginebra {payload} para "
            "negociar un canje de prisioneros con la mediación de Estados Unidos.\n\n"
            f">> Está claro que {payload} nadie cree ya en estas negociaciones."
        ),
    }


@pytest.fixture(scope="module")
def xss_site(examples_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = copy_store(examples_db, Path(tmp_path_factory.mktemp("xss")) / "xss.db")
    settings = Settings(db=url, api_token=SecretStr(TOKEN))
    with serving(create_app(settings)) as base:
        reply = httpx.post(
            f"{base}/api/ingest",
            json={"articles": [_article(n, p) for n, p in enumerate(PAYLOADS)]},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )
        assert reply.status_code == 200, reply.text
        outcomes = reply.json()["outcomes"]
        assert [o["outcome"] for o in outcomes] == ["stored"] * len(PAYLOADS), outcomes
        yield base


def _clean(page: Any, watch: Watch) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watch.dialogs == [] and watch.errors == []
    assert page.locator("main script, main img, main iframe, main svg image").count() == 0
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]


def test_payloads_stay_text_in_every_view(watched: tuple[Any, Watch], xss_site: str) -> None:
    page, watch = watched
    documents = httpx.get(f"{xss_site}/api/documents", params={"limit": 500}).json()["items"]
    ours = [d for d in documents if (d["outlet"] or "").startswith("medio ")]
    assert len(ours) == len(PAYLOADS)
    views = ["/", "/timeline", "/map", "/stances", "/quotes", "/actors", "/actors/Peskov"]
    views += [f"/documents/{d['id']}" for d in ours]
    for view in views:
        open_view(page, f"{xss_site}{view}")
        _clean(page, watch)
    # the list shows the payloads as the literal text they are
    open_view(page, f"{xss_site}/")
    assert PAYLOADS[0] in page.locator("#documents").inner_text()


def test_payloads_in_quotes_and_stance_evidence_stay_text(
    watched: tuple[Any, Watch], xss_site: str
) -> None:
    page, watch = watched
    open_view(page, f"{xss_site}/quotes")
    _redrawn(
        page,
        lambda: (
            page.fill("#f-q", "no habrá alto el fuego"),
            page.click("#filters button[type=submit]"),
        ),
    )
    texts = page.eval_on_selector_all(".quote-text", "q => q.map(x => x.textContent)")
    assert any(PAYLOADS[1] in t for t in texts), texts
    page.click("#quote-list a.open-source >> nth=0")
    page.wait_for_selector("#hl")
    _clean(page, watch)
    open_view(page, f"{xss_site}/stances")
    for index in range(page.locator("#stance-matrix td.cell:not(.empty)").count()):
        page.locator("#stance-matrix td.cell:not(.empty)").nth(index).click()
        _clean(page, watch)


def test_a_javascript_source_is_never_a_link(watched: tuple[Any, Watch], xss_site: str) -> None:
    page, watch = watched
    documents = httpx.get(f"{xss_site}/api/documents", params={"limit": 500}).json()["items"]
    (doc,) = [d for d in documents if d["source"] == "javascript:alert(11)"]
    open_view(page, f"{xss_site}/documents/{doc['id']}")
    assert "javascript:alert(11)" in page.locator("main .source").inner_text()
    assert page.locator("main .flag-inserted_commentary").count() > 0
    _clean(page, watch)
