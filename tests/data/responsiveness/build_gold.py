"""Assemble the reference labels for the responsiveness pairs (run after any reading changes).

The reference is the readers' shared reading where they agree on every ask's kind and status
and on the pair's non-answer flag, and the adjudicator's reading of the whole pair where they
do not. Writes `asks.csv` and `pairs.csv` beside this file, each with `reference_from`.

    python tests/data/responsiveness/build_gold.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent


def main() -> None:
    reader_asks = {r: pd.read_csv(HERE / f"reader_{r}" / "asks.csv") for r in "ab"}
    reader_pairs = {r: pd.read_csv(HERE / f"reader_{r}" / "pairs.csv") for r in "ab"}
    adjudicated_asks = pd.read_csv(HERE / "adjudication_asks.csv")
    adjudicated_pairs = pd.read_csv(HERE / "adjudication_pairs.csv")
    asks, pairs = [], []
    for pair in sorted(reader_pairs["a"]["pair"]):
        a = reader_asks["a"][reader_asks["a"]["pair"] == pair]
        b = reader_asks["b"][reader_asks["b"]["pair"] == pair]
        flag_a = reader_pairs["a"].set_index("pair").loc[pair]
        flag_b = reader_pairs["b"].set_index("pair").loc[pair]
        same = (
            a[["ask", "kind", "status"]].values.tolist()
            == b[["ask", "kind", "status"]].values.tolist()
            and flag_a["non_answer"] == flag_b["non_answer"]
        )
        if same:
            asks.append(
                a[["pair", "ask", "ask_text", "kind", "status"]].assign(reference_from="readers")
            )
            pairs.append(
                {
                    "pair": pair,
                    **flag_a[["non_answer", "reason"]].to_dict(),
                    "reference_from": "readers",
                }
            )
            continue
        decided = adjudicated_asks[adjudicated_asks["pair"] == pair]
        if decided.empty:
            raise SystemExit(f"{pair}: the readers disagree and there is no adjudication")
        texts = a.set_index("ask")["ask_text"]
        decided = decided.assign(ask_text=decided["ask"].map(texts), reference_from="adjudicator")
        asks.append(decided[["pair", "ask", "ask_text", "kind", "status", "reference_from"]])
        flag = adjudicated_pairs.set_index("pair").loc[pair]
        pairs.append(
            {
                "pair": pair,
                **flag[["non_answer", "reason"]].to_dict(),
                "reference_from": "adjudicator",
            }
        )
    sample = pd.read_csv(HERE / "sample.csv").set_index("pair")
    pairs_frame = pd.DataFrame(pairs)
    pairs_frame.insert(1, "split", pairs_frame["pair"].map(sample["split"]))
    pd.concat(asks).to_csv(HERE / "asks.csv", index=False)
    pairs_frame.to_csv(HERE / "pairs.csv", index=False)
    print(pairs_frame["reference_from"].value_counts().to_string())


if __name__ == "__main__":
    main()
