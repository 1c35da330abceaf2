"""analysis.labelers.time_frame: the guide's time label, on its own typical wording and rules."""

from __future__ import annotations

import pytest

from analysis.labelers.time_frame import RULES, label_time
from analysis.language.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # future: a plan, promise, intention or expected event
        ("The Department will publish the strategy later this year.", "future"),
        ("The Department intends to consult on the changes.", "future"),
        ("The new rules are due to come into force in April.", "future"),
        # the guide's rule: ongoing work whose point is a future deliverable is future
        ("We are developing a plan which will be published next year.", "future"),
        # current: an action going on now or done routinely
        ("We are working with NHS England to improve access.", "current"),
        ("NHS England publishes national service specifications.", "current"),
        ("The Department continues to monitor the situation.", "current"),
        # "has been working" (present perfect progressive) is current
        ("The Department has been working closely with patient organisations.", "current"),
        # past: a completed action
        ("The Government published the strategy in March 2024.", "past"),
        ("The Government has allocated £5 million to the scheme.", "past"),
        # none: no action in time
        ("HSCT is a specialised service.", "none"),
        ("There are no plans to change the policy.", "none"),
        ("The guidance is available at the following link.", "none"),
        ("The information requested is not held centrally.", "none"),
        # the guide's rule: a statistic about the past is none
        ("In 2024, 1,200 patients were treated.", "none"),
        ("", "none"),
    ],
)
def test_guide_examples(sentence: str, expected: str) -> None:
    assert label_time(sentence).time == expected


def test_a_subordinate_clause_does_not_decide() -> None:
    # The main clause states a standing fact; "which will be published" is background.
    result = label_time("HSCT is a specialised service, which will be reviewed next year.")
    assert result.time == "none"


def test_cues_name_the_words_that_decided() -> None:
    result = label_time("The Department will publish the strategy later this year.")
    assert "will publish" in " ".join(result.cues)


def test_a_promise_in_the_present_tense_is_about_the_future() -> None:
    assert label_time("We promise to publish the strategy by March 2026.").time == "future"
    assert label_time("The Government commits to publishing the plan in 2026.").time == "future"


def test_the_rules_that_decided_are_reported_by_id() -> None:
    practice = label_time("Ministers meet representatives regularly and will continue to do so.")
    assert practice.time == "current"
    developing = label_time("The Department is developing a strategy, which will be published.")
    assert developing.time == "future" and "towards_deliverable" in developing.rules
    refusal = label_time("There are no plans to change the guidance.")
    assert refusal.time == "none" and refusal.rules[0] == "none_phrase"
    assert "none.there_be_no_plans" in refusal.rules
    assert set(label_time("").rules) == {"empty"}
    for label in (practice, developing, refusal):
        assert set(label.rules) <= set(RULES) | _time_entry_ids()


def _time_entry_ids() -> set[str]:
    return {entry["id"] for entry in load_lexicon("time")}
