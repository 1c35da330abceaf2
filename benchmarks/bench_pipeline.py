"""Time loading and scoring the shared corpus, and following its promises; print the numbers
(asserts nothing).

python benchmarks/bench_pipeline.py [CORPUS]
"""

from __future__ import annotations

import platform
import sys
import time
import warnings

from analysis import follow_up, load_answers, score
from analysis.labelers.sentence_table import label_texts, sentence_records
from analysis.measures.responsiveness import judge_asks
from analysis.measures.reuse import find_stock_lines
from analysis.measures.scoring import BATCH_UNITS
from analysis.paths import SNAPSHOT


def main(corpus: str) -> None:
    print(f"python {platform.python_version()} on {platform.machine()}, corpus {corpus}")
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        answers = load_answers(corpus)
    loaded = time.perf_counter()
    result = score(answers)
    scored = time.perf_counter()
    n_answers = len(answers)
    n_sentences = len(result.sentences)
    print(f"load_answers: {n_answers} answers in {loaded - start:.1f} s")
    print(
        f"score: {int(result.answers['is_scored'].sum())} answers scored, "
        f"{n_sentences} sentences labelled in {scored - loaded:.1f} s "
        f"({n_sentences / (scored - loaded):.0f} sentences/s)"
    )
    print(f"total: {scored - start:.1f} s")
    # The parts of the score that compare answers with each other or with their questions.
    kept = answers[result.answers["is_scored"].to_numpy()]
    start = time.perf_counter()
    found = find_stock_lines(kept[["answer", "answer_group", "department", "date_answered"]])
    print(
        f"stock lines: {len(found.paragraphs)} paragraphs, {len(found.lines())} lines "
        f"in {time.perf_counter() - start:.1f} s"
    )
    sample = kept.head(500)
    records = {text: sentence_records(text) for text in sample["answer"]}
    start = time.perf_counter()
    for question, text in zip(sample["question"], sample["answer"], strict=True):
        judge_asks(question, records[text][0], has_table=records[text][1] > 0)
    seconds = time.perf_counter() - start
    print(f"asks judged for 500 answers (sentences labelled beforehand): {seconds:.2f} s")
    labelling_cost(sample["answer"].tolist())
    # Promises followed up across the whole corpus, from the labelled sentences.
    start = time.perf_counter()
    followed = follow_up(answers, result.sentences)
    counts = followed.threads["status"].value_counts().to_dict()
    print(
        f"promises: {len(followed.mentions)} mentions, {len(followed.threads)} threads {counts} "
        f"in {time.perf_counter() - start:.1f} s"
    )


def labelling_cost(texts: list[str]) -> None:
    """Per sentence, one core, as scoring labels them (batches of BATCH_UNITS texts): the
    hand-written rules alone, and the rules with the learned labelers on top. Each is timed
    twice and the faster kept."""
    label_texts(texts[:1])  # load the models outside the timing
    batches = [texts[start : start + BATCH_UNITS] for start in range(0, len(texts), BATCH_UNITS)]
    timings = {}
    for learned in (False, True):
        runs = []
        for _ in range(2):
            start = time.perf_counter()
            count = sum(
                len(records) for batch in batches for records, _ in label_texts(batch, learned)
            )
            runs.append(time.perf_counter() - start)
        timings[learned] = min(runs) / count * 1000
    print(
        f"labelling per sentence ({count} sentences, batches of {BATCH_UNITS} answers): "
        f"rules {timings[False]:.2f} ms, rules + learned labelers {timings[True]:.2f} ms "
        f"(the models add {timings[True] - timings[False]:.2f} ms, "
        f"ratio {timings[True] / timings[False]:.2f})"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(SNAPSHOT))
