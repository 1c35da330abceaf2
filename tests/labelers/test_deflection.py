"""analysis.labelers.deflection: sentences that pass the question to another body, and which
body."""

from __future__ import annotations

from analysis.labelers.commitment import label_commitment, rule_kinds
from analysis.labelers.deflection import deflection_counts, is_deflection, name_bodies
from analysis.labelers.sentence_table import sentence_table


def test_one_name_for_each_body() -> None:
    assert name_bodies(("ICBs",), "It is for ICBs to decide.") == ("integrated care boards",)
    assert name_bodies(("integrated care boards",), "") == ("integrated care boards",)
    # Two bodies pointed to: both, in the order named.
    assert name_bodies(("NHS England and the integrated care boards",), "") == (
        "NHS England",
        "integrated care boards",
    )
    # Not in the words pointed to: the first body anywhere in the sentence.
    assert name_bodies(("them",), "Local authorities have the power to decide for them.") == (
        "local authorities",
    )


def test_an_unknown_name_is_kept_and_a_non_name_dropped() -> None:
    assert name_bodies(("Thames Water Utilities",), "") == ("Thames Water Utilities",)
    assert name_bodies(("ensure",), "It is for those involved to ensure.") == ()


def test_deflection_is_a_commitment_zero_with_a_deflection_cue() -> None:
    assert is_deflection(0, {"deflection"})
    assert not is_deflection(0, {"refusal"})
    assert not is_deflection(3, {"deflection"})


def test_the_deflection_decision_reads_rule_ids_not_cue_text() -> None:
    """Deflection is asked of the kinds of the lexicon entries that fired, found by their ids."""
    label = label_commitment("It is a matter for the Chief Constable.")
    assert label.level == 0 and "deflection.be_a_matter_for" in label.rules
    assert rule_kinds(label.rules) == {"deflection"}
    assert rule_kinds(("list_lead_in", "refusal.no_plans")) == {"refusal"}


def test_sentences_of_the_labelers() -> None:
    table = sentence_table(
        "Deployment is an operational matter for the Chief Constable. "
        "There are no plans to change the policy."
    )
    assert table["is_deflection"].tolist() == [True, False]
    assert table["deflected_to"].tolist() == ["police forces", ""]


def test_counts_per_answer() -> None:
    records = [
        {"is_deflection": True, "deflected_to": "police forces"},
        {"is_deflection": False, "deflected_to": ""},
        {"is_deflection": True, "deflected_to": "police forces; local authorities"},
    ]
    assert deflection_counts(records) == (2, ("police forces", "local authorities"))
