"""Checks the pipeline runs on its own tables, not only in tests: fail loudly, with the reason.

A broken invariant here is a bug or a corrupt input, never something to smooth over: each check
raises :class:`DataCheckError` naming the column, how many rows break it and a few of their ids.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


class DataCheckError(ValueError):
    """A table broke an invariant the rest of the pipeline relies on."""


# A failure names this many offending ids or values: enough to find them, short enough to read.
EXAMPLES_SHOWN = 5


def _ids(frame: pd.DataFrame, mask: pd.Series, limit: int = EXAMPLES_SHOWN) -> str:
    ids = frame.loc[mask, "id"] if "id" in frame.columns else frame.index[mask]
    shown = ", ".join(str(i) for i in list(ids)[:limit])
    more = int(mask.sum()) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def check_unique_ids(frame: pd.DataFrame, what: str = "answers") -> None:
    duplicated = frame["id"].duplicated(keep=False)
    if duplicated.any():
        raise DataCheckError(
            f"{what}: {int(duplicated.sum())} rows share an id ({_ids(frame, duplicated)})"
        )


def check_no_rows_lost(before: int, after: int, what: str) -> None:
    if before != after:
        raise DataCheckError(f"{what}: {before} rows went in and {after} came out")


def check_range(
    frame: pd.DataFrame, column: str, low: float, high: float, what: str = "scores"
) -> None:
    """Every non-missing value of ``column`` lies in [low, high]."""
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.notna() & ((values < low) | (values > high))
    if bad.any():
        raise DataCheckError(
            f"{what}: {column} outside [{low}, {high}] in {int(bad.sum())} rows "
            f"({_ids(frame, bad)})"
        )


def check_allowed(frame: pd.DataFrame, column: str, allowed: Iterable[object], what: str) -> None:
    allowed = set(allowed)
    bad = ~frame[column].isin(allowed) & frame[column].notna()
    if bad.any():
        values = sorted({str(v) for v in frame.loc[bad, column]})[:EXAMPLES_SHOWN]
        raise DataCheckError(
            f"{what}: {column} has values outside {sorted(map(str, allowed))}: {values}"
        )
