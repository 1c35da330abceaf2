"""analysis.learning.features: the blocks a learned labeler sees, and features in words."""

from __future__ import annotations

from analysis.labelers.sentence_table import sentence_records
from analysis.learning.features import readable, sentence_blocks, word_grams


def test_word_grams_are_words_and_pairs_lower_cased() -> None:
    assert word_grams("We’ll publish £5m") == [
        "we'll",
        "publish",
        "£",
        "5",
        "m",
        "we'll publish",
        "publish £",
        "£ 5",
        "5 m",
    ]


def test_a_sentence_offers_its_words_main_clause_rules_and_reading() -> None:
    records, _ = sentence_records(
        "The plan, which will be published next year, sets out the steps.", learned=False
    )
    blocks = sentence_blocks(records[0])
    assert "will be" in blocks["words"]
    assert "will be" not in blocks["main"]  # the relative clause is not the main clause
    assert "sets out" in blocks["main"]
    assert any(token.startswith("time=") for token in blocks["rules"])
    assert "detail=date" in blocks["rules"]  # "next year"
    assert any(token.startswith("first:lemma=") for token in blocks["reading"])


def test_features_read_back_in_words() -> None:
    assert readable("words|be published") == "be published"
    assert readable("main|will be") == "will be (main clause)"
    assert readable("rules|time=future") == "the rules said future"
    assert readable("reading|first:modal=will") == "'will' on the main verb"
    assert readable("reading|first:shape=None|VBN|100") == "the main verb: VBN perfect"
