"""Reuse: how much of an answer is stock text that also answers other questions.

Rule. An answer's paragraphs are compared, after normalising (lower case, figures replaced by
``#``, punctuation and spacing dropped, so "the answer I gave on 5 May to Question 1234" and
"... on 9 June to Question 5678" are the same line), with the paragraphs of every other answer
in the same set (month names fold like figures). A paragraph is **stock** when it appears in
answers to at least two different questions; grouped questions answered together (one
``answer_group``) count as one question.
Paragraphs of fewer than ``MIN_WORDS`` words ("Yes.", "No.") are too short to call reuse.

``stock_share`` = words in the answer's stock paragraphs / all its words (0-1, higher means more
reused text). It depends on the set it is computed in: an answer compared with nothing else
gets NA. Holding answers, which are all stock, are left out of the comparison.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from analysis.text import text_to_blocks

MIN_WORDS = 8
_DIGITS_RE = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b"
)
_NON_WORD_RE = re.compile(r"[^\w#]+")


def normalise_paragraph(text: str) -> str:
    """Lower case, figures and months as '#', punctuation and spacing folded: the key."""
    text = _DIGITS_RE.sub("#", text.lower())
    return _NON_WORD_RE.sub(" ", text).strip()


def paragraphs(answer: str) -> list[str]:
    """The prose paragraphs of an answer (table rows left out), each as one string."""
    by_paragraph: dict[int, list[str]] = defaultdict(list)
    for block in text_to_blocks(answer or ""):
        if block.kind != "table_row":
            by_paragraph[block.paragraph].append(block.text)
    return [" ".join(lines) for _, lines in sorted(by_paragraph.items())]


def _weighed(paragraph: str) -> tuple[int, str | None]:
    """A paragraph's word count, and its key when it is long enough to count as stock."""
    words = len(paragraph.split())
    return words, normalise_paragraph(paragraph) if words >= MIN_WORDS else None


def stock_shares(answers: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """``stock_share`` for each answer (see the module docstring), aligned with ``answers``.

    ``groups`` says which answers answer the same question(s) (``answer_group``); without it
    each row is its own question. NA for every row when fewer than two questions are compared.
    """
    if groups is None:
        groups = pd.Series(range(len(answers)), index=answers.index).astype(str)
    if groups.nunique() < 2:
        return pd.Series(pd.NA, index=answers.index, dtype="Float64")
    split = {index: [_weighed(p) for p in paragraphs(text)] for index, text in answers.items()}
    seen_in: dict[str, set[str]] = defaultdict(set)
    for index, paras in split.items():
        for _, key in paras:
            if key is not None:
                seen_in[key].add(str(groups.loc[index]))
    shares = {}
    for index, paras in split.items():
        total = sum(words for words, _ in paras)
        stock = sum(words for words, key in paras if key is not None and len(seen_in[key]) >= 2)
        shares[index] = stock / total if total else pd.NA
    return pd.Series(shares, dtype="Float64").reindex(answers.index)
