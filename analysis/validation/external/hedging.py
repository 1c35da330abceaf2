"""Hedging: CoNLL-2010 Wikipedia weasel sentences.

**Hedging** (``conll2010_wikipedia_weasel_sentences``, ``test.csv``, 7,288 Wikipedia
sentences, 1 = uncertain; CoNLL-2010 task 1). Ours: uncertain if any hedge entry (level 1)
of the commitment lexicon (``analysis/lexicons/commitment.yaml``) occurs anywhere in the
detokenised sentence (:func:`analysis.language.lexicon.find_phrases`). This measures the cue list
alone, whatever the sentence reports. Baseline: any of may, might, could, possibly,
probably, suggest(s/ed), likely, some, many, often. Reference: the best 2010 systems,
F1 about 0.60 on the uncertain class (on the official evaluation set, not this subset).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from analysis.language.clauses import blank_month_may
from analysis.language.lexicon import find_phrases, load_lexicon
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
from analysis.validation.external.metrics import majority_share
from analysis.validation.external.ptb import detokenise

# Figure from ../shared/eval/README.md.
CONLL2010_BEST_F1 = 0.60

HEDGE_BASELINE_RE = re.compile(
    r"\b(?:may|might|could|possibly|probably|suggest|suggests|suggested|likely|some|many|often)\b",
    re.I,
)


def hedge_words(text: str) -> bool:
    """Simple hedging baseline: any of may/might/could/possibly/probably/suggest/likely/some/
    many/often (suggests and suggested too)."""
    return bool(HEDGE_BASELINE_RE.search(text))


def hedge_entries() -> tuple[dict[str, Any], ...]:
    """The commitment lexicon's weak-commitment cues: ``kind: hedge`` entries (level 1)."""
    return tuple(e for e in load_lexicon("commitment") if e.get("kind") == "hedge")


def hedge_cues(text: str) -> list[str]:
    """The hedge cues found anywhere in ``text``, as "label: matched words".

    As in the labelers, the capitalised month "May" inside a sentence is not the modal.
    """
    return [
        f"{entry['label']}: {match.group(0)}"
        for entry, match in find_phrases(blank_month_may(text), hedge_entries())
    ]


def load_hedging(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 7,288 test sentences: ``tokenised``, ``sentence`` (detokenised), ``uncertain``."""
    raw = pd.read_csv(eval_dir() / "conll2010_wikipedia_weasel_sentences" / "test.csv")
    frame = pd.DataFrame(
        {"tokenised": raw["text"].astype(str).str.strip(), "uncertain": raw["label"].eq(1)}
    )
    frame = sample_rows(frame, sample, seed)
    frame["sentence"] = frame["tokenised"].map(detokenise)
    return frame


def predict_hedging(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with our hedge ``cues``, ``ours`` (any cue) and the word-list ``baseline``."""
    out = frame.copy()
    out["cues"] = out["sentence"].map(lambda s: "; ".join(hedge_cues(s)))
    out["ours"] = out["cues"].ne("")
    out["baseline"] = out["sentence"].map(hedge_words)
    return out


def check_hedging(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the hedging check (the mapping in the module docstring), and notes."""
    scored = predict_hedging(load_hedging(sample, seed))
    y, name = scored["uncertain"], "hedging"
    baseline = (
        binary_scores(y, scored["baseline"]),
        "word rule: may/might/could/possibly/probably/suggest/likely/some/...",
    )
    references: dict[str, Figure] = {
        "accuracy": (majority_share(y), "majority class (certain)"),
        "f1": (CONLL2010_BEST_F1, "best CoNLL-2010 systems, official Wikipedia set (published)"),
    }
    rows = binary_rows(
        name,
        "uncertain",
        "uncertain = any commitment-lexicon hedge cue (level 1) in the sentence",
        y,
        scored["ours"],
        ("accuracy", "precision", "recall", "f1"),
        baseline,
        references,
    )
    # Cues match case-insensitively; the month is blanked first so "May" is not the modal.
    month = int(scored["sentence"].map(lambda t: blank_month_may(t) != t).sum())
    hits = int(scored["ours"].sum())
    notes = [
        f"hedging: {hits} sentences with a cue; {month} sentences name the month 'May', "
        "which is not read as the modal"
    ]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


def disagreements(n: int, seed: int = DEFAULT_SEED, sample: int | None = None) -> pd.DataFrame:
    """Sentences where our cue list and the uncertain label differ, with the cues found."""
    scored = predict_hedging(load_hedging(sample, seed))
    scored["cues"] = scored["cues"].replace("", "no hedge cue")
    return binary_disagreements(scored, "uncertain", "uncertain", "certain", "cues", n, seed)
