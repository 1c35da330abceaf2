"""The rendered reports in a real browser: no console errors, nothing fetched, fits a phone.

Each page (the index and every report, executed on the same corpus sample as test_build.py,
once per session) is opened from disk in headless Chromium. The page must log no console error
and raise no script error, every request it makes must be for the file itself or a data: URI,
and at phone width (390 px) the page must not scroll sideways: wide tables scroll inside their
own box instead.

Chromium is Debian's package (/usr/bin/chromium) driven by the playwright package; no browser
is downloaded. Without either, the tests are skipped with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import CHROMIUM, VIEWPORTS, watched_page
from sample_reports import NOTEBOOK_NAMES, Run

PAGES = ["index", *NOTEBOOK_NAMES]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (Debian package 'chromium')"
)


@pytest.fixture(scope="module")
def reports(rendered: Run) -> Path:
    return rendered.out


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_or_network(reports: Path, browser, name: str) -> None:
    url = (reports / f"{name}.html").resolve().as_uri()
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    # Nothing may leave the machine even if a page asked: refuse it (the request is recorded).
    watched = watched_page(context)
    try:
        watched.page.goto(url, wait_until="networkidle")
    finally:
        context.close()
    assert url in watched.requests
    assert watched.foreign_requests(url) == [], (
        f"{name}.html requested more than itself and data: URIs: {watched.requests}"
    )
    assert watched.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_screen(reports: Path, browser, name: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto((reports / f"{name}.html").resolve().as_uri(), wait_until="load")
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    finally:
        context.close()
    scroll_width, client_width = widths
    assert scroll_width <= client_width, (
        f"{name}.html is {scroll_width}px wide on a {VIEWPORTS['phone']['width']}px screen"
    )
