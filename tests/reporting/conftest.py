"""What the report tests share: one Chromium per module for the browser tests of the reports and
of the explorer, and a three-answer corpus scored for the tests that execute small notebooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS

from analysis.pipeline.processed import build_processed


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by playwright (never a downloaded browser); skipped without."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (Debian package 'chromium')")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is not installed"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Three answers as a CSV and their processed folder: scoring takes a second."""
    folder = tmp_path_factory.mktemp("tiny")
    corpus = folder / "answers.csv"
    corpus.write_text(
        "question,answer,department,heading\n"
        '"To ask what plans there are for roads.","The Department will publish a roads plan '
        'in March 2026. We are investing £5 million this year.",Department for Transport,Roads\n'
        '"To ask about schools.","There are currently no plans to change the funding formula.",'
        "Department for Education,Schools\n"
        '"To ask about hospitals.","NHS England is responsible for this. The Government will '
        'consider the findings.",Department of Health and Social Care,Hospitals\n',
        encoding="utf-8",
    )
    processed = build_processed(corpus, folder / "processed")
    return corpus, processed
