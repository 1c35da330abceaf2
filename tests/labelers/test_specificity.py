"""analysis.labelers.specificity: checkable details counted by kind, worked out by hand."""

from __future__ import annotations

import re

import pytest

from analysis.labelers.specificity import defined_acronyms, specificity_of, specificity_score


def _counts(sentence: str, **kwargs) -> dict[str, int]:
    return {k: v for k, v in specificity_of(sentence, **kwargs).counts.items() if v}


def test_money_and_dates() -> None:
    assert _counts("We will invest £2 billion by 2030.") == {"money": 1, "date": 1}


def test_a_general_sentence_is_not_specific() -> None:
    # The guide's own example of a general sentence.
    assert not specificity_of("We are committed to improving outcomes for patients.").specific


def test_the_department_named_as_speaker_is_not_a_detail() -> None:
    assert not specificity_of("The Department for Education is working hard on this.").specific
    # ... but the same department as the body pointed to is one.
    assert specificity_of("This is a matter for the Department for Education.").specific


def test_sources_and_references() -> None:
    counts = _counts("I refer the hon. Member to the answer given to Question 6686 on 14 May 2024.")
    assert counts == {"source": 1, "date": 1}
    assert _counts("The guidance is at https://www.gov.uk/guidance/x.") == {"source": 1}


def test_named_organisations_and_legal_instruments() -> None:
    counts = _counts("Macmillan and the British Heart Foundation were consulted.")
    assert counts == {"named": 2}
    assert _counts("The Environment Act 2021 sets targets.") == {"legal": 1}


# The rule for a defined acronym as one expression: what defined_acronyms must find.
DEFINED_ACRONYM = re.compile(r"((?:\b[a-z][\w-]*\s+){1,6})\(([A-Z][A-Za-z]{1,9}s?)\)")


@pytest.mark.parametrize(
    "text",
    [
        "stem cell transplantation (HSCT) and (AB)(CD) then x-ray (XR) or X-ray (XRs)",
        "re-use (RU); Re-use (RE); 7 (NB); see annex  \n (ANX); end(EN); word\u00a0(NBS)",
        "(START) at the start, café (CAF), über-care (UC), snake_case (SC), item (A)",
        "ENTIRELY (CAPS) words, a(BC), -dash (DS), tab\t(TB), ages (Abcdefghijs) (Abcdefghijkl)",
    ],
)
def test_defined_acronyms_are_what_the_expression_finds(text: str) -> None:
    expected = frozenset(match.group(2) for match in DEFINED_ACRONYM.finditer(text))
    assert defined_acronyms(text) == expected
    assert expected  # each text defines some


def test_defined_acronyms_in_the_corpus_are_what_the_expression_finds(corpus_answers) -> None:
    for text in corpus_answers["answer"]:
        expected = frozenset(match.group(2) for match in DEFINED_ACRONYM.finditer(text))
        assert defined_acronyms(text) == expected, text[:200]


def test_numbers_in_words_and_percentages() -> None:
    assert _counts("Seven hospitals will be rebuilt.") == {"number": 1}
    assert _counts("Costs rose by 3.5%.") == {"number": 1}


def test_acronyms_for_general_terms_are_not_names() -> None:
    text = "Haematopoietic stem cell transplantation (HSCT) is a treatment."
    assert defined_acronyms(text) == frozenset({"HSCT"})
    assert not specificity_of(
        "HSCT is a specialised service.", generic_acronyms=frozenset({"HSCT"})
    ).specific


def test_empty_text() -> None:
    assert specificity_of("").counts == dict.fromkeys(
        ("number", "money", "date", "named", "legal", "source"), 0
    )


@pytest.mark.parametrize(
    ("total", "sentences", "expected"), [(6, 3, 2.0), (0, 4, 0.0), (5, 0, 0.0)]
)
def test_score_is_details_per_sentence(total: int, sentences: int, expected: float) -> None:
    assert specificity_score(total, sentences) == expected


def test_pronoun_contractions_and_vague_quantities_are_not_details() -> None:
    assert not specificity_of("I'll write to the hon. Member.").specific
    assert not specificity_of("We're working with partners on this.").specific
    assert not specificity_of("This will support thousands of families.").specific


def test_a_month_named_as_a_deadline_is_a_date() -> None:
    assert _counts("We will publish the strategy in May.") == {"date": 1}


def test_patterns_skipped_without_what_they_need_find_nothing_without_it() -> None:
    # specificity_of does not try a pattern on a sentence without its need (a digit, one of some
    # words, or both); each must find something in these sentences, and nothing once its need
    # is taken out of them.
    from analysis.labelers.specificity import _PATTERNS

    texts = [
        "£1.5 billion was paid on 3 March 2025 (Question 12345, HL1234, CP 123, Cm 9876).",
        "In 2024-25, 1,200 people (45%) were seen; see section 12 of the Children Act 1989.",
        "By March 2026, in Q3, on 12/05/2024 (or March 3, 2025), the $30m fund rose",
        "to 40 million pounds in spring 2025 until June; SECTION 4 applies; two thirds were met.",
        "See https://www.gov.uk/guidance and www.nhs.uk for the Online Safety Act and the Bill.",
    ]
    for kind, patterns in _PATTERNS.items():
        for number, (pattern, need) in enumerate(patterns):
            assert any(pattern.search(text) for text in texts), (kind, number)
            for text in texts:
                if need.digit:
                    assert not pattern.search(re.sub(r"\d", "", text)), (kind, number, text)
                    assert not pattern.search(re.sub(r"\d", "x", text)), (kind, number, text)
                # Each word broken up where it occurs, in any case if the pattern ignores case.
                broken = text
                for word in need.words:
                    flags = re.IGNORECASE if need.folded else 0
                    broken = re.sub(
                        re.escape(word), lambda m: m[0][0] + "-" + m[0][1:], broken, flags=flags
                    )
                if need.words:
                    assert not pattern.search(broken), (kind, number, broken)


def test_a_case_blind_need_finds_what_its_pattern_finds() -> None:
    # "İ" (capital I with a dot) lowers to two characters, but a case-blind pattern reads it as
    # "i": the need looks for its words where the pattern would.
    from analysis.labelers.specificity import specificity_of

    assert specificity_of("See SECTİON 4 of the guidance.").counts["legal"] == 1
    assert specificity_of("Some ſix were seen.").counts["number"] == 1
