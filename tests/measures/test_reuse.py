"""analysis.measures.reuse: stock paragraphs that answer more than one question."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures.reuse import (
    find_stock_lines,
    normalise_paragraph,
    recurring_paragraphs,
    stock_word_counts,
)


def stock_shares(answers: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """``stock_share`` for each answer as scoring computes it (NA with fewer than two questions)."""
    frame = pd.DataFrame({"answer": answers})
    if groups is not None:
        frame["answer_group"] = groups
    if frame.get("answer_group", frame.index.to_series()).nunique() < 2:
        return pd.Series(pd.NA, index=answers.index, dtype="Float64")
    table = find_stock_lines(frame).paragraphs
    rows = pd.Index(table["row"].unique())
    counts = stock_word_counts(table["row"], table["word_count"], table["is_stock"], rows)
    return pd.Series(counts["stock_share"], dtype="Float64").reindex(answers.index)


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


BASE = (
    "The Government is committed to improving outcomes for every patient and will set out "
    "further details on funding for community diagnostic centres and new surgical hubs across "
    "England in the spring."
)  # 30 words: 28 word 3-grams


def test_near_copies_join_and_other_paragraphs_do_not() -> None:
    # One word changed mid-paragraph changes 3 of 28 3-grams on each side: 25 shared of 31,
    # Jaccard 0.81 >= 0.7, so one line.
    near = BASE.replace("every patient", "all patients").replace("all patients", "every person")
    assert near != BASE
    other = "Officials meet regularly with counterparts in the devolved governments to discuss it."
    found = find_stock_lines(pd.DataFrame({"answer": [BASE, near, other]}, index=["a", "b", "c"]))
    table = found.paragraphs.set_index("row")
    assert table.loc["a", "line"] == table.loc["b", "line"]
    assert table.loc["a", "is_stock"] and table.loc["b", "is_stock"]
    assert not table.loc["c", "is_stock"]


def test_names_of_members_and_dates_are_folded() -> None:
    first = (
        "I refer the hon. Member for Bath and North East Somerset to the answer I gave on 4 June."
    )
    second = "I refer the hon. Member for Leeds Central to the answer I gave on 9 July."
    assert normalise_paragraph(first) == normalise_paragraph(second)
    # Programme names are what tell lines apart: not folded.
    assert normalise_paragraph("The National Cancer Plan will be published.") != (
        normalise_paragraph("The Men's Health Strategy will be published.")
    )


def test_lines_per_department_with_counts_and_dates() -> None:
    answers = pd.DataFrame(
        {
            "answer": [BASE, BASE, BASE, BASE],
            "answer_group": ["q1", "q2", "q3", "q3"],  # the last two answer one grouped question
            "department": ["Health", "Health", "Treasury", "Treasury"],
            "date_answered": pd.to_datetime(
                ["2024-01-05", "2024-03-01", "2024-02-01", "2024-02-01"]
            ),
        }
    )
    lines = find_stock_lines(answers).lines()
    assert len(lines) == 1
    line = lines.iloc[0]
    assert (line["question_count"], line["answer_count"], line["department_count"]) == (3, 4, 2)
    assert line["first_answered"] == pd.Timestamp("2024-01-05")
    assert line["last_answered"] == pd.Timestamp("2024-03-01")
    health = find_stock_lines(answers).lines("Health").iloc[0]
    assert (health["question_count"], health["answer_count"]) == (2, 2)


def test_which_paragraphs_of_an_answer_recur() -> None:
    corpus = pd.DataFrame(
        {"answer": [BASE, BASE + "\n\nAnother paragraph that is long enough to count here."]}
    )
    fresh = "Nothing like this paragraph appears anywhere else in the corpus we compare with."
    result = recurring_paragraphs(BASE + "\n\n" + fresh, corpus)
    assert result["other_question_count"].tolist() == [2, 0]
    assert result.loc[0, "closest_similarity"] == pytest.approx(1.0)
    assert result.loc[1, "closest_similarity"] < 0.7
