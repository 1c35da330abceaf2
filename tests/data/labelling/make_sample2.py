"""Draw a second labelled sample ("validation"), from answers not in the first.

The first sample (sample.csv) is split dev/test. Rules tuned on dev did much better on dev than
on test, so this second sample, drawn the same way (make_sample.draw) from other answers with
another seed, is labelled the same way (two independent readers and an adjudicator) and used to
check that a rule change generalises before it is kept. It is never used for the reported test
figures.

    python tests/data/labelling/make_sample2.py ../shared/corpus/commons
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from make_sample import draw  # the same drawing as the first sample, beside this file

from analysis.sources.loading import load_answers

SEED = 20261125
TARGET_SENTENCES = 400
HERE = Path(__file__).parent


def main(corpus: str) -> None:
    first = pd.read_csv(HERE / "sample.csv", dtype=str)
    answers = load_answers(corpus)
    answers = answers[
        ~answers["is_holding_answer"]
        & answers["is_first_in_group"]
        & ~answers["id"].isin(set(first["answer_id"]))
    ]
    sample = draw(answers, SEED, TARGET_SENTENCES, minimum=1)
    sample["split"] = "validation"
    sample.insert(0, "item", [f"v{n:03d}" for n in range(1, len(sample) + 1)])
    sample.to_csv(HERE / "sample2.csv", index=False)
    print(len(sample), "sentences from", sample["answer_id"].nunique(), "answers")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/commons")
