"""A learned labeler in a plain format: feature vocabulary, weights and a temperature, as arrays.

Any NumPy reads it (``numpy.load`` of an ``.npz`` with no pickled objects), so a model trained
with one scikit-learn version loads with any other or none: scikit-learn is used to fit the
weights (:mod:`analysis.learning.train`), never to apply them.

A sentence is a list of feature tokens per block (:mod:`analysis.learning.features`). Its
vector: in a ``tfidf`` block, each token's count as ``1 + ln(count)`` times its inverse document
frequency ``ln((1 + n) / (1 + df)) + 1``, scaled to unit length within the block (the same as
scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``); in a ``binary`` block, 1 per token
present. Tokens not in the vocabulary are dropped. Probabilities: the softmax of
``(weights @ vector + bias) / temperature``, the temperature fitted on held-out folds so that the
probabilities are calibrated.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

BLOCK_KINDS = ("tfidf", "binary")
FORMAT_VERSION = 1
# The date written into every zip entry: the earliest a zip file can hold.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@lru_cache(maxsize=8)
def _feature_lookups(
    features: tuple[str, ...], blocks: tuple[str, ...]
) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Column per feature name, and per block token -> column (looked up without building
    "block|token" strings). Built once per vocabulary: the three sentence models share theirs,
    and every process that scores starts by loading them (72,557 names each)."""
    index = {name: column for column, name in enumerate(features)}
    by_block: dict[str, dict[str, int]] = {block: {} for block in blocks}
    for name, column in index.items():
        block, token = name.split("|", 1)
        by_block[block][token] = column
    return index, by_block


@dataclass(frozen=True)
class LinearModel:
    """One label's model: its classes, vocabulary per block, weights, bias and temperature."""

    label: str
    classes: tuple[str, ...]
    blocks: tuple[str, ...]  # block names, in column order
    block_kinds: tuple[str, ...]  # "tfidf" or "binary", one per block
    features: tuple[str, ...]  # "block|token", one per column
    idf: np.ndarray  # per column (1.0 in binary blocks)
    weights: np.ndarray  # classes x columns
    bias: np.ndarray  # per class
    temperature: float = 1.0

    def __post_init__(self) -> None:
        columns = len(self.features)
        if self.weights.shape != (len(self.classes), columns) or self.idf.shape != (columns,):
            raise ValueError(f"model {self.label!r}: weights, idf and features disagree in size")
        index, by_block = _feature_lookups(self.features, self.blocks)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_by_block", by_block)
        # Transposed once: a sparse-by-dense product wants the dense side contiguous.
        object.__setattr__(self, "_weights_t", np.ascontiguousarray(self.weights.T))

    @property
    def column_of(self) -> Mapping[str, int]:
        return self._index  # type: ignore[attr-defined]

    @cached_property
    def leans(self) -> np.ndarray:
        """Each class's weights less the classes' mean weight, classes x columns: how far a
        feature pushes one class above the others (what a cue names). Made when first asked."""
        return self.weights - self.weights.mean(axis=0)

    def design(self, sentences: Sequence[Mapping[str, Sequence[str]]]) -> csr_matrix:
        """The feature matrix of sentences given as block -> tokens (module docstring).

        Built for all sentences at once, block by block: the tokens of every sentence in one
        look-up, counted per sentence and column with NumPy. The arithmetic is the formula's,
        in the same order as token by token (logarithms from ``math``, each norm summed in
        the order the tokens first occur), so the matrix is the same to the last bit."""
        rows_all: list[np.ndarray] = []
        columns_all: list[np.ndarray] = []
        values_all: list[np.ndarray] = []
        width = len(self.features)
        for block, kind in zip(self.blocks, self.block_kinds, strict=True):
            lookup = self._by_block[block]  # type: ignore[attr-defined]
            token_lists = [blocks.get(block, ()) for blocks in sentences]
            # map, not a comprehension: the look-ups run without a Python step per token.
            flat = list(map(lookup.get, chain.from_iterable(token_lists), repeat(-1)))
            if not flat:
                continue
            found_columns = np.fromiter(flat, dtype=np.int64, count=len(flat))
            lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
            found_rows = np.repeat(np.arange(len(sentences), dtype=np.int64), lengths)
            known = found_columns >= 0
            keys = found_rows[known] * width + found_columns[known]
            if not len(keys):
                continue
            # Each (sentence, column) once, in the order its token first occurs.
            unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
            order = np.argsort(first, kind="stable")
            unique, counts = unique[order], counts[order]
            rows, columns = unique // width, unique % width
            if kind == "tfidf":
                logs = np.array([1.0 + math.log(n) for n in range(1, int(counts.max()) + 1)])
                weighted = logs[counts - 1] * self.idf[columns]
                norms = np.sqrt(np.bincount(rows, weights=weighted * weighted))
                values = weighted / norms[rows]
            else:
                values = np.ones(len(rows))
            rows_all.append(rows)
            columns_all.append(columns)
            values_all.append(values)
        if not rows_all:
            return csr_matrix((len(sentences), width), dtype=float)
        rows = np.concatenate(rows_all)
        by_row = np.argsort(rows, kind="stable")  # blocks in order within each sentence
        return csr_matrix(
            (
                np.concatenate(values_all)[by_row],
                (rows[by_row], np.concatenate(columns_all)[by_row]),
            ),
            shape=(len(sentences), width),
            dtype=float,
        )

    def scores(self, design: csr_matrix) -> np.ndarray:
        """Raw class scores (before the temperature), sentences x classes."""
        return np.asarray(design @ self._weights_t) + self.bias  # type: ignore[attr-defined]

    def probabilities(self, design: csr_matrix) -> np.ndarray:
        """Calibrated class probabilities, sentences x classes (rows sum to 1)."""
        return softmax(self.scores(design) / self.temperature)


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_vocabulary(
    sentences: Sequence[Mapping[str, Sequence[str]]],
    blocks: Sequence[str],
    block_kinds: Sequence[str],
    min_count: int,
) -> tuple[tuple[str, ...], np.ndarray]:
    """The features seen in at least ``min_count`` sentences (sorted, so the same data gives
    the same columns) and their inverse document frequencies."""
    document_counts: Counter[str] = Counter()
    for sentence in sentences:
        for block in blocks:
            document_counts.update({f"{block}|{token}" for token in sentence.get(block, ())})
    features = tuple(sorted(f for f, n in document_counts.items() if n >= min_count))
    kinds = dict(zip(blocks, block_kinds, strict=True))
    total = len(sentences)
    idf = np.array(
        [
            math.log((1 + total) / (1 + document_counts[f])) + 1
            if kinds[f.split("|", 1)[0]] == "tfidf"
            else 1.0
            for f in features
        ]
    )
    return features, idf


