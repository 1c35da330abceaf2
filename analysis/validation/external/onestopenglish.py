"""OneStopEnglish: one article at three levels.

**OneStopEnglish** (``onestopenglish``, 189 articles x elementary/intermediate/advanced).
For each article the three pairs (ELE<INT, INT<ADV, ELE<ADV): the share our Flesch-Kincaid
grade orders correctly (higher grade for the harder level). Ties count as wrong. Beside
textstat's own FK on the raw text (README: 98.1%).
"""

from __future__ import annotations

import math
import re

import pandas as pd
import textstat

from analysis.language.text import split_text

# Importing analysis.measures.readability also points textstat at the packaged CMU dictionary, so
# the textstat calls below never reach for the network.
from analysis.measures.readability import readability
from analysis.validation.external.common import DEFAULT_SEED, RESULT_COLUMNS, eval_dir, result_row

# Figure from ../shared/eval/README.md.
TEXTSTAT_ONESTOP_FK = 0.981

LEVEL_PAIRS = ((0, 1), (1, 2), (0, 2))
LEVEL_NAMES = {0: "elementary", 1: "intermediate", 2: "advanced"}

_QUOTES_RE = re.compile(r"[“”\"]")
_INNER_END_RE = re.compile(r"[a-z][.!?][”\"’']?\s+[“\"‘']?[A-Z]")


def ordered_pair_share(
    frame: pd.DataFrame, value: str, harder_is_higher: bool = True
) -> tuple[float, int]:
    """Share of (article, easier level, harder level) pairs that ``value`` orders correctly.

    ``frame`` has columns ``article``, ``level_code`` (0 easiest) and ``value``. The pairs are
    :data:`LEVEL_PAIRS` within each article. Correct means strictly higher for the harder level
    (strictly lower when ``harder_is_higher`` is False, e.g. Flesch reading ease); ties and
    missing values count as wrong. Returns (share, number of pairs); higher share is better.
    """
    wide = frame.pivot(index="article", columns="level_code", values=value)
    correct = 0
    pairs = 0
    for easier, harder in LEVEL_PAIRS:
        if easier not in wide.columns or harder not in wide.columns:
            continue
        both = wide[[easier, harder]].dropna(how="all")
        difference = both[harder] - both[easier]
        right = difference > 0 if harder_is_higher else difference < 0
        correct += int(right.sum())
        pairs += len(both)
    return (correct / pairs if pairs else math.nan), pairs


