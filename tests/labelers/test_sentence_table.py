"""analysis.labelers.sentence_table: the sentence table, and the seed answer worked sentence by
sentence.

tests/data/seed_expected.csv gives each seed sentence's labels as a careful reader applies the
guide, with the reason, written before the labelers were tuned. Where the labelers still
disagree, the case is a strict expected failure: it must fail now, and fixing it shows up.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import sentence_table
from analysis.labelers.sentence_table import SENTENCE_COLUMNS, sentence_records
from analysis.paths import TESTS_DATA

EXPECTED = pd.read_csv(TESTS_DATA / "seed_expected.csv", dtype=str, keep_default_na=False)
# Sentences where the labelers and the hand labels differ, and why (see the closing notes).
# Where the learned labelers (the default) part from the careful reading of the seed. The rules
# missed s3 and s6, which the models get right; they missed none of these. Tracked here so a
# change of model that fixes or breaks one is seen (strict: a fix fails until listed).
KNOWN_MISSES = {
    (0, "commitment"): "'X is a key aim of the Plan' read as qualified (2), not a statement (NA)",
    (1, "commitment"): "'will include further details' read as qualified (2), not a deferral (1)",
    (2, "time"): "'will have patients at its heart, and ... has been working': the current clause "
    "outweighs the future one (the guide: the future wins)",
    (5, "time"): "'It is a priority for the Government to support ...' read as current action",
    (5, "commitment"): "follows from reading sentence 5 as an action (2), not an attitude (NA)",
    (8, "specific"): "'the NHS ... blood cancers' read as naming something checkable",
    (9, "commitment"): "a claimed effect of the 10-Year Health Plan read as qualified (2), not NA",
    (11, "specific"): "'the current national cancer audits' read as a named programme",
    (19, "commitment"): "'is not a disease that is specialised' read as a refusal (0), not a fact",
}


def test_columns_and_types() -> None:
    table = sentence_table("We will publish the plan in May 2026. There are no plans to change it.")
    assert list(table.columns) == SENTENCE_COLUMNS
    assert table["sentence"].tolist() == [
        "We will publish the plan in May 2026.",
        "There are no plans to change it.",
    ]
    assert table["time"].tolist() == ["future", "none"]
    assert table["commitment"].tolist() == [3, 0]
    assert str(table["commitment"].dtype) == "Int64"
    assert table["specific"].tolist() == [True, False]
    assert table["cues"].str.contains("time \\[").all()


def test_empty_text_gives_an_empty_table() -> None:
    table = sentence_table("")
    assert table.empty and list(table.columns) == SENTENCE_COLUMNS


def test_html_is_read_and_tables_left_out() -> None:
    html = "<p>We will publish it.</p><table><tr><td>2023</td><td>£5m</td></tr></table>"
    assert sentence_table(html)["sentence"].tolist() == ["We will publish it."]


@pytest.fixture(scope="module")
def seed_table(seed_answer) -> pd.DataFrame:
    return sentence_table(seed_answer["answer"])


def test_seed_has_the_sentences_written_down(seed_table: pd.DataFrame) -> None:
    assert len(seed_table) == len(EXPECTED) == 22
    for row in EXPECTED.itertuples():
        assert seed_table.loc[int(row.sentence_index), "sentence"].startswith(row.starts_with)


def _cases() -> list:
    cases = []
    for row in EXPECTED.itertuples():
        for label in ("time", "commitment", "specific"):
            reason = KNOWN_MISSES.get((int(row.sentence_index), label))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(
                pytest.param(
                    int(row.sentence_index), label, id=f"s{row.sentence_index}-{label}", marks=marks
                )
            )
    return cases


@pytest.mark.parametrize(("index", "label"), _cases())
def test_seed_sentence_labels(seed_table: pd.DataFrame, index: int, label: str) -> None:
    expected = EXPECTED.set_index("sentence_index").loc[str(index), label]
    got = seed_table.loc[index, label]
    if label == "commitment":
        got = "" if pd.isna(got) else str(int(got))
    elif label == "specific":
        got = str(bool(got)).lower()
    assert got == expected, EXPECTED.set_index("sentence_index").loc[str(index), "reason"]


def test_items_of_a_list_take_the_time_of_their_lead_in() -> None:
    text = (
        "<p>The Government will:</p><ul><li>Publish a new strategy by March 2026.</li>"
        "<li>Consult on the rules.</li></ul>"
    )
    records, _ = sentence_records(text, learned=False)
    assert [r["time"] for r in records] == ["future", "future", "future"]
    # The dated item is checkable, so firm; the other is an undertaking with nothing to check.
    assert [r["commitment"] for r in records][1:] == [3, 2]
    assert "list item under" in records[1]["time_cues"]
    assert "list_lead_in" in records[1]["time_rules"]
    # The learned labelers read the lead-in's rule among their features: future throughout.
    assert sentence_table(text)["time"].tolist() == ["future", "future", "future"]


def test_an_all_capitals_heading_is_labelled_quickly() -> None:
    import time

    start = time.perf_counter()
    sentence_table(
        "AN AGENDA NATIONAL DEMOCRATIC ALLIANCE ELECTION MANIFESTO LOK SABHA ELECTION 1999"
    )
    # It took over ten minutes before the name pattern stopped backtracking.
    assert time.perf_counter() - start < 5


def test_a_long_text_labelled_in_runs_gives_the_same_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from analysis.labelers import sentence_table as module
    from analysis.labelers.sentence_table import label_texts

    # Runs of 4 would cut the list from its lead-in; the run grows to keep them together. An
    # acronym the text defines in its first run is known in the others.
    text = (
        "The Department for Education (DfE) publishes figures. "
        + "We are investing £5 million this year. There are no plans to change this. " * 5
        + "<p>The Government will:</p><ul><li>Publish a new strategy by March 2026.</li>"
        "<li>Consult on the rules.</li></ul><p>The DfE will report in May.</p>"
    )
    monkeypatch.setattr(module, "SENTENCES_PER_RUN", 4)
    runs: list[int] = []

    class CountingPool(ThreadPoolExecutor):
        def map(self, fn, *iterables, **kwargs):
            items = list(iterables[0])
            runs.extend(len(sentences) for _, sentences, _ in items)
            return super().map(fn, items, **kwargs)

    with CountingPool(max_workers=2) as pool:
        in_runs = label_texts([text, "A short one."], pool=pool)
    alone = label_texts([text, "A short one."])
    # The long text's 15 sentences: the lead-in is the 12th, its items the 13th and 14th.
    assert runs == [4, 4, 6, 1]
    assert in_runs == alone
    assert "list item under" in in_runs[0][0][12]["time_cues"]
