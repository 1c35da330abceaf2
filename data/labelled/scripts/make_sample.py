"""Draw the sentences and question-answer pairs for readers to label (run once; kept to rebuild).

    python data/labelled/scripts/make_sample.py [CORPUS]

Everything is decided here before any reading, by hashes, so a rerun gives the same files:

1. **Eligible answers**: first row of each answer group, not a holding answer, not in an answer
   group holding a reserved answer (``../shared/corpus/reserved-answer-ids.txt``), not the seed.
2. **Test split by answer group**: a group is in the test pool when the hash of its id falls in
   the lowest ``TEST_GROUP_SHARE``; groups holding an answer of the earlier labelled set (which
   joins the training set) are never test. Test and training share no answer group.
3. **Test sentences** (natural mix): ``TEST_SENTENCES`` drawn uniformly at random from every
   sentence of the test pool; sampling weight = pool sentences / drawn.
4. **Training sentences** (stratified): every sentence of the training pool is drawn with a
   probability set by its stratum, read from the rule labelers' output (never shown to readers):
   ``rare`` (commitment 0 or 1, past, a deflection, a list item) more often than ``common``. The
   sampling weight is 1 / that probability, so figures can be given on the natural mix. The 873
   sentences labelled earlier join with the weight of their stratum. Every answering body and
   every month of tabling is checked to be present.
5. **Second readings**: 10% of the new training sentences, by hash.
6. **Pairs**: test pairs from the test pool, training pairs from the training pool, answers of
   at most ``PAIR_MAX_WORDS`` words, departments weighted by the square root of their answers.

Writes ``sentences_sample.csv`` and ``pairs_sample.csv`` beside the data card.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

from analysis.measures.scoring import score
from analysis.paths import SEED_PAGE, SNAPSHOT
from analysis.sources.loading import load_answers

HERE = Path(__file__).resolve().parent.parent
EARLIER = HERE.parent.parent / "tests" / "data" / "labelled_sentences.csv"
EARLIER_PAIRS = HERE.parent.parent / "tests" / "data" / "responsiveness" / "sample.csv"
# A copy of ../shared/corpus/reserved-answer-ids.txt (tests check the two agree where both exist).
RESERVED = HERE / "reserved-answer-ids.txt"

SALT = "answer-language-labels-2026-12"
TEST_GROUP_SHARE = 0.13
TEST_SENTENCES = 2100
RARE_PROBABILITY = 0.9
COMMON_PROBABILITY = 0.46
SECOND_READING_SHARE = 0.10
TEST_PAIRS = 170
TRAIN_PAIRS = 360
PAIR_MAX_WORDS = 600


def uniform(key: str, purpose: str) -> float:
    """A number in [0, 1) fixed by the key and the purpose: the project's only randomness."""
    digest = hashlib.sha256(f"{SALT}:{purpose}:{key}".encode()).hexdigest()
    return int(digest[:15], 16) / 16**15


