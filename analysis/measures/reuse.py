"""Stock lines: paragraphs that recur, verbatim or nearly, in answers to different questions.

Rule. Each answer is cut into its prose paragraphs (table rows left out). A paragraph of at least
``MIN_WORDS`` words is normalised with the lexicon ``stock_lines``: links, the names of members
and titled people, how the member is addressed, pronouns, figures, dates, months and question
numbers become placeholders; then lower case, punctuation dropped. So "I refer the hon. Member to
the answer I gave on 22 September 2023 to Question 199358" and "... the hon. Lady ... on 4 June
to Question 5001" read the same. Programme and plan names are not folded: they tell one stock
line from another.

Two paragraphs are **near copies** when the Jaccard similarity of their sets of word
``SHINGLE_WORDS``-grams is at least ``SIMILARITY``. Candidates come from MinHash locality-
sensitive hashing (datasketch, ``PERMUTATIONS`` permutations) and each is confirmed on the exact
sets, so LSH only saves time and never decides. Near copies join transitively (a chain of small
edits is one line). A **stock line** is a set of near copies found in answers to at least two
different questions; the answers of one ``answer_group`` (grouped questions answered together)
count as one question, so a grouped answer is not reuse of itself.

``stock_share`` = words in an answer's stock paragraphs / words in all its prose paragraphs
(0-1; higher means more of the answer is reused text). It depends on the set compared: an answer
compared with no other question gets NA, an answer with no prose words NA. Short paragraphs
("Yes.", "No.") count in the denominator but are never stock.

Source: near-duplicate detection as in Broder (1997), "On the resemblance and containment of
documents", with the MinHash LSH of datasketch (https://ekzhu.com/datasketch/).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pandas as pd
from datasketch import MinHash, MinHashLSH

from analysis.language.blocks import text_to_blocks
from analysis.language.lexicon import load_lexicon
from analysis.pipeline.checks import DataCheckError

MIN_WORDS = 8
SHINGLE_WORDS = 3
SIMILARITY = 0.7
PERMUTATIONS = 128
_NON_WORD_RE = re.compile(r"[^\w#]+")


@cache
def _placeholders() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(entry["phrase"]), entry["replace"]) for entry in load_lexicon("stock_lines")
    )


def normalise_paragraph(text: str) -> str:
    """The comparison form of a paragraph: placeholders for what varies, lower case, no
    punctuation (module docstring)."""
    for pattern, replacement in _placeholders():
        text = pattern.sub(replacement, text)
    return _NON_WORD_RE.sub(" ", text.lower()).strip()


def paragraphs(answer: str) -> list[str]:
    """The prose paragraphs of an answer (table rows left out), each as one string."""
    by_paragraph: dict[int, list[str]] = defaultdict(list)
    for block in text_to_blocks(answer or ""):
        if block.kind != "table_row":
            by_paragraph[block.paragraph].append(block.text)
    return [" ".join(lines) for _, lines in sorted(by_paragraph.items())]


def keyed_paragraphs(answer: str) -> list[tuple[str, int, str | None]]:
    """Each prose paragraph of an answer with its word count and the key it is compared by
    (:func:`normalise_paragraph`; None when shorter than ``MIN_WORDS``)."""
    keyed = []
    for paragraph in paragraphs(answer):
        words = len(paragraph.split())
        keyed.append(
            (paragraph, words, normalise_paragraph(paragraph) if words >= MIN_WORDS else None)
        )
    return keyed


def stock_word_counts(
    answer: pd.Series, word_count: pd.Series, is_stock: pd.Series, answers: pd.Index
) -> pd.DataFrame:
    """From one row per paragraph (the answer it belongs to, its words, whether it is stock):
    per answer in ``answers``, ``paragraph_word_count`` and ``stock_word_count`` (0 for an
    answer without prose) and ``stock_share`` (NaN when it has no prose words)."""
    words = word_count.groupby(answer).sum().reindex(answers, fill_value=0)
    stock = word_count.where(is_stock, 0).groupby(answer).sum().reindex(answers, fill_value=0)
    return pd.DataFrame(
        {
            "paragraph_word_count": words,
            "stock_word_count": stock,
            "stock_share": stock / words.where(words > 0),
        }
    )


def _shingles(key: str) -> frozenset[str]:
    words = key.split()
    if len(words) <= SHINGLE_WORDS:
        return frozenset({key})
    return frozenset(
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|; 0 for two empty sets."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def near_copy_lines(keys: list[str]) -> list[int]:
    """For each distinct normalised paragraph, the index of the line it belongs to."""
    shingles = [_shingles(key) for key in keys]
    parent = list(range(len(keys)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    if len(keys) > 1:
        signatures = MinHash.bulk(
            [[s.encode() for s in sorted(shingle_set)] for shingle_set in shingles],
            num_perm=PERMUTATIONS,
        )
        index = MinHashLSH(threshold=SIMILARITY, num_perm=PERMUTATIONS)
        for number, signature in enumerate(signatures):
            index.insert(number, signature)
        for number, signature in enumerate(signatures):
            for other in index.query(signature):
                if other > number and jaccard(shingles[number], shingles[other]) >= SIMILARITY:
                    parent[root(number)] = root(other)
    return [root(number) for number in range(len(keys))]


_LINE_COLUMNS = [
    "line",
    "text",
    "question_count",
    "answer_count",
    "department",
    "department_count",
    "first_answered",
    "last_answered",
]


@dataclass(frozen=True)
class StockLines:
    """What :func:`find_stock_lines` found: one row per prose paragraph of the answers compared.

    Columns: ``row`` (the answer's index label; ``id`` instead in the processed tables),
    ``paragraph`` (0-based), ``word_count``,
    ``text``, ``line`` (Int: the set of near copies it belongs to; NA when shorter than
    ``MIN_WORDS``), ``question`` (the question it answers: the ``answer_group``, else the row),
    ``department``, ``date_answered``, ``question_count`` (questions whose answers hold the
    line), ``is_stock`` (``question_count`` >= 2).
    """

    paragraphs: pd.DataFrame

    def lines(self, department: str | None = None) -> pd.DataFrame:
        """One row per stock line, most questions first: its earliest wording, the questions
        and answers holding it, the department using it most, and its first and last dates
        (NaT without dates). With ``department``: that department's uses only, so
        ``question_count`` counts its own questions."""
        stock = self.paragraphs[self.paragraphs["is_stock"]]
        if department is not None:
            stock = stock[stock["department"] == department]
        if stock.empty:
            return pd.DataFrame(columns=_LINE_COLUMNS)
        answer = "id" if "id" in stock.columns else "row"  # processed tables key answers by id
        stock = stock.sort_values(["date_answered", answer, "paragraph"], na_position="last")
        by_line = stock.groupby("line", sort=False)
        lines = pd.DataFrame(
            {
                "text": by_line["text"].first(),
                "question_count": by_line["question"].nunique(),
                "answer_count": by_line[answer].nunique(),
                "department": by_line["department"].agg(_commonest),
                "department_count": by_line["department"].nunique(),
                "first_answered": by_line["date_answered"].min(),
                "last_answered": by_line["date_answered"].max(),
            }
        ).reset_index()
        lines = lines.sort_values(
            ["question_count", "answer_count", "line"], ascending=[False, False, True]
        )
        return lines[_LINE_COLUMNS].reset_index(drop=True)


def _commonest(values: pd.Series) -> object:
    values = values.dropna()
    return values.value_counts().index[0] if len(values) else pd.NA


def find_stock_lines(answers: pd.DataFrame) -> StockLines:
    """Stock lines of a set of answers (module docstring).

    ``answers`` needs ``answer``; ``answer_group``, ``department`` and ``date_answered`` are
    used when present (without ``answer_group`` every row is its own question).
    """
    if not answers.index.is_unique:
        raise DataCheckError("find_stock_lines: the answers' index labels must be unique")
    texts = answers["answer"].fillna("").astype(str)
    if "answer_group" in answers.columns:
        questions = answers["answer_group"].astype(str)
    else:
        questions = pd.Series(answers.index.astype(str), index=answers.index)
    missing = pd.Series(pd.NA, index=answers.index, dtype="object")
    departments = answers.get("department", missing)
    dates = pd.to_datetime(answers.get("date_answered", missing), errors="coerce")
    records = [
        (row, number, words, paragraph, key)
        for row, text in texts.items()
        for number, (paragraph, words, key) in enumerate(keyed_paragraphs(text))
    ]
    keys = list(dict.fromkeys(key for *_, key in records if key))
    line_of_key = dict(zip(keys, near_copy_lines(keys), strict=True))
    table = pd.DataFrame(
        [
            (row, number, words, text, line_of_key.get(key))
            for row, number, words, text, key in records
        ],
        columns=["row", "paragraph", "word_count", "text", "line"],
    )
    table["line"] = pd.array(table["line"].tolist(), dtype="Int64")
    # reindex, not map: map casts an empty mapping target to float and fails on dates.
    table["question"] = questions.reindex(table["row"]).to_numpy()
    table["department"] = departments.reindex(table["row"]).to_numpy()
    table["date_answered"] = dates.reindex(table["row"]).to_numpy()
    counts = table.dropna(subset=["line"]).groupby("line")["question"].nunique()
    table["question_count"] = pd.array(
        table["line"].map(counts).fillna(0).astype(int).tolist(), dtype="Int64"
    )
    table["is_stock"] = (table["question_count"] >= 2).astype(bool)
    return StockLines(table)


def recurring_paragraphs(answer: str, corpus: pd.DataFrame) -> pd.DataFrame:
    """Which paragraphs of ``answer`` (a text not in ``corpus``) recur in the corpus.

    One row per prose paragraph of ``answer``: ``paragraph``, ``text``, ``word_count``,
    ``other_question_count`` (corpus questions whose answers hold a near copy; 0 when none or
    when the paragraph is too short to judge), ``first_answered``, ``last_answered`` (of those
    copies), ``example`` (the earliest corpus wording of the line), ``closest_similarity``
    (the highest Jaccard similarity to any corpus paragraph, NA when too short) and
    ``closest_text`` (that paragraph), so a paragraph that does not recur shows how near it
    comes.
    """
    own = "answer under study"
    frame = pd.concat(
        [
            corpus.reset_index(drop=True),
            pd.DataFrame({"answer": [answer], "answer_group": [own]}, index=[own]),
        ],
        ignore_index=False,
    )
    if "answer_group" not in corpus.columns:
        frame["answer_group"] = frame.index.astype(str)
        frame.loc[own, "answer_group"] = own
    table = find_stock_lines(frame).paragraphs
    mine = table[table["row"] == own]
    others = table[(table["row"] != own) & table["line"].isin(mine["line"].dropna())]
    others = others.sort_values("date_answered", na_position="last")
    by_line = others.groupby("line")
    summary = pd.DataFrame(
        {
            "other_question_count": by_line["question"].nunique(),
            "first_answered": by_line["date_answered"].min(),
            "last_answered": by_line["date_answered"].max(),
            "example": by_line["text"].first(),
        }
    )
    result = mine[["paragraph", "text", "word_count", "line"]].merge(
        summary, left_on="line", right_index=True, how="left"
    )
    result["other_question_count"] = result["other_question_count"].fillna(0).astype(int)
    corpus_paragraphs = table[(table["row"] != own) & table["line"].notna()]
    corpus_shingles = [_shingles(normalise_paragraph(text)) for text in corpus_paragraphs["text"]]
    closest = []
    for text, words in zip(result["text"], result["word_count"], strict=True):
        if words < MIN_WORDS or not corpus_shingles:
            closest.append((pd.NA, pd.NA))
            continue
        mine_shingles = _shingles(normalise_paragraph(text))
        similarities = [jaccard(mine_shingles, other) for other in corpus_shingles]
        best = max(range(len(similarities)), key=similarities.__getitem__)
        closest.append((similarities[best], corpus_paragraphs["text"].iloc[best]))
    result["closest_similarity"] = pd.array([c[0] for c in closest], dtype="Float64")
    result["closest_text"] = [c[1] for c in closest]
    return result.drop(columns="line").reset_index(drop=True)
