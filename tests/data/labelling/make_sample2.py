"""Draw a second labelled sample ("validation"), from answers not in the first.

The first sample (sample.csv) is split dev/test. Rules tuned on dev did much better on dev than
on test, so this second sample, drawn the same way from other answers with another seed, is
labelled the same way (two independent readers and an adjudicator) and used to check that a
rule change generalises before it is kept. It is never used for the reported test figures.

    python tests/data/labelling/make_sample2.py ../shared/corpus/commons
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

from analysis.loading import load_answers
from analysis.text import split_text

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
    rng = random.Random(SEED)
    weights = answers["department"].value_counts().pow(0.5)
    quota = (weights / weights.sum() * TARGET_SENTENCES / 1.8).round().astype(int).clip(lower=1)
    rows = []
    for department, n_answers in quota.items():
        pool = answers[answers["department"] == department]
        picked = pool.sample(n=min(n_answers, len(pool)), random_state=rng.randrange(2**31))
        for _, answer in picked.iterrows():
            sentences = split_text(answer["answer"]).sentences
            for index in sorted(rng.sample(range(len(sentences)), k=min(2, len(sentences)))):
                rows.append(
                    {
                        "answer_id": answer["id"],
                        "department": department,
                        "sentence_index": index,
                        "sentence": sentences[index].text,
                        "split": "validation",
                    }
                )
    sample = pd.DataFrame(rows).sample(frac=1, random_state=SEED).reset_index(drop=True)
    sample.insert(0, "item", [f"v{n:03d}" for n in range(1, len(sample) + 1)])
    sample.to_csv(HERE / "sample2.csv", index=False)
    print(len(sample), "sentences from", sample["answer_id"].nunique(), "answers")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/commons")
