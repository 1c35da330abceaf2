"""``make train``: rebuild every learned model from the reader-labelled data, deterministically.

For each sentence label (time, commitment, specific):

1. The training split only (``data/labelled/sentences.csv``, ``split == "train"``). Each
   sentence is read in its answer exactly as scoring reads it (list context, acronyms), by the
   rules alone (:func:`analysis.learning.context.records_in_context`), so the features match
   those seen at run time.
2. Model choice by 5-fold cross-validation on the training split, folds by answer group so no
   answer sits on both sides: logistic regression (scikit-learn) on the four feature blocks of
   :mod:`analysis.learning.features`; the inverse regularisation ``C`` and whether to weight
   the fit by the sampling weights from :data:`CHOICES`, judged on the natural mix (weighted).
3. Calibration: one temperature per label fitted to the held-out folds' probabilities
   (minimum log loss), so a probability of 0.8 means right about 8 times in 10.
4. The chosen model refitted on the whole training split and written to
   ``analysis/models/<label>.npz`` (:mod:`analysis.learning.linear`).
5. Once, on the test split: accuracy, and the learning curve (the same model fitted on 1/8,
   1/4, 1/2 and all of the training answers). Written to ``analysis/models/training.json`` for
   the validation report; nothing there feeds back into the choice.

Same data, same models: the vocabulary is sorted, folds and subsamples are seeded, the solver is
deterministic.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from analysis import paths
from analysis.labelers.learned import SENTENCE_LABELS, sentence_models
from analysis.learning.context import read_answers, records_in_context, snapshot_answers
from analysis.learning.features import BLOCK_KINDS, BLOCKS, sentence_blocks
from analysis.learning.linear import LinearModel, fit_vocabulary, model_bytes, softmax
from analysis.measures.learned_asks import (
    ASK_BLOCK_KINDS,
    ASK_BLOCKS,
    answer_tokens,
    apply_ask_model,
    ask_blocks,
    overall_status,
)
from analysis.measures.responsiveness import judge_asks
from analysis.pipeline.files import write_atomically
from analysis.sources.labelled import labelled_asks, labelled_pairs, labelled_sentences

# The model choices compared by cross-validation: inverse regularisation C, and whether the
# fit weights each training sentence by its sampling weight (the natural mix) or not.
CHOICES = tuple((c, weighted) for c in (1.0, 4.0) for weighted in (False, True))
FOLDS = 5
# A feature seen in fewer training sentences than this is noise more often than signal.
MIN_FEATURE_COUNT = 2
LEARNING_CURVE_FRACTIONS = (0.125, 0.25, 0.5, 1.0)
SEED = 2026
MAX_ITERATIONS = 2000
# Stopping tolerance looser than scikit-learn's default (1e-4), so make train fits its time
# budget on two cores.
TOLERANCE = 1e-3
WORKERS = 2


def reference(labelled: pd.DataFrame, label: str) -> np.ndarray:
    """The readers' labels as class names ("NA" for no commitment level)."""
    values = labelled[label].astype(str).str.lower()
    return values.replace("", "NA").to_numpy()


def _fit(design, y: np.ndarray, c: float, weights: np.ndarray | None) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=MAX_ITERATIONS, tol=TOLERANCE)
    return model.fit(design, y, sample_weight=weights)


def _fold_scores(design, truth, weights, train, inside, outside, choice, classes) -> tuple:
    c, weighted = choice
    rows = train[inside]
    fitted = _fit(design[rows], truth[rows], c, weights[rows] if weighted else None)
    return outside, _class_scores(fitted, design[train[outside]], classes)


def _name(choice: tuple[float, bool]) -> str:
    c, weighted = choice
    return f"C={c}, {'natural mix' if weighted else 'as drawn'}"


def _rows(weights: np.ndarray | None, rows: np.ndarray) -> np.ndarray | None:
    return None if weights is None else weights[rows]


def _class_scores(fitted: LogisticRegression, design, classes: Sequence[str]) -> np.ndarray:
    """Raw scores in ``classes`` order (a binary model's one row becomes two)."""
    raw = fitted.decision_function(design)
    if raw.ndim == 1:
        raw = np.column_stack([np.zeros_like(raw), raw])
    order = [list(fitted.classes_).index(c) for c in classes]
    return raw[:, order]


def fit_temperature(
    scores: np.ndarray, truth: np.ndarray, weights: np.ndarray | None = None
) -> float:
    """The temperature minimising the (weighted) log loss of held-out scores (step 3)."""
    weights = np.ones(len(truth)) if weights is None else weights

    def loss(temperature: float) -> float:
        probabilities = softmax(scores / temperature)
        log_likelihood = np.log(probabilities[np.arange(len(truth)), truth] + 1e-12)
        return -float(np.average(log_likelihood, weights=weights))

    return float(minimize_scalar(loss, bounds=(0.2, 5.0), method="bounded").x)


