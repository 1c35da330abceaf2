"""CLEAR: teacher-judged easiness of excerpts.

**CLEAR** (``clear_corpus_commonlit``, 4,724 excerpts, ``BT_easiness``: higher = easier).
Spearman correlation of our :func:`analysis.measures.readability.readability` (on the project's
own sentence splitting) with easiness, beside textstat 0.7.13's functions on the raw excerpt
(README: Flesch 0.547, Dale-Chall 0.540 in magnitude) and the file's own formula columns.
Spearman = Pearson correlation of average ranks (scipy is not a dependency).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import textstat

# Importing analysis.measures.readability also points textstat at the packaged CMU dictionary, so
# the textstat calls below never reach for the network.
from analysis.measures.readability import readability
from analysis.validation.external.common import (
    DEFAULT_SEED,
    RESULT_COLUMNS,
    eval_dir,
    result_row,
    sample_rows,
)
from analysis.validation.external.metrics import spearman

# Figures from ../shared/eval/README.md.
TEXTSTAT_CLEAR_FLESCH = 0.547
TEXTSTAT_CLEAR_DALE_CHALL = 0.540

_CLEAR_FILE_COLUMNS = {
    "flesch_reading_ease": "Flesch-Reading-Ease",
    "dale_chall": "New Dale-Chall Readability Formula",
    "flesch_kincaid_grade": "Flesch-Kincaid-Grade-Level",
}
_TEXTSTAT: dict[str, Callable[[str], float]] = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "dale_chall": textstat.dale_chall_readability_score,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
}
_CLEAR_README = {
    "flesch_reading_ease": f"README {TEXTSTAT_CLEAR_FLESCH}",
    "dale_chall": f"README {TEXTSTAT_CLEAR_DALE_CHALL:.3f} in magnitude",
    "flesch_kincaid_grade": "no README figure",
}


def load_clear(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 4,724 CLEAR excerpts: ``id``, ``excerpt``, ``easiness`` (BT_easiness, higher =
    easier) and the file's own formula columns as ``file_<our name>``."""
    raw = pd.read_csv(eval_dir() / "clear_corpus_commonlit" / "CLEAR_corpus_final.csv")
    frame = pd.DataFrame(
        {
            "id": raw["ID"],
            "excerpt": raw["Excerpt"].astype(str),
            "easiness": raw["BT_easiness"].astype(float),
        }
    )
    for ours, theirs in _CLEAR_FILE_COLUMNS.items():
        frame[f"file_{ours}"] = raw[theirs].astype(float)
    return sample_rows(frame, sample, seed)


def score_clear(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with our formulas, textstat's (``textstat_`` prefix) and the sentence counts."""
    out = frame.copy()
    ours = [readability(text) for text in out["excerpt"]]
    for measure, function in _TEXTSTAT.items():
        out[measure] = [getattr(r, measure) for r in ours]
        out[f"textstat_{measure}"] = out["excerpt"].map(function).astype(float)
    out["sentence_count"] = [r.sentence_count for r in ours]
    out["textstat_sentence_count"] = out["excerpt"].map(textstat.sentence_count)
    return out


def check_clear(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the CLEAR check (the mapping in the module docstring), and notes."""
    scored = score_clear(load_clear(sample, seed))
    easiness = scored["easiness"]
    rows = [
        result_row(
            "clear",
            f"Spearman {measure} vs BT_easiness",
            "our formula on our sentence splitting vs teacher easiness (higher = easier)",
            len(scored),
            spearman(scored[measure], easiness),
            (
                spearman(scored[f"textstat_{measure}"], easiness),
                f"textstat 0.7.13 on the raw excerpt ({_CLEAR_README[measure]})",
            ),
            (
                spearman(scored[f"file_{measure}"], easiness),
                f"CLEAR file's own column '{_CLEAR_FILE_COLUMNS[measure]}'",
            ),
        )
        for measure in _TEXTSTAT
    ]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), []


def disagreements(n: int, seed: int = DEFAULT_SEED, sample: int | None = None) -> pd.DataFrame:
    """The excerpts whose easiness rank and our Flesch rank differ most."""
    scored = score_clear(load_clear(sample, seed))
    easiness_rank = scored["easiness"].rank(pct=True)
    ours_rank = scored["flesch_reading_ease"].rank(pct=True)
    scored = scored.assign(gap=(ours_rank - easiness_rank).abs(), e=easiness_rank, o=ours_rank)
    top = scored.nlargest(n, "gap")
    return pd.DataFrame(
        {
            "kind": np.where(top["o"] > top["e"], "easier by Flesch", "harder by Flesch"),
            "sentence": top["excerpt"],
            "reference": [f"easiness percentile {v:.0%}" for v in top["e"]],
            "ours": [f"Flesch percentile {v:.0%}" for v in top["o"]],
            "cues": [
                f"{s} sentences (textstat {t}); Flesch {f:.1f}"
                for s, t, f in zip(
                    top["sentence_count"],
                    top["textstat_sentence_count"],
                    top["flesch_reading_ease"],
                    strict=True,
                )
            ],
        }
    ).reset_index(drop=True)
