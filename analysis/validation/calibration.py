"""How far to trust the learned labelers' probabilities, and the shares computed from them.

Calibration: of the sentences given probability p, a share p should be labelled right. The
expected calibration error (Guo et al. 2017, "On calibration of modern neural networks") is
``ECE = sum over bins of (n_bin / n) * |accuracy_bin - mean probability_bin|``, with ten bins of
equal width on the probability of the label given; 0 is perfect, lower is better; NaN with no
sentences. The reliability table holds the bins themselves.

Shares: a group's future share (or firm share, specific share) estimated three ways on the
labelled test split, against the readers' share: counting the labelers' most probable labels,
and summing their probabilities (what the reports use). The gap from the readers' share is the
error an analyst would carry into a comparison of departments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.validation.evaluation import LABELS, Evaluation

CALIBRATION_BINS = 10
# The shares the reports give, as (label, class): future share, firm share, specific share.
REPORTED_SHARES = (
    ("time", "future"),
    ("time", "current"),
    ("commitment", "3"),
    ("commitment", "0"),
    ("specific", "true"),
)


def reliability_table(
    probability: np.ndarray, correct: np.ndarray, bins: int = CALIBRATION_BINS
) -> pd.DataFrame:
    """One row per non-empty bin of ``probability``: its range, sentence count, mean
    probability and the share labelled right."""
    probability = np.asarray(probability, dtype=float)
    correct = np.asarray(correct, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(probability, edges[1:-1]), 0, bins - 1)
    rows = []
    for index in range(bins):
        inside = which == index
        if inside.any():
            rows.append(
                {
                    "bin_low": edges[index],
                    "bin_high": edges[index + 1],
                    "n": int(inside.sum()),
                    "mean_probability": float(probability[inside].mean()),
                    "accuracy": float(correct[inside].mean()),
                }
            )
    return pd.DataFrame(rows, columns=["bin_low", "bin_high", "n", "mean_probability", "accuracy"])


def expected_calibration_error(
    probability: np.ndarray, correct: np.ndarray, bins: int = CALIBRATION_BINS
) -> float:
    """ECE (module docstring) of probabilities against whether each label was right."""
    table = reliability_table(probability, correct, bins)
    if table.empty:
        return float("nan")
    gaps = (table["accuracy"] - table["mean_probability"]).abs()
    return float((gaps * table["n"]).sum() / table["n"].sum())


def _labelled_rows(evaluation: Evaluation, label: str) -> pd.DataFrame:
    rows = evaluation.rows
    keep = (rows[f"reference_{label}"] != "") & rows[f"{label}_probability"].notna()
    return rows[keep]


def calibration(evaluation: Evaluation) -> pd.DataFrame:
    """Per label: sentences, accuracy, mean probability of the label given, and the ECE."""
    out = []
    for label in LABELS:
        rows = _labelled_rows(evaluation, label)
        correct = (rows[f"reference_{label}"] == rows[f"predicted_{label}"]).to_numpy()
        probability = rows[f"{label}_probability"].to_numpy(dtype=float)
        out.append(
            {
                "label": label,
                "n": len(rows),
                "accuracy": float(correct.mean()) if len(rows) else float("nan"),
                "mean_probability": float(probability.mean()) if len(rows) else float("nan"),
                "ece": expected_calibration_error(probability, correct),
            }
        )
    return pd.DataFrame(out)


def reliability(evaluation: Evaluation, label: str) -> pd.DataFrame:
    """The reliability table of one label on the evaluated sentences."""
    rows = _labelled_rows(evaluation, label)
    correct = (rows[f"reference_{label}"] == rows[f"predicted_{label}"]).to_numpy()
    return reliability_table(rows[f"{label}_probability"].to_numpy(dtype=float), correct)


def share_estimates(
    evaluation: Evaluation, by: str | None = None, min_sentences: int = 0
) -> pd.DataFrame:
    """Each reported share (:data:`REPORTED_SHARES`), overall or per ``by`` group with at least
    ``min_sentences`` sentences: the readers' share, the share of most probable labels
    (``counted_share``) and the sum of probabilities (``expected_share``), with both gaps."""
    rows = evaluation.rows
    groups = [("all", rows)] if by is None else list(rows.groupby(by, sort=True))
    out = []
    for name, group in groups:
        for label, value in REPORTED_SHARES:
            column = f"probability_{label}_{value}"
            labelled = group[group[f"reference_{label}"] != ""]
            if len(labelled) < max(min_sentences, 1) or column not in labelled:
                continue
            readers = float((labelled[f"reference_{label}"] == value).mean())
            counted = float((labelled[f"predicted_{label}"] == value).mean())
            expected = float(labelled[column].astype(float).mean())
            out.append(
                {
                    "group": name,
                    "share": f"{label} = {value}",
                    "n": len(labelled),
                    "readers_share": readers,
                    "counted_share": counted,
                    "expected_share": expected,
                    "counted_gap": counted - readers,
                    "expected_gap": expected - readers,
                }
            )
    return pd.DataFrame(out)
