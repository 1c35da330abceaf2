"""analysis.followup.mentions: objects, actions and delivery words in real corpus sentences."""

from __future__ import annotations

import pytest

from analysis.followup.mentions import (
    acronym_after,
    action_of,
    acts_on,
    delivery_words,
    find_objects,
    normalise,
    promised_after,
    promised_object,
)
from analysis.language.tokens import tokenize


def _keys(sentence: str) -> list[str]:
    return [m.key for m in find_objects(sentence)]


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        # DHSC, 16 January 2025: qualifiers ("new", "national") are not the name.
        (
            "Following publication of the 10-Year Health Plan, we will publish a new national "
            "cancer plan, which will include further details on how we will improve outcomes.",
            ["10 year health plan", "cancer plan"],
        ),
        # Written in capitals or not, with or without "the": one key.
        (
            "Our forthcoming National Cancer Plan will set out how we will improve outcomes.",
            ["cancer plan"],
        ),
        # An apostrophe and a bill.
        (
            "Our recently introduced Renters’ Rights Bill includes provisions designed to "
            "empower private renters.",
            ["renters rights bill"],
        ),
        # A head with no name of its own takes its complement.
        (
            "The Government will launch a public consultation on the future of local audit "
            "shortly.",
            ["consultation on future of local audit"],
        ),
        # A year after the head is part of the name: two Spending Reviews are two objects.
        (
            "The Spending Review 2021 set out an investment of £3.8 billion in skills.",
            ["spending review 2021"],
        ),
        # A bare head has no key of its own (resolved in its answer, see test_table.py).
        ("We will publish the plan in due course.", [""]),
        # No followable object: "plans" in "no plans" is not a head; "service" is not one.
        ("There are no plans to change the National Health Service.", []),
        # A head word used as a verb is no object.
        ("We will use planning tools to plan specialist care and we fund the centres.", []),
    ],
)
def test_objects_are_found_and_named(sentence: str, keys: list[str]) -> None:
    assert _keys(sentence) == keys


def test_the_first_action_verb_decides_the_action_else_the_head_does() -> None:
    tokens = tokenize("We will bring forward legislation when parliamentary time allows.")
    assert action_of(tokens, "legislate") == ("legislate", "bring forward", 2)
    tokens = tokenize("The plan will be published later this year.")
    assert action_of(tokens, "publish")[:2] == ("publish", "published")
    # "there will be a plan": no verb of the lexicon, the head's own action.
    tokens = tokenize("Following publication of the Health Plan, there will be a cancer plan.")
    assert action_of(tokens, "publish")[0] == "publish"
    sentence = "There will be a new fund."
    tokens = tokenize(sentence)
    assert action_of(tokens, "launch", find_objects(sentence, tokens)) == ("launch", "", -1)


@pytest.mark.parametrize(
    ("sentence", "words", "evidence"),
    [
        (
            "The National Cancer Plan sets out how we will tackle unwarranted variation.",
            "sets out",
            "exists",
        ),
        (
            "Through the National Cancer Plan, the Government is committing up to £10 million.",
            "through the",
            "exists",
        ),
        (
            "The Strategic Defence Review published on 2 June 2025 set out the priorities.",
            "published",
            "done",
        ),
        ("Early diagnosis is a key focus of the National Cancer Plan.", "", ""),
    ],
)
def test_delivery_words(sentence: str, words: str, evidence: str) -> None:
    tokens = tokenize(sentence)
    mention = find_objects(sentence, tokens)[0]
    assert delivery_words(tokens, mention) == (words, evidence)


def test_an_acronym_in_brackets_stands_for_the_name() -> None:
    sentence = "We will publish the Defence Investment Plan (DIP) as soon as we can."
    tokens = tokenize(sentence)
    assert acronym_after(tokens, find_objects(sentence, tokens)[0]) == "DIP"
    sentence = "We will publish the Defence Investment Plan (MOD) shortly."
    tokens = tokenize(sentence)
    assert acronym_after(tokens, find_objects(sentence, tokens)[0]) is None


def test_normalise() -> None:
    assert normalise("the Men’s Health Strategy") == "mens health strategy"
    assert normalise("10-Year  Health Plan") == "10 year health plan"


def test_a_capitalised_word_after_the_head_names_something_else() -> None:
    # The Industrial Strategy Council is a body, not the Industrial Strategy.
    assert _keys("We will have it report directly to the Industrial Strategy Council.") == []
    # A capitalised complement is part of the name; a generic word is dropped only in lower case.
    assert _keys("The final National Policy Statement for Ports will be published.") == [
        "policy statement for ports"
    ]
    assert _keys("It will be legislated for through a Local Government Finance Bill.") == [
        "local government finance bill"
    ]
    assert _keys("We will hold a public consultation on the Finance Bill.") == [
        "consultation on finance bill",
        "finance bill",
    ]


def test_of_several_objects_the_verbs_own_is_promised() -> None:
    sentence = (
        "An impact assessment for the regulatory changes proposed in the forthcoming Renters’ "
        "Rights Bill will be published in the usual way."
    )
    tokens = tokenize(sentence)
    names = find_objects(sentence, tokens)
    assert [n.key for n in names] == [
        "assessment for regulatory changes proposed",
        "renters rights bill",
    ]
    _, verb, verb_at = action_of(tokens, "publish", names)
    assert verb == "published"
    # The Bill sits in a phrase ("in the forthcoming Bill"); the assessment is the subject.
    assert promised_object(tokens, names, verb_at) is names[0]


def test_an_acronym_or_a_qualifier_does_not_hide_the_delivery() -> None:
    sentence = "The Remediation Acceleration Plan (RAP) sets out key measures to fix buildings."
    tokens = tokenize(sentence)
    assert delivery_words(tokens, find_objects(sentence, tokens)[0]) == ("sets out", "exists")
    sentence = "Through the recently published Environmental Improvement Plan we have committed."
    tokens = tokenize(sentence)
    assert delivery_words(tokens, find_objects(sentence, tokens)[0])[1] == "exists"


def test_words_right_after_a_name_can_promise_it() -> None:
    sentence = (
        "Reducing the number of lives lost to cancer is a key aim of the National Cancer Plan, "
        "which will be published later this year."
    )
    tokens = tokenize(sentence)
    assert promised_after(tokens, find_objects(sentence, tokens)[0]) == "which will be"
    sentence = "Early diagnosis is a key focus of the National Cancer Plan."
    tokens = tokenize(sentence)
    assert promised_after(tokens, find_objects(sentence, tokens)[0]) == ""


def test_a_verb_acts_on_a_name_only_within_reach() -> None:
    sentence = (
        "Further investment will be allocated in due course, and decisions on it will be "
        "subject to the Spending Review."
    )
    tokens = tokenize(sentence)
    names = find_objects(sentence, tokens)
    _, verb, verb_at = action_of(tokens, "publish", names)
    assert verb == "allocated"
    assert not acts_on(names[-1], verb_at)  # "allocated" is 13 words before the Review
    sentence = "We will publish the Defence Investment Plan as soon as we can."
    tokens = tokenize(sentence)
    names = find_objects(sentence, tokens)
    assert acts_on(names[0], action_of(tokens, "publish", names)[2])
