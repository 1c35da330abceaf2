"""The learned labelers: time, commitment and specific decided by models learned from readers.

The hand-written rules read each sentence first (:mod:`analysis.labelers.sentence_table`); their
labels, the ids of the rules that fired and the sentence reading are features beside the words
(:mod:`analysis.learning.features`). A model per label (``analysis/models/<label>.npz``, trained
by ``make train`` on the training split of ``data/labelled``) then gives each sentence a
probability per class; the label is the most probable class and ``<label>_probability`` its
probability (calibrated: of the sentences given 0.8, about 8 in 10 are right).

The cues keep saying why: the features that pushed the chosen class most, in words ("future:
will be published"), then the rules' own cues. Applied to many sentences at once.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import replace
from functools import cache

import numpy as np

from analysis import paths
from analysis.learning.features import readable, sentence_blocks
from analysis.learning.linear import LinearModel, load_model

SENTENCE_LABELS = ("time", "commitment", "specific")
# How many of the features that pushed a label most its cue names.
CUES_SHOWN = 3


@cache
def sentence_models() -> dict[str, LinearModel]:
    """The three sentence models, loaded once from ``analysis/models``. Models trained on the
    same data share one vocabulary object, so a batch's feature matrix is built once for them."""
    models: dict[str, LinearModel] = {}
    for label in SENTENCE_LABELS:
        model = load_model(paths.MODELS / f"{label}.npz")
        same = next((m for m in models.values() if m.features == model.features), None)
        models[label] = model if same is None else replace(model, features=same.features)
    return models


def _value(label: str, name: str) -> object:
    if label == "commitment":
        return None if name == "NA" else int(name)
    if label == "specific":
        return name == "true"
    return name


def _cues(model: LinearModel, design, position: int, chosen: int) -> list[str]:
    """The features that pushed class ``chosen`` most above the others, in words."""
    start, end = design.indptr[position], design.indptr[position + 1]
    columns = design.indices[start:end]
    if len(columns) == 0:
        return []
    weights = model.weights[:, columns]
    push = design.data[start:end] * (weights[chosen] - weights.mean(axis=0))
    order = np.argsort(-push, kind="stable")[:CUES_SHOWN]
    name = model.classes[chosen]
    return [f"{name}: {readable(model.features[columns[i]])}" for i in order if push[i] > 0]


def apply_models(records: Sequence[MutableMapping[str, object]]) -> None:
    """Label every record in place with the learned models (module docstring).

    Each record must carry the rules' labels and reading (``rule_labels``). Sets ``time``,
    ``commitment``, ``specific``, their ``_probability`` and ``_probabilities`` (every class),
    and puts the model's cues before the rules' in ``time_cues``, ``commitment_cues`` and
    ``specific_cues``.
    """
    if not records:
        return
    blocks = [sentence_blocks(record) for record in records]
    designs: dict[int, object] = {}
    for label, model in sentence_models().items():
        # The sentence models share one vocabulary (same data, same blocks): build it once.
        design = designs.get(id(model.features))
        if design is None:
            design = designs[id(model.features)] = model.design(blocks)
        probabilities = model.probabilities(design)
        chosen = probabilities.argmax(axis=1)
        for position, record in enumerate(records):
            best = int(chosen[position])
            record[label] = _value(label, model.classes[best])
            record[f"{label}_probability"] = float(probabilities[position, best])
            record[f"{label}_probabilities"] = dict(
                zip(model.classes, map(float, probabilities[position]), strict=True)
            )
            cues = _cues(model, design, position, best)
            rule_cues = str(record.get(f"{label}_cues", ""))
            record[f"{label}_cues"] = "; ".join([*cues, *([rule_cues] if rule_cues else [])])
