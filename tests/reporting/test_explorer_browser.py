"""The explorer page in a real browser: it loads offline, filters, searches, opens and exports.

The page is built from the small scored corpus of tests/explorer_sample.py (real answers of
every department, the seed answer, hostile records) and opened from disk in headless Chromium:
Debian's package (/usr/bin/chromium) driven by the playwright package, as
test_report_browser.py does; no browser is downloaded. Without either, the tests are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from browser import CHROMIUM, VIEWPORTS, watched_page
from explorer_sample import (
    HOSTILE_HEADING,
    HOSTILE_MINISTER,
    SEED_HEADING,
    SEED_PHRASE,
    explorer_sample,
)

from analysis.pipeline.processed import Processed
from analysis.reporting.explorer import QUESTION_URL, explorer_page

DEPARTMENT = "Department of Health and Social Care"
CSV_BUTTON = "Download these rows (CSV)"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (Debian package 'chromium')"
)


@pytest.fixture(scope="module")
def sample() -> Processed:
    return explorer_sample()


@pytest.fixture(scope="module")
def explorer(sample: Processed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    path.write_text(explorer_page(sample, "Built for the browser tests."), encoding="utf-8")
    return path


@pytest.fixture
def page(browser, explorer: Path) -> Iterator[object]:
    """The explorer opened at desktop width, ready (the table drawn); refuses the network."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], accept_downloads=True)
    context.route(re.compile(r"^(?!data:|file:|blob:)"), lambda route: route.abort())
    opened = context.new_page()
    opened.goto(explorer.resolve().as_uri())
    opened.wait_for_selector("body.explorer-ready")
    yield opened
    context.close()