def load_onestopenglish(sample: int | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The 567 texts (189 articles x 3 levels): ``article``, ``level``, ``level_code`` (0
    elementary, 1 intermediate, 2 advanced), ``text``. ``sample`` counts articles."""
    raw = pd.read_csv(eval_dir() / "onestopenglish" / "onestopenglish_texts.csv")
    frame = raw[["article", "level", "level_code", "text"]]
    articles = pd.Series(sorted(frame["article"].unique()))
    if sample is not None and sample < len(articles):
        chosen = set(articles.sample(n=sample, random_state=seed))
        frame = frame[frame["article"].isin(chosen)]
    return frame.reset_index(drop=True)


def score_onestopenglish(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with our FK grade and Flesch ease, textstat's on the raw text, the sentence
    counts, and a diagnostic: our FK grade with double quotation marks removed first."""
    out = frame.copy()
    ours = [readability(text) for text in out["text"]]
    out["flesch_kincaid_grade"] = [r.flesch_kincaid_grade for r in ours]
    out["flesch_reading_ease"] = [r.flesch_reading_ease for r in ours]
    out["sentence_count"] = [r.sentence_count for r in ours]
    out["textstat_flesch_kincaid_grade"] = out["text"].map(textstat.flesch_kincaid_grade)
    out["textstat_flesch_reading_ease"] = out["text"].map(textstat.flesch_reading_ease)
    out["textstat_sentence_count"] = out["text"].map(textstat.sentence_count)
    # Our splitter keeps a quotation of several sentences as one sentence, and this corpus's
    # intermediate files lost their curly quotes, so the effect differs by level. Scoring the
    # text without quotation marks shows how much of the gap that explains.
    out["unquoted_flesch_kincaid_grade"] = [
        readability(_QUOTES_RE.sub("", text)).flesch_kincaid_grade for text in out["text"]
    ]
    return out


def check_onestopenglish(
    sample: int | None = None, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, list[str]]:
    """Rows for the OneStopEnglish check (the mapping in the module docstring), and notes."""
    scored = score_onestopenglish(load_onestopenglish(sample, seed))
    textstat_fk, pairs = ordered_pair_share(scored, "textstat_flesch_kincaid_grade")
    textstat_fre, _ = ordered_pair_share(scored, "textstat_flesch_reading_ease", False)
    textstat_fk_figure = (textstat_fk, "textstat 0.7.13 FK on raw text")
    readme = (TEXTSTAT_ONESTOP_FK, "README: textstat FK on raw text (published)")
    measure = "share of level pairs ordered (ties wrong)"
    rows = [
        result_row(
            "onestopenglish",
            measure,
            "our Flesch-Kincaid grade (higher = harder level)",
            pairs,
            ordered_pair_share(scored, "flesch_kincaid_grade")[0],
            textstat_fk_figure,
            readme,
        ),
        result_row(
            "onestopenglish",
            measure,
            "our Flesch reading ease (lower = harder level)",
            pairs,
            ordered_pair_share(scored, "flesch_reading_ease", False)[0],
            (textstat_fre, "textstat 0.7.13 Flesch reading ease on raw text"),
        ),
        result_row(
            "onestopenglish",
            measure,
            "diagnostic: our FK grade, double quotation marks removed before splitting",
            pairs,
            ordered_pair_share(scored, "unquoted_flesch_kincaid_grade")[0],
            textstat_fk_figure,
            readme,
        ),
    ]
    notes = []
    wide = scored.pivot(index="article", columns="level_code", values="flesch_kincaid_grade")
    for easier, harder in LEVEL_PAIRS:
        if easier in wide.columns and harder in wide.columns:
            share = float((wide[harder] > wide[easier]).mean())
            notes.append(
                f"onestopenglish: our FK orders {LEVEL_NAMES[easier]} < {LEVEL_NAMES[harder]} "
                f"in {share:.1%} of articles"
            )
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), notes


def disagreements(n: int, seed: int = DEFAULT_SEED, sample: int | None = None) -> pd.DataFrame:
    """The articles whose pair our FK grade misorders, quoting the sentence of the easier text
    in which our splitter left the most sentence ends."""
    scored = score_onestopenglish(load_onestopenglish(sample, seed))
    rows = []
    by_article = {
        article: group.set_index("level_code") for article, group in scored.groupby("article")
    }
    for easier, harder in LEVEL_PAIRS:
        for article, group in by_article.items():
            if easier not in group.index or harder not in group.index:
                continue
            low, high = group.loc[easier], group.loc[harder]
            low_fk, high_fk = low["flesch_kincaid_grade"], high["flesch_kincaid_grade"]
            if high_fk > low_fk:
                continue
            # The sentence that hides the most sentence ends (a quotation kept whole, usually)
            # shows why the easier text scored harder.
            longest = max(
                (s.text for s in split_text(low["text"]).sentences),
                key=lambda text: (len(_INNER_END_RE.findall(text)), len(text)),
                default="",
            )
            rows.append(
                {
                    "kind": f"{article}: {LEVEL_NAMES[easier]} vs {LEVEL_NAMES[harder]}",
                    "sentence": longest,
                    "reference": f"{LEVEL_NAMES[easier]} easier",
                    "ours": f"FK {low_fk:.1f} vs {high_fk:.1f}",
                    "cues": (
                        f"sentences {low['sentence_count']} vs {high['sentence_count']} (textstat "
                        f"{low['textstat_sentence_count']} vs {high['textstat_sentence_count']})"
                    ),
                }
            )
    return pd.DataFrame(rows[:n], columns=["kind", "sentence", "reference", "ours", "cues"])
