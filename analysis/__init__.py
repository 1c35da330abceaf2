"""Answer Language: what UK government written answers say and commit to.

The public names (README; contract in ../shared/docs/contract.md):

* :func:`load_answers`: read API JSON, scraped pages and tables into one frame of answers;
* :func:`sentence_table`: every sentence of an answer, labelled for time, commitment and
  specificity, with the cues that decided each label;
* :func:`score_answers`: readability, specificity, commitment, time shares, responsiveness,
  reuse and deflection, one row per answer (:func:`score` also returns the sentences);
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
    "labelled_pairs",
    "labelled_sentences",
    "load_answers",
    "score",
    "score_answers",
    "sentence_table",
]
__version__ = "0.1.0"

_HOMES = {
    "evaluate": "analysis.evaluation",
    "labelled_pairs": "analysis.labelled",
    "labelled_sentences": "analysis.labelled",
    "load_answers": "analysis.loading",
    "score": "analysis.scoring",
    "score_answers": "analysis.scoring",
    "sentence_table": "analysis.labels",
}

if TYPE_CHECKING:
    from analysis.evaluation import evaluate
    from analysis.labelled import labelled_pairs, labelled_sentences
    from analysis.labels import sentence_table
    from analysis.loading import load_answers
    from analysis.scoring import score, score_answers


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
