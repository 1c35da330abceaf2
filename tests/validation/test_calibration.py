"""analysis.validation.calibration: calibration error and shares, worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.validation.calibration import (
    expected_calibration_error,
    reliability_table,
    share_estimates,
)
from analysis.validation.evaluation import Evaluation


def test_expected_calibration_error_worked_by_hand() -> None:
    # Two sentences at 0.95, both right (gap 0.05); two at 0.65, one right (gap 0.15).
    probability = np.array([0.95, 0.95, 0.65, 0.65])
    correct = np.array([1, 1, 1, 0])
    table = reliability_table(probability, correct)
    assert table["n"].tolist() == [2, 2]
    assert table["accuracy"].tolist() == [0.5, 1.0]
    assert expected_calibration_error(probability, correct) == pytest.approx(0.10)


def test_perfect_calibration_scores_zero_and_nothing_scores_nan() -> None:
    assert expected_calibration_error(np.array([1.0, 1.0]), np.array([1, 1])) == 0.0
    assert math.isnan(expected_calibration_error(np.array([]), np.array([])))


def test_shares_counted_and_expected_against_the_readers() -> None:
    rows = pd.DataFrame(
        {
            "department": ["A", "A", "A", "B"],
            "reference_time": ["future", "none", "none", "future"],
            "predicted_time": ["future", "future", "none", "future"],
            "probability_time_future": [0.9, 0.6, 0.1, 0.8],
            "probability_time_current": [0.0, 0.1, 0.1, 0.1],
        }
    )
    for label in ("commitment", "specific"):
        rows[f"reference_{label}"] = ""
    shares = share_estimates(Evaluation({}, rows), by="department", min_sentences=2)
    future = shares[shares["share"] == "time = future"].set_index("group")
    assert list(future.index) == ["A"]  # B has one sentence
    assert future.loc["A", "readers_share"] == pytest.approx(1 / 3)
    assert future.loc["A", "counted_share"] == pytest.approx(2 / 3)
    assert future.loc["A", "expected_share"] == pytest.approx(1.6 / 3)
