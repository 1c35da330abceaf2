"""The reader-labelled data (data/labelled): its invariants, and that its scripts rebuild it."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from analysis import labelled_pairs, labelled_sentences, paths
from analysis.sources.labelled import labelled_asks

SCRIPTS = paths.LABELLED / "scripts"
TIMES = {"future", "current", "past", "none"}
LEVELS = {"", "0", "1", "2", "3"}


@pytest.fixture(scope="module")
def sentences() -> pd.DataFrame:
    return labelled_sentences()


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return labelled_pairs()


def _reserved() -> set[str]:
    lines = (paths.LABELLED / "reserved-answer-ids.txt").read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_sizes(sentences: pd.DataFrame, pairs: pd.DataFrame) -> None:
    train = sentences[sentences["split"] == "train"]
    test = sentences[sentences["split"] == "test"]
    assert len(train) >= 12_000
    assert train["answer_id"].nunique() >= 4_000
    assert len(test) >= 2_000
    assert len(pairs) >= 600
    assert (pairs["split"] == "test").sum() >= 200


def test_splits_share_no_answer_group(sentences: pd.DataFrame, pairs: pd.DataFrame) -> None:
    train = set(sentences.loc[sentences["split"] == "train", "answer_group"])
    test = set(sentences.loc[sentences["split"] == "test", "answer_group"])
    assert not train & test
    new_pairs = pairs[pairs["answer_group"] != ""]
    assert not set(new_pairs.loc[new_pairs["split"] == "test", "answer_group"]) & train


def test_no_reserved_answer_is_labelled(sentences: pd.DataFrame, pairs: pd.DataFrame) -> None:
    reserved = _reserved()
    assert len(reserved) > 400
    assert not set(sentences["answer_id"]) & reserved
    assert not set(pairs["answer_id"]) & reserved


def test_the_reserved_list_is_the_shared_one_where_both_exist() -> None:
    copy = (paths.LABELLED / "reserved-answer-ids.txt").read_text()
    assert copy.startswith("# Answers reserved for checks made outside the project")
    shared = paths.SHARED / "corpus" / "reserved-answer-ids.txt"
    if shared.exists():  # the copy must follow the shared list where it is here to compare
        assert copy == shared.read_text()


def test_every_test_sentence_was_read_twice_and_has_a_reference(sentences: pd.DataFrame) -> None:
    test = sentences[sentences["split"] == "test"]
    assert (test["readings"] == 2).all()
    assert test["reference_from"].isin({"both readers", "third reader"}).all()
    agreed = test["reference_from"] == "both readers"
    for label in ("time", "commitment", "specific"):
        assert (test.loc[agreed, label] == test.loc[agreed, f"reading_1_{label}"]).all()
        assert (test.loc[agreed, label] == test.loc[agreed, f"reading_2_{label}"]).all()
    settled = test[~agreed]
    assert (settled["adjudication_batch"] != "").all()


def test_labels_come_from_the_closed_sets(sentences: pd.DataFrame) -> None:
    assert set(sentences["time"]) <= TIMES
    assert set(sentences["commitment"]) <= LEVELS
    assert set(sentences["specific"]) <= {"true", "false"}
    assert set(sentences["split"]) == {"train", "test"}
    assert sentences["item"].is_unique
    assert (sentences["sampling_weight"] >= 1).all()
    # Every reading keeps its reader, its batch and a note naming the deciding words.
    read = sentences[sentences["reading_1_batch"] != "earlier"]
    assert (read["reading_1_reader"] != "").all() and (read["reading_1_note"] != "").all()


def test_pair_labels_come_from_the_closed_sets(pairs: pd.DataFrame) -> None:
    assert set(pairs["overall"]) <= {"all", "some", "none"}
    assert pairs["pair"].is_unique
    asks = labelled_asks()
    assert set(asks["kind"]) <= {"number", "date", "decision", "actions", "assessment", "other"}
    assert set(asks["status"]) <= {"addressed", "partly", "not"}
    counted = asks.groupby("pair").size()
    assert (pairs.set_index("pair")["ask_count"] == counted.reindex(pairs["pair"]).values).all()
    # A pair whose every ask is addressed answers all; none addressed or partly answers none.
    statuses = asks.groupby("pair")["status"].agg(set)
    for pair, overall in zip(pairs["pair"], pairs["overall"], strict=True):
        found = statuses.get(pair, set())
        if found == {"addressed"}:
            assert overall == "all", pair
        if found and found <= {"not"}:
            assert overall == "none", pair


def test_split_selects_one_split() -> None:
    assert set(labelled_sentences("test")["split"]) == {"test"}
    assert set(labelled_pairs("train")["split"]) == {"train"}
    with pytest.raises(ValueError, match="split"):
        labelled_sentences("dev")


def test_the_build_script_rebuilds_the_files_exactly() -> None:
    sys.path.insert(0, str(SCRIPTS))
    try:
        import build
    finally:
        sys.path.remove(str(SCRIPTS))
    for name, frame in (
        ("sentences.csv", build.build_sentences()),
        *zip(("pairs.csv", "asks.csv"), build.build_pairs(), strict=True),
    ):
        written = (paths.LABELLED / name).read_text(encoding="utf-8")
        assert frame.to_csv(index=False) == written, f"{name} differs from what build.py writes"
