"""analysis.reporting.summaries: the aggregates the reports show, on small frames worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.reporting import summaries


@pytest.fixture
def answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["1", "2", "3", "4", "5"],
            "department": ["Home Office", "Home Office", "Home Office", "Treasury", "Treasury"],
            "is_scored": [True, True, True, True, False],
            "is_first_in_group": [True, True, False, True, True],
            "is_holding_answer": [False, False, False, False, True],
            "commitment": [3.0, 1.0, 1.0, 2.0, np.nan],
            "date_answered": pd.to_datetime(
                ["2025-01-05", "2025-01-20", "2025-01-20", "2025-02-01", "2025-03-01"]
            ),
            "heading": ["Blood Cancer", "Prisons", "Prisons", "Tax", "Tax"],
            "question": ["", "", "", "cancer drugs", ""],
            "answer": ["", "", "", "", ""],
        }
    )


def test_counted_once_drops_holding_answers_and_group_repeats(answers: pd.DataFrame) -> None:
    assert summaries.counted_once(answers)["id"].tolist() == ["1", "2", "4"]


def test_by_department_means_and_ranking(answers: pd.DataFrame) -> None:
    table = summaries.by_department(answers, {"commitment": "Commitment"}, min_answers=2)
    home = table.set_index("department").loc["Home Office"]
    assert home["n"] == 2 and home["mean"] == pytest.approx(2.0)  # (3 + 1) / 2
    assert home["ranked"]
    treasury = table.set_index("department").loc["Treasury"]
    assert treasury["n"] == 1 and not treasury["ranked"]


def test_bootstrap_interval_contains_the_mean() -> None:
    low, high = summaries.bootstrap_ci(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]))
    assert low < 3.0 < high
    assert np.isnan(summaries.bootstrap_ci(pd.Series([1.0]))[0])


def test_by_month_counts_each_grouped_answer_once(answers: pd.DataFrame) -> None:
    monthly = summaries.by_month(answers)
    assert monthly.loc["2025-01", "Home Office"] == 2
    assert monthly.loc["2025-03", "Treasury"] == 1  # holding answers are still answers given


def test_topic_and_window(answers: pd.DataFrame) -> None:
    assert summaries.topic_mask(answers, "cancer").tolist() == [True, False, False, True, False]
    window = summaries.window(answers, "2025-01-10", "2025-02-28", "home")
    assert window["id"].tolist() == ["2", "3"]


def test_percentile_in() -> None:
    assert summaries.percentile_in(2.0, pd.Series([1.0, 2.0, 3.0, 4.0])) == 50.0


def test_future_against_current_by_hand() -> None:
    sentences = pd.DataFrame(
        {
            "time": ["future", "future", "current", "none"],
            "commitment": pd.array([3, 1, 3, pd.NA], dtype="Int64"),
            "specific": [True, False, True, False],
            "date_count": [1, 0, 0, 0],
            "word_count": [10, 20, 30, 5],
        }
    )
    table = summaries.future_against_current(sentences)
    assert table.loc["sentences", "future"] == 2
    assert table.loc["commitment 3 firm", "future"] == pytest.approx(0.5)
    assert table.loc["hedged (level 1)", "future"] == pytest.approx(0.5)
    assert table.loc["with a date or deadline", "future"] == pytest.approx(0.5)
    assert table.loc["mean words", "current"] == pytest.approx(30)


def test_phrasings_count_the_deciding_verbs() -> None:
    sentences = pd.DataFrame(
        {
            "time": ["future", "future", "future"],
            "time_cues": ["future: will publish", "future: Will publish", "future: will consider"],
        }
    )
    table = summaries.phrasings(sentences, "future")
    assert table.iloc[0].tolist() == ["will publish", 2]


def test_on_time_by_department_counts_each_question_and_leaves_holding_answers_out() -> None:
    frame = pd.DataFrame(
        {
            "department": ["A", "A", "A", "A", "B"],
            "is_holding_answer": [False, False, False, True, False],
            "answered_on_time": pd.array([True, False, True, False, pd.NA], dtype="boolean"),
            "is_named_day": pd.array([True, True, False, True, True], dtype="boolean"),
            "days_to_answer": pd.array([3, 9, 4, 8, 5], dtype="Int64"),
        }
    )
    got = summaries.on_time_by_department(frame, min_answers=2).set_index("kind")
    # B's only question has no due date: not counted. A: two named-day questions (one on time),
    # one ordinary; the holding answer is left out.
    assert set(got["department"]) == {"A"}
    assert got.loc["named day", ["n", "on_time"]].tolist() == [2, 1]
    assert got.loc["named day", "mean"] == 0.5
    assert got.loc["named day", "median_days"] == 6.0
    assert got.loc["named day", "low"] < 0.5 < got.loc["named day", "high"]
    assert got.loc["ordinary", ["n", "on_time", "ranked"]].tolist() == [1, 1, False]
    table = summaries.timeliness_table(got.reset_index())
    assert table.loc[0, "Named day: on time"].startswith("50% [")
