"""Specificity: Louis & Nenkova news sentences.

**Specificity** (``louis_nenkova_specificity``, 885 news sentences, human general/specific;
Louis & Nenkova 2011/2012). Ours: :func:`analysis.labelers.sentence_table.label_sentence`'s
``specific`` flag = "specific". Also thresholds on our total detail count (>=1, >=2) and the ROC
AUC of that count. The text is PTB-tokenised (``-LRB-``, ``` `` ```, ``McDonald 's``): it is
detokenised with :func:`analysis.validation.external.ptb.detokenise` before labelling. Baseline:
a sentence is specific if it has a digit or a capitalised token other than its first (on the
tokens as given): 69.4% in the README. Reference: Speciteller (Li & Nenkova 2015), 81.6%,
recomputed from its shipped predictions (``ref.probs`` > 0.5).
"""

from __future__ import annotations

import pandas as pd

from analysis.validation.evaluation import binary_scores
from analysis.validation.external.common import (
    DEFAULT_SEED,
    RESULT_COLUMNS,
    Figure,
    binary_disagreements,
    binary_rows,
    eval_dir,
    result_row,
    sample_rows,
)
from analysis.validation.external.labelling import label_sentences, timeout_notes
from analysis.validation.external.metrics import roc_auc
from analysis.validation.external.ptb import detokenise

# Figures from ../shared/eval/README.md.
SPECITELLER_ACCURACY = 0.816
DIGITS_OR_CAPITALS_ACCURACY = 0.694
# Speciteller's shipped P(specific) above this reads as "specific", as its published accuracy
# was computed.
SPECITELLER_THRESHOLD = 0.5
# Our total detail count at or above each of these is read as "specific": 1 is what our flag
# means, 2 asks for more than one detail in news sentences dense with names.
DETAIL_COUNT_THRESHOLDS = (1, 2)


def digits_or_capitals(tokenised: str) -> bool:
    """README baseline: specific if the sentence has a digit, or a capitalised token after the
    first (PTB tokens as given, so the first token is the sentence's first word or mark)."""
    if any(ch.isdigit() for ch in tokenised):
        return True
    return any(token[:1].isupper() for token in tokenised.split()[1:])


def load_specificity(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 885 Louis & Nenkova sentences: ``tokenised``, ``sentence`` (detokenised),
    ``specific`` (human label, bool), ``speciteller`` (Speciteller's shipped P(specific))."""
    raw = pd.read_csv(eval_dir() / "louis_nenkova_specificity" / "louis_nenkova_885.csv")
    frame = pd.DataFrame(
        {
            "tokenised": raw["sentence_tokenized"].astype(str),
            "specific": raw["label"].eq("specific"),
            "speciteller": raw["speciteller_ref_prob_specific"].astype(float),
        }
    )
    frame = sample_rows(frame, sample, seed)
    frame["sentence"] = frame["tokenised"].map(detokenise)
    return frame


def predict_specificity(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """``frame`` with our ``ours`` flag, ``detail_count``, ``specific_cues`` and the baseline."""
    labels, timed_out = label_sentences(frame["sentence"].tolist())
    out = frame.copy()
    out["ours"] = [bool(lab and lab["specific"]) for lab in labels]
    out["detail_count"] = [
        sum(int(v) for k, v in lab.items() if k.endswith("_count")) if lab else 0 for lab in labels
    ]
    out["specific_cues"] = [str(lab["specific_cues"]) if lab else "timed out" for lab in labels]
    out["baseline"] = out["tokenised"].map(digits_or_capitals)
    return out, timed_out


def check_specificity(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the specificity check (the mapping in the module docstring), and notes."""
    scored, timed_out = predict_specificity(load_specificity(sample, seed))
    y, name = scored["specific"], "specificity"
    baseline = (
        binary_scores(y, scored["baseline"]),
        f"digits-or-capitals rule (README {DIGITS_OR_CAPITALS_ACCURACY:.1%})",
    )
    speciteller = binary_scores(y, scored["speciteller"] > SPECITELLER_THRESHOLD)
    reference_name = (
        f"Speciteller, its shipped predictions ref.probs > {SPECITELLER_THRESHOLD} "
        f"(published {SPECITELLER_ACCURACY:.1%})"
    )
    references: dict[str, Figure] = {
        metric: (figure, reference_name) for metric, figure in speciteller.items()
    }
    mappings = [
        (
            "our `specific` flag = human 'specific' (PTB text detokenised)",
            scored["ours"],
            ("accuracy", "precision", "recall", "f1"),
        ),
        *(
            (
                f"our detail count >= {threshold} = 'specific'",
                scored["detail_count"] >= threshold,
                ("accuracy",),
            )
            for threshold in DETAIL_COUNT_THRESHOLDS
        ),
    ]
    rows = []
    for mapping, predicted, metrics in mappings:
        rows.extend(
            binary_rows(name, "specific", mapping, y, predicted, metrics, baseline, references)
        )
    rows.append(
        result_row(
            name,
            "ROC AUC",
            "our detail count as a score for 'specific'",
            len(scored),
            roc_auc(y, scored["detail_count"]),
            reference=(roc_auc(y, scored["speciteller"]), "Speciteller P(specific), ref.probs"),
        )
    )
    notes = timeout_notes(name, timed_out, "general")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


def disagreements(n: int, seed: int = DEFAULT_SEED, sample: int | None = None) -> pd.DataFrame:
    """Sentences where our flag and the human label differ, with our specificity cues."""
    scored, _ = predict_specificity(load_specificity(sample, seed))
    return binary_disagreements(scored, "specific", "specific", "general", "specific_cues", n, seed)
