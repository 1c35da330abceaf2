"""analysis.validation.evaluation: accuracy, macro-F1 and confusion on a small file worked by
hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import evaluate
from analysis.paths import EARLIER_LABELLED_SENTENCES
from analysis.validation.evaluation import (
    binary_scores,
    cohen_kappa,
    failure_patterns,
    reader_agreement,
    wilson_interval,
)


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    # Reference labels chosen so that the labelers get exactly one time label wrong: the first
    # sentence is future, but its reference here says current.
    rows = pd.DataFrame(
        {
            "sentence": [
                "We will publish the strategy in May 2026.",
                "There are no plans to change the policy.",
                "The Government published the strategy in March 2024.",
                "HSCT is a specialised service.",
            ],
            "time": ["current", "none", "past", "none"],
            "commitment": ["3", "0", "3", ""],
            "specific": ["true", "false", "true", "true"],
            "split": ["test", "test", "dev", "test"],
        }
    )
    path = tmp_path / "labels.csv"
    rows.to_csv(path, index=False)
    return path


def test_accuracy_f1_and_confusion_by_hand(small_file: Path) -> None:
    result = evaluate(small_file)
    time = result.scores["time"]
    assert time.n == 4 and time.accuracy == pytest.approx(3 / 4)
    assert time.confusion.loc["current", "future"] == 1
    # Per class F1: current 0 (no hit), future 0 (one false positive), past 1, none 1.
    assert time.macro_f1 == pytest.approx((0 + 0 + 1 + 1) / 4)
    assert result.scores["commitment"].accuracy == pytest.approx(1.0)
    # "HSCT" alone is a name, so the last sentence is specific as referenced.
    assert result.scores["specific"].accuracy == pytest.approx(1.0)
    errors = result.errors["time"]
    assert errors["sentence"].tolist() == ["We will publish the strategy in May 2026."]
    assert "will publish" in errors["time_cues"].iloc[0]


def test_split_filter(small_file: Path) -> None:
    assert evaluate(small_file, split="test").scores["time"].n == 3


def test_the_project_labelled_set_is_well_formed() -> None:
    table = pd.read_csv(EARLIER_LABELLED_SENTENCES, dtype=str, keep_default_na=False)
    assert table["item"].is_unique
    assert set(table["split"]) == {"dev", "test", "validation"}
    assert (table["split"] == "test").sum() == 146
    assert set(table["time"]) <= {"future", "current", "past", "none"}
    assert set(table["commitment"]) <= {"", "0", "1", "2", "3"}
    assert set(table["specific"]) <= {"true", "false"}
    # The reference is the readers' shared label wherever they agreed.
    agreed = table["reference_from"] == "both readers"
    for label in ("time", "commitment", "specific"):
        assert (table.loc[agreed, label] == table.loc[agreed, f"reader_a_{label}"]).all()


def test_labelers_stay_above_their_floor_on_the_tuning_splits() -> None:
    # A regression guard, set below the accuracy measured when the labelers were last tuned
    # (dev+validation: time 0.83, commitment 0.78, specific 0.88). It is not the reported
    # figure: that is the test split, in the closing notes and the validation report.
    table = pd.read_csv(EARLIER_LABELLED_SENTENCES, dtype=str, keep_default_na=False)
    tuned = table[table["split"].isin(["dev", "validation"])]
    scores = evaluate(tuned).scores
    assert scores["time"].accuracy >= 0.80
    assert scores["commitment"].accuracy >= 0.74
    assert scores["specific"].accuracy >= 0.85


def test_cohen_kappa_by_hand() -> None:
    # Observed agreement 3/4. Chance: x 1/2*1/4 + y 1/2*3/4 = 1/2. Kappa (3/4-1/2)/(1-1/2) = 1/2.
    first = pd.Series(["x", "x", "y", "y"])
    second = pd.Series(["x", "y", "y", "y"])
    assert cohen_kappa(first, second) == pytest.approx(0.5)
    assert cohen_kappa(first, first) == pytest.approx(1.0)


def test_reader_agreement_by_hand() -> None:
    readers = pd.DataFrame(
        {
            "reader_a_time": ["future", "current", "past", "none"],
            "reader_b_time": ["future", "current", "past", "current"],
            "reader_a_commitment": ["3", "", "3", ""],
            "reader_b_commitment": ["3", "", "2", ""],
            "reader_a_specific": ["true", "false", "true", "false"],
            "reader_b_specific": ["true", "false", "true", "false"],
        }
    )
    table = reader_agreement(readers).set_index("label")
    assert table.loc["time", "agreement"] == pytest.approx(3 / 4)
    assert table.loc["commitment", "agreement"] == pytest.approx(3 / 4)
    assert table.loc["specific", "agreement"] == pytest.approx(1.0)
    assert table.loc["specific", "kappa"] == pytest.approx(1.0)


def test_failure_patterns_name_the_confusion_with_its_example(small_file: Path) -> None:
    patterns = failure_patterns(evaluate(small_file), "time")
    assert patterns["confusion"].tolist() == ["reference current labelled future"]
    assert patterns["sentences"].tolist() == [1]
    assert patterns["example"].iloc[0] == "We will publish the strategy in May 2026."
    assert failure_patterns(evaluate(small_file), "commitment").empty


def test_binary_scores_by_hand() -> None:
    # reference T T T F, predicted T T F F: TP 2, FN 1, TN 1, FP 0.
    # accuracy 3/4; precision 2/2; recall 2/3; F1 = 2 * 1 * 2/3 / (1 + 2/3) = 0.8
    scores = binary_scores([True, True, True, False], [True, True, False, False])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (2, 0, 1, 1)
    assert scores["accuracy"] == pytest.approx(0.75)
    assert scores["precision"] == pytest.approx(1.0)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(0.8)


def test_binary_scores_with_no_positive_prediction() -> None:
    scores = binary_scores([True, False], [False, False])
    assert (scores["accuracy"], scores["precision"], scores["recall"], scores["f1"]) == (
        0.5,
        0.0,
        0.0,
        0.0,
    )
    with pytest.raises(ValueError):
        binary_scores([True], [True, False])


def test_responsiveness_agreement_worked_by_hand() -> None:
    from analysis.validation.evaluation import responsiveness_agreement

    reference_asks = pd.DataFrame(
        {
            "pair": ["p1", "p1", "p2"],
            "ask": [1, 2, 1],
            "kind": ["number", "actions", "decision"],
            "status": ["addressed", "not", "partly"],
        }
    )
    other_asks = pd.DataFrame(
        {
            "pair": ["p1", "p1", "p2", "p2"],
            "ask": [1, 2, 1, 2],
            "kind": ["number", "actions", "decision", "other"],
            "status": ["partly", "not", "partly", "not"],
        }
    )
    pairs = pd.DataFrame({"pair": ["p1", "p2"], "non_answer": ["no", "no"]})
    result = responsiveness_agreement(reference_asks, pairs, other_asks, pairs)
    # Shares: reference p1 (1 + 0) / 2 = 0.5, p2 0.5; other p1 (0.5 + 0) / 2 = 0.25,
    # p2 (0.5 + 0) / 2 = 0.25. Differences 0.25 and 0.25.
    assert result["share_mean_absolute_difference"] == pytest.approx(0.25)
    assert result["share_exact_agreement"] == 0.0
    assert result["share_within_quarter"] == 1.0
    # p2 has 1 ask against 2: only p1's two asks are compared; kinds agree, statuses 1 of 2.
    assert result["ask_count_agreement"] == 0.5
    assert result["asks_compared"] == 2
    assert result["kind_agreement"] == 1.0 and result["status_agreement"] == 0.5
    assert result["non_answer_agreement"] == 1.0


def test_wilson_interval_by_hand() -> None:
    # 8 of 10: p = 0.8, z = 1.96. centre = (0.8 + 0.19208) / 1.38416 = 0.71675;
    # half = 1.96 * sqrt(0.016 + 0.009604) / 1.38416 = 0.22658 -> [0.4902, 0.9433].
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-3)
    assert high == pytest.approx(0.9433, abs=1e-3)
    assert wilson_interval(0, 0) != wilson_interval(0, 0)  # NaN for no items
    assert wilson_interval(10, 10)[1] == 1.0


def test_where_recomputes_on_a_subset_without_relabelling(small_file: Path) -> None:
    result = evaluate(small_file)
    subset = result.where(result.rows["split"] == "test").summary()
    assert subset.equals(evaluate(small_file, split="test").summary())
    assert subset.set_index("label").loc["time", "n"] == 3
