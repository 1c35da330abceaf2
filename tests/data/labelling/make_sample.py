"""Draw the sentences for the labelled development set (run once; kept for the record).

Sentences are drawn from the shared corpus, answers first: holding answers and repeat rows of a
grouped answer are left out, departments are weighted by the square root of their answer count
(so small departments appear but large ones still dominate), and at most two sentences come from
any one answer. The 30% test split is fixed here, by answer, before any label is seen.

    python tests/data/labelling/make_sample.py ../shared/corpus/commons
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import pandas as pd

from analysis.language.text import split_text
from analysis.sources.loading import load_answers

SEED = 20261124
TARGET_SENTENCES = 520
HERE = Path(__file__).parent


def _hash(answer_id: str) -> int:
    return int(hashlib.sha256(answer_id.encode()).hexdigest(), 16)


def assign_test_split(sample: pd.DataFrame, share: float = 0.3) -> pd.Series:
    """'test' for whole answers, taken in order of a hash of their id until 30% of sentences."""
    counts = sample.groupby("answer_id").size()
    order = sorted(counts.index, key=_hash)
    cumulative = counts.loc[order].cumsum()
    test_ids = set(cumulative[cumulative <= share * len(sample)].index)
    return sample["answer_id"].map(lambda i: "test" if i in test_ids else "dev")


def draw(answers: pd.DataFrame, seed: int, target: int, minimum: int) -> pd.DataFrame:
    """About ``target`` sentences from ``answers``, shuffled: each department's answer quota is
    proportional to the square root of its answer count (at least ``minimum``), and at most two
    sentences come from any one answer."""
    rng = random.Random(seed)
    weights = answers["department"].value_counts().pow(0.5)
    quota = (weights / weights.sum() * target / 1.8).round().astype(int).clip(lower=minimum)
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
                    }
                )
    return pd.DataFrame(rows).sample(frac=1, random_state=seed).reset_index(drop=True)


def main(corpus: str) -> None:
    answers = load_answers(corpus)
    answers = answers[~answers["is_holding_answer"] & answers["is_first_in_group"]]
    sample = draw(answers, SEED, TARGET_SENTENCES, minimum=2)
    sample["split"] = assign_test_split(sample)
    sample.insert(0, "item", [f"s{n:03d}" for n in range(1, len(sample) + 1)])
    sample.to_csv(HERE / "sample.csv", index=False)
    print(len(sample), "sentences from", sample["answer_id"].nunique(), "answers")
    print(sample["department"].value_counts().to_string())
    print(sample["split"].value_counts().to_string())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/commons")
