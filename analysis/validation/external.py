"""External checks: the labelers and the readability scorer on public labelled data (issue 5).

The data sets sit in ``../shared/eval`` (:data:`analysis.paths.EVAL`), each folder with a
PROVENANCE.md; they are read in place and never copied. None was written by this project, and
none is about ministerial answers, so the figures say how the measures travel, not how right
they are on answers. Research use only: what leaves this module is summary figures and, from
:func:`examples`, a few short quoted sentences.

Every check reports three figures on the same items: ours, a simple baseline computed here, and
a reference figure (published, or shipped with the data). For every figure higher is better,
except the Spearman correlations of grade formulas (Dale-Chall, Flesch-Kincaid), which are
negative because a higher grade means harder text while higher easiness means easier: there a
larger magnitude is better.

Mappings (our output -> the data set's label):

1. **Specificity** (``louis_nenkova_specificity``, 885 news sentences, human general/specific;
   Louis & Nenkova 2011/2012). Ours: :func:`analysis.labelers.sentence_table.label_sentence`'s
   ``specific`` flag = "specific". Also thresholds on our total detail count (>=1, >=2) and the ROC
   AUC of that count. The text is PTB-tokenised (``-LRB-``, ``` `` ```, ``McDonald 's``): it is
   detokenised with :func:`detokenise` before labelling. Baseline: a sentence is specific if it has
   a digit or a capitalised token other than its first (on the tokens as given): 69.4% in the
   README. Reference: Speciteller (Li & Nenkova 2015), 81.6%, recomputed from its shipped
   predictions (``ref.probs`` > 0.5).
2. **Pledges** (``fornaciari2021_election_pledges``, ``india_english_pledges.csv``, all 7,729
   English sentences, trn and dev together; ``binary_pledge``, Thomson et al. codebook). Ours:
   pledge = ``time == "future"`` and ``commitment`` in (2, 3), a qualified or firm undertaking
   of future action; manifestos say "we will", which our actor rules read as government.
   Alternatives shown: ``time == "future"`` and any commitment (0-3), and firm only (3).
   Baselines: ``\\b(will|shall)\\b`` present (case-insensitive) and the majority class.
3. **Hedging** (``conll2010_wikipedia_weasel_sentences``, ``test.csv``, 7,288 Wikipedia
   sentences, 1 = uncertain; CoNLL-2010 task 1). Ours: uncertain if any hedge entry (level 1)
   of the commitment lexicon (``analysis/lexicons/commitment.yaml``) occurs anywhere in the
   detokenised sentence (:func:`analysis.language.lexicon.find_phrases`). This measures the cue list
   alone, whatever the sentence reports. Baseline: any of may, might, could, possibly,
   probably, suggest(s/ed), likely, some, many, often. Reference: the best 2010 systems,
   F1 about 0.60 on the uncertain class (on the official evaluation set, not this subset).
4. **CLEAR** (``clear_corpus_commonlit``, 4,724 excerpts, ``BT_easiness``: higher = easier).
   Spearman correlation of our :func:`analysis.measures.readability.readability` (on the project's
   own sentence splitting) with easiness, beside textstat 0.7.13's functions on the raw excerpt
   (README: Flesch 0.547, Dale-Chall 0.540 in magnitude) and the file's own formula columns.
   Spearman = Pearson correlation of average ranks (scipy is not a dependency).
5. **OneStopEnglish** (``onestopenglish``, 189 articles x elementary/intermediate/advanced).
   For each article the three pairs (ELE<INT, INT<ADV, ELE<ADV): the share our Flesch-Kincaid
   grade orders correctly (higher grade for the harder level). Ties count as wrong. Beside
   textstat's own FK on the raw text (README: 98.1%).

A sentence that keeps the labelers busy over :data:`LABEL_TIME_LIMIT_SECONDS` is counted as the
negative class (not specific, not a pledge) and reported in the run's notes, so one pathological
sentence cannot stall a run (docs/external-checks.md names the one found).

:func:`run_external_checks` gives one row per figure; :func:`load_or_run` caches a full run in
``data/processed/external_checks.json`` (used while the measured code is unchanged);
:func:`examples` gives a few disagreements to quote. Results: docs/external-checks.md.
"""