def reserved_ids() -> set[str]:
    lines = RESERVED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def eligible_answers(corpus: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    answers = load_answers(corpus)
    reserved = reserved_ids()
    reserved_groups = set(answers.loc[answers["id"].isin(reserved), "answer_group"])
    seed = load_answers(SEED_PAGE)
    seed_texts = set(seed["answer"])
    keep = (
        answers["is_first_in_group"]
        & ~answers["is_holding_answer"]
        & ~answers["answer_group"].isin(reserved_groups)
        & ~answers["answer"].isin(seed_texts)
    )
    counts = {
        "answers": len(answers),
        "answer_groups": int(answers["answer_group"].nunique()),
        "reserved_ids_in_corpus": int(answers["id"].isin(reserved).sum()),
        "reserved_groups": len(reserved_groups),
        "eligible_groups": int(keep.sum()),
    }
    return answers[keep].copy(), counts


def stratum(sentences: pd.DataFrame) -> pd.Series:
    rare = (
        sentences["commitment"].isin([0, 1]).fillna(False).astype(bool)
        | (sentences["time"] == "past")
        | sentences["is_deflection"].astype(bool)
        | sentences["is_list_item"].astype(bool)
    )
    return rare.map({True: "rare", False: "common"})


def main(corpus: Path) -> None:
    answers, counts = eligible_answers(corpus)
    earlier = pd.read_csv(EARLIER, dtype={"answer_id": str})
    earlier = earlier[~earlier["answer_id"].isin(reserved_ids())]
    group_of = answers.set_index("id")["answer_group"]
    forced_train = set(group_of.reindex(earlier["answer_id"]).dropna())
    answers["split"] = [
        "test"
        if uniform(group, "test-group") < TEST_GROUP_SHARE and group not in forced_train
        else "train"
        for group in answers["answer_group"]
    ]

    scored = score(answers, workers=2, compare_answers=False).sentences
    info = answers.set_index("id")[
        ["answer_group", "department", "date_tabled", "date_answered", "split"]
    ]
    sentences = scored[
        ["id", "sentence_index", "paragraph", "is_list_item", "sentence", "commitment", "time"]
    ].join(info, on="id")
    sentences["stratum"] = stratum(scored)
    sentences = sentences.rename(columns={"id": "answer_id"})
    sentences["key"] = sentences["answer_id"] + ":" + sentences["sentence_index"].astype(str)

    # Test: a uniform draw from the whole test pool (natural mix).
    pool = sentences[sentences["split"] == "test"].copy()
    pool["draw"] = pool["key"].map(lambda k: uniform(k, "test-sentence"))
    test = pool.nsmallest(TEST_SENTENCES, "draw").copy()
    test["sampling_weight"] = len(pool) / len(test)
    test["origin"] = "test draw"

    # Training: the earlier set, then a stratified draw from the rest of the training pool.
    train_pool = sentences[sentences["split"] == "train"].copy()
    earlier_keys = set(earlier["answer_id"] + ":" + earlier["sentence_index"].astype(str))
    probability = train_pool["stratum"].map(
        {"rare": RARE_PROBABILITY, "common": COMMON_PROBABILITY}
    )
    drawn = train_pool["key"].map(lambda k: uniform(k, "train-sentence")) < probability
    train = train_pool[drawn | train_pool["key"].isin(earlier_keys)].copy()
    train["sampling_weight"] = 1 / probability[train.index]
    train["origin"] = ["earlier set" if k in earlier_keys else "train draw" for k in train["key"]]
    train["second_reading"] = [
        origin == "train draw" and uniform(k, "second-reading") < SECOND_READING_SHARE
        for k, origin in zip(train["key"], train["origin"], strict=True)
    ]
    test["second_reading"] = True

    sample = pd.concat([test, train], ignore_index=True)
    item_for_earlier = dict(
        zip(
            earlier["answer_id"] + ":" + earlier["sentence_index"].astype(str),
            earlier["item"],
            strict=True,
        )
    )
    numbers = {"test": 0, "train": 0}
    items = []
    for key, split in zip(sample["key"], sample["split"], strict=True):
        if key in item_for_earlier:
            items.append(item_for_earlier[key])
            continue
        numbers[split] += 1
        items.append(f"{'x' if split == 'test' else 't'}{numbers[split]:05d}")
    sample.insert(0, "item", items)
    columns = [
        "item",
        "answer_id",
        "answer_group",
        "department",
        "date_tabled",
        "date_answered",
        "sentence_index",
        "paragraph",
        "is_list_item",
        "sentence",
        "split",
        "stratum",
        "sampling_weight",
        "origin",
        "second_reading",
    ]
    sample[columns].to_csv(HERE / "sentences_sample.csv", index=False)

    # Pairs: one split with the sentences, by answer group.
    earlier_pairs = pd.read_csv(EARLIER_PAIRS, dtype={"id": str})
    pair_pool = answers[
        (answers["answer"].str.split().str.len() <= PAIR_MAX_WORDS)
        & answers["question"].fillna("").str.strip().astype(bool)
        & ~answers["id"].isin(earlier_pairs["id"])
    ].copy()
    weights = pair_pool["department"].map(pair_pool["department"].value_counts().pow(-0.5))
    pair_pool["draw"] = [
        uniform(i, "pair") ** (1 / w) for i, w in zip(pair_pool["id"], weights, strict=True)
    ]  # weighted sampling without replacement (Efraimidis-Spirakis): largest keys win
    pairs = pd.concat(
        [
            pair_pool[pair_pool["split"] == "test"].nlargest(TEST_PAIRS, "draw"),
            pair_pool[pair_pool["split"] == "train"].nlargest(TRAIN_PAIRS, "draw"),
        ]
    )
    pairs["second_reading"] = [
        split == "test" or uniform(i, "pair-second-reading") < SECOND_READING_SHARE
        for i, split in zip(pairs["id"], pairs["split"], strict=True)
    ]
    pairs.insert(0, "pair", [f"q{n:04d}" for n in range(1, len(pairs) + 1)])
    pairs = pairs.rename(columns={"id": "answer_id"})
    pairs[
        [
            "pair",
            "answer_id",
            "answer_group",
            "department",
            "date_answered",
            "heading",
            "question",
            "answer",
            "split",
            "second_reading",
        ]
    ].to_csv(HERE / "pairs_sample.csv", index=False)

    print(counts)
    print(sample.groupby(["split", "origin"]).size().to_string())
    print(
        "train answers", train["answer_id"].nunique(), "test answers", test["answer_id"].nunique()
    )
    print("second readings (train)", int(train["second_reading"].sum()))
    print(
        "departments", sentences["department"].nunique(), "in train", train["department"].nunique()
    )
    months = sentences["date_tabled"].dt.to_period("M")
    print("months", months.nunique(), "in train", train["date_tabled"].dt.to_period("M").nunique())
    print(pairs.groupby("split").size().to_string(), int(pairs["second_reading"].sum()))
    print(
        "earlier sentences kept",
        len(earlier),
        "found",
        int(sample["origin"].eq("earlier set").sum()),
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SNAPSHOT)
