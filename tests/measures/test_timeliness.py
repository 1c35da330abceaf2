"""analysis.measures.timeliness: days to answer and answered on time, on dates worked by hand."""

from __future__ import annotations

import pandas as pd

from analysis import score_answers
from analysis.measures.timeliness import (
    TIMELINESS_COLUMNS,
    answered_on_time,
    days_to_answer,
    timeliness,
)

T = pd.Timestamp


def test_days_to_answer_counts_calendar_days() -> None:
    # Tabled Monday 2 February 2026, answered Monday 9 February: seven days.
    assert days_to_answer(T("2026-02-02"), T("2026-02-09")) == 7
    # Across the end of February 2024 (a leap year): 27 Feb -> 4 Mar is 6 days.
    assert days_to_answer(T("2024-02-27"), T("2024-03-04")) == 6
    # The hour of the day does not count: same day is 0.
    assert days_to_answer(T("2026-02-02 09:00"), T("2026-02-02 17:30")) == 0
    assert days_to_answer(None, T("2026-02-09")) is None
    assert days_to_answer(T("2026-02-02"), pd.NaT) is None


def test_answered_on_time_is_on_or_before_the_date_for_answer() -> None:
    assert answered_on_time(T("2026-02-05"), T("2026-02-05")) is True
    assert answered_on_time(T("2026-02-05 18:00"), T("2026-02-05")) is True
    assert answered_on_time(T("2026-02-04"), T("2026-02-05")) is True
    assert answered_on_time(T("2026-02-06"), T("2026-02-05")) is False
    assert answered_on_time(T("2026-02-06"), None) is None


def test_the_frame_version_agrees_with_the_rules() -> None:
    # Three real shapes from the corpus: a named-day question answered late after a holding
    # answer (tabled 2 Feb 2026, due 5 Feb, holding 6 Feb, answered 9 Feb), one answered on its
    # day, and a scraped page with no due date.
    frame = pd.DataFrame(
        {
            "date_tabled": [T("2026-02-02"), T("2023-12-01"), T("2025-09-01")],
            "date_answered": [T("2026-02-09"), T("2023-12-05"), T("2025-09-10")],
            "date_for_answer": [T("2026-02-05"), T("2023-12-05"), pd.NaT],
            "date_holding_answer": [T("2026-02-06"), pd.NaT, pd.NaT],
            "is_named_day": pd.array([True, False, pd.NA], dtype="boolean"),
        },
        index=[10, 11, 12],
    )
    got = timeliness(frame)
    assert list(got.columns) == TIMELINESS_COLUMNS
    assert list(got.index) == [10, 11, 12]
    assert got["days_to_answer"].tolist() == [7, 4, 9]
    assert got["answered_on_time"].tolist()[:2] == [False, True]
    assert pd.isna(got.loc[12, "answered_on_time"])
    assert got["had_holding_answer"].tolist()[:2] == [True, False]
    assert pd.isna(got.loc[12, "had_holding_answer"])
    assert pd.isna(got.loc[12, "is_named_day"])


def test_missing_date_columns_give_unknown_not_an_error() -> None:
    got = timeliness(pd.DataFrame({"answer": ["We will act."]}))
    assert got.isna().all().all()


def test_score_answers_carries_timeliness_for_every_row_holding_answers_included() -> None:
    frame = pd.DataFrame(
        {
            "answer": ["We will publish the plan later this year.", "An answer will follow."],
            "date_tabled": [T("2025-06-02"), T("2025-06-02")],
            "date_answered": [T("2025-06-05"), T("2025-06-09")],
            "date_for_answer": [T("2025-06-05"), T("2025-06-05")],
            "is_holding_answer": [False, True],
        }
    )
    scored = score_answers(frame)
    assert scored["days_to_answer"].tolist() == [3, 7]
    assert scored["answered_on_time"].tolist() == [True, False]
    assert scored["is_scored"].tolist() == [True, False]
