"""How often do the labelers agree with careful readers? ``evaluate`` answers per label.

A labelled file has one row per sentence with ``sentence`` and the reference labels ``time``,
``commitment`` (0-3 or empty for NA) and ``specific`` (true/false); ``answer_id`` and ``split``
are used when present. Each sentence is labelled by :func:`analysis.labels.label_sentence`
exactly as :func:`analysis.sentence_table` labels it, and compared.

Figures per label: accuracy (share of sentences labelled as the reference); macro-F1 (the
unweighted mean over classes of F1 = 2PR/(P+R), so rare classes count as much as common ones;
a class absent from both reference and prediction is left out); the confusion matrix
(reference in rows, prediction in columns); and the misclassified sentences with the cues that
decided the labeler's label. Commitment NA is a class of its own ("NA").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.labels import label_sentence

LABELS = ("time", "commitment", "specific")
CLASSES = {
    "time": ["future", "current", "past", "none"],
    "commitment": ["0", "1", "2", "3", "NA"],
    "specific": ["true", "false"],
}


@dataclass(frozen=True)
class LabelScore:
    label: str
    n: int
    accuracy: float
    macro_f1: float
    confusion: pd.DataFrame
    per_class: pd.DataFrame


@dataclass(frozen=True)
class Evaluation:
    """Per-label scores, and every sentence with its reference and predicted labels."""

    scores: dict[str, LabelScore]
    rows: pd.DataFrame
    errors: dict[str, pd.DataFrame] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """One row per label: n, accuracy, macro-F1."""
        return pd.DataFrame(
            [
                {"label": s.label, "n": s.n, "accuracy": s.accuracy, "macro_f1": s.macro_f1}
                for s in self.scores.values()
            ]
        )


def normalise_label(label: str, value: object) -> str:
    """Reference and predicted labels as comparable strings ("NA" for no commitment)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "NA" if label == "commitment" else ""
    text = str(value).strip()
    if label == "commitment":
        if text in ("", "NA", "<NA>", "nan", "None"):
            return "NA"
        return str(int(float(text)))
    if label == "specific":
        return {"true": "true", "1": "true", "false": "false", "0": "false"}.get(text.lower(), text)
    return text.lower()


