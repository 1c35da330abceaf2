"""analysis.lexicon: the cue lexicons are valid data, and every example shows its phrase."""

from __future__ import annotations

import re

import pytest

from analysis.lexicon import (
    LEXICON_DIR,
    LexiconError,
    compile_phrase,
    find_phrases,
    load_lexicon,
    phrase_anchors,
)

LEXICONS = sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))
# Entries whose phrase is a word list (verb lemmas, question words), not a phrase to find.
WORD_LISTS = {"verb_classes", "responsiveness"}


@pytest.mark.parametrize("name", LEXICONS)
def test_every_lexicon_loads_with_a_source_and_complete_entries(name: str) -> None:
    entries = load_lexicon(name)
    assert entries
    for entry in entries:
        assert entry["phrase"] and entry["label"] and entry["example"]


@pytest.mark.parametrize("name", [n for n in LEXICONS if n not in WORD_LISTS | {"page_furniture"}])
def test_every_example_contains_its_own_phrase(name: str) -> None:
    for entry in load_lexicon(name):
        if entry.get("kind") == "vague_action":
            continue  # matched against a verb's lemma, not the text
        # stock_lines holds regular expressions (its header says so), not lexicon phrases.
        pattern = re.compile(entry["phrase"]) if name == "stock_lines" else None
        pattern = pattern or compile_phrase(entry["phrase"])
        assert pattern.search(str(entry["example"])), entry


def test_phrase_syntax() -> None:
    assert compile_phrase("will seek to").search("The Plan will also seek to ensure")
    assert compile_phrase("{be} a matter for").search("This is a matter for the council")
    assert compile_phrase("keep|keeps ... under review").search("keeps all tax policy under review")
    assert compile_phrase("armed forces | royal navy").search("the Royal Navy's ships")
    assert not compile_phrase("will seek to").search("will seek a review")
    assert compile_phrase("government").search("the Government’s remit")  # before a possessive
    assert not compile_phrase("plan").search("planning")


def test_not_after_words_block_a_match() -> None:
    entries = ({"phrase": "plan|plans to", "not_after": ["our"], "label": "x", "example": "x"},)
    assert find_phrases("We plan to act.", entries)
    assert not find_phrases("Our plan to act is set out.", entries)


def test_anchors_skip_the_regular_expression_only_when_safe() -> None:
    assert phrase_anchors("{be} a matter for") == ("a",)
    assert phrase_anchors("will ... seek to") == ("will",)
    assert phrase_anchors("{be}") is None


def test_a_missing_lexicon_is_a_clear_error() -> None:
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon("no_such_lexicon")
