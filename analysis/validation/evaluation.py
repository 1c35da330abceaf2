"""How often do the labelers agree with careful readers? ``evaluate`` answers per label.

A labelled file has one row per sentence with ``sentence`` and the reference labels ``time``,
``commitment`` (0-3 or empty for NA) and ``specific`` (true/false); ``answer_id`` and ``split``
are used when present. Each sentence is labelled
inside its answer (:func:`analysis.learning.context.records_in_context`) or, without one, alone
(:func:`analysis.labelers.sentence_table.label_sentences`), as :func:`analysis.sentence_table`
labels it, and compared.

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

from analysis.labelers.sentence_table import label_sentences
from analysis.labelers.vocabulary import COMMITMENT_LEVELS, TIME_LABELS

LABELS = ("time", "commitment", "specific")
CLASSES = {
    "time": list(TIME_LABELS),
    "commitment": [*(str(level) for level in COMMITMENT_LEVELS), "NA"],
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
        """One row per label: n, accuracy with its 95% interval (Wilson), macro-F1."""
        rows = []
        for s in self.scores.values():
            low, high = wilson_interval(round(s.accuracy * s.n) if s.n else 0, s.n)
            rows.append(
                {
                    "label": s.label,
                    "n": s.n,
                    "accuracy": s.accuracy,
                    "accuracy_low": low,
                    "accuracy_high": high,
                    "macro_f1": s.macro_f1,
                }
            )
        return pd.DataFrame(rows)

    def where(self, keep: pd.Series) -> Evaluation:
        """The same comparison on the rows ``keep`` selects (aligned with ``rows``), without
        labelling the sentences again."""
        return _evaluation(self.rows[keep.to_numpy()].reset_index(drop=True))


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion successes/n (NaN, NaN for n = 0).

    centre = (p + z²/2n) / (1 + z²/n), half-width = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n);
    Wilson (1927). Better than the normal interval near 0 and 1.
    """
    if n == 0:
        return (float("nan"), float("nan"))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


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


def _predictions(frame: pd.DataFrame, learned: bool = True) -> list[dict[str, object]]:
    """Each sentence labelled as scoring labels it: inside its answer when the frame says which
    (``answer_id``, ``sentence_index``) and the answers are in the embedded snapshot; else
    alone. ``learned=False``: the hand-written rules' labels."""
    if {"answer_id", "sentence_index", "item"} <= set(frame.columns) and len(frame):
        from analysis.learning.context import records_in_context, snapshot_answers

        if set(frame["answer_id"].astype(str)) <= set(snapshot_answers().index):
            return records_in_context(frame, learned=learned)
    return label_sentences([str(sentence) for sentence in frame["sentence"]], learned)


def evaluate(
    labelled: pd.DataFrame | str | Path | None = None,
    split: str | None = None,
    learned: bool = True,
) -> Evaluation:
    """Label every sentence of ``labelled`` and compare with its reference labels.

    ``labelled``: a frame or a CSV path (columns in the module docstring); None: the
    reader-labelled data (:func:`analysis.sources.labelled.labelled_sentences`). ``split``: keep
    only rows whose ``split`` column equals it (e.g. "test"). ``learned=False``: judge the
    hand-written rules alone (the baseline the learned labelers replaced).
    """
    if labelled is None:
        from analysis.sources.labelled import labelled_sentences

        labelled = labelled_sentences()
    frame = read_labelled(labelled) if isinstance(labelled, (str, Path)) else labelled.copy()
    if split is not None:
        if "split" not in frame.columns:
            raise ValueError("split given but the labelled file has no 'split' column")
        frame = frame[frame["split"] == split]
    records = []
    for (_, row), predicted in zip(frame.iterrows(), _predictions(frame, learned), strict=True):
        record = {c: row[c] for c in frame.columns if c not in LABELS}
        for label in LABELS:
            record[f"reference_{label}"] = normalise_label(label, row[label])
            record[f"predicted_{label}"] = normalise_label(label, predicted[label])
        for label in LABELS:
            record[f"{label}_cues"] = predicted[f"{label}_cues"]
            # The learned labelers' probabilities, for calibration and expected shares.
            record[f"{label}_probability"] = predicted.get(f"{label}_probability")
            for name, value in (predicted.get(f"{label}_probabilities") or {}).items():
                record[f"probability_{label}_{name}"] = value
        records.append(record)
    return _evaluation(pd.DataFrame(records))


