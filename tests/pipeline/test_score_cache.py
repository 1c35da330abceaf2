"""analysis.pipeline.score_cache: scores kept between runs, keyed by text, questions and code
version."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis.measures.scoring import score
from analysis.pipeline.score_cache import ScoreCache


@pytest.fixture
def answers(corpus_answers: pd.DataFrame) -> pd.DataFrame:
    scored = corpus_answers[~corpus_answers["is_holding_answer"]]
    return scored.head(40).reset_index(drop=True)


def test_a_second_run_scores_nothing_and_gives_the_same_tables(
    tmp_path: Path, answers: pd.DataFrame
) -> None:
    cache = ScoreCache(tmp_path / "scores.sqlite")
    first = score(answers, cache=cache, workers=1)
    units = {(t, q) for t, q in zip(answers["answer"], answers["question"], strict=True)}
    assert first.answers.attrs["texts_from_cache"] == 0
    assert first.answers.attrs["texts_scored"] == len({t for t, _ in units})
    again = score(answers, cache=cache, workers=1)
    assert again.answers.attrs["texts_scored"] == 0
    uncached = score(answers, workers=1)
    for name in ("answers", "sentences", "asks", "paragraphs"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(uncached, name))


def test_only_new_answers_are_scored(tmp_path: Path, answers: pd.DataFrame) -> None:
    cache = ScoreCache(tmp_path / "scores.sqlite")
    score(answers.head(30), cache=cache, workers=1)
    later = score(answers, cache=cache, workers=1)
    # Texts of the last ten rows that none of the first thirty rows has: the new work.
    old_texts = set(answers["answer"].head(30))
    new_texts = set(answers["answer"].tail(10)) - old_texts
    assert later.answers.attrs["texts_scored"] == len(new_texts)


def test_another_code_version_misses_and_is_cleared(tmp_path: Path, answers: pd.DataFrame) -> None:
    path = tmp_path / "scores.sqlite"
    score(answers.head(5), cache=ScoreCache(path, version="v1"), workers=1)
    assert len(ScoreCache(path, version="v1")) > 0
    other = ScoreCache(path, version="v2")
    assert len(other) == 0  # entries of v1 deleted on opening with v2
    assert score(answers.head(5), cache=other, workers=1).answers.attrs["texts_from_cache"] == 0


def test_a_damaged_file_is_set_aside(tmp_path: Path, answers: pd.DataFrame) -> None:
    path = tmp_path / "scores.sqlite"
    path.write_bytes(b"not a database" * 100)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache = ScoreCache(path)
    assert any("unreadable cache" in str(w.message) for w in caught)
    assert (tmp_path / "scores.sqlite.damaged").exists()
    assert score(answers.head(3), cache=cache, workers=1).answers["is_scored"].all()
