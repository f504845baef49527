"""What the dashboard's first views show, in chromium: the map's names and how many pairs
of them overlap, the timeline's first and last tick, and the event table's dates that
read as a first of January (a vague date shown as its first day).

    PYTHONPATH=src:. .venv/bin/python benchmarks/dashboard_views.py sqlite:////tmp/ex.db

Run it from a checkout to measure that checkout's dashboard (the store is only read).
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright
from tests.browser.conftest import ARGS, CHROMIUM
from tests.interfaces.server import serving

from tregua.interfaces.web.app import create_app
from tregua.settings import Settings

OVERLAPS = """ns => { const b = ns.map(n => n.getBoundingClientRect()); let k = 0;
  for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++)
    if (b[i].left < b[j].right && b[j].left < b[i].right
        && b[i].top < b[j].bottom && b[j].top < b[i].bottom) k++;
  return [b.length, k]; }"""


def main(url: str) -> None:
    with serving(create_app(Settings(db=url))) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/map")
        page.wait_for_selector("body[data-ready='1']", state="attached")
        names, pairs = page.eval_on_selector_all("#map-svg text.map-label", OVERLAPS)
        print(f"map: {names} names, {pairs} overlapping pairs")
        page.goto(base + "/timeline")
        page.wait_for_selector("body[data-ready='1']", state="attached")
        ticks = page.eval_on_selector_all(
            "#timeline-svg text.tick", "t => t.map(x => x.textContent)"
        )
        print(f"timeline: first tick {ticks[0]}, last tick {ticks[-1]}")
        cells = page.eval_on_selector_all(
            "#event-list tbody td:first-child", "t => t.map(x => x.textContent)"
        )
        firsts = [c for c in cells if c[4:10] == "-01-01"]
        print(f"table: {len(firsts)} dates read as a first of January: {firsts}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])
