"""``score_answers``: one row of scores per answer, built from its labelled sentences.

Every per-answer figure is an aggregate of the sentence table
(:mod:`analysis.labelers.sentence_table`), and the counts behind each share or mean are returned
beside it so a reader can recompute it:

* readability (:mod:`analysis.measures.readability`): ``word_count``, ``sentence_count`` and
  the five formulas, on the answer's prose sentences (tables counted apart in ``table_cell_count``);
* ``specificity``: checkable details per sentence, with ``number_count`` ... ``source_count``
  (summed over sentences) and ``specific_share`` (share of sentences with at least one);
* ``commitment``: the mean level (0-3) of the sentences that have one, NA when none has; the
  sentences at each level are counted in ``commitment_0_count`` ... ``commitment_3_count``;
* ``future_share``, ``current_share``, ``past_share``, ``none_share`` with their counts;
* ``deflection_share``: sentences that pass the question to another body / all sentences, with
  ``deflection_count``; ``deflected_to``: the bodies named, ``;``-separated
  (:mod:`analysis.labelers.deflection`);
* ``question_ask_count``, ``asks_addressed_share`` (with ``asks_addressed_count`` and
  ``asks_partly_count``), ``is_non_answer`` and ``non_answer_reason``
  (:mod:`analysis.measures.responsiveness`);
* ``stock_share`` = ``stock_word_count`` / ``paragraph_word_count``
  (:mod:`analysis.measures.reuse`), which compares each answer with the others passed in;
* ``days_to_answer``, ``answered_on_time``, ``is_named_day``, ``had_holding_answer``
  (:mod:`analysis.measures.timeliness`), from the answer's dates, for every row.

:func:`score` also returns the sentence table, one row per ask (``asks``) and one row per prose
paragraph with its stock line (``paragraphs``).

Holding answers ("an answer is being prepared") say nothing yet: by default they keep their row
but get no scores (``is_scored`` False), and the frame's ``attrs["holding_answer_count"]`` counts
them. Answers with no prose sentence (a bare table) are scored with NA shares.
Deterministic: the same rows give the same scores.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis.labelers.sentence_table import SENTENCE_COLUMNS
from analysis.labelers.specificity import COUNT_COLUMNS
from analysis.labelers.vocabulary import COMMITMENT_LEVELS, TIME_LABELS
from analysis.measures.readability import READABILITY_COLUMNS
from analysis.measures.responsiveness import ASK_KINDS, NON_ANSWER_REASONS, STATUS_SCORES
from analysis.measures.reuse import find_stock_lines, stock_word_counts
from analysis.measures.texts import TextScores, Unit, score_text, score_texts
from analysis.measures.timeliness import timeliness
from analysis.pipeline.checks import DataCheckError, check_allowed, check_no_rows_lost, check_range
from analysis.pipeline.processes import default_workers, process_pool
from analysis.sources.loading import is_holding_text

if TYPE_CHECKING:
    from analysis.pipeline.score_cache import ScoreCache

# score_text and score_texts score one text (analysis.measures.texts); named here too, beside the
# frame-level score they serve.
__all__ = [
    "SCORE_COLUMNS",
    "Scored",
    "TextScores",
    "score",
    "score_answers",
    "score_text",
    "score_texts",
]

_RESPONSE_COLUMNS = [
    "question_ask_count",
    "asks_addressed_count",
    "asks_partly_count",
    "asks_addressed_share",
    "is_non_answer",
    "non_answer_reason",
    "asks_answered",
]
_STOCK_COLUMNS = ["stock_share", "stock_word_count", "paragraph_word_count"]
SCORE_COLUMNS = [
    "is_scored",
    *READABILITY_COLUMNS,
    "table_cell_count",
    "specificity",
    "specific_share",
    "specific_expected_count",
    *COUNT_COLUMNS,
    "commitment",
    "commitment_sentence_count",
    *(f"commitment_{level}_count" for level in COMMITMENT_LEVELS),
    *(f"commitment_{level}_expected_count" for level in COMMITMENT_LEVELS),
    *(f"{label}_share" for label in TIME_LABELS),
    *(f"{label}_count" for label in TIME_LABELS),
    *(f"{label}_expected_count" for label in TIME_LABELS),
    "deflection_share",
    "deflection_count",
    "deflected_to",
    *_RESPONSE_COLUMNS,
    *_STOCK_COLUMNS,
]
_TEXT_COLUMNS = ("deflected_to", "non_answer_reason", "asks_answered")
ASK_COLUMNS = [
    "id",
    "ask_index",
    "ask",
    "kind",
    "status",
    "status_probability",
    "score",
    "topic_share",
    "evidence",
]
_SHARE_COLUMNS = [
    "specific_share",
    "deflection_share",
    "asks_addressed_share",
    "stock_share",
    *(f"{label}_share" for label in TIME_LABELS),
]


@dataclass(frozen=True)
class Scored:
    """Scores per answer and what is behind them, each with the answer ``id``: the labelled
    sentences, the asks of each question, and the prose paragraphs with their stock lines."""

    answers: pd.DataFrame
    sentences: pd.DataFrame
    asks: pd.DataFrame
    paragraphs: pd.DataFrame


PARALLEL_MIN_TEXTS = 200  # fewer texts score faster in one process than it takes to start two


# Units scored together in one batch: enough for the models' matrices to pay, few enough that
# the two processes share the work evenly and a batch's records stay small in memory.
BATCH_UNITS = 64


# A text this long (about 7,500 words; the shared corpus's longest answer has 6,375 characters)
# is scored on its own, its sentences shared out among the processes.
LONG_TEXT_CHARACTERS = 50_000


def _is_long(unit: Unit) -> bool:
    return len(unit[0]) >= LONG_TEXT_CHARACTERS


def _pool(workers: int, units: list[Unit]) -> ProcessPoolExecutor | None:
    """``workers`` processes when there are enough units, or a long enough one, to pay for
    starting them, else None."""
    if workers <= 1 or (len(units) < PARALLEL_MIN_TEXTS and not any(map(_is_long, units))):
        return None
    return process_pool(workers)


def _score_units(units: list[Unit], pool: ProcessPoolExecutor | None) -> dict[Unit, TextScores]:
    """:func:`score_texts` for every unit, in batches of :data:`BATCH_UNITS`, in the ``pool``'s
    processes (None: in this one); with a pool, each long text (:data:`LONG_TEXT_CHARACTERS`)
    first, on its own, its sentences read by all the processes. The result does not depend on
    the pool or the batches (tested)."""
    long = [unit for unit in units if pool is not None and _is_long(unit)]
    scored = {unit: score_texts([unit], pool)[0] for unit in long}
    units = [unit for unit in units if unit not in scored]
    batches = [units[start : start + BATCH_UNITS] for start in range(0, len(units), BATCH_UNITS)]
    return scored | _collect(units, (pool.map if pool else map)(score_texts, batches))


# Fewer texts than this score in a few seconds: no progress bar.
PROGRESS_MIN_TEXTS = 2000


def _collect(units: list[Unit], batches: Iterable[list[TextScores]]) -> dict[Unit, TextScores]:
    """Each unit with its scores, the batches read as they come, with a tqdm bar of texts
    scored on stderr when it is a terminal and the work is long (silent in tests, notebooks
    and logs)."""
    from tqdm import tqdm

    shown = sys.stderr.isatty() and len(units) >= PROGRESS_MIN_TEXTS
    results: list[TextScores] = []
    with tqdm(total=len(units), desc="scoring", unit="text", disable=not shown, leave=False) as bar:
        for batch in batches:
            results.extend(batch)
            bar.update(len(batch))
    return dict(zip(units, results, strict=True))


def score(
    answers: pd.DataFrame,
    include_holding: bool = False,
    workers: int | None = None,
    cache: ScoreCache | None = None,
    compare_answers: bool = True,
) -> Scored:
    """Score every answer and return the scores and the sentence table (module docstring).

    ``answers`` needs an ``answer`` column (plain text or HTML); ``question``, ``id`` and
    ``answer_group`` are used when present. ``workers``: processes to use (default
    :func:`~analysis.pipeline.processes.default_workers`); ``cache``: a
    :class:`~analysis.pipeline.score_cache.ScoreCache` that keeps each text's scores between
    runs, so only new or changed answers are scored again. Neither changes the result.
    ``compare_answers=False`` leaves out the one measure that compares answers with each other
    (stock lines: NA), for :mod:`analysis.measures.streaming`, which finds them across all
    chunks itself.
    """
    if "answer" not in answers.columns:
        raise DataCheckError("score_answers needs a frame with an 'answer' column")
    frame = answers.copy()
    # From the dates alone, so holding answers get them too.
    for column, values in timeliness(frame).items():
        frame[column] = values
    texts = frame["answer"].fillna("").astype(str)
    if "is_holding_answer" in frame.columns:
        holding = frame["is_holding_answer"].fillna(False).astype(bool)
    else:
        holding = texts.map(is_holding_text).astype(bool)
        frame["is_holding_answer"] = holding
    scored_mask = ~holding if not include_holding else pd.Series(True, index=frame.index)
    questions = (
        frame["question"].fillna("").astype(str)
        if "question" in frame.columns
        else pd.Series("", index=frame.index)
    )
    ids = (
        frame["id"].astype(str)
        if "id" in frame.columns
        else pd.Series(frame.index.astype(str), index=frame.index)
    )

    # Plain lists, row by row: label look-ups on the frame cost more than scoring some rows.
    text_list, question_list = texts.tolist(), questions.tolist()
    scored_list, id_list = scored_mask.tolist(), ids.tolist()
    # One unit per distinct text, with every question it answers: grouped answers share a text.
    asked: dict[str, set[str]] = {}
    for text, question, is_scored in zip(text_list, question_list, scored_list, strict=True):
        if not is_scored:
            continue
        asked.setdefault(text, set())
        if question.strip():
            asked[text].add(question)
    units = [(text, tuple(sorted(qs))) for text, qs in asked.items()]
    results = cache.get_many(units) if cache is not None else {}
    missing = [unit for unit in units if unit not in results]
    pool = _pool(workers if workers is not None else default_workers(), missing)
    with pool or nullcontext():
        # The stock pass compares all answers, so it cannot be cut into batches: it runs in one
        # of the processes while the others score, instead of after them.
        stock_job = (
            pool.submit(_stock, frame[scored_mask], ids[scored_mask])
            if pool and compare_answers
            else None
        )
        fresh = _score_units(missing, pool)
        stock_result = stock_job.result() if stock_job is not None else None
    if cache is not None and fresh:
        cache.put_many(fresh)
    results.update(fresh)
    unit_of = {text: (text, qs) for text, qs in units}

    rows: list[dict[str, object]] = []
    sentence_rows: list[dict[str, object]] = []
    ask_rows: list[dict[str, object]] = []
    for text, question, is_scored, answer_id in zip(
        text_list, question_list, scored_list, id_list, strict=True
    ):
        if not is_scored:
            row: dict[str, object] = {"is_scored": False}
            if not question.strip():
                row["question_ask_count"] = 0
            rows.append(row)
            continue
        result = results[unit_of[text]]
        row = {"is_scored": True, **result.scores}
        if question.strip():
            response, asks = result.responses[question]
            row.update(response)
            ask_rows.extend({"id": answer_id, **ask} for ask in asks)
        else:
            row["question_ask_count"] = 0
        rows.append(row)
        sentence_rows.extend({"id": answer_id, **record} for record in result.records)

    scores = pd.DataFrame(rows, index=frame.index)  # columns no row has are added as NA below
    if compare_answers:
        paragraphs, stock = stock_result or _stock(frame[scored_mask], ids[scored_mask])
        scores = scores.join(stock)
    else:
        paragraphs = pd.DataFrame(columns=["id", "paragraph", "word_count", "text", "line"])

    scored = pd.concat([frame, _typed_scores(scores)], axis=1)
    scored.attrs["holding_answer_count"] = int(holding.sum())
    scored.attrs["texts_scored"] = len(fresh)
    scored.attrs["texts_from_cache"] = len(units) - len(fresh)
    check_scores(scored, len(answers))
    sentences = _typed_sentences(pd.DataFrame(sentence_rows, columns=["id", *SENTENCE_COLUMNS]))
    asks = pd.DataFrame(ask_rows, columns=ASK_COLUMNS)
    asks["ask_index"] = asks["ask_index"].astype("int64")
    asks["topic_share"] = pd.array(asks["topic_share"].tolist(), dtype="Float64")
    asks["status_probability"] = pd.array(asks["status_probability"].tolist(), dtype="Float64")
    check_allowed(sentences, "time", TIME_LABELS, "sentences")
    check_allowed(sentences, "commitment", COMMITMENT_LEVELS, "sentences")
    check_allowed(asks, "kind", ASK_KINDS, "asks")
    check_allowed(asks, "status", STATUS_SCORES, "asks")
    return Scored(scored, sentences, asks, paragraphs)


def score_answers(answers: pd.DataFrame, include_holding: bool = False) -> pd.DataFrame:
    """The answers with their scores (see the module docstring for every column)."""
    return score(answers, include_holding=include_holding).answers


def _stock(frame: pd.DataFrame, ids: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The prose paragraphs of the scored answers with their stock lines (keyed by ``id``), and
    per answer (on ``frame``'s index) the stock and paragraph word counts and ``stock_share``.

    Grouped questions answered together (``answer_group``) count as one question; without the
    column every answer is its own question. With fewer than two questions there is nothing
    to compare: the stock columns are NA.
    """
    columns = [c for c in ("answer", "answer_group", "department", "date_answered") if c in frame]
    found = find_stock_lines(frame[columns].reset_index(drop=True)).paragraphs
    stock = pd.DataFrame(index=frame.index, columns=_STOCK_COLUMNS)
    if found["question"].nunique() >= 2:
        counts = stock_word_counts(
            found["row"], found["word_count"], found["is_stock"], pd.RangeIndex(len(frame))
        )
        for column in _STOCK_COLUMNS:
            stock[column] = counts[column].to_numpy()
    found.insert(0, "id", ids.to_numpy()[found["row"].to_numpy()] if len(found) else [])
    return found.drop(columns="row"), stock


