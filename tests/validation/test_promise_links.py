"""analysis.validation.promise_links: readings settled, agreement and figures worked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.followup import FollowUp
from analysis.validation import promise_links as pl


def _write(folder: Path, name: str, rows: list[tuple[str, str, str]]) -> None:
    lines = [json.dumps({"item": i, "same": s, "relation": r, "note": ""}) for i, s, r in rows]
    (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_two_readers_agreeing_settle_an_item_and_a_third_settles_the_rest(tmp_path) -> None:
    _write(tmp_path, "batch_1_a", [("x", "yes", "done"), ("y", "no", "na"), ("z", "yes", "again")])
    _write(
        tmp_path,
        "batch_1_b",
        [("x", "yes", "done"), ("y", "yes", "again"), ("z", "yes", "neither")],
    )
    readings = pl.readings(tmp_path)
    pairs = pl.first_readings(readings)
    agreement = pl.agreement(pairs).set_index("measure")
    assert agreement.loc["readers agree: same", ["agreeing", "n"]].tolist() == [2, 3]
    assert agreement.loc["readers agree: same and relation", ["agreeing", "n"]].tolist() == [1, 3]
    assert pl.disagreements(readings) == ["y", "z"]
    with pytest.raises(ValueError, match="2 disagreements have no third reading"):
        pl.settle(readings)
    _write(tmp_path, "adjudication_1_c", [("y", "no", "na"), ("z", "yes", "again")])
    settled = pl.settle(pl.readings(tmp_path)).set_index("item")
    assert settled.loc["x", ["same", "relation", "settled_by"]].tolist() == [
        "yes",
        "done",
        "two readers",
    ]
    assert settled.loc["z", ["relation", "settled_by"]].tolist() == ["again", "third reader"]


def test_a_reading_file_missing_an_answer_is_refused(tmp_path) -> None:
    (tmp_path / "batch_1_a.jsonl").write_text('{"item": "x", "same": "yes"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="no relation column"):
        pl.readings(tmp_path)


def test_tool_links_reads_the_current_threads() -> None:
    t = pd.Timestamp
    mentions = pd.DataFrame(
        {
            "promise_id": ["p1", "p1", "", "p2"],
            "id": ["1", "2", "3", "4"],
            "sentence": [
                "We will publish the Plan.",
                "The Plan will follow.",
                "The Plan sets out.",
                "We will open the Fund.",
            ],
            "object": ["plan", "plan", "plan", "fund"],
            "is_promise": [True, True, False, True],
            "is_delivery": [False, False, True, False],
            "date_answered": [t("2025-01-01"), t("2025-02-01"), t("2025-03-01"), t("2025-04-01")],
        }
    )
    threads = pd.DataFrame(
        {
            "promise_id": ["p1", "p2"],
            "object": ["plan", "fund"],
            "first_promised": [t("2025-01-01"), t("2025-04-01")],
            "status": ["delivered", "open"],
        }
    )
    items = pd.DataFrame(
        {
            "earlier_answer_id": ["1", "1", "1"],
            "earlier_sentence": ["We will publish the Plan."] * 3,
            "later_answer_id": ["2", "3", "4"],
            "later_sentence": [
                "The Plan will follow.",
                "The Plan sets out.",
                "We will open the Fund.",
            ],
        }
    )
    judged = pl.tool_links(FollowUp(threads, mentions), items)
    assert judged["tool_linked"].tolist() == [True, True, False]
    assert judged["tool_relation"].tolist() == ["again", "done", ""]


def test_figure_interval_contains_its_value() -> None:
    figure = pl.Figure("precision", 30, 48)
    low, high = figure.interval
    assert figure.value == pytest.approx(0.625)
    assert low < figure.value < high
    assert pl.Figure("none", 0, 0).as_row()["n"] == 0
