"""Draw the question-answer pairs for the responsiveness labels (run once; kept for the record).

Pairs come from the shared corpus: holding answers and repeat rows of grouped answers left out,
answers of more than 350 words left out (3% of answers; they would take a reader too long),
departments weighted by the square root of their answer count, at least one pair each. The test
half is fixed here, by a hash of the id, before any pair is labelled; rules are tuned on `dev`
only.

    python tests/data/responsiveness/make_sample.py ../shared/corpus/commons
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

from analysis.sources.loading import load_answers

SEED = 20261124
TARGET_PAIRS = 80
MAX_WORDS = 350
HERE = Path(__file__).parent


def _hash(answer_id: str) -> int:
    return int(hashlib.sha256(f"responsiveness:{answer_id}".encode()).hexdigest(), 16)


def main(corpus: str) -> None:
    answers = load_answers(corpus)
    keep = answers["is_first_in_group"] & ~answers["is_holding_answer"]
    keep &= answers["answer"].str.split().str.len() <= MAX_WORDS
    keep &= answers["question"].str.strip().astype(bool)
    answers = answers[keep]
    weights = answers["department"].value_counts().pow(0.5)
    quota = (weights / weights.sum() * TARGET_PAIRS).round().astype(int).clip(lower=1)
    picked = [
        answers[answers["department"] == department].sample(
            n=min(n, int((answers["department"] == department).sum())), random_state=SEED
        )
        for department, n in quota.items()
    ]
    sample = pd.concat(picked).sample(frac=1, random_state=SEED).reset_index(drop=True)
    order = sorted(sample["id"], key=_hash)
    test_ids = set(order[: len(order) // 2])
    sample["split"] = sample["id"].map(lambda i: "test" if i in test_ids else "dev")
    sample.insert(0, "pair", [f"p{n:03d}" for n in range(1, len(sample) + 1)])
    columns = ["pair", "id", "department", "date_answered", "question", "answer", "split"]
    sample[columns].to_csv(HERE / "sample.csv", index=False)
    print(len(sample), "pairs;", sample["split"].value_counts().to_dict())
    print(sample["department"].value_counts().to_string())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/commons")
