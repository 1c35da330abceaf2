"""The labelers on a data set's sentences, with a time limit per sentence.

A sentence that keeps the labelers busy over :data:`LABEL_TIME_LIMIT_SECONDS` is counted as the
negative class (not specific, not a pledge) and reported in the run's notes, so one pathological
sentence cannot stall a run (docs/external-checks.md names the one found).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from analysis.labelers.sentence_table import labelled_alone, rule_labels

# A sentence that keeps a labeler busy longer than this is recorded as a time-out (and predicted
# as the negative class) instead of stalling the run; see the time-outs in the run's notes.
LABEL_TIME_LIMIT_SECONDS = 2.0


class LabelTimeout(RuntimeError):
    """A labeler took longer than the time limit on one sentence."""


@contextmanager
def _alarm_handler(enabled: bool) -> Iterator[bool]:
    """Install a SIGALRM handler that raises :class:`LabelTimeout`, where signals can be used.

    Signals work only in the main thread on POSIX; elsewhere the run has no time limit.
    """
    usable = (
        enabled
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield False
        return

    def _raise(signum: int, frame: object) -> None:
        raise LabelTimeout

    previous = signal.signal(signal.SIGALRM, _raise)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def label_sentences(
    sentences: Sequence[str], time_limit: float | None = LABEL_TIME_LIMIT_SECONDS
) -> tuple[list[dict[str, object] | None], list[int]]:
    """:func:`analysis.labelers.sentence_table.label_sentence` on each sentence, with a per-sentence
    time limit.

    Returns the labels (``None`` for a sentence that timed out) and the positions that timed
    out. ``time_limit=None`` labels without a limit.
    """
    records: list[dict[str, object] | None] = []
    timed_out: list[int] = []
    with _alarm_handler(time_limit is not None) as limited:
        for index, sentence in enumerate(sentences):
            record = None
            try:
                if limited:
                    signal.setitimer(signal.ITIMER_REAL, time_limit)
                # The rules read one sentence at a time (the time limit is per sentence).
                record = {"sentence": sentence, **rule_labels(sentence)}
            except LabelTimeout:
                timed_out.append(index)
            finally:
                if limited:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            records.append(record)
    # The learned labelers then read all the sentences at once.
    labelled_alone([record for record in records if record is not None])
    return records, timed_out


def timeout_notes(dataset: str, timed_out: list[int], counted_as: str) -> list[str]:
    """The run's note on the sentences that timed out, none when none did."""
    if not timed_out:
        return []
    return [
        f"{dataset}: {len(timed_out)} sentence(s) took the labeler over "
        f"{LABEL_TIME_LIMIT_SECONDS:g} s and count as {counted_as}"
    ]
