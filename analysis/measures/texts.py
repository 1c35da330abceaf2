"""One answer text, scored: its labelled sentences, its own scores, and its asks per question.

:func:`score_texts` is the pure core of :mod:`analysis.measures.scoring`: what depends on one
text and the questions it answers (so it can run in another process, or come from the cache),
for many texts at once so the learned labelers read their sentences in one matrix. Which columns
the scores hold: :mod:`analysis.measures.scoring`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import pandas as pd

from analysis.labelers.deflection import deflection_counts
from analysis.labelers.sentence_table import SENTENCE_COLUMNS, label_texts
from analysis.labelers.specificity import COUNT_COLUMNS, specificity_score
from analysis.labelers.vocabulary import COMMITMENT_LEVELS, TIME_LABELS
from analysis.measures.learned_asks import answer_statuses
from analysis.measures.readability import readability_of_sentences
from analysis.measures.responsiveness import judge_many

# An answer text with the questions it answers: what is scored once, and cached.
Unit = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class TextScores:
    """What :func:`score_text` gives for one text: its sentence records, its per-answer scores,
    and per question the response columns and the asks."""

    records: list[dict]
    scores: dict[str, object]
    responses: dict[str, tuple[dict[str, object], list[dict[str, object]]]]


def _expected(records: list[dict], label: str, value: str) -> float:
    """The expected count of sentences whose ``label`` is ``value``: the sum, in sentence order,
    of the probabilities the learned labelers gave it."""
    key = f"{label}_probabilities"
    return sum(float(record[key].get(value, 0.0)) for record in records)


def _answer_scores(records: list[dict], table_cells: int) -> dict[str, object]:
    sentences = [r["sentence"] for r in records]
    scores: dict[str, object] = readability_of_sentences(sentences).as_dict()
    count = len(records)
    scores["table_cell_count"] = table_cells
    details = {column: sum(int(r[column]) for r in records) for column in COUNT_COLUMNS}
    scores.update(details)
    scores["specificity"] = specificity_score(sum(details.values()), count)
    # Shares and the mean level are expected values over each sentence's class probabilities:
    # with calibrated probabilities they do not carry the labelers' lean towards one class, as
    # counts of the most probable labels do (those counts are kept beside them).
    expected_specific = _expected(records, "specific", "true")
    scores["specific_expected_count"] = expected_specific
    scores["specific_share"] = expected_specific / count if count else pd.NA
    levels = [r["commitment"] for r in records if r["commitment"] is not None]
    scores["commitment_sentence_count"] = len(levels)
    level_counts = Counter(levels)
    expected_levels = {
        level: _expected(records, "commitment", str(level)) for level in COMMITMENT_LEVELS
    }
    for level in COMMITMENT_LEVELS:
        scores[f"commitment_{level}_count"] = level_counts.get(level, 0)
        scores[f"commitment_{level}_expected_count"] = expected_levels[level]
    with_level = sum(expected_levels.values())
    weighted = sum(level * n for level, n in expected_levels.items())
    scores["commitment"] = weighted / with_level if levels and with_level > 0 else pd.NA
    times = Counter(r["time"] for r in records)
    for label in TIME_LABELS:
        expected = _expected(records, "time", label)
        scores[f"{label}_count"] = times.get(label, 0)
        scores[f"{label}_expected_count"] = expected
        scores[f"{label}_share"] = expected / count if count else pd.NA
    deflecting, bodies = deflection_counts(records)
    scores["deflection_count"] = deflecting
    scores["deflection_share"] = deflecting / count if count else pd.NA
    scores["deflected_to"] = "; ".join(bodies)
    return scores


def score_text(text: str, questions: tuple[str, ...] = ()) -> TextScores:
    """Everything that depends on one answer text and the questions it answers: its labelled
    sentences, its per-answer scores, and for each question the asks and how they are met.
    Pure, so it can run in another process or come from the cache."""
    return score_texts([(text, questions)])[0]


def score_texts(units: Sequence[Unit], pool: Executor | None = None) -> list[TextScores]:
    """:func:`score_text` for many (text, questions) units at once: the learned labelers, the
    ask model and the answer model each read all the units' sentences or asks in one matrix.
    ``pool``: processes for the rules' reading of a long text
    (:func:`~analysis.labelers.sentence_table.label_texts`)."""
    labelled = label_texts([text for text, _ in units], pool=pool)
    items = [
        (question, records, cells > 0)
        for (_, questions), (records, cells) in zip(units, labelled, strict=True)
        for question in questions
    ]
    judged = judge_many(items)
    answered = answer_statuses([result.asks for result in judged])
    per_question = iter(zip(judged, answered, strict=True))
    scored = []
    for (_, questions), (records, cells) in zip(units, labelled, strict=True):
        responses = {}
        for question in questions:
            result, overall = next(per_question)
            statuses = Counter(ask.status for ask in result.asks)
            response = {
                "question_ask_count": result.question_ask_count,
                "asks_addressed_count": statuses["addressed"],
                "asks_partly_count": statuses["partly"],
                "asks_addressed_share": result.asks_addressed_share,
                "is_non_answer": result.is_non_answer,
                "non_answer_reason": result.non_answer_reason or "",
                "asks_answered": (overall or ("",))[0],
            }
            asks = [{"ask_index": n, **ask.as_record()} for n, ask in enumerate(result.asks)]
            responses[question] = (response, asks)
        scores = _answer_scores(records, cells)
        # Only the table's columns go back to the caller (and into the cache): what the
        # rules and models read on the way stays here.
        kept = [{column: record[column] for column in SENTENCE_COLUMNS} for record in records]
        scored.append(TextScores(kept, scores, responses))
    return scored
