"""Assemble the reader-labelled data from every reading, and check it (run after any reading).

    python data/labelled/scripts/build.py

Reads the drawn items (``sentences_sample.csv``, ``pairs_sample.csv``), the plans that cut them
into batches, and every reader's file in ``readings/`` (one file per batch; each batch was read
by its own reader); writes ``sentences.csv``, ``pairs.csv`` and ``asks.csv``. The reference
label of a sentence is:

* test: the two readings where they agree on all three labels, else the third reader's;
* new training sentences: the one reading (a second reading, where drawn, is kept beside it
  to measure how noisy single readings are, and does not change the reference);
* the 846 earlier sentences: their reference as before (two readers, a third on disagreement).

Pairs likewise (test: two readings, a third reader on any difference; training: one reading).
The same readings give the same files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sample import EARLIER, EARLIER_PAIRS, HERE, reserved_ids

READINGS = HERE / "readings"
LABELS = ["time", "commitment", "specific"]
EARLIER_ROOT = EARLIER.parent


def _readings(pattern: str, columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every reading file matching ``pattern``, with its batch and reader; empty (with
    ``columns``) when none is written yet and ``columns`` are given."""
    frames = []
    for path in sorted(READINGS.glob(pattern)):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        batch = path.name.split(".")[0]
        frames.append(frame.assign(batch=batch, reader=f"reader-{batch}"))
    if not frames:
        if columns:
            return pd.DataFrame(columns=[*columns, "batch", "reader"])
        raise SystemExit(f"no readings match {pattern} in {READINGS}")
    return pd.concat(frames, ignore_index=True)


def normalised(text: str) -> str:
    """Lower case, letters and digits only, single spaces: how stock sentences are matched."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def _reading_columns(frame: pd.DataFrame, number: int) -> pd.DataFrame:
    columns = {
        "reader": f"reading_{number}_reader",
        "batch": f"reading_{number}_batch",
        **{label: f"reading_{number}_{label}" for label in LABELS},
        "note": f"reading_{number}_note",
    }
    return frame[["item", *columns]].rename(columns=columns)


def _earlier_readings() -> pd.DataFrame:
    """The earlier set's two readings per sentence, with notes where the readers wrote them."""
    earlier = pd.read_csv(EARLIER, dtype=str, keep_default_na=False)
    notes = {}
    for reader in ("a", "b"):
        paths = sorted((EARLIER_ROOT / "labelling" / f"reader_{reader}").glob("*.csv"))
        paths += sorted((EARLIER_ROOT / "labelling" / "validation").glob(f"reader_{reader}*/*.csv"))
        frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths]
        table = pd.concat(frames) if frames else pd.DataFrame(columns=["item", "note"])
        notes[reader] = table.drop_duplicates("item").set_index("item")["note"]
    rows = pd.DataFrame({"item": earlier["item"]})
    for number, reader in ((1, "a"), (2, "b")):
        rows[f"reading_{number}_reader"] = f"earlier-reader-{reader}"
        rows[f"reading_{number}_batch"] = "earlier"
        for label in LABELS:
            rows[f"reading_{number}_{label}"] = earlier[f"reader_{reader}_{label}"]
        rows[f"reading_{number}_note"] = earlier["item"].map(notes[reader]).fillna("")
    rows["reference_from"] = "earlier set: " + earlier["reference_from"]
    for label in LABELS:
        rows[label] = earlier[label]
    return rows


