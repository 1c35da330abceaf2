"""analysis.language.splitter: where a sentence ends, and the exceptions read from
analysis/lexicons/abbreviations.yaml.

Expected splits are written out by hand. ``split`` is the splitter alone; ``split_sentences``
adds the masking of web addresses and enumerators and the parting of glued sentences of
analysis.language.text, so cases that need those are checked through it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.language.lexicon import load_lexicon
from analysis.language.splitter import (
    NAME_PART,
    NUMBER_PREFIX,
    ORDINARY,
    PREPOSITIVE,
    SENTENCE_OPENERS,
    sentence_ends,
    split,
)
from analysis.language.text import split_sentences


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # figures
        (
            "The Government will invest £1.5 billion in this. It starts in 2025.",
            ["The Government will invest £1.5 billion in this.", "It starts in 2025."],
        ),
        (
            "Costs rose by 2.5 per cent to 3.25%. They fell in 2024. 15 cases remain.",
            ["Costs rose by 2.5 per cent to 3.25%.", "They fell in 2024.", "15 cases remain."],
        ),
        # honorifics and other prepositive abbreviations
        (
            "My Rt Hon. Friend the Secretary of State met them. They agreed.",
            ["My Rt Hon. Friend the Secretary of State met them.", "They agreed."],
        ),
        (
            "This was set out by the Rt. Hon. Member for Leeds. We agree.",
            ["This was set out by the Rt. Hon. Member for Leeds.", "We agree."],
        ),
        (
            "I refer the (Rt.) Hon. Member to my answer.",
            ["I refer the (Rt.) Hon. Member to my answer."],
        ),
        (
            "Patients at St. Thomas' Hospital were treated. Outcomes improved.",
            ["Patients at St. Thomas' Hospital were treated.", "Outcomes improved."],
        ),
        (
            "Some measures, e.g. smoking cessation, help. Others, i.e. the rest, do not.",
            ["Some measures, e.g. smoking cessation, help.", "Others, i.e. the rest, do not."],
        ),
        # "No." before a number is an abbreviation; as an answer it is a sentence
        (
            "Officials met at No. 10 Downing Street. The meeting went well.",
            ["Officials met at No. 10 Downing Street.", "The meeting went well."],
        ),
        ("No. The current contract will end.", ["No.", "The current contract will end."]),
        ("The no. of cases fell.", ["The no. of cases fell."]),
        (
            "See Official Report, vol. 774, col. 33WS. It was c. 29,000 homes.",
            ["See Official Report, vol. 774, col. 33WS.", "It was c. 29,000 homes."],
        ),
        # ordinary abbreviations end a sentence before a capital only
        (
            "It covers staff, buildings, etc. The review is annual.",
            ["It covers staff, buildings, etc.", "The review is annual."],
        ),
        (
            "It covers staff, buildings, etc. and more.",
            ["It covers staff, buildings, etc. and more."],
        ),
        (
            "We met at 5 p.m. on Friday and 9 a.m. on Monday. It went well.",
            ["We met at 5 p.m. on Friday and 9 a.m. on Monday.", "It went well."],
        ),
        ("We met at 9 a.m. The talks went well.", ["We met at 9 a.m.", "The talks went well."]),
        (
            "The 2020 Scheelbeek et al. study found this. It was approx. 500 people.",
            ["The 2020 Scheelbeek et al. study found this.", "It was approx. 500 people."],
        ),
        # initials and initialisms: part of a name unless a sentence-opening word follows
        ("J. K. Rowling wrote to us. She agreed.", ["J. K. Rowling wrote to us.", "She agreed."]),
        (
            "The U.K. Government and the UK-U.S. Data Bridge help. Trade with the U.K. The end.",
            [
                "The U.K. Government and the UK-U.S. Data Bridge help.",
                "Trade with the U.K.",
                "The end.",
            ],
        ),
        (
            "We met platforms, including X. Details are published. We read Annex B. However, no.",
            [
                "We met platforms, including X.",
                "Details are published.",
                "We read Annex B.",
                "However, no.",
            ],
        ),
        (
            "The site is in Co. Durham. It opens soon.",
            ["The site is in Co. Durham.", "It opens soon."],
        ),
        # quotation marks, brackets and footnotes
        (
            'The Minister said "we will act." Then she left.',
            ['The Minister said "we will act."', "Then she left."],
        ),
        (
            "The Minister said “we will act.” Then she left.",
            ["The Minister said “we will act.”", "Then she left."],
        ),
        (
            'The report "Persecuted and Forgotten?" and its findings are noted.',
            ['The report "Persecuted and Forgotten?" and its findings are noted.'],
        ),
        (
            "See the annex (para. 4. Annex B. Table 2.) for more. Next.",
            ["See the annex (para. 4. Annex B. Table 2.) for more.", "Next."],
        ),
        (
            "(This is provisional.) The rest is final.",
            ["(This is provisional.)", "The rest is final."],
        ),
        (
            "It improves the public finances.[1] The content is set out.",
            ["It improves the public finances.[1]", "The content is set out."],
        ),
        ("Report & Accounts”., there were none.", ["Report & Accounts”., there were none."]),
        # ellipsis, question and exclamation marks
        ("We waited... The report came.", ["We waited...", "The report came."]),
        ("We waited… The report came.", ["We waited…", "The report came."]),
        ("The plan... and then more.", ["The plan... and then more."]),
        (
            "Why not? Because it costs too much! We agree.",
            ["Why not?", "Because it costs too much!", "We agree."],
        ),
        (
            "It is shared on THINK!’s channels and the Think! campaign.",
            ["It is shared on THINK!’s channels and the Think! campaign."],
        ),
        # lists written inside a line
        (
            "The steps are: 1. Publish the guidance. 2. Consult on the rules.",
            ["The steps are:", "1. Publish the guidance.", "2. Consult on the rules."],
        ),
        ("1. Publish the guidance.", ["1. Publish the guidance."]),
        (
            "It is based on a) new arguments, b) new evidence, and c) neither, as recorded.",
            ["It is based on a) new arguments, b) new evidence, and c) neither, as recorded."],
        ),
        # nothing to split
        ("", []),
        ("   ", []),
        ("Thank you", ["Thank you"]),
    ],
)
def test_split(line: str, expected: list[str]) -> None:
    assert split(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "The Department has (a) published guidance and (b) funded pilots. More is planned.",
            [
                "The Department has (a) published guidance and (b) funded pilots.",
                "More is planned.",
            ],
        ),
        (
            "It is at https://www.gov.uk/government/publications/x.y-z. It was updated in May.",
            [
                "It is at https://www.gov.uk/government/publications/x.y-z.",
                "It was updated in May.",
            ],
        ),
        (
            "The reports are at the following link: https://www.gov.uk/a.b. Read them.",
            ["The reports are at the following link: https://www.gov.uk/a.b.", "Read them."],
        ),
        (
            "Write to foi.team@justice.gov.uk. We reply in 20 days.",
            ["Write to foi.team@justice.gov.uk.", "We reply in 20 days."],
        ),
        (
            "See the ICO. (https://ico.org.uk/for-the-public/) Regardless, it applies.",
            ["See the ICO.", "(https://ico.org.uk/for-the-public/)", "Regardless, it applies."],
        ),
        (
            "The rate is 20%.The Chancellor decides. It closed on 5 July 2024.The data is below.",
            [
                "The rate is 20%.",
                "The Chancellor decides.",
                "It closed on 5 July 2024.",
                "The data is below.",
            ],
        ),
        (
            "I refer the Member to my answer (Mr Smith).https://questions.parliament.uk/x",
            ["I refer the Member to my answer (Mr Smith).", "https://questions.parliament.uk/x"],
        ),
        ("It was U.K.-wide. It rose 2.The end.", ["It was U.K.-wide.", "It rose 2.The end."]),
    ],
)
def test_split_sentences_masks_addresses_and_enumerators(line: str, expected: list[str]) -> None:
    assert split_sentences(line) == expected


def test_a_very_long_line_is_split_whole() -> None:
    sentence = "The Department, e.g. its Rt. Hon. Minister, spent £1.5 billion at No. 10 in 2024. "
    words = len(sentence.split())
    line = sentence * (200_000 // words + 1)
    assert len(line.split()) > 200_000
    found = split(line)
    assert len(found) == 200_000 // words + 1
    assert set(found) == {sentence.strip()}


def test_ends_are_offsets_after_the_stop() -> None:
    line = "It rose. It fell!  Why? Done"
    assert sentence_ends(line) == [8, 17, 23]
    assert [line[:end][-1] for end in sentence_ends(line)] == [".", "!", "?"]


def test_the_word_sets_come_from_the_lexicon() -> None:
    kinds = {entry["kind"] for entry in load_lexicon("abbreviations")}
    assert kinds == {"prepositive", "number_prefix", "ordinary", "name_part", "sentence_opener"}
    assert {"rt", "hon", "mr", "dr", "st", "para", "e.g", "i.e"} <= PREPOSITIVE
    assert {"no", "pp", "vol"} <= NUMBER_PREFIX
    assert {"etc", "a.m", "p.m", "al"} <= ORDINARY
    assert {"u.k", "co"} <= NAME_PART
    assert {"the", "however", "it", "we"} <= SENTENCE_OPENERS
    groups = [PREPOSITIVE, NUMBER_PREFIX, ORDINARY, NAME_PART]
    for index, group in enumerate(groups):
        for other in groups[index + 1 :]:
            assert not group & other, group & other


@pytest.mark.parametrize("word", sorted(PREPOSITIVE))
def test_a_prepositive_abbreviation_never_ends_a_sentence(word: str) -> None:
    assert len(split(f"It was seen by {word}. Smith and {word}. The Board.")) == 1


@pytest.mark.parametrize("word", sorted(NUMBER_PREFIX | ORDINARY))
def test_other_abbreviations_end_a_sentence_before_a_capital_only(word: str) -> None:
    assert len(split(f"It is in {word}. 5 and {word}. (b) and {word}. the rest.")) == 1
    assert len(split(f"It is in {word}. The rest.")) == 2


@pytest.mark.parametrize("word", sorted(NAME_PART))
def test_a_name_part_ends_a_sentence_before_an_opening_word_only(word: str) -> None:
    written = word.upper() if "." in word else word.capitalize()
    assert len(split(f"It is the {written}. Government plan.")) == 1
    assert len(split(f"It is in the {written}. The plan is new.")) == 2


PIECES = [*"aB1 .!?…()[]“”\"‘’'\n:;,", "e.g. ", "U.K. ", "No. ", "etc. ", "1. ", "2. "]


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_no_text_is_lost(line: str) -> None:
    pieces = split(line)
    assert "".join("".join(piece.split()) for piece in pieces) == "".join(line.split())
    assert all(piece and piece == piece.strip() for piece in pieces)
