"""Property-based tests of the text pipeline (hypothesis): any string in, no exception out, and
plain prose split into sentences that join back to the text."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.labelers.sentence_table import sentence_table
from analysis.language.text import split_text
from analysis.measures.scoring import score

# Prose as ministers write it, with the pieces that trouble splitters: abbreviations, links,
# quotations, figures, brackets and paragraph breaks. No HTML and no list markers, which the
# splitter deliberately changes ("1. " and bullets are dropped, tags parsed).
PROSE_PIECES = [
    *"abcdefgh XYZ.,;:!?()'\"’",
    "\n",
    "\n\n",
    "2024",
    "£1.5 billion",
    "45.6%",
    "Mr. ",
    "e.g. ",
    "Rt Hon. ",
    "No. 5 ",
    "https://www.gov.uk/guidance/a.b ",
    "The Department will publish the plan. ",
]
# Every line starts with a word, so no line opens with something that reads as a list marker
# ("a) ", "(i) ").
prose = (
    st.lists(st.sampled_from(PROSE_PIECES), max_size=60)
    .map("".join)
    .map(lambda text: "The " + text.replace("\n", "\nThe "))
)
RELAXED = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=300)


@RELAXED
@given(prose)
def test_sentences_join_back_to_the_prose(text: str) -> None:
    sentences = [s.text for s in split_text(text).sentences]
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
    assert all(s.strip() == s and s for s in sentences)


@RELAXED
@given(st.text(max_size=300))
def test_any_string_is_labelled_without_error(text: str) -> None:
    table = sentence_table(text)
    assert set(table["time"]) <= {"future", "current", "past", "none"}
    assert table["commitment"].dropna().between(0, 3).all()


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=60)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=4))
def test_any_strings_are_scored_without_error(texts: list[str]) -> None:
    scored = score(pd.DataFrame({"answer": texts, "question": texts}), workers=1).answers
    assert len(scored) == len(texts)
    shares = scored[["future_share", "specific_share", "stock_share", "asks_addressed_share"]]
    assert ((shares >= 0) & (shares <= 1)).fillna(True).all().all()
