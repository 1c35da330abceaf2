"""Time loading and scoring the shared corpus; print the numbers (asserts nothing).

python benchmarks/bench_pipeline.py [CORPUS]
"""

from __future__ import annotations

import platform
import sys
import time
import warnings

from analysis import load_answers, score
from analysis.paths import SHARED_CORPUS


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


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(SHARED_CORPUS))
