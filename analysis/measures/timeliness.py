"""Timeliness: how long a question waited for its answer, and whether it came by its due date.

The House of Commons expects an ordinary written question to be answered within a working week
of tabling, and a named-day question (the Member names the day, at least three sitting days
ahead) on the day named. The Written Questions API gives each question its ``dateForAnswer``:
the named day for a named-day question, and for an ordinary question the first day an answer is
due, two sitting days after tabling (2 to 5 calendar days in the shared corpus). So
``answered_on_time`` is the Procedure Committee's own test for named-day questions (84% of the
shared corpus's 2,447 were met, holding answers left out) but a strict one for ordinary questions
(6% of 5,974 answered by then; median 8 days to answer): the departments report gives the two
apart.

Three measures, from the answer's own dates (the loader's ``date_tabled``, ``date_answered``,
``date_for_answer``, ``is_named_day`` and ``date_holding_answer``):

* :func:`days_to_answer`: calendar days from tabling to the (substantive) answer. Lower is
  better. NA when either date is missing.
* :func:`answered_on_time`: True when the answer is dated on or before the date for answer.
  A holding answer on the day does not count: the question is answered when its answer is.
  NA when either date is missing.
* ``had_holding_answer``: True when the API records a holding answer before the substantive one;
  NA when the source does not carry the API's dates (a scraped page, a table without them).

``is_named_day`` is passed through from the loader (NA when the source does not say).
"""

from __future__ import annotations

import pandas as pd

TIMELINESS_COLUMNS = ["days_to_answer", "answered_on_time", "is_named_day", "had_holding_answer"]


def days_to_answer(tabled: pd.Timestamp | None, answered: pd.Timestamp | None) -> int | None:
    """Calendar days from tabling to answer (0 when answered the day it was tabled).

    Lower is better. None when either date is missing.
    """
    if tabled is None or answered is None or pd.isna(tabled) or pd.isna(answered):
        return None
    return (answered.normalize() - tabled.normalize()).days


def answered_on_time(answered: pd.Timestamp | None, due: pd.Timestamp | None) -> bool | None:
    """True when the answer's date is on or before the date for answer; None when one is missing.

    Dates are compared by day: an answer at 5 pm on the due day is on time.
    """
    if answered is None or due is None or pd.isna(answered) or pd.isna(due):
        return None
    return bool(answered.normalize() <= due.normalize())


def _dates(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[column]).dt.normalize()


def timeliness(frame: pd.DataFrame) -> pd.DataFrame:
    """The timeliness columns for every row of an answers frame (same index).

    Columns: :data:`TIMELINESS_COLUMNS`. The same rules as :func:`days_to_answer` and
    :func:`answered_on_time`, for a whole frame at once; any of the date columns may be absent
    (its measures are then NA).
    """
    tabled = _dates(frame, "date_tabled")
    answered = _dates(frame, "date_answered")
    due = _dates(frame, "date_for_answer")
    waited = (answered - tabled).dt.days
    on_time = (answered <= due).astype("boolean")
    on_time[answered.isna() | due.isna()] = pd.NA
    if "is_named_day" in frame.columns:
        named = pd.array(frame["is_named_day"].tolist(), dtype="boolean")
    else:
        named = pd.array([pd.NA] * len(frame), dtype="boolean")
    holding = _dates(frame, "date_holding_answer").notna().astype("boolean")
    # Only the API's records say when no holding answer was given; they always carry a due date.
    holding[due.isna()] = pd.NA
    return pd.DataFrame(
        {
            "days_to_answer": pd.array(waited.tolist(), dtype="Int64"),
            "answered_on_time": on_time,
            "is_named_day": named,
            "had_holding_answer": holding,
        },
        index=frame.index,
    )