def _typed_scores(scores: pd.DataFrame) -> pd.DataFrame:
    for column in SCORE_COLUMNS:
        if column not in scores.columns:
            scores[column] = pd.NA
    scores = scores[SCORE_COLUMNS].copy()
    scores["is_scored"] = scores["is_scored"].astype(bool)
    int_columns = [
        *(column for column in READABILITY_COLUMNS if column.endswith("_count")),
        "table_cell_count",
        *COUNT_COLUMNS,
        "commitment_sentence_count",
        *(f"commitment_{level}_count" for level in COMMITMENT_LEVELS),
        *(f"{label}_count" for label in TIME_LABELS),
        "question_ask_count",
        "asks_addressed_count",
        "asks_partly_count",
        "deflection_count",
        "stock_word_count",
        "paragraph_word_count",
    ]
    for column in int_columns:
        scores[column] = pd.array(pd.to_numeric(scores[column], errors="coerce"), dtype="Int64")
    float_columns = [
        c
        for c in SCORE_COLUMNS
        if c not in int_columns and c not in ("is_scored", "is_non_answer", *_TEXT_COLUMNS)
    ]
    for column in float_columns:
        values = pd.to_numeric(scores[column], errors="coerce")
        scores[column] = pd.array(values, dtype="Float64")
    scores["is_non_answer"] = pd.array(scores["is_non_answer"].tolist(), dtype="boolean")
    for column in _TEXT_COLUMNS:
        scores[column] = scores[column].fillna("").astype(str)
    return scores


