"""analysis.language.lexicon: the cue lexicons are valid data, and every example shows its
phrase."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.language import lexicon
from analysis.language.lexicon import (
    LEXICON_DIR,
    LexiconError,
    compile_phrase,
    could_match,
    find_phrases,
    lexicon_schema,
    load_lexicon,
    phrase_anchors,
    phrase_requirements,
    require_ids,
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
    assert phrase_anchors("{be} a matter for") == ("matter",)  # the most telling word
    assert phrase_anchors("in due course") == ("course",)
    assert phrase_anchors("will ... seek to") == ("will",)
    assert phrase_anchors("armed forces | royal navy") == ("forces", "royal")
    assert phrase_anchors("{be}") is None


def test_requirements_rule_out_a_text_only_when_a_needed_word_is_missing() -> None:
    assert phrase_requirements("plan|plans to") == ((("plan", "plans"), ("to",)),)
    assert phrase_requirements("will ... seek? to") == ((("will",), ("to",)),)
    assert could_match("in due course", "we will publish it in due course.")
    assert not could_match("in due course", "it is in course of publication.")  # no "due"
    assert could_match("armed forces | royal navy", "the royal navy's ships")
    assert could_match("{be}", "anything")  # a slot alone rules nothing out
    assert not could_match("{be} for", "anything")


@pytest.mark.parametrize("name", sorted(p.stem for p in lexicon.LEXICON_DIR.glob("*.yaml")))
def test_the_prefilter_never_hides_a_match_of_a_lexicon_example(name: str) -> None:
    # Every entry whose phrase matches its own example must pass the word check on it: the
    # check only ever skips regular expressions that would have found nothing.
    entries = [e for e in load_lexicon(name) if isinstance(e.get("phrase"), str)]
    for entry in entries:
        phrase, example = entry["phrase"], str(entry["example"])
        lowered = example.lower().replace("’", "'")
        if compile_phrase(phrase).search(example):
            assert could_match(phrase, lowered), (name, phrase, example)
            assert any(a in lowered for a in phrase_anchors(phrase) or ("",)), (name, phrase)


def test_a_missing_lexicon_is_a_clear_error() -> None:
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon("no_such_lexicon")


def _lexicon_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> str:
    """Write a lexicon named like a real one into a folder the loader reads instead."""
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    load_lexicon.cache_clear()
    return name


@pytest.fixture(autouse=True)
def _fresh_lexicon_cache():
    load_lexicon.cache_clear()
    yield
    load_lexicon.cache_clear()


def test_an_unquoted_comma_in_a_flow_mapping_fails_naming_file_entry_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # YAML reads "label: a deferral, not a body)" as the label "a deferral" and a second key
    # "not a body)": the mistake three lexicons once carried unnoticed.
    text = (
        "source: test\n"
        "entries:\n"
        "  - {id: treasury, body: HM Treasury, phrase: treasury, label: a deferral, not a body), "
        "example: Tax is for the Treasury.}\n"
    )
    name = _lexicon_file(tmp_path, monkeypatch, "bodies", text)
    with pytest.raises(LexiconError) as raised:
        load_lexicon(name)
    message = str(raised.value)
    assert "bodies.yaml" in message and "entry 0" in message and "'not a body)'" in message


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ("{phrase: will, label: future, example: We will., scope: main, colour: red}", "'colour'"),
        ("{phrase: will, label: futur, example: We will., scope: main}", "'label' has 'futur'"),
        ("{phrase: will, label: future, example: We will.}", "missing key 'scope'"),
        ("{phrase: will, label: future, example: We will., scope: everywhere}", "'scope'"),
        ("{phrase: will, label: future, example: We will., scope: main, lowercase: 1}", "bool"),
    ],
)
def test_entries_outside_the_schema_fail_with_the_key_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str, complaint: str
) -> None:
    entry = "{id: future.will, " + entry.removeprefix("{")
    name = _lexicon_file(tmp_path, monkeypatch, "time", f"source: test\nentries:\n  - {entry}\n")
    with pytest.raises(LexiconError, match=re.escape(complaint)):
        load_lexicon(name)


def test_a_commitment_level_outside_zero_to_three_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "source: test\nentries:\n"
        "  - {id: hedge.may, phrase: may, level: 4, kind: hedge, label: weak, example: We may.}\n"
    )
    name = _lexicon_file(tmp_path, monkeypatch, "commitment", text)
    with pytest.raises(LexiconError, match="'level' has 4"):
        load_lexicon(name)


def test_every_shipped_lexicon_has_a_schema() -> None:
    assert set(LEXICONS) == set(lexicon_schema()["lexicons"])


def test_an_entry_id_used_twice_fails_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = "{id: future.will, phrase: will, label: future, example: We will., scope: main}"
    text = f"source: test\nentries:\n  - {entry}\n  - {entry}\n"
    name = _lexicon_file(tmp_path, monkeypatch, "time", text)
    with pytest.raises(LexiconError, match=re.escape("entry id(s) used twice: future.will")):
        load_lexicon(name)


def test_code_asking_for_an_unknown_entry_id_fails() -> None:
    require_ids("time", {"current.will_continue_to_do"})
    with pytest.raises(LexiconError, match=re.escape("no entry with id future.no_such_entry")):
        require_ids("time", {"future.no_such_entry"})


@pytest.mark.parametrize("name", ["time", "commitment", "specificity", "responsiveness", "actors"])
def test_possible_entries_never_leave_out_an_entry_that_matches(name: str) -> None:
    # The one-scan filter must keep every entry whose phrase occurs: each entry's own example,
    # and every example of the lexicon, tried against every entry.
    from analysis.language.lexicon import phrase_search, possible_entries

    entries = load_lexicon(name)
    examples = [entry["example"] for entry in entries]
    matched = 0
    for text in examples:
        lowered = text.lower().replace("’", "'")
        possible = possible_entries(name, lowered)
        for entry in entries:
            if phrase_search(entry, text, lowered):
                matched += 1
                assert entry["id"] in possible, (entry["id"], text)
    assert matched >= len(entries) // 2  # the examples do exercise the phrases


def test_an_anchor_word_counts_only_where_a_word_starts() -> None:
    # A phrase's words start words of the text: "in due course" needs "course" after a space or
    # a mark, not inside "recourse" or "watercourse".
    from analysis.language.lexicon import possible_entries

    entry = "future.in_due_course"
    assert entry in possible_entries("time", "(in due course)")
    assert entry in possible_entries("time", "published—in due course")
    assert entry not in possible_entries("time", "recourse to a watercourse, in due time")


def test_possible_entries_skip_entries_whose_words_are_absent() -> None:
    from analysis.language.lexicon import possible_entries

    plain = "the cat sat on the mat."
    assert possible_entries("time", plain) < possible_entries(
        "time", plain + " we will publish the plan in due course."
    )
