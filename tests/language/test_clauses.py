"""analysis.language.clauses: which verb groups carry the main proposition of a sentence.

Sentences are written as ministers write answers; each expected main clause, reason and blanked
text is worked out by hand from the labelling guide's rule (label the main proposition; set
aside subordinate clauses, brackets and quoted titles).
"""

from __future__ import annotations

from analysis.language.clauses import (
    SentenceParse,
    blank_month_may,
    main_text,
    parse,
    subordinate_spans,
)
from analysis.language.verb_groups import (
    AFTER_MARKER,
    BRACKETED,
    IS_WHY,
    OPENING_PHRASE,
    REASON_IDS,
    REPORTED,
)


def _main(parsed: SentenceParse) -> list[str]:
    return [g.text for g in parsed.main_groups]


def _by_text(parsed: SentenceParse) -> dict[str, tuple[bool, str, str]]:
    return {g.text: (g.subordinate, g.reason_id, g.marker) for g in parsed.groups}


def _span_texts(parsed: SentenceParse) -> list[str]:
    return [parsed.text[start:end] for start, end in subordinate_spans(parsed)]


def test_reported_clause_is_the_main_one() -> None:
    parsed = parse("I can confirm that the plan will be published in the spring.")
    assert _main(parsed) == ["will be published"]
    confirm = parsed.groups[0]
    assert (confirm.text, confirm.subordinate, confirm.reason_id) == ("can confirm", True, REPORTED)
    assert confirm.reason == "reports the clause after it ('can confirm ... that')"
    # The reporting verb is not blanked: its clause is not subordinate material.
    assert main_text(parsed) == parsed.text


def test_speaker_reporting_own_plan_in_the_past_lifts_the_reported_clause() -> None:
    parsed = parse("We have announced that we will recruit 6,500 new teachers.")
    assert _main(parsed) == ["will recruit"]
    assert parsed.groups[0].reason_id == REPORTED


def test_someone_else_reporting_in_the_past_keeps_the_report_main() -> None:
    # The sentence says the Minister confirmed something: a past event, not the plan itself.
    parsed = parse("The Minister has confirmed that police forces will receive the funding.")
    assert _main(parsed) == ["has confirmed"]
    assert _by_text(parsed)["will receive"] == (True, AFTER_MARKER, "that")
    assert main_text(parsed).rstrip() == "The Minister has confirmed"


def test_be_pleased_that_reports_but_it_is_the_case_that_does_not() -> None:
    pleased = parse("I am pleased that the first centres will open this year.")
    assert _main(pleased) == ["will open"]
    case = parse("It is the case that the fund is oversubscribed.")
    assert [g.subordinate for g in case.groups] == [False, True]


def test_clause_after_because_is_subordinate_with_its_coordinated_verb() -> None:
    text = "We cannot proceed because the site is closed and the contractor has withdrawn."
    parsed = parse(text)
    assert _main(parsed) == ["cannot proceed"]
    assert _by_text(parsed) == {
        "cannot proceed": (False, "", ""),
        "is closed": (True, AFTER_MARKER, "because"),
        "has withdrawn": (True, AFTER_MARKER, "because"),
    }
    assert parsed.groups[1].reason == "after 'because'"
    assert main_text(parsed).rstrip() == "We cannot proceed"


def test_relative_clause_between_commas_is_blanked() -> None:
    text = "The strategy, which will be published next year, sets out our approach."
    parsed = parse(text)
    assert _by_text(parsed)["will be published"] == (True, AFTER_MARKER, "which")
    assert _span_texts(parsed) == ["which will be published next year"]
    blank = " " * len("which will be published next year")
    assert main_text(parsed) == f"The strategy, {blank}, sets out our approach."


def test_conditional_and_temporal_clauses_are_subordinate() -> None:
    parsed = parse("Ofsted will inspect the school if concerns are raised.")
    assert _main(parsed) == ["will inspect"]
    assert _span_texts(parsed) == ["if concerns are raised."]
    parsed = parse("Decisions will be made when the review has concluded.")
    assert _by_text(parsed)["has concluded"] == (True, AFTER_MARKER, "when")