def _model(
    label, classes, features, idf, fitted, temperature, block_names, block_kinds
) -> LinearModel:
    coef, intercept = fitted.coef_, fitted.intercept_
    if coef.shape[0] == 1:  # binary: class 0 scores 0, class 1 scores w.x + b
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    order = [list(fitted.classes_).index(c) for c in classes]
    return LinearModel(
        label=label,
        classes=tuple(classes),
        blocks=tuple(block_names),
        block_kinds=tuple(block_kinds),
        features=features,
        idf=idf,
        weights=coef[order],
        bias=intercept[order],
        temperature=temperature,
    )


def _subsample(groups: np.ndarray, fraction: float) -> np.ndarray:
    """Rows of a seeded random ``fraction`` of the answer groups."""
    unique = np.unique(groups)
    chosen = np.random.default_rng(SEED).permutation(unique)[: max(1, int(len(unique) * fraction))]
    return np.flatnonzero(np.isin(groups, chosen))


def train_label(label: str, labelled: pd.DataFrame, blocks: list[dict]) -> tuple[LinearModel, dict]:
    """Steps 2 to 5 for one sentence label; returns the model and what was measured."""
    truth = reference(labelled, label)
    weights = labelled["sampling_weight"].to_numpy(dtype=float)
    return fit_label(label, labelled, truth, blocks, BLOCKS, BLOCK_KINDS, weights)


def fit_label(
    label: str,
    labelled: pd.DataFrame,
    truth: np.ndarray,
    blocks: list[dict],
    block_names: Sequence[str],
    block_kinds: Sequence[str],
    weights: np.ndarray | None = None,
) -> tuple[LinearModel, dict]:
    """Choose, calibrate, fit and judge a model of ``truth`` (rows of ``labelled`` with their
    ``split`` and ``answer_group``; ``blocks`` their features). ``weights``: each row's
    sampling weight, so that choice and calibration are on the natural mix of sentences; the
    choice includes whether to fit with them too (:data:`CHOICES`)."""
    given = weights is not None
    weights = np.ones(len(truth)) if weights is None else weights
    train = np.flatnonzero(labelled["split"].to_numpy() == "train")
    test = np.flatnonzero(labelled["split"].to_numpy() == "test")
    classes = sorted(set(truth[train]))
    features, idf = fit_vocabulary(
        [blocks[i] for i in train], block_names, block_kinds, MIN_FEATURE_COUNT
    )
    probe = LinearModel(
        label,
        tuple(classes),
        tuple(block_names),
        tuple(block_kinds),
        features,
        idf,
        np.zeros((len(classes), len(features))),
        np.zeros(len(classes)),
    )
    design = probe.design(blocks)
    groups = labelled["answer_group"].to_numpy()
    folds = list(GroupKFold(FOLDS).split(train, groups=groups[train]))
    cross_validation = {}
    held_out: dict[tuple[float, bool], np.ndarray] = {}
    choices = [(c, weighted) for c, weighted in CHOICES if given or not weighted]
    for choice in choices:
        scores = np.zeros((len(train), len(classes)))
        jobs = (
            delayed(_fold_scores)(design, truth, weights, train, inside, outside, choice, classes)
            for inside, outside in folds
        )
        for outside, fold in Parallel(n_jobs=WORKERS)(jobs):
            scores[outside] = fold
        held_out[choice] = scores
        predicted = np.array(classes)[scores.argmax(axis=1)]
        right = predicted == truth[train]
        cross_validation[_name(choice)] = float(np.average(right, weights=weights[train]))
    best = max(choices, key=lambda choice: (cross_validation[_name(choice)], -choice[0]))
    best_c, weighted = best
    index = {name: i for i, name in enumerate(classes)}
    truth_index = np.array([index[t] for t in truth[train]])
    temperature = fit_temperature(held_out[best], truth_index, weights[train])
    fit_weights = weights if weighted else None
    fitted = _fit(design[train], truth[train], best_c, _rows(fit_weights, train))
    model = _model(label, classes, features, idf, fitted, temperature, block_names, block_kinds)

    subsets = {f: train[_subsample(groups[train], f)] for f in LEARNING_CURVE_FRACTIONS}
    smaller = [f for f in LEARNING_CURVE_FRACTIONS if f < 1.0]
    jobs = (
        delayed(_fit)(design[subsets[f]], truth[subsets[f]], best_c, _rows(fit_weights, subsets[f]))
        for f in smaller
    )
    partials = dict(zip(smaller, Parallel(n_jobs=WORKERS)(jobs), strict=True))
    curve = {}
    for fraction in LEARNING_CURVE_FRACTIONS:
        rows = subsets[fraction]
        partial = partials.get(fraction, fitted)
        predicted = np.array(classes)[_class_scores(partial, design[test], classes).argmax(1)]
        curve[str(fraction)] = {
            "training_sentences": len(rows),
            "test_accuracy": float(np.mean(predicted == truth[test])),
        }
    measured = {
        "classes": classes,
        "features": len(features),
        "cross_validation_accuracy": cross_validation,
        "chosen": _name(best),
        "chosen_c": best_c,
        "fitted_with_sampling_weights": weighted,
        "temperature": temperature,
        "learning_curve": curve,
    }
    return model, measured


