"""Answer Language: what UK government written answers say and commit to.

The public names (README; contract in ../shared/docs/contract.md):

* :func:`load_answers`: read API JSON, scraped pages and tables into one frame of answers;
* :func:`sentence_table`: every sentence of an answer, labelled for time, commitment and
  specificity, with the cues that decided each label;
* :func:`score_answers`: readability, specificity, commitment, time shares, responsiveness,
  reuse and deflection, one row per answer (:func:`score` also returns the sentences);
* :func:`evaluate`: labelled sentences against the labelers (accuracy, macro-F1, confusion).
"""

from analysis.evaluation import evaluate
from analysis.labels import sentence_table
from analysis.loading import load_answers
from analysis.scoring import score, score_answers

__all__ = ["evaluate", "load_answers", "score", "score_answers", "sentence_table"]
__version__ = "0.1.0"
