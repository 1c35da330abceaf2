"""The figures of the data card (README.md beside the data), printed as Markdown tables.

    python data/labelled/scripts/card_figures.py [--rules]

Sizes by split, label and department; agreement between two independent readings per label
(share and Cohen's kappa) on the test set and on the doubly read training sample; agreement by
batch (each batch against its second readings); for pairs, agreement on ask counts, kinds,
statuses and the overall status. ``--rules``: the rule labelers' accuracy on the test split with
95% intervals, with and without the sentences whose text also occurs in the training set.
"""

from __future__ import annotations

import sys

import pandas as pd

from analysis import evaluate, labelled_pairs, labelled_sentences
from analysis.sources.labelled import labelled_asks
from analysis.validation.evaluation import LABELS, reader_agreement, wilson_interval


def markdown(frame: pd.DataFrame, index: bool = True) -> str:
    """A frame as a Markdown table (no tabulate needed)."""
    frame = frame.reset_index() if index else frame
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def _agreement(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Two readings' agreement per label (:func:`reader_agreement`) with its 95% interval."""
    rows = []
    for row in reader_agreement(frame).to_dict("records"):
        low, high = wilson_interval(round(row["agreement"] * row["n"]), row["n"])
        rows.append(
            {
                "label": row["label"],
                "n": row["n"],
                "agreement": round(row["agreement"], 3),
                "95% interval": f"{low:.3f}-{high:.3f}",
                "kappa": round(row["kappa"], 3),
            }
        )
    return rows


def main(rules: bool) -> None:
    sentences = labelled_sentences()
    print("## Sizes\n")
    sizes = sentences.groupby("split").agg(
        sentences=("item", "size"),
        answers=("answer_id", "nunique"),
        answer_groups=("answer_group", "nunique"),
        departments=("department", "nunique"),
    )
    print(markdown(sizes), "\n")
    for label in LABELS:
        counts = sentences.pivot_table(
            index=label, columns="split", values="item", aggfunc="size", fill_value=0
        )
        print(markdown(counts.rename(index={"": "NA"})), "\n")
    departments = sentences.pivot_table(
        index="department", columns="split", values="item", aggfunc="size", fill_value=0
    )
    print(markdown(departments.sort_values("train", ascending=False)), "\n")
    print(markdown(sentences.groupby(["split", "origin"]).size().rename("sentences")), "\n")

    print("## Agreement between two independent readings\n")
    test = sentences[(sentences["split"] == "test")]
    doubled = sentences[
        (sentences["split"] == "train")
        & (sentences["readings"] == 2)
        & (sentences["origin"] == "train draw")
    ]
    earlier = sentences[sentences["origin"] == "earlier set"]
    for name, frame in (
        ("test set", test),
        ("doubly read training sample", doubled),
        ("earlier set", earlier),
    ):
        print(f"**{name}**\n")
        print(markdown(pd.DataFrame(_agreement(frame)), index=False), "\n")
    by_batch = []
    for batch, frame in pd.concat([test, doubled]).groupby("reading_1_batch"):
        row = {"batch": batch, "n": len(frame)}
        for entry in _agreement(frame):
            row[entry["label"]] = entry["agreement"]
        by_batch.append(row)
    print("**Agreement by batch** (each first-reading batch against the second readings)\n")
    print(markdown(pd.DataFrame(by_batch), index=False), "\n")
    stock = test["is_stock_text"].sum()
    print(f"Test sentences whose text also occurs in training: {stock} of {len(test)}\n")
    print(
        "Reference from:",
        sentences.groupby(["split", "reference_from"]).size().to_dict(),
        "\n",
    )

    pairs = labelled_pairs()
    asks = labelled_asks()
    print("## Pairs\n")
    print(markdown(pairs.groupby(["split", "overall"]).size().unstack(fill_value=0)), "\n")
    print(markdown(asks.groupby("kind").size().rename("asks")), "\n")
    print(markdown(asks.groupby("status").size().rename("asks")), "\n")
    read_twice = pairs[(pairs["readings"] == 2) & (pairs["reading_2_overall"] != "")]
    same = (read_twice["reading_1_overall"] == read_twice["reading_2_overall"]).mean()
    print(f"Overall status, two readings agree: {same:.3f} of {len(read_twice)} pairs\n")

    if rules:
        print("## The rule labelers on the test split\n")
        for name, frame in (
            ("all test sentences", test),
            ("without stock sentences", test[~test["is_stock_text"]]),
        ):
            print(f"**{name}**\n")
            summary = evaluate(frame).summary()
            print(markdown(summary.round(3), index=False), "\n")


if __name__ == "__main__":
    main("--rules" in sys.argv[1:])
