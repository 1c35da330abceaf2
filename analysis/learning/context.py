"""Labelled sentences read inside their answers, as scoring reads them.

A labelled sentence (``data/labelled``) names its answer and its place in it; reading it there
gives the list context and the answer's own acronyms that reading it alone would miss. Training
reads them with the rules alone (the features); evaluation with the learned labelers too.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import cache, partial

import pandas as pd

from analysis import paths
from analysis.labelers.sentence_table import sentence_records
from analysis.sources.loading import load_answers


@cache
def snapshot_answers() -> pd.DataFrame:
    """The embedded snapshot's answers, one row per id (the labelled data was drawn from it)."""
    return load_answers(paths.SNAPSHOT).drop_duplicates("id").set_index("id")


def read_answers(texts: list[str], learned: bool, workers: int = 2) -> list[tuple[list[dict], int]]:
    """``sentence_records`` of each text (its sentences and table cell count), in order, over
    ``workers`` processes."""
    read_one = partial(sentence_records, learned=learned)
    if workers > 1 and len(texts) > 1:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(read_one, texts, chunksize=50))
    return [read_one(text) for text in texts]


def records_in_context(
    labelled: pd.DataFrame, learned: bool = True, workers: int = 2
) -> list[dict]:
    """One record per row of ``labelled`` (``answer_id``, ``sentence_index``, ``sentence``),
    its sentence labelled inside its answer from the embedded snapshot. Fails naming the item
    when the answer is missing or its sentence moved (the splitting changed since labelling)."""
    answers = snapshot_answers()
    answer_ids = sorted(set(labelled["answer_id"]))
    missing = sorted(set(answer_ids) - set(answers.index))
    if missing:
        raise ValueError(f"labelled answers not in the snapshot: {', '.join(missing[:5])}")
    texts = [str(answers.loc[answer_id, "answer"]) for answer_id in answer_ids]
    read = {
        i: records
        for i, (records, _) in zip(answer_ids, read_answers(texts, learned, workers), strict=True)
    }
    records = []
    for row in labelled.itertuples():
        found = read[row.answer_id]
        index = int(row.sentence_index)
        record = found[index] if index < len(found) else None
        if record is None or record["sentence"] != row.sentence:
            raise ValueError(
                f"labelled sentence {row.item} is no longer sentence {index} of answer "
                f"{row.answer_id}: the sentence splitting changed; match the labels again"
            )
        records.append(record)
    return records
