"""analysis.language.tokens and words: tokens with their offsets, contractions, word classes.

Expected tokens are written out by hand from the sentences (offsets counted on the text).
"""

from __future__ import annotations

import pytest

from analysis.language import words
from analysis.language.tokens import (
    QUOTE_CLOSE_WITHIN,
    Token,
    is_adverb,
    is_determiner_that,
    masked_indexes,
    span_text,
    tokenize,
    verb_forms,
    word_classes,
)


def _word(text: str) -> Token:
    return Token(text, text.lower(), 0, len(text), "word")


def test_negative_contractions_split_into_the_verb_and_not() -> None:
    tokens = tokenize("We won't wait and can't stop.")
    assert [t.lower for t in tokens] == [
        "we",
        "will",
        "n't",
        "wait",
        "and",
        "can",
        "n't",
        "stop",
        ".",
    ]
    # The text keeps what was written ("wo"), the lower form reads it ("will").
    assert [t.text for t in tokens[1:3]] == ["wo", "n't"]
    assert [(t.start, t.end) for t in tokens[1:3]] == [(3, 5), (5, 8)]


@pytest.mark.parametrize(
    ("text", "lowers"),
    [
        ("we'll", ["we", "'ll"]),
        ("they’ve", ["they", "'ve"]),  # a curly apostrophe reads as a straight one
        ("I'm", ["i", "'m"]),
        ("don’t", ["do", "n't"]),
        ("shan't", ["shall", "n't"]),
        ("doesn't", ["does", "n't"]),
    ],
)
def test_clitics_split_off_their_stem(text: str, lowers: list[str]) -> None:
    assert [t.lower for t in tokenize(text)] == lowers


def test_split_tokens_keep_offsets_into_the_text() -> None:
    text = "They’ve said they’ll act."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_money_numbers_and_urls_are_single_tokens() -> None:
    text = "We will invest £1.5 billion (15%) in 6,500 homes: see https://www.gov.uk/x today."
    kinds = {t.text: t.kind for t in tokenize(text)}
    assert kinds["£1.5 billion"] == "money"
    assert kinds["15%"] == "number"
    assert kinds["6,500"] == "number"
    assert kinds["https://www.gov.uk/x"] == "url"
    assert kinds["("] == "punct"
    # "billion" is inside the money token, not a word of its own.
    assert "billion" not in kinds


def test_hyphenated_word_is_one_token() -> None:
    assert [t.text for t in tokenize("The well-established, co-chaired board")] == [
        "The",
        "well-established",
        ",",
        "co-chaired",
        "board",
    ]


def test_verb_forms_give_lemma_and_penn_tags() -> None:
    assert verb_forms("published") == ("publish", frozenset({"VBD", "VBN"}))
    assert verb_forms("plans") == ("plan", frozenset({"VBZ"}))
    # A hyphenated verb keeps its prefix on the lemma; an adjective prefix means no verb.
    assert verb_forms("co-chaired") == ("co-chair", frozenset({"VBD", "VBN"}))
    assert verb_forms("well-established") == ("", frozenset())
    assert verb_forms("the") == ("", frozenset())


def test_word_classes_list_every_part_of_speech_a_word_can_take() -> None:
    assert {"NOUN", "VERB"} <= set(word_classes("plans"))
    assert "VERB" not in word_classes("family")


@pytest.mark.parametrize(
    ("word", "adverb"),
    [
        ("currently", True),  # an -ly word that is not a noun
        ("also", True),  # listed
        ("family", False),  # -ly, but a noun
        ("holy", False),  # -ly and no noun, but too short to be read as an adverb
        ("plans", False),
    ],
)
def test_is_adverb(word: str, adverb: bool) -> None:
    assert is_adverb(_word(word)) is adverb


def test_brackets_and_quoted_titles_are_masked() -> None:
    tokens = tokenize("The report (published in 2023) and “Next Steps” cover the Members’ offices.")
    masked = {tokens[i].text for i in masked_indexes(tokens)}
    assert masked == {"(", "published", "in", "2023", ")", "“", "Next", "Steps", "”"}


def test_an_opening_quote_without_a_near_closer_masks_nothing() -> None:
    # An unmatched opening quote (a stray mark) must not blank the rest of the sentence.
    assert masked_indexes(tokenize("The ‘pilot scheme will continue into 2026.")) == set()
    near = tokenize("“" + " word" * (QUOTE_CLOSE_WITHIN - 1) + "” ends.")
    far = tokenize("“" + " word" * QUOTE_CLOSE_WITHIN + "” ends.")
    assert len(masked_indexes(near)) == QUOTE_CLOSE_WITHIN + 1
    assert masked_indexes(far) == set()


def test_determiner_that_versus_conjunction_that() -> None:
    tokens = tokenize("We agree with that statement.")
    assert is_determiner_that(tokens, 3)
    tokens = tokenize("We will ensure that staff are paid.")
    assert not is_determiner_that(tokens, 3)


def test_span_text_runs_from_first_to_last_token() -> None:
    text = "We will invest £1.5 billion."
    tokens = tokenize(text)
    assert span_text(text, tokens, 1, 4) == "will invest £1.5 billion"
    assert span_text(text, tokens, 3, 3) == ""


def test_word_sets_are_loaded_with_their_unions() -> None:
    assert {"will", "'ll", "wo", "cannot"} <= words.MODALS
    assert words.AUXILIARIES == words.MODALS | words.BE | words.HAVE | words.DO
    assert {"the", "for"} <= words.BEFORE_NOUN
    assert {",", ";", ":", "–", "—"} == words.BOUNDARIES
    assert "despite" in words.LEADING_PHRASE_WORDS
    assert words.PREPOSITIONS < words.LEADING_PHRASE_WORDS