from __future__ import annotations

import json
import math
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import textstat

from analysis import paths
from analysis.labelers.sentence_table import label_sentence
from analysis.language.grammar import blank_month_may
from analysis.language.lexicon import find_phrases, load_lexicon
from analysis.language.text import split_text

# Importing analysis.measures.readability also points textstat at the packaged CMU dictionary, so
# the textstat calls below never reach for the network.
from analysis.measures.readability import readability
from analysis.pipeline import fingerprint
from analysis.pipeline.files import write_atomically
from analysis.validation.evaluation import binary_scores

RESULT_COLUMNS = [
    "dataset",
    "measure",
    "mapping",
    "ours",
    "baseline",
    "baseline_name",
    "reference",
    "reference_name",
    "n",
]
DATASETS = ("specificity", "pledges", "hedging", "clear", "onestopenglish")
DEFAULT_SEED = 5
# A sentence that keeps a labeler busy longer than this is recorded as a time-out (and predicted
# as the negative class) instead of stalling the run; see the time-outs in the run's notes.
LABEL_TIME_LIMIT_SECONDS = 2.0

# Figures from ../shared/eval/README.md.
SPECITELLER_ACCURACY = 0.816
DIGITS_OR_CAPITALS_ACCURACY = 0.694
WILL_SHALL_F1 = 0.50
WILL_SHALL_ACCURACY = 0.64
PLEDGE_MAJORITY_ACCURACY = 0.755
CONLL2010_BEST_F1 = 0.60
TEXTSTAT_CLEAR_FLESCH = 0.547
TEXTSTAT_CLEAR_DALE_CHALL = 0.540
TEXTSTAT_ONESTOP_FK = 0.981

LEVEL_PAIRS = ((0, 1), (1, 2), (0, 2))
LEVEL_NAMES = {0: "elementary", 1: "intermediate", 2: "advanced"}
HEDGE_BASELINE_RE = re.compile(
    r"\b(?:may|might|could|possibly|probably|suggest|suggests|suggested|likely|some|many|often)\b",
    re.I,
)
WILL_SHALL_RE = re.compile(r"\b(?:will|shall)\b", re.I)


def _eval_dir() -> Path:
    return paths.EVAL


def missing_datasets() -> str:
    """Empty when the public datasets are on this machine; else the sentence a report shows.

    They are not shipped with the project (other licences, 17 MB): they sit in
    ``../shared/eval`` in the project's workspace, and the checks run only where they are.
    """
    if _eval_dir().is_dir():
        return ""
    return (
        f"The public datasets of the external checks are not on this machine ({_eval_dir()} "
        "is absent), so these checks were not run here. They are not shipped with the project "
        "(other licences, 17 MB); where they sit beside the checkout, this section shows the "
        "figures."
    )


def code_fingerprint() -> str:
    """The fingerprint (:mod:`analysis.pipeline.fingerprint`) of this module and every module it
    reaches (the measures it runs), with the lexicons: a change to any makes a cached run stale."""
    return fingerprint.code_fingerprint((__name__,))


def default_cache_path() -> Path:
    """``data/processed/external_checks.json`` (under :data:`analysis.paths.PROCESSED`)."""
    return paths.PROCESSED / "external_checks.json"


# --------------------------------------------------------------------------------------------
# Text and metrics

_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_NO_SPACE_BEFORE_RE = re.compile(r"^(?:[.,;:!?%)\]}]+|'(?:s|re|ve|ll|d|m)|n't)$", re.I)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


