"""analysis.reporting.present: answer text is escaped everywhere; cues are marked on the escaped
text."""

from __future__ import annotations

import re

import pandas as pd

from analysis.reporting.present import (
    answers_html,
    bullet_list,
    cue_phrases,
    highlight,
    sentences_html,
)

HOSTILE = 'We will publish <script>alert("x")</script> & <b>more</b>.'


def test_cue_phrases_are_read_from_cue_strings() -> None:
    assert cue_phrases("future: will publish; 2 qualifier: seek to") == ["will publish", "seek to"]
    assert cue_phrases("none: is (a state, not an action)") == ["is"]


def test_highlight_escapes_and_marks() -> None:
    out = highlight(HOSTILE, ["will publish"])
    assert out.startswith("We <mark>will publish</mark> &lt;script&gt;")
    assert "<script>" not in out and "&amp;" in out


def test_cues_are_marked_as_whole_words_only() -> None:
    assert highlight("Early diagnosis is a key focus.", ["is"]) == (
        "Early diagnosis <mark>is</mark> a key focus."
    )


def test_sentence_table_escapes_every_cell() -> None:
    table = pd.DataFrame(
        [
            {
                "sentence_index": 0,
                "sentence": HOSTILE,
                "time": "future",
                "commitment": 3,
                "specific": False,
                "time_cues": "future: will publish",
                "commitment_cues": "3 firm: will publish",
                "cues": "<img src=x onerror=alert(1)>",
            }
        ]
    )
    html = sentences_html(table)
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_lists_and_answer_tables_escape() -> None:
    assert "<script>" not in bullet_list([HOSTILE])
    answers = pd.DataFrame(
        {
            "heading": ["<i>Heading</i>"],
            "uin": ["123"],
            "date_tabled": [pd.Timestamp("2025-01-02")],
            "department": ["<b>Dept</b>"],
        }
    )
    html = answers_html(answers, {"department": "Department"})
    assert "&lt;b&gt;Dept&lt;/b&gt;" in html and "&lt;i&gt;Heading&lt;/i&gt;" in html
    assert "written-questions/detail/2025-01-02/123" in html


def test_escaped_table_escapes_and_aligns_numbers_only() -> None:
    from analysis.reporting.present import escaped_table

    table = escaped_table(pd.DataFrame({"text": ["<b>x</b>"], "count": [3], "flag": [True]}))
    assert "&lt;b&gt;x&lt;/b&gt;" in table and "<b>x</b>" not in table
    # Only the second column (count) is right-aligned; text and flags read from the left.
    rules = re.findall(r"td:nth-child\((\d+)\) \{ text-align: right; \}", table)
    assert rules == ["2"]
