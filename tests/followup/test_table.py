"""analysis.followup.table and follow_up: mentions resolved within their answer, end to end."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import follow_up, promises
from analysis.followup.table import MENTION_COLUMNS, mentions
from analysis.pipeline.checks import DataCheckError

T = pd.Timestamp


def _sentences(answer_id: str, *rows: tuple[str, str, int | None]) -> list[dict]:
    return [
        {
            "id": answer_id,
            "sentence_index": n,
            "sentence": text,
            "time": time,
            "commitment": pd.NA if level is None else level,
        }
        for n, (text, time, level) in enumerate(rows)
    ]


def test_a_bare_head_and_an_acronym_take_the_name_given_earlier_in_the_answer() -> None:
    answers = pd.DataFrame(
        {"id": ["1"], "date_answered": [T("2025-07-10")], "department": ["Ministry of Defence"]}
    )
    sentences = pd.DataFrame(
        _sentences(
            "1",
            ("The Defence Investment Plan (DIP) is being finalised.", "current", 2),
            ("We will publish the DIP as soon as we can.", "future", 2),
            ("The plan will be published in the autumn.", "future", 3),
        )
    )
    found = mentions(answers, sentences)
    assert list(found.columns) == MENTION_COLUMNS
    assert found["object"].tolist() == ["defence investment plan"] * 3
    assert found["is_promise"].tolist() == [False, True, True]
    assert found["action"].tolist()[1:] == ["publish", "publish"]


def test_a_bare_head_with_no_name_in_its_answer_is_not_followed() -> None:
    answers = pd.DataFrame({"id": ["1"], "date_answered": [T("2025-07-10")]})
    sentences = pd.DataFrame(_sentences("1", ("We will publish the plan shortly.", "future", 3)))
    assert mentions(answers, sentences).empty


def test_holding_answers_and_undated_answers_are_left_out() -> None:
    answers = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "date_answered": [T("2025-07-10"), pd.NaT, T("2025-07-11")],
            "is_holding_answer": [True, False, False],
        }
    )
    rows = [
        *_sentences("1", ("We will publish the Warm Homes Plan.", "future", 3)),
        *_sentences("2", ("We will publish the Warm Homes Plan.", "future", 3)),
        *_sentences("3", ("We will publish the Warm Homes Plan.", "future", 3)),
    ]
    assert mentions(answers, pd.DataFrame(rows))["id"].tolist() == ["3"]


def test_missing_columns_and_repeated_ids_fail_with_the_reason() -> None:
    with pytest.raises(DataCheckError, match="lacks column"):
        mentions(pd.DataFrame({"id": ["1"]}), pd.DataFrame())
    answers = pd.DataFrame({"id": ["1", "1"], "date_answered": [T("2025-01-01")] * 2})
    sentences = pd.DataFrame(_sentences("1", ("x", "none", None)))
    with pytest.raises(DataCheckError, match="not unique"):
        mentions(answers, sentences)


def test_the_national_cancer_plan_end_to_end_from_answer_text() -> None:
    # Real DHSC sentences from the corpus (4 September 2025 and 12 February 2026), scored by
    # the labelers: a promise with a deadline, then the plan spoken of as existing.
    answers = pd.DataFrame(
        {
            "id": ["p1", "p2", "d1"],
            "department": ["Department of Health and Social Care"] * 3,
            "date_answered": [T("2025-07-10"), T("2025-09-04"), T("2026-02-12")],
            "question": ["", "", ""],
            "answer": [
                "The National Cancer Plan will be published later this year.",
                "Our forthcoming National Cancer Plan will set out how we will improve "
                "outcomes for all cancers, including sarcoma.",
                "The National Cancer Plan sets out how we will tackle unwarranted geographical "
                "variation head on.",
            ],
        }
    )
    found = follow_up(answers)
    thread = found.threads.set_index("object").loc["cancer plan"]
    assert thread["status"] == "delivered"
    assert thread["delivered_date"] == T("2026-02-12")
    assert thread["first_deadline"] == T("2025-12-31")
    assert thread["times_promised"] == 2
    assert promises(answers)["promise_id"].tolist() == found.threads["promise_id"].tolist()


def test_a_date_before_the_answer_is_no_deadline() -> None:
    # FCDO, 11 July 2025: "in May this year" names when something began, not a deadline.
    answers = pd.DataFrame({"id": ["1"], "date_answered": [T("2025-07-11")]})
    sentences = pd.DataFrame(
        _sentences(
            "1",
            (
                "The Programme Board will publish the Annual Plan, agreed in May this year.",
                "future",
                3,
            ),
            ("We will publish the Trade Strategy later this year.", "future", 3),
        )
    )
    found = mentions(answers, sentences).set_index("object")
    assert pd.isna(found.loc["annual plan", "deadline"])
    assert found.loc["trade strategy", "deadline"] == T("2025-12-31")
