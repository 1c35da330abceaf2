"""analysis.learning.linear: the plain-array model applies as scikit-learn would, and survives a
round trip through its file format."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.learning.linear import LinearModel, fit_vocabulary, load_model, model_bytes

SENTENCES = [
    {"words": ["we", "will", "publish", "will"], "rules": ["time=future"]},
    {"words": ["we", "published", "it"], "rules": ["time=past"]},
    {"words": ["it", "is", "published"], "rules": []},
    {"words": ["unseen"], "rules": ["time=past", "never=seen"]},
]
BLOCKS = ("words", "rules")
KINDS = ("tfidf", "binary")


def _model(classes=("a", "b")) -> LinearModel:
    features, idf = fit_vocabulary(SENTENCES[:3], BLOCKS, KINDS, min_count=1)
    rng = np.random.default_rng(0)
    return LinearModel(
        "toy",
        classes,
        BLOCKS,
        KINDS,
        features,
        idf,
        rng.normal(size=(len(classes), len(features))),
        rng.normal(size=len(classes)),
        1.5,
    )


def test_the_tfidf_block_equals_scikit_learns_sublinear_tfidf() -> None:
    model = _model()
    design = model.design(SENTENCES[:3]).toarray()
    words = [c for c, f in enumerate(model.features) if f.startswith("words|")]
    reference = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
    expected = reference.fit_transform([s["words"] for s in SENTENCES[:3]]).toarray()
    names = [model.features[c].split("|", 1)[1] for c in words]
    order = [list(reference.get_feature_names_out()).index(n) for n in names]
    np.testing.assert_allclose(design[:, words], expected[:, order])


def test_binary_features_are_one_and_unknown_tokens_are_dropped() -> None:
    model = _model()
    row = model.design(SENTENCES[3:]).toarray()[0]
    assert row[model.column_of["rules|time=past"]] == 1.0
    assert row.sum() == 1.0  # "unseen" and "never=seen" are not in the vocabulary


def test_probabilities_are_the_tempered_softmax_and_rows_sum_to_one() -> None:
    model = _model(("a", "b", "c"))
    design = model.design(SENTENCES)
    probabilities = model.probabilities(design)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    scores = design.toarray() @ model.weights.T + model.bias
    expected = np.exp(scores / 1.5) / np.exp(scores / 1.5).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(probabilities, expected)


def test_a_lean_is_a_weight_less_the_classes_mean_and_adding_it_keeps_the_ranking() -> None:
    model = _model(("a", "b", "c"))
    # For one feature with weights (w_a, w_b, w_c): lean_a = w_a - (w_a + w_b + w_c) / 3.
    column = model.column_of["words|will"]
    weights = model.weights[:, column]
    assert model.leans[0, column] == pytest.approx(weights[0] - weights.sum() / 3)
    np.testing.assert_allclose(model.leans.sum(axis=0), 0.0, atol=1e-12)
    # The mean is the same for every class, so leans rank the classes as weights do.
    design = model.design(SENTENCES).toarray()
    np.testing.assert_array_equal(
        (design @ model.leans.T).argmax(axis=1), (design @ model.weights.T).argmax(axis=1)
    )


def test_the_file_round_trip_keeps_every_array(tmp_path) -> None:
    model = _model()
    path = tmp_path / "toy.npz"
    path.write_bytes(model_bytes(model))
    loaded = load_model(path)
    assert loaded.classes == model.classes and loaded.features == model.features
    np.testing.assert_allclose(loaded.weights, model.weights, rtol=1e-6)  # stored as float32
    assert loaded.temperature == model.temperature
    # Plain Python strings, as the model was built with (not NumPy's string scalars).
    assert {type(name) for name in (*loaded.classes, *loaded.blocks, *loaded.features)} == {str}
    assert loaded.column_of == model.column_of


def test_models_with_one_vocabulary_share_its_lookups(tmp_path) -> None:
    path = tmp_path / "toy.npz"
    path.write_bytes(model_bytes(_model()))
    first, second = load_model(path), load_model(path)
    assert first.column_of is second.column_of  # built once, not per model loaded
    assert first.design(SENTENCES).nnz == second.design(SENTENCES).nnz > 0


def test_a_model_of_another_format_version_is_refused(tmp_path) -> None:
    path = tmp_path / "old.npz"
    np.savez(path, format_version=np.array(0))
    with pytest.raises(ValueError, match="model format 0"):
        load_model(path)


def test_the_same_model_gives_the_same_bytes() -> None:
    assert model_bytes(_model()) == model_bytes(_model())


def test_a_batch_is_each_sentence_alone_stacked_including_empty_and_unknown_ones() -> None:
    model = _model()
    batch = [*SENTENCES, {}, {"words": ["nothing", "known"]}, {"words": ["we"] * 5}]
    together = model.design(batch).toarray()
    alone = np.vstack([model.design([sentence]).toarray() for sentence in batch])
    np.testing.assert_array_equal(together, alone)
    assert not together[4].any() and not together[5].any()
    we = model.column_of["words|we"]
    assert together[6, we] == pytest.approx(1.0)  # the only known token: unit length
    assert model.design([]).shape == (0, len(model.features))
