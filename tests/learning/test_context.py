"""analysis.learning.context: labelled sentences found inside their answers, even when the
splitting has moved them since they were read."""

from __future__ import annotations

import pandas as pd

from analysis.labelers.sentence_table import label_sentences, sentence_records
from analysis.learning.context import read_alone, records_in_context, snapshot_answers


def _answer_with_sentences(least: int = 3) -> tuple[str, list[str]]:
    for answer_id, text in snapshot_answers()["answer"].items():
        found = [r["sentence"] for r in sentence_records(str(text), learned=False)[0]]
        if len(found) >= least and len(set(found)) == len(found):
            return str(answer_id), found
    raise AssertionError("no answer of the snapshot has three distinct sentences")


def test_a_sentence_is_found_where_it_stands_moved_or_alone() -> None:
    answer_id, found = _answer_with_sentences()
    fragment = found[1][: len(found[1]) // 2]  # the readers' sentence, as an older split cut it
    labelled = pd.DataFrame(
        {
            "item": ["in_place", "moved", "cut"],
            "answer_id": [answer_id] * 3,
            "sentence_index": [0, 0, 1],
            "sentence": [found[0], found[2], fragment],
        }
    )
    records = records_in_context(labelled, learned=False, workers=1)
    # Each row is judged on the words the readers labelled.
    assert [r["sentence"] for r in records] == labelled["sentence"].tolist()
    assert records[0]["sentence_index"] == 0
    assert records[1]["sentence_index"] == 2  # found by its text at its new place
    assert records[2] == label_sentences([fragment], learned=False)[0]  # read alone
    assert read_alone(labelled)["item"].tolist() == ["cut"]