def read_labelled(path: str | Path) -> pd.DataFrame:
    """A labelled CSV as strings (empty commitment kept as empty, not NaN)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("sentence", *LABELS) if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: labelled file needs columns {', '.join(missing)}")
    return frame


def binary_scores(reference: Iterable[bool], predicted: Iterable[bool]) -> dict[str, float]:
    """Accuracy, and precision, recall and F1 of the positive class (``True``).

    Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R); 0.0 when undefined. Higher
    is better for all four. Also returns the counts ``tp fp fn tn`` and ``n``.
    """
    ref = np.asarray(list(reference), dtype=bool)
    pred = np.asarray(list(predicted), dtype=bool)
    if ref.shape != pred.shape:
        raise ValueError("reference and predicted differ in length")
    tp = int((ref & pred).sum())
    fp = int((~ref & pred).sum())
    fn = int((ref & ~pred).sum())
    tn = int((~ref & ~pred).sum())
    n = len(ref)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "accuracy": (tp + tn) / n if n else math.nan,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "n": n,
    }


def _score(label: str, reference: pd.Series, predicted: pd.Series) -> LabelScore:
    classes = [c for c in CLASSES[label] if c in set(reference) | set(predicted)]
    confusion = pd.crosstab(
        pd.Categorical(reference, categories=classes),
        pd.Categorical(predicted, categories=classes),
        rownames=["reference"],
        colnames=["predicted"],
        dropna=False,
    )
    rows = []
    for cls in classes:
        one = binary_scores(reference == cls, predicted == cls)
        rows.append(
            {
                "class": cls,
                "support": one["tp"] + one["fn"],
                "precision": one["precision"],
                "recall": one["recall"],
                "f1": one["f1"],
            }
        )
    per_class = pd.DataFrame(rows)
    n = len(reference)
    accuracy = float((reference == predicted).mean()) if n else float("nan")
    macro_f1 = float(per_class["f1"].mean()) if len(per_class) else float("nan")
    return LabelScore(label, n, accuracy, macro_f1, confusion, per_class)


def evaluate(labelled: pd.DataFrame | str | Path, split: str | None = None) -> Evaluation:
    """Label every sentence of ``labelled`` and compare with its reference labels.

    ``labelled``: a frame or a CSV path (columns in the module docstring). ``split``: keep only
    rows whose ``split`` column equals it (e.g. "test").
    """
    frame = read_labelled(labelled) if isinstance(labelled, (str, Path)) else labelled.copy()
    if split is not None:
        if "split" not in frame.columns:
            raise ValueError("split given but the labelled file has no 'split' column")
        frame = frame[frame["split"] == split]
    records = []
    for _, row in frame.iterrows():
        predicted = label_sentence(str(row["sentence"]))
        record = {c: row[c] for c in frame.columns if c not in LABELS}
        for label in LABELS:
            record[f"reference_{label}"] = normalise_label(label, row[label])
            record[f"predicted_{label}"] = normalise_label(label, predicted[label])
        for label in LABELS:
            record[f"{label}_cues"] = predicted[f"{label}_cues"]
        records.append(record)
    rows = pd.DataFrame(records)
    scores, errors = {}, {}
    for label in LABELS:
        if rows.empty:
            reference = predicted = pd.Series([], dtype=str)
        else:
            keep = rows[f"reference_{label}"] != ""
            reference = rows.loc[keep, f"reference_{label}"]
            predicted = rows.loc[keep, f"predicted_{label}"]
        scores[label] = _score(label, reference, predicted)
        if not rows.empty:
            wrong = rows[rows[f"reference_{label}"] != rows[f"predicted_{label}"]]
            cue_column = f"{label}_cues"
            keep_columns = [
                c for c in ("item", "answer_id", "sentence", cue_column) if c in wrong.columns
            ]
            errors[label] = wrong[
                [*keep_columns, f"reference_{label}", f"predicted_{label}"]
            ].reset_index(drop=True)
    return Evaluation(scores, rows, errors)


def cohen_kappa(first: pd.Series, second: pd.Series) -> float:
    """Cohen's kappa: agreement between two readings beyond what chance would give.

    kappa = (p_o - p_e) / (1 - p_e), p_o the observed agreement and p_e the agreement expected
    if both read independently at their own label rates. 1 is perfect, 0 chance level.
    """
    first, second = first.astype(str), second.astype(str)
    observed = float((first == second).mean())
    classes = set(first) | set(second)
    expected = sum(float((first == c).mean()) * float((second == c).mean()) for c in classes)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def reader_agreement(labelled: pd.DataFrame) -> pd.DataFrame:
    """How often the two independent readers gave the same label: the ceiling for a labeler.

    Needs ``reader_a_<label>`` and ``reader_b_<label>`` columns (tests/data/labelled_sentences.csv).
    """
    rows = []
    for label in LABELS:
        a = labelled[f"reader_a_{label}"].map(lambda v, lab=label: normalise_label(lab, v))
        b = labelled[f"reader_b_{label}"].map(lambda v, lab=label: normalise_label(lab, v))
        rows.append(
            {
                "label": label,
                "n": len(labelled),
                "agreement": float((a == b).mean()),
                "kappa": cohen_kappa(a, b),
            }
        )
    return pd.DataFrame(rows)


def failure_patterns(
    result: Evaluation, label: str, top: int = 6, examples: int = 2
) -> pd.DataFrame:
    """The commonest confusions for one label (reference -> predicted), with real examples.

    One row per confusion: how many sentences, and up to ``examples`` of them with the cues that
    decided the labeler's label.
    """
    errors = result.errors.get(label)
    if errors is None or errors.empty:
        return pd.DataFrame(columns=["confusion", "sentences", "example", "cues"])
    cue_column = f"{label}_cues"
    keys = errors[f"reference_{label}"] + " labelled " + errors[f"predicted_{label}"]
    counts = keys.value_counts().head(top)
    rows = []
    for key, count in counts.items():
        picked = errors[keys == key].head(examples)
        for _, row in picked.iterrows():
            rows.append(
                {
                    "confusion": f"reference {key}",
                    "sentences": int(count),
                    "example": row["sentence"],
                    "cues": row[cue_column],
                }
            )
    return pd.DataFrame(rows)