def detokenise(text: str) -> str:
    """Penn Treebank tokens back to ordinary text, so the labelers see prose.

    ``-LRB-`` -> ``(``; ``` `` ``` and ``''`` -> ``"``; no space before ``, . ; : ! ? % ) 's n't``
    or a closing quote, none after ``( $`` or an opening quote. A lone ``'`` opens a quote,
    closes an open one, or after a word in -s is a plural possessive ("two hours' pay").
    """
    for token, bracket in _PTB_BRACKETS.items():
        text = text.replace(token, bracket)
    pieces: list[str] = []
    glue = True  # no space before the next token (start of text, after an opening mark)
    single_open = False
    previous = ""
    for token in text.split():
        space_before = not glue
        glue = False
        if token == "``":
            piece, glue = '"', True
        elif token == "''":
            piece, space_before = '"', False
        elif token in ("`", "'"):
            piece = "'"
            if token == "'" and single_open:
                single_open, space_before = False, False
            elif token == "'" and previous.isalpha() and previous.lower().endswith("s"):
                space_before = False
            else:
                single_open, glue = True, True
        else:
            piece = token
            space_before = space_before and not _NO_SPACE_BEFORE_RE.match(token)
            glue = token in _NO_SPACE_AFTER
        pieces.append((" " if space_before else "") + piece)
        previous = token
    return "".join(pieces)


def spearman(a: Sequence[float] | pd.Series, b: Sequence[float] | pd.Series) -> float:
    """Spearman's rho: the Pearson correlation of average ranks (ties share a rank).

    Pairs with a missing value are dropped. +1 = same order, -1 = reversed, 0 = unrelated.
    """
    frame = pd.DataFrame({"a": list(a), "b": list(b)}, dtype=float).dropna()
    if len(frame) < 2:
        return math.nan
    return float(frame["a"].rank().corr(frame["b"].rank()))


def roc_auc(reference: Iterable[bool], score: Iterable[float]) -> float:
    """The chance that a random positive scores above a random negative (ties count half).

    Computed from average ranks (Mann-Whitney). 0.5 = no better than chance, 1.0 = perfect.
    """
    frame = pd.DataFrame({"y": list(reference), "s": list(score)})
    positives = int(frame["y"].sum())
    negatives = len(frame) - positives
    if not positives or not negatives:
        return math.nan
    ranks = frame["s"].astype(float).rank()
    rank_sum = float(ranks[frame["y"].astype(bool)].sum())
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def ordered_pair_share(
    frame: pd.DataFrame, value: str, harder_is_higher: bool = True
) -> tuple[float, int]:
    """Share of (article, easier level, harder level) pairs that ``value`` orders correctly.

    ``frame`` has columns ``article``, ``level_code`` (0 easiest) and ``value``. The pairs are
    :data:`LEVEL_PAIRS` within each article. Correct means strictly higher for the harder level
    (strictly lower when ``harder_is_higher`` is False, e.g. Flesch reading ease); ties and
    missing values count as wrong. Returns (share, number of pairs); higher share is better.
    """
    wide = frame.pivot(index="article", columns="level_code", values=value)
    correct = 0
    pairs = 0
    for easier, harder in LEVEL_PAIRS:
        if easier not in wide.columns or harder not in wide.columns:
            continue
        both = wide[[easier, harder]].dropna(how="all")
        difference = both[harder] - both[easier]
        right = difference > 0 if harder_is_higher else difference < 0
        correct += int(right.sum())
        pairs += len(both)
    return (correct / pairs if pairs else math.nan), pairs


def digits_or_capitals(tokenised: str) -> bool:
    """README baseline: specific if the sentence has a digit, or a capitalised token after the
    first (PTB tokens as given, so the first token is the sentence's first word or mark)."""
    if any(ch.isdigit() for ch in tokenised):
        return True
    return any(token[:1].isupper() for token in tokenised.split()[1:])


def will_shall(text: str) -> bool:
    """README baseline: a pledge if the sentence contains the word "will" or "shall"."""
    return bool(WILL_SHALL_RE.search(text))


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


class LabelTimeout(RuntimeError):
    """A labeler took longer than the time limit on one sentence."""


