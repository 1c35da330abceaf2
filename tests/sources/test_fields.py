"""analysis.sources.fields: one field of a source record read strictly, worked by hand, and every
date of the corpus read as pandas reads it."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.sources.fields import bool_cell, date, flag, int_or_none, text_cell


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2023-12-01T00:00:00", "2023-12-01 00:00"),
        ("2024-02-29", "2024-02-29 00:00"),
        ("2025-11-10T14:30:05.250", "2025-11-10 14:30:05.250"),
        # A zone is dropped and the clock time kept, whichever way it is written.
        ("2025-11-10T14:30:00Z", "2025-11-10 14:30"),
        ("2025-11-10T14:30:00+01:00", "2025-11-10 14:30"),
        # Not ISO 8601: pandas guesses, month first.
        ("12/01/2023", "2023-12-01 00:00"),
        ("1 December 2023", "2023-12-01 00:00"),
    ],
)
def test_dates_worked_by_hand(given: str, expected: str) -> None:
    stamp = date(given)
    assert stamp == pd.Timestamp(expected)
    assert stamp.tzinfo is None


def test_an_empty_date_is_none_and_an_unreadable_one_says_so() -> None:
    assert date(None) is None
    assert date("") is None
    with pytest.raises(ValueError, match="unreadable date 'not a date'"):
        date("not a date")
    with pytest.raises(ValueError, match="unreadable date '2023-02-30'"):
        date("2023-02-30")


def test_every_corpus_date_reads_as_pandas_reads_it(corpus_records: dict[int, dict]) -> None:
    keys = (
        "dateTabled",
        "dateForAnswer",
        "dateAnswered",
        "dateAnswerCorrected",
        "dateHoldingAnswer",
    )
    given = {r[key] for r in corpus_records.values() for key in keys if r.get(key)}
    assert len(given) > 200  # distinct dates (the API repeats them)
    for value in given:
        assert date(value) == pd.to_datetime(value), value


def test_flags_ids_and_cells() -> None:
    assert [flag(v) for v in (True, "yes", "0", "F", None, "", float("nan"))] == [
        True,
        True,
        False,
        False,
        None,
        None,
        None,
    ]
    with pytest.raises(ValueError, match="unreadable yes/no value 'maybe'"):
        flag("maybe")
    assert int_or_none("17") == 17 and int_or_none("") is None and int_or_none(None) is None
    assert [text_cell(v) for v in (None, float("nan"), pd.NA, 3, "a")] == ["", "", "", "3", "a"]
    assert [bool_cell(v) for v in ("Yes", "t", "no", None, "maybe")] == [
        True,
        True,
        False,
        False,
        False,
    ]
