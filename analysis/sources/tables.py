"""Tables of answers a user already has: CSV or Parquet with ``question`` and ``answer`` columns.

Other columns are kept where their names match the answers frame (``id``, ``uin``, ``heading``,
``department``, ``date_tabled``, ``date_answered``, ...). A table written by
``answer-language score`` reads back in.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = ("question", "answer")


class TableError(ValueError):
    """The file is not a table of answers."""


def read_table(path: Path) -> pd.DataFrame:
    """Read a CSV or Parquet file; raise :class:`TableError` saying what is wrong."""
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as error:
        raise TableError(f"cannot read as {path.suffix.lstrip('.').upper()}: {error}") from error
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise TableError(
            f"missing column(s) {', '.join(missing)}; "
            "a table of answers needs 'question' and 'answer'"
        )
    return frame
