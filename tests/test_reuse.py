"""analysis.reuse: stock paragraphs that answer more than one question."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.reuse import normalise_paragraph, stock_shares

STOCK = "I refer the hon. Member to the answer I gave on 5 May 2025 to Question 1234."
OTHER = "I refer the hon. Member to the answer I gave on 9 June 2025 to Question 5678."


def test_figures_and_punctuation_are_folded() -> None:
    assert normalise_paragraph(STOCK) == normalise_paragraph(OTHER)


def test_shares_worked_by_hand() -> None:
    fresh = "The Department will publish the new road safety strategy next spring."  # 11 words
    answers = pd.Series([STOCK, OTHER + "\n\n" + fresh, "Yes."], index=["a", "b", "c"])
    shares = stock_shares(answers)
    assert shares["a"] == pytest.approx(1.0)
    # "I refer the hon. Member to the answer I gave on 9 June 2025 to Question 5678." is 17
    # words, all stock; the fresh paragraph 11: 17 / 28.
    assert shares["b"] == pytest.approx(17 / 28)
    assert shares["c"] == pytest.approx(0.0)  # too short to call reuse


def test_one_answer_to_grouped_questions_is_not_reuse() -> None:
    answers = pd.Series([STOCK, STOCK], index=["a", "b"])
    groups = pd.Series(["g1", "g1"], index=["a", "b"])
    assert stock_shares(answers, groups).isna().all()  # one question: nothing to compare with
    groups = pd.Series(["g1", "g2"], index=["a", "b"])
    assert stock_shares(answers, groups).tolist() == [1.0, 1.0]