def build_sentences() -> pd.DataFrame:
    sample = pd.read_csv(HERE / "sentences_sample.csv", dtype=str, keep_default_na=False)
    plan = pd.read_csv(HERE / "batches.csv", dtype=str)
    first_round = plan[plan["round"].isin(["A", "T"])]
    second_round = plan[plan["round"].isin(["B", "D"])]
    readings = pd.concat(
        [_readings("xa[0-9][0-9].csv"), _readings("xb[0-9][0-9].csv"), _readings("t*.csv")],
        ignore_index=True,
    )
    first = readings.merge(first_round[["item", "batch"]], on=["item", "batch"])
    second = readings.merge(second_round[["item", "batch"]], on=["item", "batch"])
    new = _reading_columns(first, 1).merge(_reading_columns(second, 2), on="item", how="left")

    agreed = pd.Series(True, index=new.index)
    for label in LABELS:
        agreed &= new[f"reading_1_{label}"] == new[f"reading_2_{label}"]
    adjudicated = _readings("xc[0-9][0-9].csv", ("item", *LABELS, "note")).rename(
        columns={"batch": "adjudication_batch", "note": "adjudication_note"}
    )
    new = new.merge(
        adjudicated[["item", *LABELS, "adjudication_batch", "adjudication_note"]],
        on="item",
        how="left",
    )
    is_test = new["item"].str.startswith("x")
    for label in LABELS:
        new[label] = new[f"reading_1_{label}"].where(~is_test | agreed, new[label])
    new["reference_from"] = "one reader"
    new.loc[is_test & agreed, "reference_from"] = "both readers"
    new.loc[is_test & ~agreed, "reference_from"] = "third reader"
    second_read = new["reading_2_time"].notna() & ~is_test
    new.loc[second_read, "reference_from"] = "one reader (a second reading kept beside it)"

    labelled = pd.concat([new, _earlier_readings()], ignore_index=True)
    frame = sample.merge(labelled, on="item", how="left", validate="one_to_one")
    reading_columns = [c for c in frame.columns if c.startswith("reading_")]
    frame["readings"] = frame[["reading_1_time", "reading_2_time"]].notna().sum(axis=1)
    frame[reading_columns] = frame[reading_columns].fillna("")
    frame[["adjudication_batch", "adjudication_note"]] = frame[
        ["adjudication_batch", "adjudication_note"]
    ].fillna("")
    train_texts = set(frame.loc[frame["split"] == "train", "sentence"].map(normalised))
    frame["is_stock_text"] = (frame["split"] == "test") & frame["sentence"].map(normalised).isin(
        train_texts
    )
    columns = [
        "item",
        "answer_id",
        "answer_group",
        "department",
        "date_answered",
        "sentence_index",
        "sentence",
        "split",
        "stratum",
        "sampling_weight",
        "origin",
        "is_stock_text",
        *LABELS,
        "reference_from",
        "readings",
        *reading_columns,
        "adjudication_batch",
        "adjudication_note",
    ]
    return frame[columns]


