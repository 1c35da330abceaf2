"""analysis.reporting.charts: every chart carries its finding as title and the source line."""

from __future__ import annotations

import pandas as pd

from analysis.reporting import charts


def _texts(figure) -> str:
    return " ".join(t.get_text() for t in figure.texts) + " " + figure._suptitle.get_text()


def test_bars_have_title_source_and_axis_label() -> None:
    figure = charts.horizontal_bars(pd.Series({"A": 3, "B": 1}), "A leads", "Answers")
    assert "A leads" in _texts(figure)
    assert "UK Parliament written questions and answers" in _texts(figure)
    assert figure.axes[0].get_xlabel() == "Answers"


def test_intervals_put_unranked_rows_apart() -> None:
    table = pd.DataFrame(
        {
            "department": ["Big", "Small"],
            "mean": [1.0, 2.0],
            "low": [0.9, 0.5],
            "high": [1.1, 3.0],
            "n": [100, 3],
            "ranked": [True, False],
        }
    )
    figure = charts.intervals(table, "Big is measured", "Mean")
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels[0].startswith("* Small") and labels[1].strip().startswith("Big")
    assert "not ranked" in _texts(figure)


def test_monthly_bars_leave_out_months_without_answers() -> None:
    # A snapshot of selected months: a missing month is not a month with no answers given.
    counts = pd.Series({"2025-03": 1, "2025-01": 2, "2025-02": 0})
    figure = charts.monthly_bars(counts, "January", "Answers")
    assert len(figure.axes[0].patches) == 2
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == ["2025-01", "2025-03"]


def test_charts_carry_their_title_as_alt_text() -> None:
    figure = charts.horizontal_bars(pd.Series({"A": 1}), "A is alone", "Answers")
    assert figure.alt_text == "A is alone"
