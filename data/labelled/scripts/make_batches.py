"""Cut the drawn items into readers' batches and write what each reader sees (run once).

    python data/labelled/scripts/make_batches.py OUT_DIR [CORPUS]

Each batch is one reader's work: a folder ``OUT_DIR/<batch>/`` holding ``batch.md`` (every answer
with its question, every sentence numbered, the items to label marked) and nothing else, so a
reader sees the guide, the answers and the items only. Items of one answer stay in one batch.
Sentence rounds: ``A`` and ``B`` read every test item (grouped differently, so no batch is read
twice by the same pair of readers), ``T`` reads every new training item, ``D`` gives 10% of them
a second reading. Pair rounds likewise: ``PA``/``PB`` test, ``PT`` training, ``PD`` second
readings. The plan (item, round, batch) is written to ``batches.csv`` and ``pair_batches.csv``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.language.text import split_text
from analysis.paths import SNAPSHOT
from analysis.sources.loading import load_answers

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample import HERE, uniform

SENTENCE_BATCH = 350
PAIR_BATCH = 60


def cut(items: pd.DataFrame, key: str, size: int, prefix: str, purpose: str) -> pd.Series:
    """Batch names for ``items``: answers in hash order, filled up to about ``size`` items."""
    order = sorted(items[key].unique(), key=lambda k: uniform(str(k), purpose))
    per_answer = items.groupby(key).size()
    total = len(items)
    batches = max(1, round(total / size))
    target = total / batches
    name_of: dict[str, str] = {}
    number, filled = 1, 0
    for answer in order:
        if filled >= target * number and number < batches:
            number += 1
        name_of[answer] = f"{prefix}{number:02d}"
        filled += per_answer[answer]
    return items[key].map(name_of)


def plan_rounds(
    rounds: list[tuple[str, pd.DataFrame, str]], id_column: str, key: str, size: int
) -> pd.DataFrame:
    """One row per item and reading round: its id, the round and the batch that reads it."""
    return pd.concat(
        [
            pd.DataFrame(
                {
                    id_column: items[id_column],
                    "round": name,
                    "batch": cut(items, key, size, prefix, f"batch-{name}"),
                }
            )
            for name, items, prefix in rounds
        ],
        ignore_index=True,
    )


def answer_block(answer: pd.Series, marked: dict[int, str]) -> str:
    lines = [
        f"## Answer {answer['id']} · {answer['department']} · answered "
        f"{answer['date_answered']:%Y-%m-%d}",
        f"Heading: {answer['heading']}",
        f"Question: {answer['question']}",
        "",
        "Answer:",
    ]
    paragraph = None
    for index, sentence in enumerate(split_text(answer["answer"]).sentences):
        if paragraph is not None and sentence.paragraph != paragraph:
            lines.append("")
        paragraph = sentence.paragraph
        bullet = "• " if sentence.is_list_item else ""
        tag = f"{marked[index]} ▶ " if index in marked else "         "
        lines.append(f"{tag}[{index + 1}] {bullet}{sentence.text}")
    return "\n".join(lines)


def marked_blocks(answers: pd.DataFrame, items: pd.DataFrame) -> list[tuple[pd.DataFrame, str]]:
    """Each answer of ``items`` (in their order) with its items, and the answer as a reader
    sees it, the items marked."""
    blocks = []
    for answer_id, rows in items.groupby("answer_id", sort=False):
        marked = dict(zip(rows["sentence_index"], rows["item"], strict=True))
        blocks.append((rows, answer_block(answers.loc[answer_id], marked)))
    return blocks


def write_batch(out: Path, batch: str, header: str, blocks: list[str]) -> None:
    """A reader's folder holding its batch file and nothing else."""
    folder = out / batch
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "batch.md").write_text(header + "\n\n---\n\n".join(blocks) + "\n")


def write_sentence_batches(out: Path, answers: pd.DataFrame, plan: pd.DataFrame) -> None:
    sample = pd.read_csv(HERE / "sentences_sample.csv", dtype={"answer_id": str})
    items = plan.merge(sample[["item", "answer_id", "sentence_index"]], on="item")
    for batch, group in items.groupby("batch"):
        blocks = [block for _, block in marked_blocks(answers, group)]
        header = (
            f"# Batch {batch}: {len(group)} items to label in {len(blocks)} answers\n\n"
            "Label only the sentences marked with an item id and ▶; the other sentences are "
            "there for context.\n\n---\n\n"
        )
        write_batch(out, batch, header, blocks)


def write_pair_batches(out: Path, plan: pd.DataFrame) -> None:
    pairs = pd.read_csv(HERE / "pairs_sample.csv", dtype={"answer_id": str})
    pairs = pairs.set_index("pair")
    for batch, group in plan.groupby("batch"):
        blocks = []
        for pair in group["pair"]:
            row = pairs.loc[pair]
            blocks.append(
                f"## Pair {pair} · {row['department']} · answered {row['date_answered']}\n"
                f"Heading: {row['heading']}\n\nQuestion:\n{row['question']}\n\n"
                f"Answer:\n{row['answer']}"
            )
        header = f"# Batch {batch}: {len(group)} question-answer pairs to label\n\n---\n\n"
        write_batch(out, batch, header, blocks)


def main(out: Path, corpus: Path) -> None:
    answers = load_answers(corpus).set_index("id", drop=False)
    sample = pd.read_csv(HERE / "sentences_sample.csv", dtype={"answer_id": str})
    new = sample[sample["origin"] != "earlier set"]
    test = new[new["split"] == "test"]
    train = new[new["split"] == "train"]
    second = train[train["second_reading"]]
    rounds = [
        ("A", test, "xa"),
        ("B", test, "xb"),
        ("T", train, "tr"),
        ("D", second, "td"),
    ]
    plan = plan_rounds(rounds, "item", "answer_id", SENTENCE_BATCH)
    plan.to_csv(HERE / "batches.csv", index=False)
    write_sentence_batches(out, answers, plan)

    pairs = pd.read_csv(HERE / "pairs_sample.csv", dtype={"answer_id": str})
    pair_rounds = [
        ("PA", pairs[pairs["split"] == "test"], "pa"),
        ("PB", pairs[pairs["split"] == "test"], "pb"),
        ("PT", pairs[pairs["split"] == "train"], "pt"),
        ("PD", pairs[(pairs["split"] == "train") & pairs["second_reading"]], "pd"),
    ]
    pair_plan = plan_rounds(pair_rounds, "pair", "pair", PAIR_BATCH)
    pair_plan.to_csv(HERE / "pair_batches.csv", index=False)
    write_pair_batches(out, pair_plan)
    print(plan.groupby(["round", "batch"]).size().to_string())
    print(pair_plan.groupby(["round", "batch"]).size().to_string())


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else SNAPSHOT)
