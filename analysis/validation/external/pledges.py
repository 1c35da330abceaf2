"""Pledges: Indian manifesto sentences.

**Pledges** (``fornaciari2021_election_pledges``, ``india_english_pledges.csv``, all 7,729
English sentences, trn and dev together; ``binary_pledge``, Thomson et al. codebook). Ours:
pledge = ``time == "future"`` and ``commitment`` in (2, 3), a qualified or firm undertaking
of future action; manifestos say "we will", which our actor rules read as government.
Alternatives shown: ``time == "future"`` and any commitment (0-3), and firm only (3).
Baselines: ``\\b(will|shall)\\b`` present (case-insensitive) and the majority class.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.validation.evaluation import binary_scores
from analysis.validation.external.common import (
    DEFAULT_SEED,
    RESULT_COLUMNS,
    Figure,
    binary_disagreements,
    binary_rows,
    eval_dir,
    sample_rows,
)
from analysis.validation.external.labelling import label_sentences, timeout_notes
from analysis.validation.external.metrics import majority_share

# Figures from ../shared/eval/README.md.
WILL_SHALL_F1 = 0.50
WILL_SHALL_ACCURACY = 0.64
PLEDGE_MAJORITY_ACCURACY = 0.755

# The commitment levels of a pledge: a qualified (2) or firm (3) undertaking; 0 and 1 (no
# undertaking, or a hedged one) are not pledges.
PLEDGE_COMMITMENT_LEVELS = (2, 3)
FIRM_COMMITMENT = 3

WILL_SHALL_RE = re.compile(r"\b(?:will|shall)\b", re.I)


def will_shall(text: str) -> bool:
    """README baseline: a pledge if the sentence contains the word "will" or "shall"."""
    return bool(WILL_SHALL_RE.search(text))


def load_pledges(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 7,729 English (India) manifesto sentences: ``sentence``, ``pledge`` (bool), ``set``
    (trn/dev, both used), ``party``, ``year``."""
    folder = eval_dir() / "fornaciari2021_election_pledges"
    raw = pd.read_csv(folder / "india_english_pledges.csv")
    frame = pd.DataFrame(
        {
            "sentence": raw["text"].fillna("").astype(str).str.strip(),
            "pledge": raw["binary_pledge"].eq(1),
            "set": raw["set"],
            "party": raw["party"],
            "year": raw["year"],
        }
    )
    return sample_rows(frame, sample, seed)


def predict_pledges(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """``frame`` with our ``time``, ``commitment``, cues, the three mappings and the baseline.

    A sentence the labeler timed out on gets time "none" and no commitment (not a pledge).
    """
    labels, timed_out = label_sentences(frame["sentence"].tolist())
    out = frame.copy()
    out["time"] = [str(lab["time"]) if lab else "none" for lab in labels]
    out["commitment"] = pd.array(
        [lab["commitment"] if lab else None for lab in labels], dtype="Int64"
    )
    out["cues"] = [
        f"time [{lab['time_cues']}] | commitment [{lab['commitment_cues']}]" if lab else "timed out"
        for lab in labels
    ]
    future = out["time"].eq("future")
    commitment = out["commitment"]
    out["ours"] = (future & commitment.isin(PLEDGE_COMMITMENT_LEVELS)).astype(bool)
    out["ours_any_commitment"] = (future & commitment.notna()).astype(bool)
    out["ours_firm"] = (future & commitment.eq(FIRM_COMMITMENT).fillna(False)).astype(bool)
    out["baseline"] = out["sentence"].map(will_shall)
    return out, timed_out


def check_pledges(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the pledge check (the mapping in the module docstring), and notes."""
    scored, timed_out = predict_pledges(load_pledges(sample, seed))
    y, name = scored["pledge"], "pledges"
    baseline = (binary_scores(y, scored["baseline"]), "bare will/shall rule")
    references: dict[str, Figure] = {
        "accuracy": (
            majority_share(y),
            f"majority class, not a pledge (README {PLEDGE_MAJORITY_ACCURACY})",
        ),
        "f1": (WILL_SHALL_F1, "README: will/shall rule F1 (published)"),
    }
    pledge_levels = " or ".join(str(level) for level in PLEDGE_COMMITMENT_LEVELS)
    mappings = {
        "ours": (f"pledge = time future and commitment {pledge_levels}", ("precision", "recall")),
        "ours_any_commitment": ("alternative: time future and any commitment (0-3)", ()),
        "ours_firm": (f"alternative: time future and commitment {FIRM_COMMITMENT} (firm)", ()),
    }
    rows = []
    for column, (mapping, extra_metrics) in mappings.items():
        metrics = ("accuracy", *extra_metrics, "f1")
        rows.extend(
            binary_rows(name, "pledge", mapping, y, scored[column], metrics, baseline, references)
        )
    notes = timeout_notes(name, timed_out, "not a pledge")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


def disagreements(n: int, seed: int = DEFAULT_SEED, sample: int | None = None) -> pd.DataFrame:
    """Sentences where our pledge mapping and the codebook label differ, with our cues."""
    scored, _ = predict_pledges(load_pledges(sample, seed))
    return binary_disagreements(scored, "pledge", "pledge", "not a pledge", "cues", n, seed)
