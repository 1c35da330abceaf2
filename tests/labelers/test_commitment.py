"""analysis.labelers.commitment: levels 0-3 and NA, on the guide's typical wording and rules."""

from __future__ import annotations

import pytest

from analysis.labelers.commitment import label_commitment
from analysis.labelers.sentence_table import rule_labels


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 3 firm: an unqualified undertaking or report of action
        ("We will publish the strategy in May 2026.", 3),
        ("The Government will invest £2 billion in new hospitals.", 3),
        ("The NHS is implementing non-specific symptom pathways for patients.", 3),
        ("The Government published the strategy in March 2024.", 3),
        # 2 qualified
        ("We will seek to reduce waiting times.", 2),
        ("The Department aims to reduce waiting lists.", 2),
        ("The Government is considering the full range of options.", 2),
        # 1 weak
        ("The Government may consider further measures.", 1),
        ("We will keep the policy under review.", 1),
        ("Further details will be set out in due course.", 1),
        ("We will continue to engage with the sector.", 1),
        # 0 none: refusal, absence or deflection
        ("There are no plans to change the policy.", 0),
        ("The information requested is not held centrally.", 0),
        ("It is a matter for local authorities.", 0),
        ("Service providers are responsible for making clinical decisions.", 0),
        ("I refer the hon. Member to the answer I gave on 5 May.", 0),
        # NA: not an action of government
        ("HSCT is a specialised service.", None),
        ("In 2024, 1,200 patients were treated.", None),
        ("Thames Water has selected the reservoir as part of its plan.", None),
        ("This government recognises that nature is at a crisis point.", None),
    ],
)
def test_guide_examples(sentence: str, expected: int | None) -> None:
    assert rule_labels(sentence)["commitment"] == expected


def test_a_firm_verb_with_a_vague_object_is_not_firm() -> None:
    # The guide: "will continue to support" is 1 or 2, not 3.
    assert rule_labels("We will continue to support the sector.")["commitment"] in (1, 2)


def test_the_weakest_hedge_decides() -> None:
    assert rule_labels("We will seek to publish the review in due course.")["commitment"] == 1


def test_deflections_name_the_body_pointed_to() -> None:
    result = label_commitment("Decisions on funding are a matter for local authorities.")
    assert result.level == 0
    assert result.deflected_to == ("local authorities",)
    provider = label_commitment("Service providers are responsible for clinical decisions.")
    assert provider.deflected_to == ("Service providers",)


def test_the_departments_own_responsibility_is_not_a_deflection() -> None:
    assert rule_labels("The Department is responsible for the scheme.")["commitment"] != 0


def test_the_month_may_is_not_a_hedge() -> None:
    assert rule_labels("We will publish the strategy in May.")["commitment"] == 3
    assert rule_labels("The guidance was updated on 14th May.")["commitment"] != 1
