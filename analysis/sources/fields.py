"""One field of a source record read strictly: a date, an id, a yes/no flag, a text cell.

The loaders of the API's JSON and of tables (:mod:`analysis.sources.loading`) read their fields
with these, so a field means the same whatever file it came from. A value that is there but
unreadable raises ValueError (the loader skips the record and says why); a value that is not
there is None or "", never a guess.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd


def date(value: Any) -> pd.Timestamp | None:
    """A timestamp without time zone (a zone given is dropped, keeping the clock time); None
    when empty. ISO 8601, as the API writes its dates, is read directly; anything else by
    pandas, guessing the format (about 300 times slower a date; the corpus has 26,000)."""
    if value in (None, ""):
        return None
    try:
        stamp = pd.Timestamp(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        stamp = pd.to_datetime(value, errors="coerce")
        if pd.isna(stamp):
            raise ValueError(f"unreadable date {value!r}") from None
    return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp


def int_or_none(value: Any) -> int | None:
    """An id as an int; None when empty."""
    if value in (None, ""):
        return None
    return int(value)


def text_cell(value: Any) -> str:
    """A table cell as text: "" for a missing value (None, NaN, NA)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value)


def flag(value: Any) -> bool | None:
    """A yes/no field that a source may not give: None (unknown) when absent, never a guess."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in ("true", "1", "yes", "y", "t"):
        return True
    if text in ("false", "0", "no", "n", "f"):
        return False
    raise ValueError(f"unreadable yes/no value {value!r}")


def bool_cell(value: Any) -> bool:
    """A yes/no cell that defaults to False: True only for a recognised yes."""
    return text_cell(value).strip().lower() in ("true", "1", "yes", "y", "t")
