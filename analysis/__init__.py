"""Answer Language: what UK government written answers say and commit to.

The public names (README; contract in ../shared/docs/contract.md):

* :func:`load_answers`: read API JSON, scraped pages and tables into one frame of answers;
* :func:`sentence_table`: every sentence of an answer, labelled for time, commitment and
  specificity, with the cues that decided each label;
* :func:`score_answers`: readability, specificity, commitment, time shares, responsiveness,
  reuse and deflection, one row per answer (:func:`score` also returns the sentences);
* :func:`promises` (and :func:`follow_up`, with the mentions): promises followed across
  answers, each thread with its status (delivered, slipped, overdue, repeated, open);
* :func:`evaluate`: labelled sentences against the labelers (accuracy, macro-F1, confusion);
* :func:`labelled_sentences`, :func:`labelled_pairs`: the reader-labelled data they are judged
  on (``data/labelled/``).

They are imported on first use, so ``answer-language fetch`` starts without loading pandas,
textstat and the lexicons.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "evaluate",
    "follow_up",
    "labelled_pairs",
    "labelled_sentences",
    "load_answers",
    "promises",
    "score",
    "score_answers",
    "sentence_table",
]
__version__ = "0.1.0"

_HOMES = {
    "evaluate": "analysis.validation.evaluation",
    "follow_up": "analysis.followup",
    "labelled_pairs": "analysis.sources.labelled",
    "labelled_sentences": "analysis.sources.labelled",
    "load_answers": "analysis.sources.loading",
    "promises": "analysis.followup",
    "score": "analysis.measures.scoring",
    "score_answers": "analysis.measures.scoring",
    "sentence_table": "analysis.labelers.sentence_table",
}

if TYPE_CHECKING:
    from analysis.followup import follow_up, promises
    from analysis.labelers.sentence_table import sentence_table
    from analysis.measures.scoring import score, score_answers
    from analysis.sources.labelled import labelled_pairs, labelled_sentences
    from analysis.sources.loading import load_answers
    from analysis.validation.evaluation import evaluate


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
