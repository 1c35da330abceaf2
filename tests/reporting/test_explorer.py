"""analysis.reporting.explorer: the page holds every answer once, escaped, and fetches nothing.

On a small scored corpus (tests/explorer_sample.py: real answers, the seed answer, hostile
records), read as HTML and as the JSON data block the page's script reads. The page in a browser
is tests/reporting/test_explorer_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from explorer_sample import (
    HOSTILE_HEADING,
    HOSTILE_MINISTER,
    HOSTILE_QUESTION,
    SEED_HEADING,
    explorer_sample,
)

from analysis.pipeline.processed import Processed
from analysis.reporting import build
from analysis.reporting.explorer import COLUMNS, FOOTER, _ask, explorer_page, script_json

TIMELINESS = ["days_to_answer", "answered_on_time", "is_named_day"]
# Attributes that make a browser fetch something; <a href> is followed, not fetched.
FETCHING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}


class Tags(HTMLParser):
    """Every start tag with its attributes, and each script element's type."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


@pytest.fixture(scope="module")
def sample() -> Processed:
    return explorer_sample()


@pytest.fixture(scope="module")
def page(sample: Processed) -> str:
    return explorer_page(sample, "Built from <the sample> on 2026-01-02.")


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>', page)
    assert block is not None
    return json.loads(block.group(1))


def column(data: dict, key: str) -> list:
    position = [spec["key"] for spec in data["columns"]].index(key)
    return [row[position] for row in data["rows"]]


def test_every_answer_appears_once_with_its_reading(page: str, sample: Processed) -> None:
    data = page_data(page)
    ids = column(data, "id")
    assert sorted(ids) == sorted(sample.answers["id"].astype(str))
    assert len(set(ids)) == len(ids) == len(data["details"])
    seed = ids.index(sample.answers.loc[sample.answers["heading"] == SEED_HEADING, "id"].item())
    question, sentences, asks, _, facts = data["details"][seed]
    expected = sample.sentences[sample.sentences["id"] == ids[seed]].sort_values("sentence_index")
    assert [s[0] for s in sentences] == expected["sentence"].tolist()
    assert question.startswith("To ask the Secretary of State for Health and Social Care")
    assert asks and facts["r"].startswith("Parliamentary Under-Secretary")


def test_holding_answers_keep_their_row_with_empty_scores(page: str, sample: Processed) -> None:
    data = page_data(page)
    holding = set(sample.answers.loc[sample.answers["is_holding_answer"], "id"].astype(str))
    assert holding
    for key, words, detail in zip(
        column(data, "id"), column(data, "word_count"), data["details"], strict=True
    ):
        if key in holding:
            assert words is None and detail[4]["h"] == 1


def test_columns_and_their_titles(page: str, sample: Processed) -> None:
    data = page_data(page)
    titles = [spec["title"] for spec in data["columns"]]
    for expected in [
        "Answered",
        "Department",
        "Minister",
        "Heading",
        "Reading ease",
        "Days to answer",
    ]:
        assert expected in titles
    assert {c.key for c in COLUMNS} <= {spec["key"] for spec in data["columns"]}
    # Shares are whole percentages, the commitment two decimals.
    assert all(v is None or isinstance(v, int) for v in column(data, "future_share"))
    assert max(v for v in column(data, "future_share") if v is not None) <= 100
    commitment = [v for v in column(data, "commitment") if v is not None]
    assert commitment and all(round(v, 2) == v for v in commitment)


def test_timeliness_columns_are_left_out_when_absent(sample: Processed) -> None:
    answers = sample.answers.drop(columns=[c for c in TIMELINESS if c in sample.answers])
    smaller = Processed(answers, sample.sentences, sample.meta, sample.asks, sample.paragraphs)
    keys = [spec["key"] for spec in page_data(explorer_page(smaller))["columns"]]
    assert not set(TIMELINESS) & set(keys)
    assert "heading" in keys


def test_hostile_text_stays_text(page: str) -> None:
    # Present, as JSON with its angle brackets escaped...
    assert "Cancer: \\u003cscript\\u003ealert('heading')\\u003c/script\\u003e" in page
    data = page_data(page)
    assert HOSTILE_HEADING in column(data, "heading")
    assert HOSTILE_MINISTER in column(data, "answering_member")
    assert HOSTILE_QUESTION in [detail[0] for detail in data["details"]]
    sentences = [s[0] for detail in data["details"] for s in detail[1]]
    assert 'Cancer care <script>alert("text")</script> will improve in every region.' in sentences
    # ... and nowhere as mark-up.
    assert not re.search(r"<script>alert|<img src=x|<a href=\"javascript", page, re.I)
    for tag, attributes in Tags(page).tags:
        assert not [name for name in attributes if name.startswith("on")], tag
        for value in attributes.values():
            assert not value.strip().lower().startswith("javascript:"), tag


def test_page_fetches_nothing(page: str) -> None:
    tags = Tags(page).tags
    for tag, attributes in tags:
        source = attributes.get(FETCHING.get(tag, ""), "")
        assert not source or source.startswith("data:"), f"<{tag}> fetches {source}"
    assert [a.get("type") for t, a in tags if t == "script"] == [
        "application/json",
        "module",
        "module",
    ]
    styles = re.findall(r"<style[^>]*>(.*?)</style>", page, re.S)
    for css in styles:
        for url in re.findall(r"""url\(\s*['"]?([^'")\s]+)|@import""", css):
            assert url.startswith("data:"), url
    # The Parliament's pages are links the script makes from the data, never loaded.
    assert "https://questions-statements.parliament.uk/written-questions/detail/" in page


def test_page_says_what_it_holds_and_where_from(page: str) -> None:
    assert "Built from &lt;the sample&gt; on 2026-01-02." in page
    assert FOOTER in page
    assert re.search(r"\d+ written answers \(\d+ holding answers, not scored\)", page)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1.0">' in page


def test_script_json_cannot_end_its_block() -> None:
    text = script_json({"a": "</script><!-- <b>&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- <b>&amp;"}


def test_only_the_page_closes_its_scripts(page: str) -> None:
    # The inlined bundle's own "<script" and "<!--" literals are written as \x3C.
    assert page.count("</script>") == 3
    assert "<!--" not in page


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("To ask how many nurses there are.", "To ask how many nurses there are."),
        ("To ask (a) when and (b) how 🙂 it ends.", "To ask when 🙂 it ends."),
        ("Q", "Something else entirely"),
        ("", "An ask of no question"),
    ],
)
def test_asks_are_rebuilt_from_their_question_as_javascript_slices(question: str, ask: str) -> None:
    start, middle, end = _ask(question, ask)
    units = question.encode("utf-16-le")  # JavaScript slices strings by UTF-16 code units
    head = units[: 2 * start].decode("utf-16-le")
    tail = units[len(units) - 2 * end :].decode("utf-16-le") if end else ""
    assert head + middle + tail == ask


def test_index_links_the_explorer() -> None:
    meta = {"answer_count": 3, "built": "2026-01-02 03:04 UTC"}
    reports = [build.Report("01_a", "A", "Finding.", "")]
    page = build.render_index(reports, meta, None, "now", explorer=build.EXPLORER_FILE)
    assert '<a href="explorer.html">Answer explorer</a>' in page
    assert "explorer.html" not in build.render_index(reports, meta, None, "now")
