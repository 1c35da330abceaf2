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
from functools import cache, lru_cache

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


def _cues(model: LinearModel, design, chosen: np.ndarray) -> list[list[str]]:
    """Per sentence (row of ``design``), the features that pushed its ``chosen`` class most
    above the others, in words: each feature's value times its weight for the class less the
    classes' mean weight, the :data:`CUES_SHOWN` largest positive pushes, ties in column order.
    All rows at once."""
    rows = np.repeat(np.arange(design.shape[0]), np.diff(design.indptr))
    push = design.data * model.leans[chosen[rows], design.indices]
    # Only positive pushes are shown: sort those, by row, then by push (largest first);
    # lexsort is stable, so ties keep column order.
    positive = np.flatnonzero(push > 0)
    rows, columns = rows[positive], design.indices[positive]
    order = np.lexsort((-push[positive], rows))
    counts = np.bincount(rows, minlength=design.shape[0])
    starts = np.cumsum(counts) - counts
    rank = np.arange(len(order)) - np.repeat(starts, counts)
    kept = order[rank < CUES_SHOWN]
    cues: list[list[str]] = [[] for _ in range(design.shape[0])]
    kept_rows = rows[kept]
    classes, features = model.classes, model.features
    for row, class_index, column in zip(
        kept_rows.tolist(), chosen[kept_rows].tolist(), columns[kept].tolist(), strict=True
    ):
        cues[row].append(_cue(classes[class_index], features[column]))
    return cues


@lru_cache(maxsize=65536)
def _cue(class_name: str, feature: str) -> str:
    """A cue in words: the class, then the feature ("future: will be published"); written
    once per class and feature (the same few thousand recur in every batch)."""
    return f"{class_name}: {readable(feature)}"


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
        all_cues = _cues(model, design, chosen)
        values = [_value(label, name) for name in model.classes]
        probability_key, probabilities_key, cues_key = (
            f"{label}_probability",
            f"{label}_probabilities",
            f"{label}_cues",
        )
        # Plain lists: reading NumPy arrays element by element costs more than the labelling.
        rows = zip(records, chosen.tolist(), probabilities.tolist(), all_cues, strict=True)
        for record, best, row, cues in rows:
            record[label] = values[best]
            record[probability_key] = row[best]
            record[probabilities_key] = dict(zip(model.classes, row, strict=True))
            rule_cues = str(record.get(cues_key, ""))
            record[cues_key] = "; ".join([*cues, *([rule_cues] if rule_cues else [])])
