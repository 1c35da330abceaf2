"""What the external checks share: where the public data sets are, how a run samples them, the
rows of the result table, and the disagreements a binary check quotes.

The data sets sit in ``../shared/eval`` (:data:`analysis.paths.EVAL`), each folder with a
PROVENANCE.md; they are read in place and never copied. None was written by this project, and
none is about ministerial answers, so the figures say how the measures travel, not how right
they are on answers. Research use only: what leaves the checks is summary figures and, from
:func:`analysis.validation.external.runner.examples`, a few short quoted sentences.

Every check reports three figures on the same items: ours, a simple baseline computed here, and
a reference figure (published, or shipped with the data). For every figure higher is better,
except the Spearman correlations of grade formulas (Dale-Chall, Flesch-Kincaid), which are
negative because a higher grade means harder text while higher easiness means easier: there a
larger magnitude is better.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.validation.evaluation import binary_scores

RESULT_COLUMNS = [
    "dataset",
    "measure",
    "mapping",
    "ours",
    "baseline",
    "baseline_name",
    "reference",
    "reference_name",
    "n",
]
DEFAULT_SEED = 5

# A figure beside ours: its value (None when there is none) and what it is.
Figure = tuple[float | None, str]
NO_FIGURE: Figure = (None, "")


def eval_dir() -> Path:
    """The folder of the public data sets, read when called so a test can move it."""
    return paths.EVAL


def missing_datasets() -> str:
    """Empty when the public datasets are on this machine; else the sentence a report shows.

    They are not shipped with the project (other licences, 17 MB): they sit in
    ``../shared/eval`` in the project's workspace, and the checks run only where they are.
    """
    if eval_dir().is_dir():
        return ""
    return (
        f"The public datasets of the external checks are not on this machine ({eval_dir()} "
        "is absent), so these checks were not run here. They are not shipped with the project "
        "(other licences, 17 MB); where they sit beside the checkout, this section shows the "
        "figures."
    )


def sample_rows(frame: pd.DataFrame, sample: int | None, seed: int) -> pd.DataFrame:
    """At most ``sample`` rows of ``frame`` drawn with ``seed`` (every row when None)."""
    if sample is None or sample >= len(frame):
        return frame.reset_index(drop=True)
    return frame.sample(n=sample, random_state=seed).reset_index(drop=True)


def result_row(
    dataset: str,
    measure: str,
    mapping: str,
    n: int,
    ours: float,
    baseline: Figure = NO_FIGURE,
    reference: Figure = NO_FIGURE,
) -> dict[str, object]:
    """One row of the result table (:data:`RESULT_COLUMNS`); a missing figure is NaN."""
    return {
        "dataset": dataset,
        "measure": measure,
        "mapping": mapping,
        "ours": ours,
        "baseline": math.nan if baseline[0] is None else baseline[0],
        "baseline_name": baseline[1],
        "reference": math.nan if reference[0] is None else reference[0],
        "reference_name": reference[1],
        "n": n,
    }


def _measure(metric: str, positive: str) -> str:
    return metric if metric == "accuracy" else f"{metric} ({positive})"


def binary_rows(
    dataset: str,
    positive: str,
    mapping: str,
    truth: pd.Series,
    predicted: pd.Series,
    metrics: Sequence[str],
    baseline: tuple[dict[str, float], str],
    references: dict[str, Figure],
) -> list[dict[str, object]]:
    """One row per metric: our mapping's figure beside the baseline's and the reference's."""
    ours = binary_scores(truth, predicted)
    base, baseline_name = baseline
    return [
        result_row(
            dataset,
            _measure(metric, positive),
            mapping,
            len(truth),
            ours[metric],
            (base[metric], baseline_name),
            references.get(metric, NO_FIGURE),
        )
        for metric in metrics
    ]


def binary_disagreements(
    scored: pd.DataFrame, truth: str, positive: str, negative: str, cues: str, n: int, seed: int
) -> pd.DataFrame:
    """Up to ``n`` sentences where ``ours`` differs from the ``truth`` column, false positives
    and false negatives in equal parts, with the ``cues`` that decided our label."""
    wrong = scored[scored[truth] != scored["ours"]].copy()
    wrong["kind"] = np.where(wrong["ours"], "false positive", "false negative")
    half = max(1, n // 2)
    picked = [
        group.sample(
            n=min(len(group), half if kind == "false positive" else n - half), random_state=seed
        )
        for kind, group in wrong.groupby("kind")
    ]
    chosen = pd.concat(picked) if picked else wrong.head(0)
    return pd.DataFrame(
        {
            "kind": chosen["kind"],
            "sentence": chosen["sentence"],
            "reference": np.where(chosen[truth], positive, negative),
            "ours": np.where(chosen["ours"], positive, negative),
            "cues": chosen[cues],
        }
    ).reset_index(drop=True)