def test_bracketed_clause_is_subordinate() -> None:
    parsed = parse("The Department has published guidance (which will be updated annually).")
    assert _main(parsed) == ["has published"]
    assert _by_text(parsed)["will be updated"] == (True, BRACKETED, "")
    assert parsed.groups[1].reason == "in brackets or quotation marks"
    assert main_text(parsed).rstrip() == "The Department has published guidance"


def test_quoted_title_is_blanked_but_the_main_verb_stays() -> None:
    parsed = parse("The report, “Next Steps for Schools”, will be published shortly.")
    assert _main(parsed) == ["will be published"]
    main = main_text(parsed)
    assert "Next Steps" not in main
    assert main.startswith("The report,") and main.endswith(", will be published shortly.")
    assert len(main) == len(parsed.text)


def test_opening_phrase_before_the_first_comma() -> None:
    parsed = parse("If the pilot is successful, we will roll it out nationally.")
    assert _main(parsed) == ["will roll"]
    first = parsed.groups[0]
    assert (first.reason_id, first.marker) == (OPENING_PHRASE, "If")
    assert first.reason == "in the opening phrase 'If ...'"
    assert main_text(parsed).strip() == "we will roll it out nationally."


def test_opening_phrase_without_a_verb_is_blanked_too() -> None:
    parsed = parse("Since 2022, the scheme has supported 3,000 families.")
    assert _main(parsed) == ["has supported"]
    assert _span_texts(parsed) == ["Since 2022,"]
    parsed = parse("Further to my answer of 3 March, the figures are now available.")
    assert _span_texts(parsed) == ["Further to my answer of 3 March,"]


def test_that_is_why_makes_the_following_clause_main() -> None:
    parsed = parse("That is why we are investing in new prisons.")
    assert _main(parsed) == ["are investing"]
    assert parsed.groups[0].reason_id == IS_WHY
    assert parsed.groups[0].reason == "'... is why' introduces the point"
    assert main_text(parsed) == "That " + " " * len("is why") + " we are investing in new prisons."


def test_which_is_why_carries_the_point() -> None:
    parsed = parse("Demand has increased, which is why we are investing £2 billion.")
    by_text = _by_text(parsed)
    assert by_text["is"] == (True, IS_WHY, "")
    # "which is why" does not make the clause after it a relative clause.
    assert by_text["are investing"] == (False, "", "")


def test_month_may_is_blanked_and_the_modal_kept() -> None:
    text = "The guidance was updated in May and we may revise it again."
    parsed = parse(text)
    assert [g.modal for g in parsed.groups] == [None, "may"]
    assert main_text(parsed) == text.replace("May", "   ")
    assert blank_month_may("May I thank the hon. Member?") == "May I thank the hon. Member?"
    assert blank_month_may("It opened on 14 May 2024.") == "It opened on 14     2024."


def test_a_sentence_with_no_subordinate_material_is_unchanged() -> None:
    parsed = parse("NHS England publishes data on waiting times every month.")
    assert subordinate_spans(parsed) == []
    assert main_text(parsed) == parsed.text
    assert parse("").groups == [] and subordinate_spans(parse("")) == []


def test_main_groups_fall_back_to_the_first_group() -> None:
    # Every verb is subordinate: the first group still stands for the sentence.
    parsed = parse("Because it is devolved.")
    assert all(g.subordinate for g in parsed.groups)
    assert _main(parsed) == [parsed.groups[0].text]


def test_every_reason_id_is_produced() -> None:
    sentences = [
        "I can confirm that the plan will be published in the spring.",
        "We are not introducing a register because the scheme already covers these cases.",
        "The Department has published guidance (which will be updated annually).",
        "If the pilot is successful, we will roll it out nationally.",
        "That is why we are investing in new prisons.",
    ]
    produced = {g.reason_id for s in sentences for g in parse(s).groups if g.subordinate}
    assert produced == set(REASON_IDS)