def _typed_sentences(frame: pd.DataFrame) -> pd.DataFrame:
    frame["id"] = frame["id"].astype(str)
    for column in ("sentence_index", "paragraph", "word_count", *COUNT_COLUMNS):
        frame[column] = frame[column].astype("int64")
    frame["is_list_item"] = frame["is_list_item"].astype(bool)
    frame["specific"] = frame["specific"].astype(bool)
    frame["commitment"] = pd.array(frame["commitment"].tolist(), dtype="Int64")
    for column in ("time_probability", "commitment_probability", "specific_probability"):
        frame[column] = frame[column].astype(float)
    return frame


def check_scores(scored: pd.DataFrame, rows_in: int) -> None:
    """Fail loudly if a row was lost or a score is out of its range."""
    check_no_rows_lost(rows_in, len(scored), "score_answers")
    for column in _SHARE_COLUMNS:
        check_range(scored, column, 0.0, 1.0)
    check_range(scored, "commitment", 0.0, 3.0)
    check_range(scored, "days_to_answer", 0, float("inf"))
    check_range(scored, "specificity", 0.0, float("inf"))
    # No upper bound: one 20,000-word sentence has a grade of 7,800, which is what the formula
    # gives; a grade below -20 would mean broken counts.
    check_range(scored, "flesch_kincaid_grade", -20.0, float("inf"))
    check_allowed(scored, "is_scored", (True, False), "scores")
    check_allowed(scored, "non_answer_reason", ("", *NON_ANSWER_REASONS), "scores")
    check_allowed(scored, "asks_answered", ("", "all", "some", "none"), "scores")
