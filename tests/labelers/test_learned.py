"""analysis.labelers.learned: the learned labels, their probabilities and the cues that explain
them, on sentences whose labels are not in doubt."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import sentence_table
from analysis.labelers.learned import CUES_SHOWN, SENTENCE_LABELS, _cues, sentence_models
from analysis.labelers.sentence_table import sentence_records
from analysis.learning.features import readable, sentence_blocks

TEXT = (
    "The Government will publish the National Cancer Plan in March 2026. "
    "There are no plans to change the guidance. "
    "This is a matter for the Chief Constable."
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return sentence_table(TEXT)


def test_clear_sentences_get_the_guides_labels(table) -> None:
    assert table["time"].tolist()[:2] == ["future", "none"]
    assert table["commitment"].tolist()[:2] == [3, 0]
    assert bool(table["specific"].iloc[0])


def test_each_label_has_the_probability_of_the_label_given(table) -> None:
    records, _ = sentence_records(TEXT)
    for label in SENTENCE_LABELS:
        column = table[f"{label}_probability"]
        assert column.between(0, 1).all()
        for record in records:
            probabilities = record[f"{label}_probabilities"]
            assert sum(probabilities.values()) == pytest.approx(1.0)
            assert record[f"{label}_probability"] == max(probabilities.values())


def test_cues_name_the_words_that_pushed_the_label_then_the_rules(table) -> None:
    first = table["time_cues"].iloc[0]
    model_part = first.split("; ")[0]
    assert model_part.startswith("future: ")
    assert "will publish" in first  # the rules' own cue, kept after the model's
    assert table["cues"].iloc[0].startswith("time [future: ")


def test_a_deflection_needs_a_learned_zero_and_names_the_body(table) -> None:
    last = table.iloc[2]
    assert bool(last["is_deflection"]) == (last["commitment"] == 0)
    if last["is_deflection"]:
        assert last["deflected_to"] == "police forces"  # the bodies lexicon names it so
    assert not table["is_deflection"].iloc[0]


def test_the_models_are_plain_arrays_of_the_shipped_labels() -> None:
    models = sentence_models()
    assert set(models) == {"time", "commitment", "specific"}
    assert models["commitment"].classes == ("0", "1", "2", "3", "NA")
    assert models["time"].classes == ("current", "future", "none", "past")


def test_cues_are_the_largest_positive_pushes_of_the_chosen_class_row_by_row() -> None:
    # The vectorised cues against a plain reading of the rule, sentence by sentence.
    records = sentence_records(TEXT + " We will consult in the spring.", learned=False)[0]
    model = sentence_models()["time"]
    design = model.design([sentence_blocks(record) for record in records])
    chosen = model.probabilities(design).argmax(axis=1)
    got = _cues(model, design, chosen)
    for row in range(design.shape[0]):
        start, end = design.indptr[row], design.indptr[row + 1]
        columns = design.indices[start:end]
        lean = model.weights[chosen[row]] - model.weights.mean(axis=0)
        pushes = sorted(
            ((-design.data[start + i] * lean[c], i, c) for i, c in enumerate(columns)),
        )[:CUES_SHOWN]
        name = model.classes[chosen[row]]
        expected = [f"{name}: {readable(model.features[c])}" for p, _, c in pushes if p < 0]
        assert got[row] == expected
        assert expected  # every sentence here has a feature for its label
