"""analysis.learning.train: the same labelled data gives the same models, and the models learn.

Trained on a small slice of the labelled data so the test takes seconds; make train runs the
same code on all of it.
"""

from __future__ import annotations

import numpy as np
import pytest

from analysis.learning import train
from analysis.learning.context import records_in_context
from analysis.learning.features import sentence_blocks
from analysis.sources.labelled import labelled_sentences


@pytest.fixture(scope="module")
def small() -> tuple:
    labelled = labelled_sentences()
    keep = []
    for split, answers in (("train", 80), ("test", 20)):
        groups = labelled.loc[labelled["split"] == split, "answer_group"].drop_duplicates()
        keep += groups.head(answers).tolist()
    sample = labelled[labelled["answer_group"].isin(keep)].reset_index(drop=True)
    records = records_in_context(sample, learned=False, workers=1)
    return sample, [sentence_blocks(record) for record in records]


def test_training_twice_gives_identical_models(small, monkeypatch) -> None:
    monkeypatch.setattr(train, "WORKERS", 1)
    sample, blocks = small
    first, measured = train.train_label("time", sample, blocks)
    second, measured_again = train.train_label("time", sample, blocks)
    assert first.features == second.features
    np.testing.assert_array_equal(first.weights, second.weights)
    np.testing.assert_array_equal(first.bias, second.bias)
    assert first.temperature == second.temperature
    assert measured == measured_again


def test_the_model_learns_more_than_the_commonest_class(small, monkeypatch) -> None:
    monkeypatch.setattr(train, "WORKERS", 1)
    sample, blocks = small
    model, measured = train.train_label("time", sample, blocks)
    truth = train.reference(sample, "time")
    is_train = (sample["split"] == "train").to_numpy()
    commonest = max(set(truth[is_train]), key=list(truth[is_train]).count)
    best = measured["cross_validation_accuracy"][measured["chosen"]]
    assert best > np.mean(truth[is_train] == commonest)
    assert set(measured["learning_curve"]) == {"0.125", "0.25", "0.5", "1.0"}
    assert 0.2 < model.temperature < 5.0


def test_temperature_undoes_overconfidence() -> None:
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 2, 4000)
    honest = np.where(truth == 1, 1.0, -1.0)[:, None] * np.array([[-0.5, 0.5]])
    flipped = rng.random(4000) < 0.2  # right 80% of the time
    noisy = np.where(flipped[:, None], -honest, honest)
    # Right 4 times in 5, the calibrated margin between the classes is ln(0.8 / 0.2) = ln 4;
    # scores with a margin of 3 need dividing by 3 / ln 4.
    assert train.fit_temperature(3 * noisy, truth) == pytest.approx(3 / np.log(4), rel=0.05)
