"""``sentence_table``: every sentence of an answer, labelled for time, commitment and specificity.

One row per prose sentence (table cells are not sentences: see :mod:`analysis.text`), in order.
Each sentence is read once (:func:`analysis.grammar.parse`) and the three labelers share that
reading. The ``cues`` column says, for each label, the words that decided it, so a reader can
check every label against the guide (../shared/docs/sentence-labels.md).
"""

from __future__ import annotations

import pandas as pd

from analysis.commitment import label_commitment
from analysis.grammar import parse
from analysis.specificity import COUNT_COLUMNS, DETAIL_KINDS, defined_acronyms, specificity_of
from analysis.text import split_text
from analysis.time_frame import TimeLabel, label_time

SENTENCE_COLUMNS = [
    "sentence_index",
    "paragraph",
    "is_list_item",
    "sentence",
    "word_count",
    "time",
    "commitment",
    "specific",
    *COUNT_COLUMNS,
    "deflected_to",
    "time_cues",
    "commitment_cues",
    "specific_cues",
    "cues",
]


def label_sentence(
    sentence: str, generic_acronyms: frozenset[str] = frozenset()
) -> dict[str, object]:
    """The labels, counts and cues of one sentence.

    ``generic_acronyms``: abbreviations the answer defines for ordinary words (see
    :func:`analysis.specificity.defined_acronyms`); they are not names.
    """
    parsed = parse(sentence)
    time = label_time(sentence, parsed)
    detail = specificity_of(sentence, parsed, generic_acronyms)
    commitment = label_commitment(sentence, parsed, time, detail.specific)
    if commitment.level == 0 and time.time != "none":
        # A refusal, deflection or referral reports no action (the guide: "There are no plans
        # to X" is none).
        time = TimeLabel(
            "none", ("none: refusal or deflection (commitment 0)", *time.cues), time.group
        )
    time_cues = "; ".join(time.cues)
    commitment_cues = "; ".join(commitment.cues)
    specific_cues = "; ".join(detail.cues) or "no checkable detail"
    return {
        "time": time.time,
        "commitment": commitment.level,
        "specific": detail.specific,
        **{f"{kind}_count": detail.counts[kind] for kind in DETAIL_KINDS},
        "deflected_to": "; ".join(commitment.deflected_to),
        "time_cues": time_cues,
        "commitment_cues": commitment_cues,
        "specific_cues": specific_cues,
        "cues": f"time [{time_cues}] | commitment [{commitment_cues}] | specific [{specific_cues}]",
    }


def sentence_table(text: str) -> pd.DataFrame:
    """One row per sentence of ``text`` (plain text or answer HTML), in order, with its labels.

    Columns: ``sentence_index``, ``paragraph``, ``is_list_item``, ``sentence``, ``word_count``,
    ``time`` (future/current/past/none), ``commitment`` (nullable Int 0-3, NA when the sentence
    reports no action of government), ``specific`` (bool), the detail counts behind it
    (``number_count`` ... ``source_count``), ``deflected_to``, and the cues that decided each
    label (``time_cues``, ``commitment_cues``, ``specific_cues`` and all three in ``cues``).
    Empty text gives an empty table with these columns.
    """
    rows = []
    acronyms = defined_acronyms(text or "")
    for index, sentence in enumerate(split_text(text or "").sentences):
        rows.append(
            {
                "sentence_index": index,
                "paragraph": sentence.paragraph,
                "is_list_item": sentence.is_list_item,
                "sentence": sentence.text,
                "word_count": len(sentence.text.split()),
                **label_sentence(sentence.text, acronyms),
            }
        )
    return _typed(pd.DataFrame(rows, columns=SENTENCE_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["sentence_index"] = frame["sentence_index"].astype("int64")
    frame["paragraph"] = frame["paragraph"].astype("int64")
    frame["is_list_item"] = frame["is_list_item"].astype(bool)
    frame["word_count"] = frame["word_count"].astype("int64")
    frame["commitment"] = pd.array(frame["commitment"].tolist(), dtype="Int64")
    frame["specific"] = frame["specific"].astype(bool)
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    for column in (
        "sentence",
        "time",
        "deflected_to",
        "time_cues",
        "commitment_cues",
        "specific_cues",
        "cues",
    ):
        frame[column] = frame[column].astype("str")
    return frame
