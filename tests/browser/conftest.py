"""Playwright driving Debian's chromium against a uvicorn server the tests start.

Without /usr/bin/chromium or the playwright package the tests skip with the reason, unless
the environment variable CI is set: then they fail, because CI must run them (``.ci/run``
installs chromium). Chromium is never downloaded by playwright.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tregua.interfaces.web.app import create_app
from tregua.settings import Settings

from ..conftest import ROOT
from ..interfaces.server import copy_store, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: where screenshots go: docs/screenshots with TREGUA_SCREENSHOTS=1 (``make screenshots``),
#: else a temporary folder, so a test run leaves the committed pictures alone
SCREENSHOTS = ROOT / "docs" / "screenshots"
#: longest wait for anything in a page, in milliseconds
WAIT_MS = 15_000


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install playwright)"
    return None


def require_browser() -> None:
    """Skip (CI unset) or fail (CI set) naming what is missing; return when all is there."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(f"browser tests need chromium and playwright: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(examples_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real server over the examples store."""
    url = copy_store(examples_db, tmp_path_factory.mktemp("site") / "site.db")
    with serving(create_app(Settings(db=url))) as base:
        yield base


@dataclass
class Watch:
    """What a page did that it must not: console errors, uncaught errors, dialogs."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    watch = Watch()
    page.on(
        "console",
        lambda m: watch.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: watch.errors.append(f"page error: {e}"))

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page, watch
    context.close()


def open_view(page: Any, url: str) -> None:
    """Load ``url`` and wait until its script has drawn it (``body[data-ready=1]``)."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", state="attached")


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("TREGUA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def shoot(shots: Path) -> Any:
    """``shoot(page, name)`` saves a screenshot of the viewport as ``name.png``."""

    def take(page: Any, name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=False)

    return take
