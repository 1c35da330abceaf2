"""analysis.measures.responsiveness: the asks of a question, what each wants, and whether it is met.

Expected values are worked from the rules in the module docstring and
docs/responsiveness-labels.md, not from the code's output.
"""

from __future__ import annotations

import pytest

from analysis.measures.responsiveness import (
    ask_kind,
    content_lemmas,
    declining_reason,
    judge_asks,
    responsiveness,
    split_asks,
)

OPENING = "To ask the Secretary of State for Education, "


def judge_rules(question: str, sentences: list, **options: object):
    """The rules' judgment alone (the learned ask model is tested in tests/learning)."""
    return judge_asks(question, sentences, learned=False, **options)


def _sentence(text: str, **fields: object) -> dict[str, object]:
    record = {"sentence": text, "commitment": None, "commitment_rules": ()}
    record.update({"number_count": 0, "money_count": 0, "date_count": 0})
    record.update(fields)
    return record


def test_enumerated_parts_are_separate_asks() -> None:
    question = OPENING + "how many teachers were recruited in (a) 2022, (b) 2023 and (c) 2024."
    asks = split_asks(question)
    assert asks == [
        OPENING + "how many teachers were recruited in 2022",
        OPENING + "how many teachers were recruited in 2023",
        OPENING + "how many teachers were recruited in 2024.",
    ]


def test_question_words_split_asks_when_there_are_no_enumerators() -> None:
    question = OPENING + "what the cost of the programme has been; and when it will be completed."
    asks = split_asks(question)
    assert len(asks) == 2
    assert [ask_kind(ask) for ask in asks] == ["number", "date"]


def test_nested_and_repeated_enumerators_qualify_the_outer_parts() -> None:
    # (a)/(b) are the asks; (i)/(ii) inside them are details of each.
    nested = OPENING + (
        "whether any (a) vaccines and (b) treatments for infections are (i) under review and "
        "(ii) expected to enter the market."
    )
    assert len(split_asks(nested)) == 2
    # A second run of (a), (b) after the first qualifies the last part.
    repeated = OPENING + (
        "whether his Department is taking steps to help (a) increase recruitment and (b) tackle "
        "shortages in (a) towns and (b) rural communities."
    )
    asks = split_asks(repeated)
    assert len(asks) == 2
    assert asks[1].endswith("tackle shortages in towns and rural communities.")


def test_a_single_ask_and_no_question() -> None:
    assert split_asks(OPENING + "whether she will meet head teachers.") == [
        OPENING + "whether she will meet head teachers."
    ]
    assert split_asks("") == []


def test_the_opening_and_preamble_are_not_content() -> None:
    # Department names hold commas; the opening still ends at the first question word.
    question = (
        "To ask the Secretary of State for Culture, Media and Sport, "
        "what her policy is on funding for museums."
    )
    assert content_lemmas(question) == {"policy", "funding", "museum"}
    assert content_lemmas(OPENING + "what assessment she has made of teacher pay") == {
        "teacher",
        "pay",
    }


@pytest.mark.parametrize(
    ("ask", "kind"),
    [
        ("how many nurses were recruited in 2023", "number"),
        ("what steps she is taking to reduce waiting times", "actions"),
        ("what assessment he has made of the number of people waiting", "number"),
        ("whether he has made an assessment of the potential merits of a register", "assessment"),
        ("whether she will meet head teachers", "decision"),
        ("when the strategy will be published", "date"),
        ("which organisations were consulted", "other"),
    ],
)
def test_what_an_ask_wants(ask: str, kind: str) -> None:
    assert ask_kind(OPENING + ask) == kind


def test_a_figure_on_the_topic_addresses_a_number_ask() -> None:
    # Content of the ask: nurse, recruit, 2023 (3). The sentence has all three and a figure.
    question = OPENING + "how many nurses were recruited in 2023."
    figure = _sentence("In 2023, 1,200 nurses were recruited.", number_count=1, date_count=1)
    result = judge_rules(question, [figure])
    assert [ask.status for ask in result.asks] == ["addressed"]
    assert result.asks[0].topic_share == pytest.approx(1.0)
    # The same topic with no figure: 2 of 3 content words (nurse, recruit) but no number: partly.
    vague = _sentence("We are recruiting more nurses than ever.", commitment=3)
    result = judge_rules(question, [vague])
    assert result.asks[0].status == "partly" and result.asks[0].topic_share == pytest.approx(2 / 3)
    assert result.asks_addressed_share == pytest.approx(0.5) and not result.is_non_answer


def test_a_refusal_answers_nothing_and_says_why() -> None:
    question = OPENING + "how many nurses were recruited in 2023."
    result = judge_rules(question, [_sentence("The information is not held centrally.")])
    assert result.asks[0].status == "not"
    assert result.is_non_answer and result.non_answer_reason == "not_held"
    referral = _sentence(
        "I refer the hon. Member to the answer I gave on 4 March.",
        commitment=0,
        commitment_rules=("referral.refer_the_hon",),
    )
    assert declining_reason(referral) == "earlier_answer"
    assert judge_rules(question, [referral]).non_answer_reason == "earlier_answer"


def test_yes_or_no_answers_a_decision_even_when_it_then_deflects() -> None:
    no = _sentence(
        "No, because it is a devolved matter.",
        commitment=0,
        commitment_rules=("deflection.be_a_devolved_matter",),
    )
    result = judge_rules(OPENING + "whether she will meet head teachers.", [no])
    assert result.asks[0].status == "addressed" and not result.is_non_answer


def test_an_answer_about_something_else_is_a_non_answer_of_kind_other() -> None:
    result = judge_rules(
        OPENING + "how many schools have closed.",
        [_sentence("The Department values the work of teachers.", commitment=None)],
    )
    assert result.asks[0].status == "not"
    assert result.is_non_answer and result.non_answer_reason == "other"


def test_end_to_end_with_the_labelers() -> None:
    # The labelers read "does not hold this information" as a refusal; the lexicon as not held.
    result = responsiveness(
        "To ask the Secretary of State for Health and Social Care, how many people were "
        "waiting for hip replacements in May 2024.",
        "The Department does not hold this information.",
    )
    assert result.question_ask_count == 1
    assert result.asks[0].kind == "number"
    assert result.is_non_answer and result.non_answer_reason == "not_held"
