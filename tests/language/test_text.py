"""analysis.language.text: HTML to plain text, and sentences that survive what ministers write.

Expected splits are written out by hand from the texts.
"""

from __future__ import annotations

import pytest

from analysis.language.blocks import html_to_text, looks_like_html
from analysis.language.text import sentences, split_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Government will invest £1.5 billion in this. It starts in 2025.",
            ["The Government will invest £1.5 billion in this.", "It starts in 2025."],
        ),
        (
            "My Rt Hon. Friend the Secretary of State met them. They agreed.",
            ["My Rt Hon. Friend the Secretary of State met them.", "They agreed."],
        ),
        (
            "This was set out by the Rt. Hon. Member for Leeds. We agree.",
            ["This was set out by the Rt. Hon. Member for Leeds.", "We agree."],
        ),
        (
            "Some measures, e.g. smoking cessation, help. Others do not.",
            ["Some measures, e.g. smoking cessation, help.", "Others do not."],
        ),
        (
            "Officials met at No. 10 Downing Street. The meeting went well.",
            ["Officials met at No. 10 Downing Street.", "The meeting went well."],
        ),
        (
            "Patients at St. Thomas' Hospital were treated. Outcomes improved.",
            ["Patients at St. Thomas' Hospital were treated.", "Outcomes improved."],
        ),
        (
            "The Department has (a) published guidance and (b) funded pilots. More is planned.",
            [
                "The Department has (a) published guidance and (b) funded pilots.",
                "More is planned.",
            ],
        ),
        (
            "The data for (i) 2022 and (ii) 2023 are below. They are provisional.",
            ["The data for (i) 2022 and (ii) 2023 are below.", "They are provisional."],
        ),
        (
            "It is at https://www.gov.uk/government/publications/x.y-z. It was updated in May.",
            [
                "It is at https://www.gov.uk/government/publications/x.y-z.",
                "It was updated in May.",
            ],
        ),
        (
            "See https://www.contractsfinder.service.gov.uk/notice/f44c?origin=Search&p=1 now.",
            ["See https://www.contractsfinder.service.gov.uk/notice/f44c?origin=Search&p=1 now."],
        ),
        (
            "The Home Office does not collect this data.However, ministers expect forces to act.",
            [
                "The Home Office does not collect this data.",
                "However, ministers expect forces to act.",
            ],
        ),
        ("", []),
    ],
)
def test_sentence_splitting_survives_ministerial_writing(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_numbered_list_items_are_sentences_of_their_own() -> None:
    text = "The steps are:\n1. Publish the guidance.\n2. Consult on the rules."
    split = split_text(text)
    assert [s.text for s in split.sentences] == [
        "The steps are:",
        "Publish the guidance.",
        "Consult on the rules.",
    ]
    assert [s.is_list_item for s in split.sentences] == [False, True, True]


def test_a_link_alone_on_its_line_joins_the_sentence_that_introduces_it() -> None:
    text = "The guidance is available at the following link:\n\nhttps://www.gov.uk/guidance"
    assert sentences(text) == [
        "The guidance is available at the following link: https://www.gov.uk/guidance"
    ]


def test_html_paragraphs_breaks_lists_entities_and_links() -> None:
    html = (
        "<p>First&nbsp;paragraph &amp; more.</p><p>Line one<br>Line two</p>"
        "<ul><li>Item A.</li><li>Item B.</li></ul>"
        '<p>Read it <a href="https://example.org/x">here</a>.</p>'
    )
    assert html_to_text(html) == (
        "First paragraph & more.\n\nLine one\nLine two\n\n- Item A.\n- Item B.\n\n"
        "Read it here (https://example.org/x)."
    )


def test_outlook_safelinks_show_the_real_address() -> None:
    html = (
        '<p><a href="https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2F'
        'www.ofgem.gov.uk%2Fx&amp;data=1">the report</a></p>'
    )
    assert html_to_text(html) == "the report (https://www.ofgem.gov.uk/x)"


def test_tables_are_kept_apart_and_counted_not_split_into_sentences() -> None:
    html = (
        "<p>The figures are:</p><table><tr><td>Year</td><td>Cost</td></tr>"
        "<tr><td>2023</td><td>£5m</td></tr></table><p>They are provisional.</p>"
    )
    text = html_to_text(html)
    assert text == "The figures are:\n\n| Year | Cost |\n| 2023 | £5m |\n\nThey are provisional."
    split = split_text(text)
    assert [s.text for s in split.sentences] == ["The figures are:", "They are provisional."]
    assert split.table_rows == [("Year", "Cost"), ("2023", "£5m")]
    assert split.table_cell_count == 4


def test_looks_like_html() -> None:
    assert looks_like_html("<p>Yes.</p>")
    assert not looks_like_html("Costs rose by < 5% and > 2%.")


def test_real_answer_with_enumerators_and_e_g(corpus_answers) -> None:
    answer = corpus_answers.set_index("id").loc["1674622", "answer"]
    assert sentences(answer) == [
        "The number of diesel cars registered for the first time to keepers in each borough in "
        "Greater London in (a) 2021, (b) 2022 and (c) each month in 2023, for which data are "
        "available, is provided in the Excel file attached.",
        "Note that the keeper of the vehicle is responsible for registering and taxing the "
        "vehicle only.",
        "The keeper of the vehicle is not necessarily the owner or the driver, e.g. fleet "
        "vehicles owned by companies.",
        "Most (61% in 2022) new registrations of diesel cars are to company keepers.",
    ]


def test_real_answer_with_a_link_after_a_colon(corpus_answers) -> None:
    answer = corpus_answers.set_index("id").loc["1677456", "answer"]
    assert sentences(answer)[-1] == (
        "Their reports are available at the following link: "
        "https://sites.manchester.ac.uk/ncish/reports/"
    )
    assert len(sentences(answer)) == 3


def test_real_answer_with_rt_hon(corpus_answers) -> None:
    answer = corpus_answers.set_index("id").loc["1722829", "answer"]
    assert sentences(answer) == ["I refer the Rt. Hon. Member to the reply I gave to PQ 1263."]


def test_real_answer_with_a_table(corpus_answers) -> None:
    split = split_text(corpus_answers.set_index("id").loc["1675497", "answer"])
    assert [s.text for s in split.sentences] == [
        "The following provides the category breakdown requested of Consultancy expenditure "
        "for the Department's Head Office during 2022-23:"
    ]
    assert len(split.table_rows) == 9  # a header, seven categories and the total
    assert split.table_rows[-1] == ("Total", "16.066")


def test_real_answer_with_a_bulleted_list(corpus_answers) -> None:
    split = split_text(corpus_answers.set_index("id").loc["1675868", "answer"])
    texts = [s.text for s in split.sentences]
    assert texts[-3:] == [
        "Publication of an Air Quality Strategy.",
        "Publication of outdoor burning best practice guidance.",
        "Targeted communications campaign to promote best practice in use of wood stoves and "
        "fireplaces.",
    ]
    assert [s.is_list_item for s in split.sentences] == [False, False, True, True, True]


@pytest.mark.parametrize(
    ("answer_id", "expected"),
    [
        # "No." is the answer, not an abbreviation (pySBD kept it with the next sentence).
        ("1722938", ["No.", "The current contract will end in December 2024."]),
        # A single capital is a name ("X"), not an initial, before a word that opens a sentence.
        (
            "1726694",
            [
                "Ministers and officials have regular meetings with a range of platforms, "
                "including X.",
                "Details of Ministerial meetings are published on the gov.uk website.",
            ],
        ),
        # Glued after a year; the "a) ... b)" list stays inside its sentence.
        (
            "1726120",
            [
                "1102 private schools closed between 11 May 2010 and 5 July 2024.",
                "The data in the attached table breaks this down into a) Parliamentary "
                "constituency and b) Upper tier local authority in England.",
            ],
        ),
    ],
)
def test_real_answers_where_the_splitter_corrects_pysbd(
    corpus_answers, answer_id: str, expected: list[str]
) -> None:
    answer = corpus_answers.set_index("id").loc[answer_id, "answer"]
    assert sentences(answer)[: len(expected)] == expected


def test_a_numbered_list_inside_a_line_and_a_url_before_a_new_sentence() -> None:
    text = (
        "The steps are: 1. Publish the guidance at https://www.gov.uk/x.y. 2. Consult on it.\n"
        "The guidance is at the following link: https://www.gov.uk/guidance. It is new."
    )
    assert sentences(text) == [
        "The steps are:",
        "1. Publish the guidance at https://www.gov.uk/x.y.",
        "2. Consult on it.",
        "The guidance is at the following link: https://www.gov.uk/guidance.",
        "It is new.",
    ]
