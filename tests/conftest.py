"""Fixtures: real answers from the embedded snapshot and the seed page (data/snapshot).

Both ship with the project, so every test of the product runs on any clone; only the external
checks on the public datasets of ../shared/eval skip where those are absent.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from corpus_records import snapshot_items
from sample_reports import Run, render_sample_reports

from analysis import paths

CORPUS = paths.SNAPSHOT
SEED_PAGE = paths.SEED_PAGE


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus the tests read: the embedded snapshot (one gzipped API list page)."""
    return CORPUS


@pytest.fixture(scope="session")
def seed_page() -> Path:
    return SEED_PAGE


@pytest.fixture(scope="session")
def corpus_records() -> dict[int, dict]:
    """Every question record of the corpus by id, as the API gave it (the ``value`` object)."""
    return {item["value"]["id"]: item["value"] for item in snapshot_items()}


@pytest.fixture(scope="session")
def corpus_answers(corpus_dir: Path) -> pd.DataFrame:
    from analysis import load_answers

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the snapshot must load without a single warning
        return load_answers(corpus_dir)


@pytest.fixture(scope="session")
def seed_answer(seed_page: Path) -> pd.Series:
    from analysis import load_answers

    return load_answers(seed_page).iloc[0]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The project's notebooks executed once per session on a corpus sample (sample_reports)."""
    result = render_sample_reports(tmp_path_factory.getbasetemp() / "sample_reports")
    assert result.code == 0, f"the report notebooks failed on the sample:\n{result.stderr}"
    return result
