"""What make train measured (``analysis/models/training.json``), as tables for the validation
report: the model chosen per label with its cross-validation accuracy, the learning curves on
the test split, and the ask model's figures with 95% intervals."""

from __future__ import annotations

import json

import pandas as pd

from analysis import paths
from analysis.validation.evaluation import wilson_interval


def training_report() -> dict:
    """The report make train wrote beside the models."""
    return json.loads((paths.MODELS / "training.json").read_text(encoding="utf-8"))


def chosen_models(report: dict | None = None) -> pd.DataFrame:
    """One row per learned label: the choice, its cross-validation accuracy on the training
    split (natural mix) and the temperature that calibrates it."""
    report = report or training_report()
    rows = []
    for label, measured in report["labels"].items():
        rows.append(
            {
                "label": label,
                "chosen": measured["chosen"],
                "cross_validation_accuracy": measured["cross_validation_accuracy"][
                    measured["chosen"]
                ],
                "temperature": measured["temperature"],
                "features": measured["features"],
            }
        )
    return pd.DataFrame(rows).set_index("label")


def learning_curves(report: dict | None = None) -> pd.DataFrame:
    """Test accuracy per label (columns) against the training sentences used (index), for
    1/8, 1/4, 1/2 and all of the training answers; the sentence labels only (the asks are
    on another scale)."""
    report = report or training_report()
    columns = {}
    for label, measured in report["labels"].items():
        if label in ("asks", "answers"):
            continue
        curve = measured["learning_curve"].values()
        columns[label] = {point["training_sentences"]: point["test_accuracy"] for point in curve}
    return pd.DataFrame(columns).sort_index()


def ask_figures(report: dict | None = None) -> pd.DataFrame:
    """The ask model on the test pairs: ask status, and the answers' overall status
    (all / some / none) from the question's own asks, each with its 95% interval."""
    report = report or training_report()
    asks = report["labels"]["asks"]
    full = asks["learning_curve"]["1.0"]
    test_asks = asks.get("test_asks", 0)
    rows = []
    for name, accuracy, n in (
        ("ask status (addressed / partly / not)", full["test_accuracy"], test_asks),
        (
            "answers all / some / none of the asks",
            report["labels"]["answers"]["learning_curve"]["1.0"]["test_accuracy"],
            asks["overall_test_pairs"],
        ),
    ):
        low, high = wilson_interval(round(accuracy * n), n) if n else (float("nan"),) * 2
        rows.append({"measure": name, "n": n, "accuracy": accuracy, "low": low, "high": high})
    return pd.DataFrame(rows).set_index("measure")
