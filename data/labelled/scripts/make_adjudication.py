"""Batches for the third reader: every item whose two readings differ on any label.

    python data/labelled/scripts/make_adjudication.py OUT_DIR sentences|pairs [CORPUS]

Sentences: the test items where readings A and B differ on time, commitment or specific; the
third reader sees the guide, the answer with its question, and both readings with their notes
(as "reading 1" and "reading 2", not naming the readers), and decides all three labels. Pairs:
the test pairs whose readings differ on the ask count, any ask's kind or status, or the overall
status; the third reader decides the pair whole. Writes ``OUT_DIR/<batch>/batch.md`` and
``adjudication_batches.csv`` / ``pair_adjudication_batches.csv`` beside the data card.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.paths import SNAPSHOT
from analysis.sources.loading import load_answers

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_batches import cut, marked_blocks, write_batch
from make_sample import HERE

READINGS = HERE / "readings"
LABELS = ["time", "commitment", "specific"]
ADJUDICATION_BATCH = 170


def readings(prefix: str) -> pd.DataFrame:
    frames = []
    for path in sorted(READINGS.glob(f"{prefix}[0-9][0-9].csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frames.append(frame.assign(batch=path.stem))
    return pd.concat(frames, ignore_index=True)


def disputed_sentences() -> pd.DataFrame:
    both = readings("xa").merge(readings("xb"), on="item", suffixes=("_1", "_2"))
    differ = pd.Series(False, index=both.index)
    for label in LABELS:
        differ |= both[f"{label}_1"] != both[f"{label}_2"]
    return both[differ]


def _reading_line(row: pd.Series, number: int) -> str:
    commitment = row[f"commitment_{number}"] or "NA"
    return (
        f"    reading {number}: time {row[f'time_{number}']}, commitment {commitment}, "
        f"specific {row[f'specific_{number}']}. Note: {row[f'note_{number}']}"
    )


def write_sentence_batches(out: Path, corpus: Path) -> None:
    answers = load_answers(corpus).set_index("id", drop=False)
    sample = pd.read_csv(HERE / "sentences_sample.csv", dtype={"answer_id": str})
    disputed = disputed_sentences().merge(
        sample[["item", "answer_id", "sentence_index"]], on="item"
    )
    disputed["batch"] = cut(disputed, "answer_id", ADJUDICATION_BATCH, "xc", "adjudication")
    disputed[["item", "batch"]].to_csv(HERE / "adjudication_batches.csv", index=False)
    for batch, group in disputed.groupby("batch"):
        blocks = []
        for rows, block in marked_blocks(answers, group):
            readings_text = "\n".join(
                f"  {row['item']}:\n{_reading_line(row, 1)}\n{_reading_line(row, 2)}"
                for _, row in rows.iterrows()
            )
            blocks.append(f"{block}\n\nThe two readings of the marked items:\n{readings_text}")
        header = (
            f"# Batch {batch}: {len(group)} items to settle in {len(blocks)} answers\n\n"
            "Two independent readers labelled each marked item and differed on at least one "
            "label. Decide all three labels of each item from the guide.\n\n---\n\n"
        )
        write_batch(out, batch, header, blocks)
    print(len(disputed), "disputed items in", disputed["batch"].nunique(), "batches")


def pair_readings(prefix: str, kind: str) -> pd.DataFrame:
    frames = []
    for path in sorted(READINGS.glob(f"{prefix}[0-9][0-9].{kind}.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frames.append(frame.assign(batch=path.name.split(".")[0]))
    return pd.concat(frames, ignore_index=True)


def disputed_pairs() -> list[str]:
    """Test pairs whose two readings differ on the overall status, the reason, the ask count,
    or any ask's kind or status."""
    pairs = pair_readings("pa", "pairs").merge(
        pair_readings("pb", "pairs"), on="pair", suffixes=("_1", "_2")
    )
    differ = set(pairs.loc[pairs["overall_1"] != pairs["overall_2"], "pair"])
    differ |= set(pairs.loc[pairs["reason_1"] != pairs["reason_2"], "pair"])
    asks = [pair_readings(prefix, "asks") for prefix in ("pa", "pb")]
    shapes = [a.sort_values(["pair", "ask"]).groupby("pair")[["kind", "status"]] for a in asks]
    first, second = (s.agg(lambda c: "|".join(c)) for s in shapes)
    joined = first.join(second, lsuffix="_1", rsuffix="_2", how="outer")
    for column in ("kind", "status"):
        differ |= set(joined.index[joined[f"{column}_1"] != joined[f"{column}_2"]])
    return sorted(differ)


def write_pair_batch(out: Path) -> None:
    pairs = pd.read_csv(HERE / "pairs_sample.csv", dtype={"answer_id": str}).set_index("pair")
    asks = {prefix: pair_readings(prefix, "asks") for prefix in ("pa", "pb")}
    verdicts = {prefix: pair_readings(prefix, "pairs").set_index("pair") for prefix in ("pa", "pb")}
    disputed = disputed_pairs()
    blocks = []
    for pair in disputed:
        row = pairs.loc[pair]
        text = [
            f"## Pair {pair} · {row['department']} · answered {row['date_answered']}",
            f"Heading: {row['heading']}",
            "",
            f"Question:\n{row['question']}",
            "",
            f"Answer:\n{row['answer']}",
            "",
            "The two readings:",
        ]
        for number, prefix in enumerate(("pa", "pb"), start=1):
            verdict = verdicts[prefix].loc[pair]
            text.append(
                f"  reading {number}: overall {verdict['overall']}"
                + (f" (reason {verdict['reason']})" if verdict["reason"] else "")
                + f". Note: {verdict['note']}"
            )
            for _, ask in asks[prefix][asks[prefix]["pair"] == pair].iterrows():
                text.append(
                    f"    ask {ask['ask']}: {ask['ask_text']} | {ask['kind']} | {ask['status']}"
                    f" | {ask['note']}"
                )
        blocks.append("\n".join(text))
    header = (
        f"# Batch pc01: {len(disputed)} question-answer pairs to settle\n\n"
        "Two independent readers labelled each pair and differed somewhere (ask count, a "
        "kind, a status, the overall status or the reason). Decide each pair whole from the "
        "guide.\n\n---\n\n"
    )
    write_batch(out, "pc01", header, blocks)
    pd.DataFrame({"pair": disputed, "batch": "pc01"}).to_csv(
        HERE / "pair_adjudication_batches.csv", index=False
    )
    print(len(disputed), "disputed pairs")


def main() -> None:
    out = Path(sys.argv[1])
    kind = sys.argv[2]
    corpus = Path(sys.argv[3]) if len(sys.argv) > 3 else SNAPSHOT
    if kind == "sentences":
        write_sentence_batches(out, corpus)
    elif kind == "pairs":
        write_pair_batch(out)
    else:
        raise SystemExit(f"unknown kind {kind!r}")


if __name__ == "__main__":
    main()
