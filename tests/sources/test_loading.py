"""analysis.sources.loading: every source a user has, one row per answer, nothing good lost."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_answers
from analysis.sources.loading import (
    ANSWER_COLUMNS,
    AnswerLoadError,
    AnswerLoadWarning,
    is_holding_text,
)

# --------------------------------------------------------------------------------------------
# The shared corpus and the seed page


def test_the_whole_corpus_loads_with_unique_ids(corpus_answers: pd.DataFrame) -> None:
    assert len(corpus_answers) == 8662
    assert corpus_answers["id"].is_unique
    assert list(corpus_answers.columns) == ANSWER_COLUMNS
    assert corpus_answers["answer"].str.strip().ne("").all()
    assert str(corpus_answers["date_answered"].dtype).startswith("datetime64")


def test_corpus_flags_match_the_api(corpus_answers: pd.DataFrame, corpus_records) -> None:
    by_id = corpus_answers.set_index("id")
    api_holding = {str(i) for i, r in corpus_records.items() if r["answerIsHolding"]}
    api_corrections = {str(i) for i, r in corpus_records.items() if r["answerIsCorrection"]}
    assert set(by_id.index[by_id["is_holding_answer"]]) >= api_holding
    assert set(by_id.index[by_id["is_correction"]]) == api_corrections
    assert by_id.loc["1741059", "is_holding_answer"]
    assert by_id.loc["1674622", "date_corrected"] == pd.Timestamp("2024-01-12")


def test_timeliness_dates_and_flags_come_from_the_api(
    corpus_answers: pd.DataFrame, corpus_records
) -> None:
    by_id = corpus_answers.set_index("id")
    for record_id, record in corpus_records.items():
        row = by_id.loc[str(record_id)]
        assert row["date_for_answer"] == pd.Timestamp(record["dateForAnswer"])
        assert bool(row["is_named_day"]) == bool(record["isNamedDay"])
        holding = record.get("dateHoldingAnswer")
        if holding:
            assert row["date_holding_answer"] == pd.Timestamp(holding)
        else:
            assert pd.isna(row["date_holding_answer"])


def test_a_source_without_timeliness_fields_leaves_them_unknown(tmp_path: Path) -> None:
    table = pd.DataFrame({"question": ["Q?"], "answer": ["We will act."], "is_named_day": [""]})
    table.to_csv(tmp_path / "answers.csv", index=False)
    loaded = load_answers(tmp_path / "answers.csv")
    assert pd.isna(loaded.loc[0, "is_named_day"]) and pd.isna(loaded.loc[0, "date_for_answer"])
    table.assign(is_named_day=["yes"]).to_csv(tmp_path / "answers.csv", index=False)
    assert load_answers(tmp_path / "answers.csv").loc[0, "is_named_day"]


def test_a_grouped_answer_is_marked_so_it_counts_once(corpus_answers: pd.DataFrame) -> None:
    # Questions 4852 and 4853 (ids 1674587, 1674589) were answered together on 7 December 2023.
    pair = corpus_answers.set_index("id").loc[["1674587", "1674589"]]
    assert pair["answer_group"].nunique() == 1
    assert pair["group_size"].tolist() == [2, 2]
    assert pair["is_first_in_group"].tolist() == [True, False]
    alone = corpus_answers.set_index("id").loc["1741059"]
    assert alone["group_size"] == 1 and alone["is_first_in_group"]


def test_seed_page_parses_to_one_answer_without_furniture(seed_answer: pd.Series) -> None:
    assert seed_answer["heading"] == "Blood Cancer: Community Health Services"
    assert seed_answer["date_tabled"] == pd.Timestamp("2025-09-15")
    assert seed_answer["date_answered"] == pd.Timestamp("2025-10-13")
    assert seed_answer["department"] == "Department of Health and Social Care"
    assert seed_answer["answering_member"] == "Ashley Dalton"
    assert seed_answer["answering_member_role"] == (
        "Parliamentary Under-Secretary (Department of Health and Social Care)"
    )
    assert seed_answer["question"].startswith("To ask the Secretary of State for Health")
    assert seed_answer["question"].endswith("blood cancer care in local communities.")
    answer = seed_answer["answer"]
    assert answer.startswith("Reducing the number of lives lost to cancer")
    assert answer.endswith("the providers within their region.")
    for furniture in ("View Source", "Portrait", "Answered by", "Reticulating Splines"):
        assert furniture not in answer
    assert answer.count("\n\n") == 7  # eight paragraphs, the link on a line of its own
    assert not seed_answer["is_holding_answer"]


# --------------------------------------------------------------------------------------------
# The API's shapes, written from real records into temporary files


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_list_page_single_response_and_bare_list(tmp_path: Path, corpus_records) -> None:
    first, second, third = (corpus_records[i] for i in (1830451, 1674622, 1722829))
    _write(tmp_path / "page.json", {"totalResults": 1, "results": [{"value": first, "links": []}]})
    _write(tmp_path / "single.json", {"value": second, "links": []})
    _write(tmp_path / "bare.json", [third])
    answers = load_answers(tmp_path)
    assert sorted(answers["id"]) == ["1674622", "1722829", "1830451"]
    row = answers.set_index("id").loc["1830451"]
    assert row["department"] == "Department for Education"
    assert row["answer"].startswith("My right hon. Friend, the Secretary of State for Education")


def test_whole_text_replaces_the_list_endpoints_clipped_text(
    tmp_path: Path, corpus_records
) -> None:
    record = corpus_records[1674622]
    clipped = dict(record, answerText=record["answerText"][:255] + "...")
    _write(tmp_path / "a_page.json", {"totalResults": 1, "results": [{"value": clipped}]})
    _write(tmp_path / "b_detail.json", {"value": record})
    with pytest.warns(AnswerLoadWarning, match="merged"):
        answers = load_answers(tmp_path)
    assert len(answers) == 1
    assert answers.iloc[0]["answer_html"] == record["answerText"]
    assert not answers.iloc[0]["is_clipped"]


def test_clipped_text_with_no_whole_version_is_flagged(tmp_path: Path, corpus_records) -> None:
    record = corpus_records[1674622]
    clipped = dict(record, answerText=record["answerText"][:255] + "...")
    _write(tmp_path / "page.json", {"totalResults": 1, "results": [{"value": clipped}]})
    answers = load_answers(tmp_path)
    assert answers.iloc[0]["is_clipped"]


def test_unanswered_questions_are_skipped_and_counted(tmp_path: Path, corpus_records) -> None:
    answered = corpus_records[1830451]
    unanswered = dict(corpus_records[1722829], answerText=None, dateAnswered=None)
    _write(tmp_path / "page.json", {"results": [{"value": answered}, {"value": unanswered}]})
    with pytest.warns(AnswerLoadWarning, match=r"skipped 1 question\(s\) with no answer"):
        answers = load_answers(tmp_path)
    assert answers["id"].tolist() == ["1830451"]


# --------------------------------------------------------------------------------------------
# Tables and bad input


def test_csv_and_parquet_tables(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {
            "id": ["q1", "q2"],
            "question": ["What is planned?", "What was spent?"],
            "answer": ["<p>We will publish a plan.</p>", "We spent £5 million in 2024."],
            "department": ["Cabinet Office", "Treasury"],
            "date_answered": ["2025-01-02", "2025-02-03"],
        }
    )
    table.to_csv(tmp_path / "answers.csv", index=False)
    from_csv = load_answers(tmp_path / "answers.csv")
    assert from_csv["answer"].tolist() == [
        "We will publish a plan.",
        "We spent £5 million in 2024.",
    ]
    assert from_csv["answer_html"].tolist() == ["<p>We will publish a plan.</p>", ""]
    assert from_csv.loc[1, "date_answered"] == pd.Timestamp("2025-02-03")
    table.to_parquet(tmp_path / "answers.parquet", index=False)
    from_parquet = load_answers(tmp_path / "answers.parquet")
    assert from_parquet["id"].tolist() == ["q1", "q2"]


def test_a_bad_file_is_skipped_with_a_warning_naming_it(tmp_path: Path, corpus_records) -> None:
    _write(tmp_path / "good.json", {"value": corpus_records[1830451]})
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.warns(AnswerLoadWarning, match=r"broken\.json: skipped \(invalid JSON"):
        answers = load_answers(tmp_path)
    assert answers["id"].tolist() == ["1830451"]  # the good file is not lost


def test_strict_raises_on_the_first_bad_file(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(AnswerLoadError, match=r"broken\.json"):
        load_answers(tmp_path, strict=True)


def test_a_table_without_an_answer_column_is_refused(tmp_path: Path) -> None:
    pd.DataFrame({"text": ["x"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(AnswerLoadError, match="missing column"):
        load_answers(tmp_path / "t.csv", strict=True)


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.warns(AnswerLoadWarning, match="no such file"):
        answers = load_answers(tmp_path / "nowhere.json")
    assert answers.empty and list(answers.columns) == ANSWER_COLUMNS


def test_holding_answer_wording_is_recognised_without_the_api_flag() -> None:
    assert is_holding_text(
        "The Department for Transport has indicated that it will not be possible to answer this "
        "question within the usual time period. An answer is being prepared and will be "
        "provided as soon as it is available."
    )
    assert not is_holding_text("We will publish the answer to this question in the usual way.")


def test_loading_the_same_folder_twice_is_identical(tmp_path: Path, corpus_records) -> None:
    _write(tmp_path / "page.json", {"results": [{"value": corpus_records[1674622]}]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first = load_answers(tmp_path)
        second = load_answers(tmp_path)
    pd.testing.assert_frame_equal(first, second)