def _evaluation(rows: pd.DataFrame) -> Evaluation:
    """Scores and errors per label from rows of reference and predicted labels."""
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
    """How often two independent readers gave the same label: the ceiling for a labeler.

    Reads ``reading_1_<label>`` and ``reading_2_<label>`` (data/labelled/sentences.csv; rows
    read once are left out) or ``reader_a_<label>`` and ``reader_b_<label>`` (the earlier set).
    """
    first, second = (
        ("reading_1", "reading_2") if "reading_1_time" in labelled else ("reader_a", "reader_b")
    )
    if "readings" in labelled:
        labelled = labelled[labelled["readings"].astype(int) >= 2]
    rows = []
    for label in LABELS:
        a = labelled[f"{first}_{label}"].map(lambda v, lab=label: normalise_label(lab, v))
        b = labelled[f"{second}_{label}"].map(lambda v, lab=label: normalise_label(lab, v))
        rows.append(
            {
                "label": label,
                "n": len(labelled),
                "agreement": float((a == b).mean()) if len(labelled) else float("nan"),
                "kappa": cohen_kappa(a, b) if len(labelled) else float("nan"),
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


# --------------------------------------------------------------------------------------------
# Responsiveness: question-answer pairs labelled by ask (docs/responsiveness-labels.md)

RESPONSIVENESS_STATUS_SCORES = {"addressed": 1.0, "partly": 0.5, "not": 0.0}


def pair_shares(asks: pd.DataFrame) -> pd.Series:
    """Per ``pair``: the mean score of its asks (addressed 1, partly 0.5, not 0)."""
    scores = asks["status"].map(RESPONSIVENESS_STATUS_SCORES)
    if scores.isna().any():
        bad = sorted(set(asks.loc[scores.isna(), "status"].astype(str)))
        raise ValueError(f"unknown ask status {bad}: expected addressed, partly or not")
    return scores.groupby(asks["pair"]).mean()


def responsiveness_agreement(
    reference_asks: pd.DataFrame,
    reference_pairs: pd.DataFrame,
    other_asks: pd.DataFrame,
    other_pairs: pd.DataFrame,
) -> dict[str, float]:
    """How far one reading of question-answer pairs agrees with a reference reading.

    Asks frames: ``pair``, ``ask`` (1, 2, ... in question order), ``kind``, ``status``; pairs
    frames: ``pair``, ``non_answer`` (bool or "yes"/"no"). Pairs in both are compared:

    * ``pairs``; ``share_mean_absolute_difference`` and ``share_exact_agreement``,
      ``share_within_quarter`` (|difference| <= 0.25) of the pair shares (:func:`pair_shares`);
    * ``ask_count_agreement``: the same number of asks;
    * on pairs with the same number of asks, asks matched in order: ``asks_compared``,
      ``kind_agreement``, ``status_agreement`` and ``status_kappa``;
    * ``non_answer_agreement``, ``non_answer_kappa``, and the other reading's
      ``non_answer_precision`` / ``non_answer_recall`` against the reference.
    """
    pairs = sorted(set(reference_pairs["pair"]) & set(other_pairs["pair"]))
    reference_shares = pair_shares(reference_asks).reindex(pairs)
    other_shares = pair_shares(other_asks).reindex(pairs)
    difference = (reference_shares - other_shares).abs()
    reference_counts = reference_asks.groupby("pair").size().reindex(pairs, fill_value=0)
    other_counts = other_asks.groupby("pair").size().reindex(pairs, fill_value=0)
    same_count = [p for p in pairs if reference_counts[p] == other_counts[p]]
    matched = reference_asks[reference_asks["pair"].isin(same_count)].merge(
        other_asks, on=["pair", "ask"], suffixes=("_reference", "_other")
    )

    def flags(frame: pd.DataFrame) -> pd.Series:
        values = frame.set_index("pair")["non_answer"].reindex(pairs)
        return values.map(lambda v: str(v).strip().lower() in {"yes", "true", "1"})

    non_answer = binary_scores(flags(reference_pairs), flags(other_pairs))
    return {
        "pairs": len(pairs),
        "share_mean_absolute_difference": float(difference.mean()),
        "share_exact_agreement": float((difference < 1e-9).mean()),
        "share_within_quarter": float((difference <= 0.25 + 1e-9).mean()),
        "ask_count_agreement": len(same_count) / len(pairs) if pairs else float("nan"),
        "asks_compared": len(matched),
        "kind_agreement": float((matched["kind_reference"] == matched["kind_other"]).mean()),
        "status_agreement": float((matched["status_reference"] == matched["status_other"]).mean()),
        "status_kappa": cohen_kappa(matched["status_reference"], matched["status_other"]),
        "non_answer_agreement": non_answer["accuracy"],
        "non_answer_kappa": cohen_kappa(flags(reference_pairs), flags(other_pairs)),
        "non_answer_precision": non_answer["precision"],
        "non_answer_recall": non_answer["recall"],
    }


def read_labelled_pairs(folder: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The labelled question-answer pairs: ``sample`` (pair, id, department, question,
    answer, split), the reference ``asks`` and ``pairs``, and each reader's ``reader_a_asks``,
    ``reader_a_pairs``, ``reader_b_asks``, ``reader_b_pairs`` (tests/data/responsiveness)."""
    from analysis import paths

    root = Path(folder) if folder is not None else paths.EARLIER_LABELLED_PAIRS
    tables = {
        "sample": pd.read_csv(root / "sample.csv"),
        "asks": pd.read_csv(root / "asks.csv"),
        "pairs": pd.read_csv(root / "pairs.csv"),
    }
    for reader in ("a", "b"):
        for table in ("asks", "pairs"):
            tables[f"reader_{reader}_{table}"] = pd.read_csv(
                root / f"reader_{reader}" / f"{table}.csv"
            )
    return tables


def predicted_pairs(sample: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The measures' reading of labelled pairs, in the readers' format (asks, pairs)."""
    from analysis.measures.scoring import score

    result = score(sample.drop(columns=["id"]).rename(columns={"pair": "id"}))
    asks = result.asks.rename(columns={"id": "pair"})
    asks["ask"] = asks["ask_index"] + 1
    pairs = result.answers[["id", "is_non_answer"]].rename(
        columns={"id": "pair", "is_non_answer": "non_answer"}
    )
    return asks, pairs


def evaluate_responsiveness(folder: str | Path | None = None) -> pd.DataFrame:
    """Agreement of the measures with the reference labels, per split and overall, and of the
    two readers with each other (the ceiling): one row each, columns as
    :func:`responsiveness_agreement` returns."""
    tables = read_labelled_pairs(folder)
    asks, pairs = predicted_pairs(tables["sample"])
    split_of = tables["sample"].set_index("pair")["split"]
    rows = {}
    for split in ("dev", "test", None):
        keep = set(split_of.index if split is None else split_of[split_of == split].index)
        reference = [t[t["pair"].isin(keep)] for t in (tables["asks"], tables["pairs"])]
        predicted = [t[t["pair"].isin(keep)] for t in (asks, pairs)]
        rows[f"measures vs reference ({split or 'all'})"] = responsiveness_agreement(
            *reference, *predicted
        )
    rows["reader A vs reader B (all)"] = responsiveness_agreement(
        tables["reader_a_asks"],
        tables["reader_a_pairs"],
        tables["reader_b_asks"],
        tables["reader_b_pairs"],
    )
    return pd.DataFrame(rows).T