def build_pairs() -> tuple[pd.DataFrame, pd.DataFrame]:
    sample = pd.read_csv(HERE / "pairs_sample.csv", dtype=str, keep_default_na=False)
    plan = pd.read_csv(HERE / "pair_batches.csv", dtype=str)
    verdicts = _readings("p[abtd][0-9][0-9].pairs.csv")
    asks = _readings("p[abtd][0-9][0-9].asks.csv")
    first_batches = set(plan.loc[plan["round"].isin(["PA", "PT"]), "batch"])
    second_batches = set(plan.loc[plan["round"].isin(["PB", "PD"]), "batch"])
    settled = _readings("pc[0-9][0-9].pairs.csv", ("pair", "overall", "reason", "note"))
    settled_asks = _readings("pc[0-9][0-9].asks.csv", ("pair", "ask", "ask_text", "kind", "status"))

    rows = []
    ask_rows = []
    for _, pair in sample.iterrows():
        mine = verdicts[verdicts["pair"] == pair["pair"]]
        one = mine[mine["batch"].isin(first_batches)]
        two = mine[mine["batch"].isin(second_batches)]
        if one.empty:
            continue  # not read yet
        row = {
            **pair[["pair", "answer_id", "answer_group", "department", "date_answered"]],
            "split": pair["split"],
            "readings": len(one) + len(two),
            "reading_1_batch": one["batch"].iloc[0],
            "reading_1_overall": one["overall"].iloc[0],
            "reading_1_note": one["note"].iloc[0],
            "reading_2_batch": two["batch"].iloc[0] if len(two) else "",
            "reading_2_overall": two["overall"].iloc[0] if len(two) else "",
        }
        if pair["pair"] in set(settled["pair"]):
            verdict = settled[settled["pair"] == pair["pair"]].iloc[0]
            source_asks = settled_asks[settled_asks["pair"] == pair["pair"]]
            row["reference_from"] = "third reader"
        else:
            verdict = one.iloc[0]
            source_asks = asks[(asks["pair"] == pair["pair"]) & (asks["batch"] == verdict["batch"])]
            row["reference_from"] = (
                "both readers" if len(two) and pair["split"] == "test" else ("one reader")
            )
        row["overall"] = verdict["overall"]
        row["reason"] = verdict["reason"]
        row["ask_count"] = len(source_asks)
        rows.append(row)
        ask_rows.extend(
            {
                "pair": pair["pair"],
                "ask": ask["ask"],
                "ask_text": ask["ask_text"],
                "kind": ask["kind"],
                "status": ask["status"],
                "reference_from": row["reference_from"],
            }
            for _, ask in source_asks.iterrows()
        )
    pairs = pd.DataFrame(rows)
    earlier_pairs, earlier_asks = _earlier_pairs()
    return (
        pd.concat([pairs, earlier_pairs], ignore_index=True),
        pd.concat([pd.DataFrame(ask_rows), earlier_asks], ignore_index=True),
    )


def _earlier_pairs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 85 pairs labelled before, less those of reserved answers: overall status from their
    asks (all addressed: all; a non-answer: none; else some); their splits as fixed then (dev
    joins training)."""
    root = EARLIER_PAIRS.parent
    sample = pd.read_csv(EARLIER_PAIRS, dtype=str, keep_default_na=False)
    sample = sample[~sample["id"].isin(reserved_ids())]  # reserved answers are never labelled
    verdicts = pd.read_csv(root / "pairs.csv", dtype=str, keep_default_na=False)
    asks = pd.read_csv(root / "asks.csv", dtype=str, keep_default_na=False)
    addressed_all = asks.groupby("pair")["status"].apply(lambda s: (s == "addressed").all())
    merged = sample.merge(verdicts, on=["pair", "split"])
    overall = [
        "none" if non_answer == "yes" else ("all" if addressed_all.get(pair, False) else "some")
        for pair, non_answer in zip(merged["pair"], merged["non_answer"], strict=True)
    ]
    pairs = pd.DataFrame(
        {
            "pair": merged["pair"],
            "answer_id": merged["id"],
            "department": merged["department"],
            "date_answered": merged["date_answered"],
            "split": merged["split"].replace({"dev": "train"}),
            "readings": 2,
            "overall": overall,
            "reason": merged["reason"],
            "ask_count": merged["pair"].map(asks.groupby("pair").size()).fillna(0).astype(int),
            "reference_from": "earlier set: " + merged["reference_from"],
        }
    )
    asks = asks[asks["pair"].isin(set(pairs["pair"]))]
    return pairs, asks[["pair", "ask", "ask_text", "kind", "status", "reference_from"]]


def main() -> None:
    sentences = build_sentences()
    sentences.to_csv(HERE / "sentences.csv", index=False)
    pairs, asks = build_pairs()
    pairs.to_csv(HERE / "pairs.csv", index=False)
    asks.to_csv(HERE / "asks.csv", index=False)
    labelled = sentences[sentences["time"].notna() & (sentences["time"] != "")]
    print(len(sentences), "sentences drawn,", len(labelled), "with a reference label")
    print(labelled.groupby("split").size().to_string())
    print(len(pairs), "pairs;", pairs.groupby("split").size().to_dict())


if __name__ == "__main__":
    main()
