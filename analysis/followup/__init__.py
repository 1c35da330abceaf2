"""Promises followed up: what government said it would do, and whether later answers say it did.

:func:`follow_up` finds every mention of a followable object in the answers' labelled sentences
(:mod:`analysis.followup.table`), resolves each promise's deadline against its answer's date
(:mod:`analysis.followup.deadlines`) and joins the promises of one undertaking into a thread with
its status (:mod:`analysis.followup.threads`). :func:`promises` returns the threads alone: it is
the public ``analysis.promises``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class FollowUp:
    """The threads (one row per undertaking) and the mentions behind them."""

    threads: pd.DataFrame
    mentions: pd.DataFrame


def follow_up(
    answers: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    as_of: pd.Timestamp | None = None,
) -> FollowUp:
    """Threads and mentions of the answers.

    ``sentences``: their labelled sentences (``analysis.score(answers).sentences`` or
    ``data/processed``); when not given the answers are scored first. ``as_of``: the date the
    statuses are judged on (default: the latest answer's date).
    """
    from analysis.followup.table import mentions as find_mentions
    from analysis.followup.threads import promise_id, threads

    if sentences is None:
        from analysis.measures.scoring import score

        sentences = score(answers).sentences
    found = find_mentions(answers, sentences)
    found.insert(
        0,
        "promise_id",
        [
            promise_id(key, action) if promised else ""
            for key, action, promised in zip(
                found["object"], found["action"], found["is_promise"], strict=True
            )
        ],
    )
    return FollowUp(threads(found, as_of), found)


def promises(
    answers: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per undertaking followed across answers (see :mod:`analysis.followup.threads`)."""
    return follow_up(answers, sentences, as_of).threads
