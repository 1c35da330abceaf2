"""Labelled sentences read inside their answers, as scoring reads them.

A labelled sentence (``data/labelled``) names its answer and its place in it; reading it there
gives the list context and the answer's own acronyms that reading it alone would miss. Training
reads them with the rules alone (the features); evaluation with the learned labelers too.
"""

from __future__ import annotations

from functools import cache, partial

import pandas as pd

from analysis import paths
from analysis.labelers.sentence_table import label_sentences, sentence_records
from analysis.language.text import split_text
from analysis.pipeline.processes import process_pool
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
        with process_pool(workers) as pool:
            return list(pool.map(read_one, texts, chunksize=50))
    return [read_one(text) for text in texts]


def records_in_context(
    labelled: pd.DataFrame, learned: bool = True, workers: int = 2
) -> list[dict]:
    """One record per row of ``labelled`` (``answer_id``, ``sentence_index``, ``sentence``),
    its sentence labelled inside its answer from the embedded snapshot.

    The labels belong to the sentence's text as the readers saw it. When the splitting has
    changed since (the rules of :mod:`analysis.language.splitter` part a few lines differently
    from the splitter the readers' sentences came from), the sentence is found by its text
    elsewhere in its answer; failing that (its own boundaries moved) it is read alone, as one
    sentence, so it is still judged on the words the readers labelled (those rows:
    :func:`read_alone`). A missing answer fails, naming it."""
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
    alone: list[tuple[int, str]] = []
    for position, row in enumerate(labelled.itertuples()):
        found = read[row.answer_id]
        index = int(row.sentence_index)
        if index < len(found) and found[index]["sentence"] == row.sentence:
            records.append(found[index])
            continue
        same_text = [r for r in found if r["sentence"] == row.sentence]
        if same_text:
            records.append(min(same_text, key=lambda r: abs(int(r["sentence_index"]) - index)))
            continue
        records.append({})
        alone.append((position, str(row.sentence)))
    read_alone = label_sentences([text for _, text in alone], learned)
    for (position, _), record in zip(alone, read_alone, strict=True):
        records[position] = record
    return records


def read_alone(labelled: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``labelled`` that :func:`records_in_context` reads alone: the splitting now
    puts no sentence with exactly their text in their answer."""
    answers = snapshot_answers()
    sentences = {
        answer_id: {s.text for s in split_text(str(answers.loc[answer_id, "answer"])).sentences}
        for answer_id in set(labelled["answer_id"])
    }
    kept = [row.sentence not in sentences[row.answer_id] for row in labelled.itertuples()]
    return labelled[kept]