def shown(page) -> int:
    """The number of answers the filters leave, as the page says it."""
    text = page.inner_text(".dt-info")
    match = re.match(r"([\d,]+) answers?", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def wait_for_count(page, count: int) -> None:
    page.wait_for_function(
        "count => document.querySelector('.dt-info').textContent"
        ".startsWith(count.toLocaleString('en-GB') + ' answer')",
        arg=count,
        timeout=5000,
    )


def choose(page, pane: str, value: str) -> None:
    """Open a SearchPanes list by its title and select one value in it."""
    box = page.locator(".dtsp-searchPane", has=page.locator(f'input[placeholder="{pane}"]'))
    box.locator(".dtsp-collapseButton").click()
    box.locator("span.dtsp-name", has_text=value).first.click()


def search(page, text: str) -> None:
    page.get_by_role("searchbox", name="Search heading, question and answer").fill(text)


def readable(sample: Processed) -> pd.Series:
    """Per answer, the text the free-text search reads: heading, question and sentences."""
    sentences = sample.sentences.sort_values("sentence_index").groupby("id")["sentence"]
    answer = sample.answers["id"].map(sentences.agg(" ".join)).fillna("")
    return sample.answers["heading"].fillna("") + " " + sample.answers["question"] + " " + answer


def test_loads_without_errors_or_network(browser, explorer: Path, sample: Processed) -> None:
    url = explorer.resolve().as_uri()
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    watched = watched_page(context)
    try:
        watched.page.goto(url, wait_until="networkidle")
        watched.page.wait_for_selector("body.explorer-ready")
        count = shown(watched.page)
    finally:
        context.close()
    assert watched.foreign_requests(url) == []
    assert watched.errors == []
    assert count == len(sample.answers)


def test_department_filter_shows_that_departments_rows(page, sample: Processed) -> None:
    choose(page, "Department", DEPARTMENT)
    expected = int((sample.answers["department"] == DEPARTMENT).sum())
    wait_for_count(page, expected)
    departments = page.locator("#answers tbody td.col-department").all_inner_texts()
    assert set(departments) == {DEPARTMENT}


def test_date_range_keeps_answers_between_the_dates(page, sample: Processed) -> None:
    start, end = page.locator(".dtsb-searchBuilder input.dtsb-value").all()[:2]
    start.fill("2025-01-01")
    start.dispatch_event("input")
    end.fill("2025-06-30")
    end.dispatch_event("input")
    answered = pd.to_datetime(sample.answers["date_answered"])
    wait_for_count(page, int(answered.between("2025-01-01", "2025-06-30").sum()))


def test_search_finds_the_seed_answer_by_a_phrase(page, sample: Processed) -> None:
    search(page, f'"{SEED_PHRASE}"')
    expected = readable(sample).str.contains(SEED_PHRASE, case=False, regex=False)
    wait_for_count(page, int(expected.sum()))
    assert SEED_HEADING in page.locator("#answers tbody").inner_text()


def test_a_row_opens_its_reading(page, sample: Processed) -> None:
    search(page, SEED_HEADING)
    page.locator("#answers tbody tr", has_text=SEED_HEADING).click()
    panel = page.locator("#answer-detail")
    panel.wait_for(state="visible")
    seed = sample.answers.loc[sample.answers["heading"] == SEED_HEADING, "id"].item()
    expected = sample.sentences[sample.sentences["id"] == seed].sort_values("sentence_index")
    texts = panel.locator("li.sentence .sentence-text").all_inner_texts()
    assert texts == expected["sentence"].tolist()
    assert panel.locator("#answer-detail-title").inner_text() == SEED_HEADING
    assert "Ashley Dalton" in panel.inner_text()
    assert panel.locator("a").count() == 0  # the seed page has no UIN: no Parliament link
    panel.get_by_role("button", name="Close").click()
    panel.wait_for(state="hidden")


def test_the_parliament_link_is_built_from_the_tabled_date_and_uin(page, sample: Processed) -> None:
    row = sample.answers[sample.answers["uin"].fillna("").str.fullmatch(r"\d+")].iloc[0]
    search(page, str(row["heading"]))
    page.locator("#answers tbody tr", has_text=str(row["heading"])).first.click()
    links = page.locator("#answer-detail a").evaluate_all("links => links.map(a => a.href)")
    assert f"{QUESTION_URL}{row['date_tabled']:%Y-%m-%d}/{row['uin']}" in links


def test_csv_export_holds_exactly_the_filtered_rows(page, sample: Processed) -> None:
    choose(page, "Department", DEPARTMENT)
    wanted = sample.answers.loc[sample.answers["department"] == DEPARTMENT, "id"].astype(str)
    wait_for_count(page, len(wanted))
    with page.expect_download() as download:
        page.get_by_role("button", name=CSV_BUTTON).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["Id"] for row in rows) == sorted(wanted)
    assert {row["Department"] for row in rows} == {DEPARTMENT}
    assert {"Answered", "Heading", "Commitment", "Parliament link"} <= set(rows[0])


def test_hostile_text_is_shown_as_text_and_runs_nothing(page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_text("Show all", exact=True).click()  # every SearchPanes list, names and all
    search(page, "alert")
    rows = page.locator("#answers tbody tr", has_text=HOSTILE_HEADING)
    assert rows.count() >= 4
    assert HOSTILE_MINISTER in rows.first.inner_text()
    for index in range(rows.count()):
        rows.nth(index).click()
        assert page.locator("#answer-detail-title").inner_text() == HOSTILE_HEADING
        page.keyboard.press("Escape")
    injected = page.evaluate(
        """() => [document.querySelectorAll('img').length,
                  document.querySelectorAll('[onerror]').length,
                  [...document.querySelectorAll('a[href]')]
                    .filter(a => a.href.startsWith('javascript:')).length]"""
    )
    assert injected == [0, 0, 0]
    assert dialogs == []


def test_phone_width_scrolls_the_table_not_the_page(browser, explorer: Path) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    opened = context.new_page()
    try:
        opened.goto(explorer.resolve().as_uri())
        opened.wait_for_selector("body.explorer-ready")
        page_width, screen, box_width, box_scroll = opened.evaluate(
            """() => {
                const box = document.querySelector('#answers').closest('.dt-layout-cell');
                return [document.documentElement.scrollWidth,
                        document.documentElement.clientWidth, box.clientWidth, box.scrollWidth];
            }"""
        )
    finally:
        context.close()
    assert page_width <= screen
    assert box_width <= screen < box_scroll  # the table is wider, inside its own box