def _pair_records(pairs: pd.DataFrame, workers: int) -> dict[str, tuple[list[dict], int, str]]:
    """Per labelled pair: its answer's sentences labelled by the learned sentence models, its
    table cell count and its question."""
    answers = snapshot_answers()
    texts = {p.pair: str(answers.loc[p.answer_id, "answer"]) for p in pairs.itertuples()}
    by_pair = dict(zip(texts, read_answers(list(texts.values()), True, workers), strict=True))
    return {
        p.pair: (*by_pair[p.pair], str(answers.loc[p.answer_id, "question"]))
        for p in pairs.itertuples()
    }


def _rule_asks(text: str, records: list[dict], table_cells: int) -> list:
    return list(judge_asks(text, records, table_cells > 0, learned=False).asks)


def train_asks(workers: int = 2) -> tuple[LinearModel, dict, LinearModel, dict]:
    """The ask model (:mod:`analysis.measures.learned_asks`) from the labelled pairs: each
    reader's ask judged by the rules against its answer gives the features, the reader's status
    the class. Chosen, calibrated and judged as the sentence models are; on the test pairs also
    the answers' overall status (all / some / none) from the question's own asks."""
    pairs = labelled_pairs()
    pairs["answer_id"] = pairs["answer_id"].astype(str)
    asks = labelled_asks().merge(pairs[["pair", "split", "answer_group"]], on="pair")
    context = _pair_records(pairs, workers)
    blocks, kept = [], []
    for row in asks.itertuples():
        records, cells, _ = context[row.pair]
        judged = _rule_asks(str(row.ask_text), records, cells)
        if judged:  # an ask too short to read as a question has nothing to judge
            blocks.append(ask_blocks(str(row.ask_text), judged[0].features))
            kept.append(row.Index)
    table = asks.loc[kept].reset_index(drop=True)
    model, measured = fit_label(
        "status", table, table["status"].to_numpy(), blocks, ASK_BLOCKS, ASK_BLOCK_KINDS
    )
    measured["asks_used"] = len(table)
    measured["test_asks"] = int((table["split"] == "test").sum())
    measured["asks_labelled"] = len(asks)
    statuses, answer_blocks = {}, []
    for pair in pairs.itertuples():
        records, cells, question = context[pair.pair]
        learned = apply_ask_model(_rule_asks(question, records, cells), model)
        statuses[pair.pair] = overall_status([ask.status for ask in learned])
        answer_blocks.append({"rules": answer_tokens(learned) if learned else ("asks=0",)})
    test_pairs = pairs[pairs["split"] == "test"]
    derived = test_pairs["pair"].map(statuses)
    measured["derived_overall_test_accuracy"] = float(np.mean(derived == test_pairs["overall"]))
    measured["overall_test_pairs"] = len(test_pairs)
    answers_model, answers_measured = fit_label(
        "answers",
        pairs,
        pairs["overall"].to_numpy(),
        answer_blocks,
        ("rules",),
        ("binary",),
    )
    answers_measured["test_pairs"] = len(test_pairs)
    return model, measured, answers_model, answers_measured


def train_all(workers: int = 2) -> dict:
    """Rebuild every model into ``analysis/models`` (module docstring); returns the report."""
    labelled = labelled_sentences()
    records = records_in_context(labelled, learned=False, workers=workers)
    blocks = [sentence_blocks(record) for record in records]
    paths.MODELS.mkdir(parents=True, exist_ok=True)
    report: dict = {"labelled_sentences": len(labelled), "labels": {}}
    for label in SENTENCE_LABELS:
        model, measured = train_label(label, labelled, blocks)
        write_atomically(paths.MODELS / f"{label}.npz", model_bytes(model))
        report["labels"][label] = measured
        print(f"{label}: {_summary(measured)}", flush=True)
    # The ask model reads sentences labelled by the models just written.
    sentence_models.cache_clear()
    model, measured, answers_model, answers_measured = train_asks(workers)
    write_atomically(paths.MODELS / "asks.npz", model_bytes(model))
    write_atomically(paths.MODELS / "answers.npz", model_bytes(answers_model))
    report["labels"]["asks"] = measured
    report["labels"]["answers"] = answers_measured
    print(f"asks: {_summary(measured)}", flush=True)
    print(
        f"answers (all/some/none): {_summary(answers_measured)}; from the ask statuses alone "
        f"{measured['derived_overall_test_accuracy']:.3f}"
    )
    write_atomically(paths.MODELS / "training.json", json.dumps(report, indent=2) + "\n")
    return report


def _summary(measured: dict) -> str:
    curve = measured["learning_curve"]
    chosen = measured["cross_validation_accuracy"][measured["chosen"]]
    return (
        f"{measured['chosen']}: cross-validation {chosen:.3f}, temperature "
        f"{measured['temperature']:.2f}, test at 1/8 1/4 1/2 all of the training data "
        + " ".join(f"{v['test_accuracy']:.3f}" for v in curve.values())
    )


def main() -> int:
    """Train, write the models, and print what was measured, one line per label."""
    started = time.perf_counter()
    train_all()
    print(f"trained in {time.perf_counter() - started:.0f} s -> {paths.MODELS}")
    return 0
