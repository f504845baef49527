"""The review pages' guards (issue #18): login, the CSRF field, another site's form, a
revoked token; each refused post changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tregua.fuse.refresh import refresh
from tregua.interfaces.web.app import CSP, create_app
from tregua.interfaces.web.review import COOKIE, csrf_token
from tregua.review import log
from tregua.review.users import add_user, revoke_user
from tregua.settings import Settings
from tregua.store import Store, open_store

from ..store import corpus


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    for record in corpus.corpus():
        opened.put_record(record)
    refresh(opened)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store.url), store)) as client:
        yield client


def _form(token: str, **fields: Any) -> dict[str, Any]:
    doc = next(r["id"] for r in corpus.corpus() if r["source"] == "a.txt")
    return {
        "csrf": csrf_token(token),
        "kind": "stance",
        "document_id": doc,
        "ordinal": "0",
        "action": "reject",
        **fields,
    }


def test_login_sets_an_httponly_strict_cookie_and_the_queue_carries_csrf(
    client: TestClient, store: Store
) -> None:
    page = client.get("/review")
    assert 'name="token"' in page.text and page.headers["content-security-policy"] == CSP
    token = add_user(store, "ana")
    wrong = client.post("/review/login", data={"token": "nope"}, follow_redirects=False)
    assert wrong.status_code == 401 and COOKIE not in wrong.headers.get("set-cookie", "")
    made = client.post("/review/login", data={"token": token}, follow_redirects=False)
    assert made.status_code == 303
    cookie = made.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/review" in cookie
    queue = client.get("/review")
    assert csrf_token(token) in queue.text and token not in queue.text
    assert queue.headers["content-security-policy"] == CSP and "<script>" not in queue.text


def test_a_form_without_the_editors_csrf_field_or_from_another_site_changes_nothing(
    client: TestClient, store: Store
) -> None:
    token = add_user(store, "ana")
    client.cookies.set(COOKIE, token, path="/review")
    no_csrf = client.post("/review/corrections", data={**_form(token), "csrf": "x"})
    assert no_csrf.status_code == 403
    other_site = client.post(
        "/review/corrections", data=_form(token), headers={"Origin": "https://evil.example"}
    )
    assert other_site.status_code == 403
    assert log.read(store) == []
    done = client.post("/review/corrections", data=_form(token), follow_redirects=False)
    assert done.status_code == 303
    assert [(c.editor, c.action) for c in log.read(store)] == [("ana", "reject")]


def test_without_a_token_or_with_a_revoked_one_the_form_changes_nothing(
    client: TestClient, store: Store
) -> None:
    token = add_user(store, "ana")
    assert client.post("/review/corrections", data=_form(token)).status_code == 401
    revoke_user(store, "ana")
    client.cookies.set(COOKIE, token, path="/review")
    revoked = client.post("/review/corrections", data=_form(token))
    assert revoked.status_code == 403 and 'name="token"' in revoked.text
    assert log.read(store) == []
