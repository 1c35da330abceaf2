"""analysis.measures.streaming: chunk-by-chunk scoring gives what one call of score gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from analysis.measures.scoring import score
from analysis.measures.streaming import score_in_chunks
from analysis.pipeline.checks import DataCheckError


def chunks_of(answers: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    """``answers`` in consecutive chunks of ``size`` rows."""
    for start in range(0, len(answers), size):
        yield answers.iloc[start : start + size]


def test_chunks_give_the_same_scores_and_sentences(tmp_path: Path, corpus_answers) -> None:
    answers = corpus_answers.head(120).reset_index(drop=True)
    summary = score_in_chunks(chunks_of(answers, 25), tmp_path, workers=1)
    assert len(summary.answer_files) == 5  # 120 rows in chunks of 25
    streamed = pd.concat([pd.read_parquet(f) for f in summary.answer_files], ignore_index=True)
    whole = score(answers, workers=1)
    pd.testing.assert_frame_equal(streamed, whole.answers.reset_index(drop=True))
    sentences = pd.concat([pd.read_parquet(f) for f in summary.sentence_files], ignore_index=True)
    pd.testing.assert_frame_equal(sentences, whole.sentences.reset_index(drop=True))
    assert summary.answer_count == 120 and summary.sentence_count == len(whole.sentences)
    asks = pd.concat([pd.read_parquet(f) for f in sorted(tmp_path.glob("asks-*.parquet"))])
    pd.testing.assert_frame_equal(asks.reset_index(drop=True), whole.asks.reset_index(drop=True))
    # Stock lines are found across chunks: some answers share stock text with another chunk.
    assert streamed["stock_share"].gt(0).any()


def test_ids_repeated_across_chunks_are_refused(tmp_path: Path, corpus_answers) -> None:
    answers = corpus_answers.head(4)
    with pytest.raises(DataCheckError, match="ids repeat across chunks"):
        score_in_chunks([answers, answers], tmp_path, workers=1)
