"""analysis.measures.texts: one answer text scored, alone or in a batch."""

from __future__ import annotations

import pandas as pd

from analysis.measures.texts import score_text, score_texts


def test_a_batch_gives_what_texts_one_by_one_give(corpus_answers: pd.DataFrame) -> None:
    # The models read a batch's sentences and asks in one matrix; each text's result must be
    # what it gets scored alone.
    sample = corpus_answers[~corpus_answers["is_holding_answer"]].head(40)
    units = [(t, (q,)) for t, q in zip(sample["answer"], sample["question"], strict=True)]
    assert score_texts(units) == [score_text(*unit) for unit in units]
