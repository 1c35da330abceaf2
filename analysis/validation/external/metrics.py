"""The rank metrics of the external checks, beside
:func:`analysis.validation.evaluation.binary_scores` for the binary ones.

Both are computed from average ranks with pandas (scipy is not a dependency).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd


def spearman(a: Sequence[float] | pd.Series, b: Sequence[float] | pd.Series) -> float:
    """Spearman's rho: the Pearson correlation of average ranks (ties share a rank).

    Pairs with a missing value are dropped. +1 = same order, -1 = reversed, 0 = unrelated.
    """
    frame = pd.DataFrame({"a": list(a), "b": list(b)}, dtype=float).dropna()
    if len(frame) < 2:
        return math.nan
    return float(frame["a"].rank().corr(frame["b"].rank()))


def roc_auc(reference: Iterable[bool], score: Iterable[float]) -> float:
    """The chance that a random positive scores above a random negative (ties count half).

    Computed from average ranks (Mann-Whitney). 0.5 = no better than chance, 1.0 = perfect.
    """
    frame = pd.DataFrame({"y": list(reference), "s": list(score)})
    positives = int(frame["y"].sum())
    negatives = len(frame) - positives
    if not positives or not negatives:
        return math.nan
    ranks = frame["s"].astype(float).rank()
    rank_sum = float(ranks[frame["y"].astype(bool)].sum())
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def majority_share(truth: pd.Series) -> float:
    """Accuracy of always answering the commoner class."""
    return float(max(truth.mean(), 1 - truth.mean())) if len(truth) else math.nan