def model_bytes(model: LinearModel) -> bytes:
    """The model as ``.npz`` bytes: plain arrays, no pickled objects. The zip entries carry a
    fixed date, so the same model gives the same bytes (and the same code fingerprint)."""
    arrays = {
        "format_version": np.array(FORMAT_VERSION),
        "label": np.array(model.label),
        "classes": np.array(model.classes),
        "blocks": np.array(model.blocks),
        "block_kinds": np.array(model.block_kinds),
        "features": np.array(model.features),
        "idf": model.idf,
        "weights": model.weights.astype(np.float32),
        "bias": model.bias,
        "temperature": np.array(model.temperature),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(entry, "w") as handle:
                np.lib.format.write_array(handle, np.asarray(array), allow_pickle=False)
    return buffer.getvalue()


def load_model(path: Path) -> LinearModel:
    """A model saved from :func:`model_bytes` (fails loudly on another format version)."""
    with np.load(path, allow_pickle=False) as arrays:
        version = int(arrays["format_version"])
        if version != FORMAT_VERSION:
            raise ValueError(f"{path}: model format {version}, this code reads {FORMAT_VERSION}")
        return LinearModel(
            label=str(arrays["label"]),
            # tolist: Python strings straight from the array, not one str() per element.
            classes=tuple(arrays["classes"].tolist()),
            blocks=tuple(arrays["blocks"].tolist()),
            block_kinds=tuple(arrays["block_kinds"].tolist()),
            features=tuple(arrays["features"].tolist()),
            idf=arrays["idf"].astype(float),
            weights=arrays["weights"].astype(float),
            bias=arrays["bias"].astype(float),
            temperature=float(arrays["temperature"]),
        )
