"""analysis.validation.external: loaders, baselines against the README's figures, metrics worked by
hand.

The public data sets live in ../shared/eval (read in place); tests that need them are skipped,
with the reason shown, on a machine without them. The deterministic baselines (digits-or-
capitals, will/shall, textstat on CLEAR and OneStopEnglish, Speciteller's shipped predictions)
run on the full files: they take a few seconds. Our labelers run on small samples only; the
full run is benchmarks/bench_external.py.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import pandas as pd
import pytest
import textstat

from analysis import paths
from analysis.labelers.sentence_table import label_sentence
from analysis.validation import external
from analysis.validation.external import (
    RESULT_COLUMNS,
    binary_scores,
    detokenise,
    digits_or_capitals,
    hedge_cues,
    hedge_words,
    label_sentences,
    ordered_pair_share,
    roc_auc,
    spearman,
    will_shall,
)


@pytest.fixture(scope="module")
def eval_dir() -> Path:
    if not paths.EVAL.is_dir():
        pytest.skip(f"{paths.EVAL} is not on this machine (public eval data beside the checkout)")
    return paths.EVAL


# ---- metrics on hand-made inputs -----------------------------------------------------------


def test_spearman_by_hand() -> None:
    # Ranks differ by 0, 1, 1, 0: rho = 1 - 6 * 2 / (4 * (16 - 1)) = 0.8
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # A tie shares the average rank: a -> 1, 2.5, 2.5, 4. Deviations -1.5, 0, 0, 1.5 and
    # -1.5, -0.5, 0.5, 1.5: r = 4.5 / sqrt(4.5 * 5) = sqrt(0.9)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(math.sqrt(0.9))
    # A missing value drops its pair.
    assert spearman([1, 2, None, 3], [1, 2, 9, 3]) == pytest.approx(1.0)


def test_roc_auc_by_hand() -> None:
    # Positives score 3 and 1, negatives 2 and 0: of 4 pairs, 3>2, 3>0, 1>0 win, 1<2 loses.
    assert roc_auc([True, True, False, False], [3, 1, 2, 0]) == pytest.approx(0.75)
    # A tie (2 vs 2) counts half: (0.5 + 1 + 0 + 1) / 4
    assert roc_auc([True, True, False, False], [2, 1, 2, 0]) == pytest.approx(0.625)
    assert math.isnan(roc_auc([True, True], [1, 2]))


def test_ordered_pair_share_by_hand() -> None:
    frame = pd.DataFrame(
        {
            "article": ["A"] * 3 + ["B"] * 3,
            "level_code": [0, 1, 2] * 2,
            "grade": [5.0, 6.0, 7.0, 5.0, 5.0, 4.0],
        }
    )
    # A orders all 3 pairs; B: ELE=INT is a tie (wrong), INT>ADV and ELE>ADV are wrong.
    assert ordered_pair_share(frame, "grade") == (pytest.approx(3 / 6), 6)
    # Read as an ease score (lower = harder): A is all wrong; B's tie is still wrong, the two
    # pairs with ADV are right.
    assert ordered_pair_share(frame, "grade", harder_is_higher=False) == (pytest.approx(2 / 6), 6)


def test_detokenise_ptb() -> None:
    text = "The world 's largest -LRB- 30 % -RRB- chain , `` he said '' ."
    assert detokenise(text) == 'The world\'s largest (30%) chain, "he said".'
    assert detokenise("They do n't know .") == "They don't know."
    assert detokenise("about two hours ' pay") == "about two hours' pay"
    assert detokenise("The ' Huisgen reaction ' , also") == "The 'Huisgen reaction', also"
    assert detokenise("costs $ 1.59 each") == "costs $1.59 each"


def test_baseline_rules() -> None:
    assert not digits_or_capitals("The cat sat .")
    assert not digits_or_capitals("Bob ran .")  # a capital at the start does not count
    assert digits_or_capitals("The cat saw Bob .")
    assert digits_or_capitals("in 1990 it rained .")
    assert will_shall("We will cut taxes.") and will_shall("We SHALL act.")
    assert not will_shall("Willpower and goodwill.")
    assert hedge_words("Some experts say so.") and not hedge_words("The river is long.")


def test_hedge_cues_are_the_lexicon_hedges() -> None:
    assert any(c.startswith("possibility") for c in hedge_cues("The Department may consider it."))
    assert hedge_cues("We will publish the strategy.") == []
    # The month is not the modal, as in the labelers; a sentence-initial "May" stays a cue.
    assert hedge_cues("It visits flowers from May to October.") == []
    assert hedge_cues("May I thank the hon. Member.") != []
    assert all(e["level"] == 1 for e in external.hedge_entries())


def test_label_sentences_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = external.labelling.rule_labels

    def slow(sentence: str) -> dict[str, object]:
        if sentence.startswith("Slow"):
            time.sleep(5)
        return rules(sentence)

    monkeypatch.setattr(external.labelling, "rule_labels", slow)
    sentences = ["We will publish it.", "Slow sentence.", "It was published."]
    # One by one first (which also loads the lexicons and models before the clock runs).
    alone = [label_sentence(sentences[0]), label_sentence(sentences[2])]
    labels, timed_out = label_sentences(sentences, time_limit=0.5)
    assert labels[1] is None and timed_out == [1]
    # The others labelled as one by one, though the models read them together.
    assert [labels[0], labels[2]] == alone
    assert labels[0]["time"] == "future" and labels[2]["time"] == "past"


def test_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fake_run(sample: int | None = None, seed: int = 0) -> pd.DataFrame:
        calls.append(sample)
        frame = pd.DataFrame(
            [["d", "accuracy", "m", 0.5, math.nan, "", 0.6, "ref", 10]], columns=RESULT_COLUMNS
        )
        frame.attrs = {
            "created": "now",
            "sample": sample,
            "seed": seed,
            "notes": ["x"],
            "fingerprint": fingerprint,
        }
        return frame

    fingerprint = "code-1"
    monkeypatch.setattr(external.runner, "run_external_checks", fake_run)
    monkeypatch.setattr(external.runner, "code_fingerprint", lambda: fingerprint)
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    cache = tmp_path / "checks.json"
    first = external.load_or_run(path=cache)
    second = external.load_or_run(path=cache)
    assert calls == [None]  # the second call read the cache
    pd.testing.assert_frame_equal(first, second)
    assert math.isnan(second.loc[0, "baseline"]) and second.attrs["notes"] == ["x"]
    external.load_or_run(sample=5)  # a sampled run never writes the default cache
    assert calls == [None, 5]
    assert not external.default_cache_path().exists()
    external.load_or_run(path=cache, refresh=True)
    assert calls == [None, 5, None]
    fingerprint = "code-2"  # the labelers changed: the cached run is stale
    external.load_or_run(path=cache)
    assert calls == [None, 5, None, None]


# ---- loaders: counts and label balance from the files ----------------------------------------


def test_load_specificity(eval_dir: Path) -> None:
    frame = external.load_specificity()
    assert len(frame) == 885
    assert frame["specific"].value_counts().to_dict() == {True: 483, False: 402}
    assert "-LRB-" not in " ".join(frame["sentence"])


def test_load_pledges(eval_dir: Path) -> None:
    frame = external.load_pledges()
    assert len(frame) == 7729
    assert frame["pledge"].value_counts().to_dict() == {False: 5834, True: 1895}
    assert set(frame["set"]) == {"trn", "dev"}  # both splits are used


def test_load_hedging(eval_dir: Path) -> None:
    frame = external.load_hedging()
    assert len(frame) == 7288
    assert frame["uncertain"].value_counts().to_dict() == {False: 5054, True: 2234}


def test_load_clear_and_onestopenglish(eval_dir: Path) -> None:
    clear = external.load_clear()
    assert len(clear) == 4724 and clear["easiness"].notna().all()
    onestop = external.load_onestopenglish()
    assert len(onestop) == 567 and onestop["article"].nunique() == 189
    assert all(
        sorted(levels) == [0, 1, 2] for _, levels in onestop.groupby("article")["level_code"]
    )
    assert external.load_onestopenglish(sample=5)["article"].nunique() == 5


# ---- deterministic baselines reproduce the README (full files) -------------------------------


def test_digits_or_capitals_reproduces_69_4(eval_dir: Path) -> None:
    frame = external.load_specificity()
    accuracy = binary_scores(frame["specific"], frame["tokenised"].map(digits_or_capitals))
    assert accuracy["accuracy"] == pytest.approx(external.DIGITS_OR_CAPITALS_ACCURACY, abs=0.001)
    speciteller = binary_scores(frame["specific"], frame["speciteller"] > 0.5)
    assert speciteller["accuracy"] == pytest.approx(external.SPECITELLER_ACCURACY, abs=0.001)


def test_will_shall_reproduces_readme(eval_dir: Path) -> None:
    frame = external.load_pledges()
    scores = binary_scores(frame["pledge"], frame["sentence"].map(will_shall))
    assert scores["accuracy"] == pytest.approx(external.WILL_SHALL_ACCURACY, abs=0.005)
    assert scores["f1"] == pytest.approx(external.WILL_SHALL_F1, abs=0.005)
    assert 1 - frame["pledge"].mean() == pytest.approx(external.PLEDGE_MAJORITY_ACCURACY, abs=5e-4)


def test_textstat_flesch_on_clear_reproduces_0_547(eval_dir: Path) -> None:
    frame = external.load_clear()
    flesch = frame["excerpt"].map(textstat.flesch_reading_ease)
    assert spearman(flesch, frame["easiness"]) == pytest.approx(
        external.TEXTSTAT_CLEAR_FLESCH, abs=0.001
    )


def test_textstat_fk_on_onestopenglish_reproduces_98_1(eval_dir: Path) -> None:
    frame = external.load_onestopenglish()
    frame["fk"] = frame["text"].map(textstat.flesch_kincaid_grade)
    share, pairs = ordered_pair_share(frame, "fk")
    assert pairs == 567
    assert share == pytest.approx(external.TEXTSTAT_ONESTOP_FK, abs=0.001)


# ---- our checks on small samples ------------------------------------------------------------


def test_run_external_checks_on_a_sample(eval_dir: Path) -> None:
    results = external.run_external_checks(sample=15, seed=1)
    assert list(results.columns) == RESULT_COLUMNS
    assert set(results["dataset"]) == set(external.DATASETS)
    assert results["ours"].notna().all()
    shares = results[~results["measure"].str.startswith("Spearman")]
    assert shares["ours"].between(0, 1).all()
    assert results.loc[results["dataset"] == "onestopenglish", "n"].eq(45).all()
    assert results.attrs["sample"] == 15 and set(results.attrs["seconds"]) == set(external.CHECKS)


@pytest.mark.parametrize("dataset", ["specificity", "pledges", "hedging"])
def test_examples_are_disagreements(eval_dir: Path, dataset: str) -> None:
    shown = external.examples(dataset, n=4, sample=300)
    assert 0 < len(shown) <= 4
    assert list(shown.columns) == ["kind", "sentence", "reference", "ours", "cues"]
    assert (shown["reference"] != shown["ours"]).all()
    assert shown["sentence"].str.len().le(200).all()
