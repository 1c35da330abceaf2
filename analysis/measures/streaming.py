"""Score an archive too large to hold in memory: chunk by chunk, in two passes.

:func:`analysis.measures.scoring.score` holds every answer, sentence and paragraph at once. For a
whole archive (half a million answers and more) :func:`score_in_chunks` reads the answers a chunk at
a time and writes each chunk's scores to Parquet files as it goes, so memory depends on the chunk
size, not the archive:

1. **Pass 1**, per chunk: every per-answer measure except stock lines (``score(...,
   compare_answers=False)``, with the per-text cache, so a text seen before is not scored
   again); the chunk's answers, sentences and asks are written to ``answers-NNNNN.parquet``,
   ``sentences-NNNNN.parquet`` and ``asks-NNNNN.parquet``; each long-enough prose paragraph
   is reduced to its normalised form (:func:`analysis.measures.reuse.normalise_paragraph`), kept
   once in an index of distinct
   paragraphs with the first two questions that used it (all a stock decision needs).
2. **Between passes**: near copies among the distinct paragraphs are joined into lines as
   :func:`analysis.measures.reuse.near_copy_lines` does for one frame; a line is stock when its
   paragraphs answer two or more different questions.
3. **Pass 2**, per chunk: ``stock_share``, ``stock_word_count`` and ``paragraph_word_count``
   are filled in and the answers file rewritten.

The result equals :func:`analysis.measures.scoring.score` on the same answers (tested), except that
``paragraphs`` tables are not written. Memory grows only with the number of *distinct*
paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.measures.reuse import keyed_paragraphs, near_copy_lines, stock_word_counts
from analysis.measures.scoring import score
from analysis.pipeline.checks import DataCheckError
from analysis.pipeline.score_cache import ScoreCache


@dataclass(frozen=True)
class StreamSummary:
    """What :func:`score_in_chunks` wrote: the files, and counts to check it against."""

    answer_files: list[Path]
    sentence_files: list[Path]
    answer_count: int
    sentence_count: int
    distinct_paragraph_count: int
    stock_line_count: int


def score_in_chunks(
    chunks: Iterable[pd.DataFrame],
    out_dir: str | Path,
    cache: ScoreCache | None = None,
    workers: int | None = None,
) -> StreamSummary:
    """Score answers chunk by chunk into ``out_dir`` (module docstring).

    Each chunk is a frame as :func:`analysis.measures.scoring.score` takes; ``id`` values must be
    unique across all chunks (checked). Returns the files written and the counts.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    key_number: dict[str, int] = {}  # normalised paragraph -> its number
    questions_of_key: list[list[str]] = []  # the first two distinct questions using each
    seen_ids: set[str] = set()
    questions_with_prose: set[str] = set()  # only whether it reaches two matters: kept tiny
    answer_files, sentence_files = [], []
    answer_count = sentence_count = 0
    for number, chunk in enumerate(chunks):
        result = score(chunk, cache=cache, workers=workers, compare_answers=False)
        answers = result.answers
        ids = answers["id"].astype(str) if "id" in answers else answers.index.astype(str)
        repeated = seen_ids.intersection(ids)
        if repeated or ids.duplicated().any():
            raise DataCheckError(
                f"score_in_chunks: answer ids repeat across chunks (e.g. {sorted(repeated)[:3]})"
            )
        seen_ids.update(ids)
        groups = (
            answers["answer_group"].astype(str) if "answer_group" in answers else pd.Series(ids)
        )
        rows = []
        for answer_id, group, text, scored in zip(
            ids, groups, answers["answer"].fillna("").astype(str), answers["is_scored"], strict=True
        ):
            if not scored:
                continue
            for _, words, normal in keyed_paragraphs(text):
                if len(questions_with_prose) < 2:
                    questions_with_prose.add(group)
                key = -1
                if normal is not None:
                    key = key_number.setdefault(normal, len(key_number))
                    if key == len(questions_of_key):
                        questions_of_key.append([])
                    users = questions_of_key[key]
                    if len(users) < 2 and group not in users:
                        users.append(group)
                rows.append((answer_id, words, key))
        answer_file = out / f"answers-{number:05d}.parquet"
        sentence_file = out / f"sentences-{number:05d}.parquet"
        answers.to_parquet(answer_file, index=False)
        result.sentences.to_parquet(sentence_file, index=False)
        result.asks.to_parquet(out / f"asks-{number:05d}.parquet", index=False)
        keys = pd.DataFrame(rows, columns=["id", "word_count", "key"])
        keys.to_parquet(out / f"paragraph-keys-{number:05d}.parquet", index=False)
        answer_files.append(answer_file)
        sentence_files.append(sentence_file)
        answer_count += len(answers)
        sentence_count += len(result.sentences)

    # Lines of near copies over the distinct paragraphs; stock when two questions use a line.
    line_of_key = near_copy_lines(list(key_number))
    users_of_line: dict[int, set[str]] = {}
    for key, line in enumerate(line_of_key):
        users_of_line.setdefault(line, set()).update(questions_of_key[key])
    stock_keys = {key for key, line in enumerate(line_of_key) if len(users_of_line[line]) >= 2}

    compared = len(questions_with_prose) >= 2  # as score(): NA with nothing to compare
    for answer_file in answer_files:
        keys_file = answer_file.with_name(answer_file.name.replace("answers-", "paragraph-keys-"))
        keys = pd.read_parquet(keys_file)
        answers = pd.read_parquet(answer_file)
        ids = pd.Index(answers["id"].astype(str))
        counts = stock_word_counts(
            keys["id"], keys["word_count"], keys["key"].isin(stock_keys), ids
        ).set_axis(answers.index)
        # As score(): NA for an unscored answer, and every stock column NA when fewer than two
        # questions were compared.
        scored = answers["is_scored"].to_numpy() & compared
        for column, dtype in (
            ("paragraph_word_count", "Int64"),
            ("stock_word_count", "Int64"),
            ("stock_share", "Float64"),
        ):
            answers[column] = pd.array(counts[column].where(scored), dtype=dtype)
        answers.to_parquet(answer_file, index=False)
        keys_file.unlink()
    stock_lines = len({line_of_key[key] for key in stock_keys})
    return StreamSummary(
        answer_files, sentence_files, answer_count, sentence_count, len(key_number), stock_lines
    )
