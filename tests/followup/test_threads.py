"""analysis.followup.threads: each status worked by hand on small mention tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.followup.table import MENTION_COLUMNS
from analysis.followup.threads import STATUSES, THREAD_COLUMNS, promise_id, threads

T = pd.Timestamp


def _mention(answer: str, date: str, deadline: str | None = None, **changes) -> dict:
    row = {column: "" for column in MENTION_COLUMNS}
    row.update(
        {
            "id": answer,
            "date_answered": T(date),
            "department": "Department of Health and Social Care",
            "sentence_index": 0,
            "sentence": f"We will publish the plan ({answer}).",
            "object": "cancer plan",
            "object_words": "National Cancer Plan",
            "action": "publish",
            "is_promise": True,
            "commitment": 3,
            "deadline": T(deadline) if deadline else pd.NaT,
            "is_delivery": False,
        }
    )
    row.update(changes)
    return row


def _status(*rows: dict, as_of: str = "2026-06-30") -> pd.Series:
    table = pd.DataFrame(list(rows))
    table.insert(0, "promise_id", promise_id("cancer plan", "publish"))
    found = threads(table, T(as_of))
    assert list(found.columns) == THREAD_COLUMNS
    return found.iloc[0]


def test_delivered_when_a_later_sentence_speaks_of_it_as_existing() -> None:
    thread = _status(
        _mention("a1", "2024-12-12"),
        _mention("a2", "2025-09-04", "2025-12-31"),
        _mention(
            "a3",
            "2026-02-12",
            is_promise=False,
            is_delivery=True,
            delivery_evidence="exists",
            sentence="The National Cancer Plan sets out how we will tackle variation.",
        ),
    )
    assert thread["status"] == "delivered"
    assert thread["delivered_date"] == T("2026-02-12")
    assert thread["evidence"].startswith("The National Cancer Plan sets out")
    assert thread["times_promised"] == 2
    assert thread["answer_ids"] == "a1;a2"


def test_existing_before_the_promise_needs_the_act_done() -> None:
    before = _mention("a0", "2024-01-10", is_promise=False, is_delivery=True)
    before["delivery_evidence"] = "exists"
    later_exists = _mention("a2", "2025-03-01", is_promise=False, is_delivery=True)
    later_exists["delivery_evidence"] = "exists"
    assert _status(before, _mention("a1", "2024-06-01"), later_exists)["status"] == "open"
    later_done = {**later_exists, "delivery_evidence": "done", "id": "a3"}
    assert _status(before, _mention("a1", "2024-06-01"), later_done)["status"] == "delivered"


def test_slipped_when_the_deadline_moves_later() -> None:
    thread = _status(
        _mention("a1", "2025-01-10", "2025-05-31"),  # "in the spring"
        _mention("a2", "2025-04-02", "2025-12-31"),  # "later this year"
        as_of="2025-06-01",
    )
    assert thread["status"] == "slipped"
    assert thread["deadline_moved"]
    assert thread["evidence_date"] == T("2025-04-02")


def test_slipped_when_promised_again_after_the_deadline_passed() -> None:
    thread = _status(
        _mention("a1", "2025-01-10", "2025-03-31"),
        _mention("a2", "2025-06-02"),  # "in due course": no deadline, but after 31 March
    )
    assert thread["status"] == "slipped"
    assert thread["evidence_date"] == T("2025-06-02")


def test_overdue_when_the_deadline_passed_with_no_later_promise() -> None:
    thread = _status(_mention("a1", "2025-01-10", "2025-12-31"), as_of="2026-01-01")
    assert thread["status"] == "overdue"
    # On the deadline itself it is still kept.
    assert (
        _status(_mention("a1", "2025-01-10", "2025-12-31"), as_of="2025-12-31")["status"] == "open"
    )


def test_the_same_promise_to_several_questions_on_one_day_is_one() -> None:
    same_day = _status(_mention("a1", "2025-01-10"), _mention("a2", "2025-01-10"))
    assert same_day["times_promised"] == 1 and same_day["status"] == "open"
    assert same_day["answer_ids"] == "a1;a2"


def test_repeated_and_open() -> None:
    assert _status(_mention("a1", "2025-01-10"), _mention("a2", "2025-02-10"))["status"] == (
        "repeated"
    )
    assert _status(_mention("a1", "2025-01-10", "2026-12-31"))["status"] == "open"


def test_an_undertaking_with_another_action_is_another_thread() -> None:
    table = pd.DataFrame(
        [_mention("a1", "2025-01-10"), _mention("a2", "2025-02-10", action="implement")]
    )
    table.insert(0, "promise_id", "")
    found = threads(table)
    assert sorted(found["action"]) == ["implement", "publish"]
    assert set(found["status"]) <= set(STATUSES)
    assert found["promise_id"].is_unique


@pytest.mark.parametrize("key", ["cancer plan", "renters rights bill"])
def test_promise_ids_are_stable(key: str) -> None:
    assert promise_id(key, "publish") == promise_id(key, "publish")
    assert promise_id(key, "publish") != promise_id(key, "launch")


def test_no_promise_gives_an_empty_table_with_dates_as_dates() -> None:
    table = pd.DataFrame([_mention("a1", "2025-01-10", is_promise=False)])
    table.insert(0, "promise_id", "")
    found = threads(table)
    assert found.empty and list(found.columns) == THREAD_COLUMNS
    assert str(found["first_promised"].dtype).startswith("datetime64")
    assert found["first_promised"].dt.strftime("%Y").empty
