"""Corpus-wide invariants: every answer of the shared corpus scores, no row lost, labels valid."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import score
from analysis.measures.scoring import SCORE_COLUMNS


@pytest.fixture(scope="module")
def scored(corpus_answers: pd.DataFrame):
    return score(corpus_answers)


def test_no_row_lost_and_ids_unique(scored, corpus_answers: pd.DataFrame) -> None:
    assert len(scored.answers) == len(corpus_answers) == 8662
    assert scored.answers["id"].is_unique
    assert scored.answers["id"].tolist() == corpus_answers["id"].tolist()


def test_every_answer_but_holding_answers_is_scored(scored) -> None:
    answers = scored.answers
    assert (answers["is_scored"] == ~answers["is_holding_answer"]).all()
    assert answers.attrs["holding_answer_count"] == int(answers["is_holding_answer"].sum())
    scored_rows = answers[answers["is_scored"]]
    assert scored_rows["word_count"].notna().all()
    assert (scored_rows["sentence_count"] + (scored_rows["table_cell_count"] > 0)).gt(0).all()


def test_scores_in_range(scored) -> None:
    answers = scored.answers[scored.answers["is_scored"]]
    for column in (
        "future_share",
        "current_share",
        "past_share",
        "none_share",
        "specific_share",
        "deflection_share",
        "asks_addressed_share",
        "stock_share",
    ):
        values = answers[column].dropna()
        assert values.between(0, 1).all(), column
    assert answers["commitment"].dropna().between(0, 3).all()
    assert (answers["specificity"].dropna() >= 0).all()
    shares = answers[["future_share", "current_share", "past_share", "none_share"]].dropna()
    assert (shares.sum(axis=1) - 1).abs().max() < 1e-9
    assert set(SCORE_COLUMNS) <= set(scored.answers.columns)


def test_sentence_labels_valid(scored) -> None:
    sentences = scored.sentences
    assert len(sentences) > 25000
    assert set(sentences["time"]) == {"future", "current", "past", "none"}
    assert set(sentences["commitment"].dropna().astype(int)) == {0, 1, 2, 3}
    assert sentences["specific"].dtype == bool
    assert sentences["cues"].str.len().gt(0).all()
    assert set(sentences["id"]) <= set(scored.answers["id"])


def test_counts_behind_each_share_add_up(scored) -> None:
    answers = scored.answers[scored.answers["is_scored"] & (scored.answers["sentence_count"] > 0)]
    counts = answers[["future_count", "current_count", "past_count", "none_count"]].sum(axis=1)
    assert (counts == answers["sentence_count"]).all()
    levels = answers[[f"commitment_{n}_count" for n in range(4)]].sum(axis=1)
    assert (levels == answers["commitment_sentence_count"]).all()


def test_the_saved_promise_figures_are_what_the_corpus_measures(scored, corpus_answers) -> None:
    # Reports on a sample or a slice show the figures saved by the last whole-corpus run: they
    # must be what the tool as it stands measures on the whole corpus.
    from analysis import follow_up
    from analysis.validation import promise_links

    found = follow_up(corpus_answers, scored.sentences)
    measured, source = promise_links.trust_figures(found)
    assert source.startswith("measured")
    saved = pd.read_json(promise_links.FIGURES)
    assert measured["measure"].tolist() == saved["measure"].tolist()
    assert (
        measured[["agreeing", "n"]].to_numpy().tolist()
        == saved[["agreeing", "n"]].to_numpy().tolist()
    )
