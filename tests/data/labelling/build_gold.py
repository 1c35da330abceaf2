"""Assemble tests/data/labelled_sentences.csv from the independent readings.

For each labelled sample (sample.csv: splits dev and test; sample2.csv: split validation) the
reference label is the two readers' label where they agree and the adjudicator's where they do
not (adjudication.csv, validation/adjudication.csv). Both readings are kept beside it, so the
agreement between readers (the ceiling for any labeler) can be recomputed from the file.

    python tests/data/labelling/build_gold.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
OUT = HERE.parent / "labelled_sentences.csv"
LABELS = ("time", "commitment", "specific")


def _readings(folder: Path, reader: str) -> pd.DataFrame:
    files = sorted((folder / f"reader_{reader}").glob("batch*.csv"))
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files]
    return pd.concat(frames).set_index("item")


def gold(sample: Path, folder: Path) -> pd.DataFrame:
    rows = pd.read_csv(sample, dtype=str, keep_default_na=False).set_index("item")
    a, b = _readings(folder, "a"), _readings(folder, "b")
    adjudication_file = folder / "adjudication.csv"
    adjudicated = (
        pd.read_csv(adjudication_file, dtype=str, keep_default_na=False).set_index("item")
        if adjudication_file.exists()
        else pd.DataFrame(columns=list(LABELS))
    )
    missing = set(rows.index) - set(a.index) | set(rows.index) - set(b.index)
    if missing:
        raise SystemExit(
            f"{sample.name}: {len(missing)} items lack a reading, e.g. {sorted(missing)[:3]}"
        )
    out = rows.copy()
    for label in LABELS:
        out[f"reader_a_{label}"] = a.loc[rows.index, label]
        out[f"reader_b_{label}"] = b.loc[rows.index, label]
    agreed = pd.Series(True, index=rows.index)
    for label in LABELS:
        agreed &= out[f"reader_a_{label}"] == out[f"reader_b_{label}"]
    for label in LABELS:
        chosen = out[f"reader_a_{label}"].where(
            out[f"reader_a_{label}"] == out[f"reader_b_{label}"], None
        )
        if len(adjudicated):
            settled = adjudicated[label].reindex(rows.index)
            chosen = settled.where(settled.notna(), chosen)
        unresolved = chosen.isna()
        if unresolved.any():
            raise SystemExit(
                f"{sample.name}: {int(unresolved.sum())} {label} disagreements not adjudicated"
            )
        out[label] = chosen
    out["reference_from"] = agreed.map({True: "both readers", False: "adjudicated"})
    return out.reset_index()


def main() -> None:
    parts = [gold(HERE / "sample.csv", HERE)]
    if (HERE / "validation" / "adjudication.csv").exists():
        parts.append(gold(HERE / "sample2.csv", HERE / "validation"))
    table = pd.concat(parts, ignore_index=True)
    columns = [
        "item",
        "answer_id",
        "department",
        "sentence_index",
        "split",
        "sentence",
        *LABELS,
        *(f"reader_{r}_{label}" for r in "ab" for label in LABELS),
        "reference_from",
    ]
    table[columns].to_csv(OUT, index=False)
    print(f"{len(table)} sentences -> {OUT}")
    print(table.groupby("split").size().to_string())


if __name__ == "__main__":
    main()
