"""Fixtures: real answers from the shared corpus and the seed page, read in place.

The corpus (../shared/corpus/commons) and the seed (../shared/seed) sit beside the checkout and
are never copied into the repository. Tests that need them are skipped, with the reason shown
in the summary, on a machine without them.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from sample_reports import Run, render_sample_reports

from analysis import paths

CORPUS = paths.SHARED_CORPUS
SEED_PAGE = paths.SEED_PAGE


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine (shared data beside the checkout)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _require(CORPUS)


@pytest.fixture(scope="session")
def seed_page() -> Path:
    return _require(SEED_PAGE)


@pytest.fixture(scope="session")
def corpus_records(corpus_dir: Path) -> dict[int, dict]:
    """Every question record of the corpus by id, as the API gave it (the ``value`` object)."""
    records = {}
    for file in sorted(corpus_dir.glob("*.json")):
        for item in json.loads(file.read_text(encoding="utf-8"))["results"]:
            records[item["value"]["id"]] = item["value"]
    return records


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