@contextmanager
def _alarm_handler(enabled: bool) -> Iterator[bool]:
    """Install a SIGALRM handler that raises :class:`LabelTimeout`, where signals can be used.

    Signals work only in the main thread on POSIX; elsewhere the run has no time limit.
    """
    usable = (
        enabled
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield False
        return

    def _raise(signum: int, frame: object) -> None:
        raise LabelTimeout

    previous = signal.signal(signal.SIGALRM, _raise)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def label_sentences(
    sentences: Sequence[str], time_limit: float | None = LABEL_TIME_LIMIT_SECONDS
) -> tuple[list[dict[str, object] | None], list[int]]:
    """:func:`analysis.labelers.sentence_table.label_sentence` on each sentence, with a per-sentence
    time limit.

    Returns the labels (``None`` for a sentence that timed out) and the positions that timed
    out. ``time_limit=None`` labels without a limit.
    """
    labels: list[dict[str, object] | None] = []
    timed_out: list[int] = []
    with _alarm_handler(time_limit is not None) as limited:
        for index, sentence in enumerate(sentences):
            label = None
            try:
                if limited:
                    signal.setitimer(signal.ITIMER_REAL, time_limit)
                label = label_sentence(sentence)
            except LabelTimeout:
                timed_out.append(index)
            finally:
                if limited:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            labels.append(label)
    return labels, timed_out


def _sample(frame: pd.DataFrame, sample: int | None, seed: int) -> pd.DataFrame:
    if sample is None or sample >= len(frame):
        return frame.reset_index(drop=True)
    return frame.sample(n=sample, random_state=seed).reset_index(drop=True)


# A figure beside ours: its value (None when there is none) and what it is.
Figure = tuple[float | None, str]
NO_FIGURE: Figure = (None, "")


def _row(
    dataset: str,
    measure: str,
    mapping: str,
    n: int,
    ours: float,
    baseline: Figure = NO_FIGURE,
    reference: Figure = NO_FIGURE,
) -> dict[str, object]:
    return {
        "dataset": dataset,
        "measure": measure,
        "mapping": mapping,
        "ours": ours,
        "baseline": math.nan if baseline[0] is None else baseline[0],
        "baseline_name": baseline[1],
        "reference": math.nan if reference[0] is None else reference[0],
        "reference_name": reference[1],
        "n": n,
    }


def _measure(metric: str, positive: str) -> str:
    return metric if metric == "accuracy" else f"{metric} ({positive})"


def _binary_rows(
    dataset: str,
    positive: str,
    mapping: str,
    truth: pd.Series,
    predicted: pd.Series,
    metrics: Sequence[str],
    baseline: tuple[dict[str, float], str],
    references: dict[str, Figure],
) -> list[dict[str, object]]:
    """One row per metric: our mapping's figure beside the baseline's and the reference's."""
    ours = binary_scores(truth, predicted)
    base, baseline_name = baseline
    return [
        _row(
            dataset,
            _measure(metric, positive),
            mapping,
            len(truth),
            ours[metric],
            (base[metric], baseline_name),
            references.get(metric, NO_FIGURE),
        )
        for metric in metrics
    ]


def _majority_share(truth: pd.Series) -> float:
    """Accuracy of always answering the commoner class."""
    return float(max(truth.mean(), 1 - truth.mean())) if len(truth) else math.nan


def _timeout_notes(dataset: str, timed_out: list[int], counted_as: str) -> list[str]:
    if not timed_out:
        return []
    return [
        f"{dataset}: {len(timed_out)} sentence(s) took the labeler over "
        f"{LABEL_TIME_LIMIT_SECONDS:g} s and count as {counted_as}"
    ]


# --------------------------------------------------------------------------------------------
# 1. Specificity: Louis & Nenkova news sentences


def load_specificity(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 885 Louis & Nenkova sentences: ``tokenised``, ``sentence`` (detokenised),
    ``specific`` (human label, bool), ``speciteller`` (Speciteller's shipped P(specific))."""
    raw = pd.read_csv(_eval_dir() / "louis_nenkova_specificity" / "louis_nenkova_885.csv")
    frame = pd.DataFrame(
        {
            "tokenised": raw["sentence_tokenized"].astype(str),
            "specific": raw["label"].eq("specific"),
            "speciteller": raw["speciteller_ref_prob_specific"].astype(float),
        }
    )
    frame = _sample(frame, sample, seed)
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
    """Rows for the specificity check (mapping 1 in the module docstring), and notes."""
    scored, timed_out = predict_specificity(load_specificity(sample, seed))
    y, name = scored["specific"], "specificity"
    baseline = (binary_scores(y, scored["baseline"]), "digits-or-capitals rule (README 69.4%)")
    speciteller = binary_scores(y, scored["speciteller"] > 0.5)
    reference_name = "Speciteller, its shipped predictions ref.probs > 0.5 (published 81.6%)"
    references: dict[str, Figure] = {
        metric: (figure, reference_name) for metric, figure in speciteller.items()
    }
    mappings = [
        (
            "our `specific` flag = human 'specific' (PTB text detokenised)",
            scored["ours"],
            ("accuracy", "precision", "recall", "f1"),
        ),
        ("our detail count >= 1 = 'specific'", scored["detail_count"] >= 1, ("accuracy",)),
        ("our detail count >= 2 = 'specific'", scored["detail_count"] >= 2, ("accuracy",)),
    ]
    rows = []
    for mapping, predicted, metrics in mappings:
        rows.extend(
            _binary_rows(name, "specific", mapping, y, predicted, metrics, baseline, references)
        )
    rows.append(
        _row(
            name,
            "ROC AUC",
            "our detail count as a score for 'specific'",
            len(scored),
            roc_auc(y, scored["detail_count"]),
            reference=(roc_auc(y, scored["speciteller"]), "Speciteller P(specific), ref.probs"),
        )
    )
    notes = _timeout_notes(name, timed_out, "general")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


# --------------------------------------------------------------------------------------------
# 2. Pledges: Indian manifesto sentences


def load_pledges(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 7,729 English (India) manifesto sentences: ``sentence``, ``pledge`` (bool), ``set``
    (trn/dev, both used), ``party``, ``year``."""
    folder = _eval_dir() / "fornaciari2021_election_pledges"
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
    return _sample(frame, sample, seed)


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
    out["ours"] = (future & commitment.isin([2, 3])).astype(bool)
    out["ours_any_commitment"] = (future & commitment.notna()).astype(bool)
    out["ours_firm"] = (future & commitment.eq(3).fillna(False)).astype(bool)
    out["baseline"] = out["sentence"].map(will_shall)
    return out, timed_out


def check_pledges(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the pledge check (mapping 2 in the module docstring), and notes."""
    scored, timed_out = predict_pledges(load_pledges(sample, seed))
    y, name = scored["pledge"], "pledges"
    baseline = (binary_scores(y, scored["baseline"]), "bare will/shall rule")
    references: dict[str, Figure] = {
        "accuracy": (_majority_share(y), "majority class, not a pledge (README 0.755)"),
        "f1": (WILL_SHALL_F1, "README: will/shall rule F1 (published)"),
    }
    mappings = {
        "ours": ("pledge = time future and commitment 2 or 3", ("precision", "recall")),
        "ours_any_commitment": ("alternative: time future and any commitment (0-3)", ()),
        "ours_firm": ("alternative: time future and commitment 3 (firm)", ()),
    }
    rows = []
    for column, (mapping, extra_metrics) in mappings.items():
        metrics = ("accuracy", *extra_metrics, "f1")
        rows.extend(
            _binary_rows(name, "pledge", mapping, y, scored[column], metrics, baseline, references)
        )
    notes = _timeout_notes(name, timed_out, "not a pledge")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


# --------------------------------------------------------------------------------------------
# 3. Hedging: CoNLL-2010 Wikipedia weasel sentences


def load_hedging(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 7,288 test sentences: ``tokenised``, ``sentence`` (detokenised), ``uncertain``."""
    raw = pd.read_csv(_eval_dir() / "conll2010_wikipedia_weasel_sentences" / "test.csv")
    frame = pd.DataFrame(
        {"tokenised": raw["text"].astype(str).str.strip(), "uncertain": raw["label"].eq(1)}
    )
    frame = _sample(frame, sample, seed)
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
    """Rows for the hedging check (mapping 3 in the module docstring), and notes."""
    scored = predict_hedging(load_hedging(sample, seed))
    y, name = scored["uncertain"], "hedging"
    baseline = (
        binary_scores(y, scored["baseline"]),
        "word rule: may/might/could/possibly/probably/suggest/likely/some/...",
    )
    references: dict[str, Figure] = {
        "accuracy": (_majority_share(y), "majority class (certain)"),
        "f1": (CONLL2010_BEST_F1, "best CoNLL-2010 systems, official Wikipedia set (published)"),
    }
    rows = _binary_rows(
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


# --------------------------------------------------------------------------------------------
# 4. CLEAR: teacher-judged easiness of excerpts

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
    raw = pd.read_csv(_eval_dir() / "clear_corpus_commonlit" / "CLEAR_corpus_final.csv")
    frame = pd.DataFrame(
        {
            "id": raw["ID"],
            "excerpt": raw["Excerpt"].astype(str),
            "easiness": raw["BT_easiness"].astype(float),
        }
    )
    for ours, theirs in _CLEAR_FILE_COLUMNS.items():
        frame[f"file_{ours}"] = raw[theirs].astype(float)
    return _sample(frame, sample, seed)


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
    """Rows for the CLEAR check (mapping 4 in the module docstring), and notes."""
    scored = score_clear(load_clear(sample, seed))
    easiness = scored["easiness"]
    rows = [
        _row(
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


# --------------------------------------------------------------------------------------------
# 5. OneStopEnglish: one article at three levels

_QUOTES_RE = re.compile(r"[“”\"]")
_INNER_END_RE = re.compile(r"[a-z][.!?][”\"’']?\s+[“\"‘']?[A-Z]")


def load_onestopenglish(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 567 texts (189 articles x 3 levels): ``article``, ``level``, ``level_code`` (0
    elementary, 1 intermediate, 2 advanced), ``text``. ``sample`` counts articles."""
    raw = pd.read_csv(_eval_dir() / "onestopenglish" / "onestopenglish_texts.csv")
    frame = raw[["article", "level", "level_code", "text"]]
    articles = pd.Series(sorted(frame["article"].unique()))
    if sample is not None and sample < len(articles):
        chosen = set(articles.sample(n=sample, random_state=seed))
        frame = frame[frame["article"].isin(chosen)]
    return frame.reset_index(drop=True)


def score_onestopenglish(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with our FK grade and Flesch ease, textstat's on the raw text, the sentence
    counts, and a diagnostic: our FK grade with double quotation marks removed first."""
    out = frame.copy()
    ours = [readability(text) for text in out["text"]]
    out["flesch_kincaid_grade"] = [r.flesch_kincaid_grade for r in ours]
    out["flesch_reading_ease"] = [r.flesch_reading_ease for r in ours]
    out["sentence_count"] = [r.sentence_count for r in ours]
    out["textstat_flesch_kincaid_grade"] = out["text"].map(textstat.flesch_kincaid_grade)
    out["textstat_flesch_reading_ease"] = out["text"].map(textstat.flesch_reading_ease)
    out["textstat_sentence_count"] = out["text"].map(textstat.sentence_count)
    # Our splitter keeps a quotation of several sentences as one sentence, and this corpus's
    # intermediate files lost their curly quotes, so the effect differs by level. Scoring the
    # text without quotation marks shows how much of the gap that explains.
    out["unquoted_flesch_kincaid_grade"] = [
        readability(_QUOTES_RE.sub("", text)).flesch_kincaid_grade for text in out["text"]
    ]
    return out


def check_onestopenglish(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the OneStopEnglish check (mapping 5 in the module docstring), and notes."""
    scored = score_onestopenglish(load_onestopenglish(sample, seed))
    textstat_fk, pairs = ordered_pair_share(scored, "textstat_flesch_kincaid_grade")
    textstat_fre, _ = ordered_pair_share(scored, "textstat_flesch_reading_ease", False)
    textstat_fk_figure = (textstat_fk, "textstat 0.7.13 FK on raw text")
    readme = (TEXTSTAT_ONESTOP_FK, "README: textstat FK on raw text (published)")
    measure = "share of level pairs ordered (ties wrong)"
    rows = [
        _row(
            "onestopenglish",
            measure,
            "our Flesch-Kincaid grade (higher = harder level)",
            pairs,
            ordered_pair_share(scored, "flesch_kincaid_grade")[0],
            textstat_fk_figure,
            readme,
        ),
        _row(
            "onestopenglish",
            measure,
            "our Flesch reading ease (lower = harder level)",
            pairs,
            ordered_pair_share(scored, "flesch_reading_ease", False)[0],
            (textstat_fre, "textstat 0.7.13 Flesch reading ease on raw text"),
        ),
        _row(
            "onestopenglish",
            measure,
            "diagnostic: our FK grade, double quotation marks removed before splitting",
            pairs,
            ordered_pair_share(scored, "unquoted_flesch_kincaid_grade")[0],
            textstat_fk_figure,
            readme,
        ),
    ]
    notes = []
    wide = scored.pivot(index="article", columns="level_code", values="flesch_kincaid_grade")
    for easier, harder in LEVEL_PAIRS:
        if easier in wide.columns and harder in wide.columns:
            share = float((wide[harder] > wide[easier]).mean())
            notes.append(
                f"onestopenglish: our FK orders {LEVEL_NAMES[easier]} < {LEVEL_NAMES[harder]} "
                f"in {share:.1%} of articles"
            )
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


# --------------------------------------------------------------------------------------------
# All checks, the cache, and examples

CHECKS: dict[str, Callable[..., tuple[pd.DataFrame, list[str]]]] = {
    "specificity": check_specificity,
    "pledges": check_pledges,
    "hedging": check_hedging,
    "clear": check_clear,
    "onestopenglish": check_onestopenglish,
}


def run_external_checks(
    sample: int | None = None, seed: int = DEFAULT_SEED, datasets: Sequence[str] = DATASETS
) -> pd.DataFrame:
    """Every check: one row per figure, columns :data:`RESULT_COLUMNS`.

    ``sample``: at most this many items per data set (sentences, excerpts, or articles for
    OneStopEnglish), drawn with ``seed``; None uses every item. ``frame.attrs`` holds ``notes``
    (time-outs, diagnostics), ``seconds`` per data set, ``sample``, ``seed`` and ``created``.
    """
    unknown = [d for d in datasets if d not in CHECKS]
    if unknown:
        raise ValueError(f"unknown data set(s): {', '.join(unknown)}; known: {', '.join(CHECKS)}")
    frames, notes, seconds = [], [], {}
    for dataset in datasets:
        start = time.perf_counter()
        rows, dataset_notes = CHECKS[dataset](sample, seed)
        seconds[dataset] = round(time.perf_counter() - start, 1)
        frames.append(rows)
        notes.extend(dataset_notes)
    result = pd.concat(frames, ignore_index=True)
    result.attrs = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "sample": sample,
        "seed": seed,
        "seconds": seconds,
        "notes": notes,
        "textstat": version("textstat"),
        "fingerprint": code_fingerprint(),
    }
    return result


def _json_value(value: object) -> object:
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def save_results(results: pd.DataFrame, path: Path | None = None) -> Path:
    """Write ``results`` and its attrs (timestamp, sample, notes) as JSON; return the path."""
    path = path or default_cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{k: _json_value(v) for k, v in row.items()} for row in results.to_dict("records")]
    document = {**results.attrs, "rows": rows}
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def read_results(path: Path | None = None) -> pd.DataFrame:
    """The results saved by :func:`save_results`, attrs restored."""
    document = json.loads((path or default_cache_path()).read_text(encoding="utf-8"))
    rows = document.pop("rows")
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    for column in ("ours", "baseline", "reference"):
        frame[column] = frame[column].astype(float)
    frame.attrs = document
    return frame


def load_or_run(
    sample: int | None = None,
    seed: int = DEFAULT_SEED,
    path: Path | None = None,
    refresh: bool = False,
) -> pd.DataFrame:
    """The cached results when the cache holds a run with this ``sample`` and ``seed`` made by
    the current code (:func:`code_fingerprint`); otherwise run the checks. A full run
    (``sample=None``) is written to the cache, and so is any run when ``path`` is given; a
    sampled run never overwrites the default cache."""
    cache = path or default_cache_path()
    if not refresh and cache.exists():
        cached = read_results(cache)
        wanted = {"sample": sample, "seed": seed, "fingerprint": code_fingerprint()}
        if all(cached.attrs.get(key) == value for key, value in wanted.items()):
            return cached
    results = run_external_checks(sample=sample, seed=seed)
    if sample is None or path is not None:
        save_results(results, cache)
    return results


def _disagreements(
    scored: pd.DataFrame, truth: str, positive: str, negative: str, cues: str, n: int, seed: int
) -> pd.DataFrame:
    wrong = scored[scored[truth] != scored["ours"]].copy()
    wrong["kind"] = np.where(wrong["ours"], "false positive", "false negative")
    half = max(1, n // 2)
    picked = [
        group.sample(
            n=min(len(group), half if kind == "false positive" else n - half), random_state=seed
        )
        for kind, group in wrong.groupby("kind")
    ]
    chosen = pd.concat(picked) if picked else wrong.head(0)
    return pd.DataFrame(
        {
            "kind": chosen["kind"],
            "sentence": chosen["sentence"],
            "reference": np.where(chosen[truth], positive, negative),
            "ours": np.where(chosen["ours"], positive, negative),
            "cues": chosen[cues],
        }
    ).reset_index(drop=True)


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def examples(
    dataset: str, n: int = 4, seed: int = DEFAULT_SEED, sample: int | None = None
) -> pd.DataFrame:
    """A few disagreements with the reference, to quote in the "why the gap" discussion.

    Columns ``kind``, ``sentence`` (quoted, at most 200 characters), ``reference``, ``ours``,
    ``cues`` (what decided our label). Binary checks give false positives and negatives in
    equal parts; CLEAR gives the excerpts whose easiness rank and our Flesch rank differ most;
    OneStopEnglish the articles whose pair our FK grade misorders, quoting the sentence of the
    easier text in which our splitter left the most sentence ends. ``sample`` limits the items
    scored first.
    """
    if dataset == "specificity":
        scored, _ = predict_specificity(load_specificity(sample, seed))
        chosen = _disagreements(scored, "specific", "specific", "general", "specific_cues", n, seed)
    elif dataset == "pledges":
        scored, _ = predict_pledges(load_pledges(sample, seed))
        chosen = _disagreements(scored, "pledge", "pledge", "not a pledge", "cues", n, seed)
    elif dataset == "hedging":
        scored = predict_hedging(load_hedging(sample, seed))
        scored["cues"] = scored["cues"].replace("", "no hedge cue")
        chosen = _disagreements(scored, "uncertain", "uncertain", "certain", "cues", n, seed)
    elif dataset == "clear":
        chosen = _clear_examples(score_clear(load_clear(sample, seed)), n)
    elif dataset == "onestopenglish":
        chosen = _onestop_examples(score_onestopenglish(load_onestopenglish(sample, seed)), n)
    else:
        raise ValueError(f"unknown data set {dataset!r}; known: {', '.join(DATASETS)}")
    chosen["sentence"] = chosen["sentence"].map(_quote)
    return chosen


def _clear_examples(scored: pd.DataFrame, n: int) -> pd.DataFrame:
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


def _onestop_examples(scored: pd.DataFrame, n: int) -> pd.DataFrame:
    rows = []
    by_article = {
        article: group.set_index("level_code") for article, group in scored.groupby("article")
    }
    for easier, harder in LEVEL_PAIRS:
        for article, group in by_article.items():
            if easier not in group.index or harder not in group.index:
                continue
            low, high = group.loc[easier], group.loc[harder]
            low_fk, high_fk = low["flesch_kincaid_grade"], high["flesch_kincaid_grade"]
            if high_fk > low_fk:
                continue
            # The sentence that hides the most sentence ends (a quotation kept whole, usually)
            # shows why the easier text scored harder.
            longest = max(
                (s.text for s in split_text(low["text"]).sentences),
                key=lambda text: (len(_INNER_END_RE.findall(text)), len(text)),
                default="",
            )
            rows.append(
                {
                    "kind": f"{article}: {LEVEL_NAMES[easier]} vs {LEVEL_NAMES[harder]}",
                    "sentence": longest,
                    "reference": f"{LEVEL_NAMES[easier]} easier",
                    "ours": f"FK {low_fk:.1f} vs {high_fk:.1f}",
                    "cues": (
                        f"sentences {low['sentence_count']} vs {high['sentence_count']} (textstat "
                        f"{low['textstat_sentence_count']} vs {high['textstat_sentence_count']})"
                    ),
                }
            )
    return pd.DataFrame(rows[:n], columns=["kind", "sentence", "reference", "ours", "cues"])
