"""Aggregates the report notebooks show: by department, by month, future against current.

Every function takes the scored tables (:mod:`analysis.pipeline.processed`) and returns a plain
frame, so a notebook only calls and displays. Answers are counted once per grouped answer
(``is_first_in_group``) and holding answers are left out of scores (``is_scored``).
Uncertainty: 95% percentile bootstrap intervals over answers (``bootstrap_ci``), with the number
of answers beside every figure; departments with fewer than ``MIN_ANSWERS`` answers are shown but
not ranked, because their intervals are too wide to order them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.labelers.vocabulary import COMMITMENT_LEVELS, COMMITMENT_NAMES
from analysis.measures.responsiveness import question_lead
from analysis.validation.evaluation import wilson_interval

MIN_ANSWERS = 30
BOOTSTRAP_SAMPLES = 1000
DEPARTMENT_MEASURES = {
    "flesch_reading_ease": "Flesch reading ease",
    "specificity": "Specific details per sentence",
    "commitment": "Mean commitment (0-3)",
    "future_share": "Share of sentences about the future",
    "current_share": "Share of sentences about current action",
    "deflection_share": "Share of sentences passing the question to another body",
}
RESPONSE_MEASURES = {
    "asks_addressed_share": "Share of the question's asks addressed",
    "is_non_answer": "Share of answers that address no ask",
    "stock_share": "Share of words in stock paragraphs",
    "deflection_share": "Share of sentences passing the question to another body",
}


def counted_once(answers: pd.DataFrame) -> pd.DataFrame:
    """Scored answers, one row per grouped answer (holding answers left out)."""
    keep = answers["is_scored"] & answers["is_first_in_group"]
    return answers[keep]


def mean_or_nan(values: pd.Series) -> float:
    """The mean of the values that are numbers; NaN when there are none (never NA)."""
    data = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    return float(data.mean()) if len(data) else float("nan")


def median_or_nan(values: pd.Series) -> float:
    """The median of the values that are numbers; NaN when there are none (never NA)."""
    data = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    return float(np.median(data)) if len(data) else float("nan")


def bootstrap_ci(
    values: pd.Series,
    statistic: Callable[[np.ndarray], float] = np.mean,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 2026,
) -> tuple[float, float]:
    """95% percentile bootstrap interval of ``statistic`` over ``values`` (NaN for < 2 values)."""
    data = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    if len(data) < 2:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    draws = rng.choice(data, size=(samples, len(data)), replace=True)
    stats = np.apply_along_axis(statistic, 1, draws)
    low, high = np.percentile(stats, [2.5, 97.5])
    return (float(low), float(high))


def corpus_counts(answers: pd.DataFrame) -> pd.DataFrame:
    """How many answers there are, and how many are left out of the scores, and why."""
    grouped_extra = int((~answers["is_first_in_group"]).sum())
    rows = [
        ("Answers loaded", len(answers)),
        ("Holding answers (counted, not scored)", int(answers["is_holding_answer"].sum())),
        ("Repeat rows of grouped answers (counted once)", grouped_extra),
        ("Answers scored, each counted once", len(counted_once(answers))),
        ("Departments", answers["department"].nunique()),
    ]
    return pd.DataFrame(rows, columns=["what", "count"])


def by_month(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers counted once, per month answered (rows) and department (columns)."""
    once = answers[answers["is_first_in_group"]].dropna(subset=["date_answered"])
    month = once["date_answered"].dt.to_period("M").astype(str)
    return pd.crosstab(month, once["department"]).sort_index()


def by_department(
    answers: pd.DataFrame,
    measures: dict[str, str] | None = None,
    min_answers: int = MIN_ANSWERS,
    samples: int = BOOTSTRAP_SAMPLES,
) -> pd.DataFrame:
    """Mean of each measure per department with its 95% bootstrap interval and ``n``.

    Long format: department, measure, label, n, mean, low, high, ranked (n >= min_answers).
    """
    measures = measures or DEPARTMENT_MEASURES
    once = counted_once(answers)
    rows = []
    for department, group in once.groupby("department"):
        for column, label in measures.items():
            values = pd.to_numeric(group[column], errors="coerce").dropna()
            low, high = bootstrap_ci(values, samples=samples)
            rows.append(
                {
                    "department": department,
                    "measure": column,
                    "label": label,
                    "n": len(values),
                    "mean": mean_or_nan(values),
                    "low": low,
                    "high": high,
                    "ranked": len(values) >= min_answers,
                }
            )
    columns = ["department", "measure", "label", "n", "mean", "low", "high", "ranked"]
    return pd.DataFrame(rows, columns=columns).astype({"n": "int64", "ranked": "bool"})


def on_time_by_department(answers: pd.DataFrame, min_answers: int = MIN_ANSWERS) -> pd.DataFrame:
    """Per department and kind of question (named day or ordinary): the share answered by the
    date for answer, its 95% Wilson interval, and the median days from tabling to answer.

    Every question counts (a grouped answer answers each of its questions, each with its own due
    date); holding answers are left out, and questions without a due date. Columns: department,
    kind, n, on_time, mean (the share), low, high, median_days, ranked (n >= min_answers).
    """
    known = answers[~answers["is_holding_answer"] & answers["answered_on_time"].notna()]
    kind = known["is_named_day"].map({True: "named day", False: "ordinary"}).fillna("unknown")
    rows = []
    for (department, kind_name), group in known.groupby([known["department"], kind]):
        n = len(group)
        on_time = int(group["answered_on_time"].astype(bool).sum())
        low, high = wilson_interval(on_time, n)
        rows.append(
            {
                "department": department,
                "kind": kind_name,
                "n": n,
                "on_time": on_time,
                "mean": on_time / n,
                "low": low,
                "high": high,
                "median_days": median_or_nan(group["days_to_answer"]),
                "ranked": n >= min_answers,
            }
        )
    columns = ["department", "kind", "n", "on_time", "mean", "low", "high", "median_days"]
    return pd.DataFrame(rows, columns=[*columns, "ranked"]).astype(
        {"n": "int64", "on_time": "int64", "ranked": "bool"}
    )


def timeliness_table(timely: pd.DataFrame) -> pd.DataFrame:
    """:func:`on_time_by_department` for reading: one row per department, named-day and
    ordinary questions side by side ("share [low, high]", n and median days)."""
    rows = []
    for department, group in timely.groupby("department"):
        row: dict[str, object] = {"department": department}
        for kind, label in (("named day", "Named day"), ("ordinary", "Ordinary")):
            found = group[group["kind"] == kind]
            if found.empty:
                row[f"{label}: on time"] = ""
                row[f"{label}: questions"] = 0
                row[f"{label}: median days"] = float("nan")
                continue
            r = found.iloc[0]
            row[f"{label}: on time"] = f"{r['mean']:.0%} [{r['low']:.0%}, {r['high']:.0%}]"
            row[f"{label}: questions"] = int(r["n"])
            row[f"{label}: median days"] = r["median_days"]
        rows.append(row)
    return pd.DataFrame(rows)


def department_table(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per department, one column per measure ("mean [low, high]"), with n."""
    summary = summary.copy()

    def figure(row: pd.Series) -> str:
        if pd.isna(row["mean"]):
            return "–"
        if pd.isna(row["low"]):
            return f"{row['mean']:.2f}"
        return f"{row['mean']:.2f} [{row['low']:.2f}, {row['high']:.2f}]"

    summary["figure"] = summary.apply(figure, axis=1)
    wide = summary.pivot(index="department", columns="label", values="figure")
    counts = summary.groupby("department")["n"].max().rename("answers")
    ranked = summary.groupby("department")["ranked"].all().map({True: "yes", False: "no"})
    ranked = ranked.rename("ranked")
    return pd.concat([counts, ranked, wide], axis=1).sort_values("answers", ascending=False)


def future_against_current(sentences: pd.DataFrame) -> pd.DataFrame:
    """How future-plan sentences are phrased compared with current-action sentences.

    Rows: n; share at each commitment level (of sentences with a level); share specific; share
    with a date or deadline; share hedged (level 1); mean words per sentence.
    """
    rows = {}
    for time in ("future", "current"):
        group = sentences[sentences["time"] == time]
        levels = group["commitment"].dropna().astype(int)
        row = {"sentences": len(group)}
        for level, name in COMMITMENT_NAMES.items():
            row[f"commitment {name}"] = float((levels == level).mean()) if len(levels) else np.nan
        row["specific"] = float(group["specific"].mean()) if len(group) else np.nan
        row["with a date or deadline"] = (
            float((group["date_count"] > 0).mean()) if len(group) else np.nan
        )
        row["hedged (level 1)"] = float((levels == 1).mean()) if len(levels) else np.nan
        row["mean words"] = float(group["word_count"].mean()) if len(group) else np.nan
        rows[time] = row
    return pd.DataFrame(rows)


def future_current_by_department(
    sentences: pd.DataFrame, answers: pd.DataFrame, min_sentences: int = 50
) -> pd.DataFrame:
    """Per department: firm share (level 3) and specific share of future and of current
    sentences, with counts; departments with fewer than ``min_sentences`` of either left out."""
    data = sentences_of(sentences, answers)
    data = data[data["time"].isin(["future", "current"])]
    rows = []
    for (department, time), group in data.groupby(["department", "time"]):
        levels = group["commitment"].dropna().astype(int)
        rows.append(
            {
                "department": department,
                "time": time,
                "sentences": len(group),
                "firm_share": float((levels == 3).mean()) if len(levels) else np.nan,
                "specific_share": float(group["specific"].mean()),
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    wide = table.pivot(index="department", columns="time")
    wide.columns = [f"{measure}_{time}" for measure, time in wide.columns]
    enough = (wide.get("sentences_future", 0) >= min_sentences) & (
        wide.get("sentences_current", 0) >= min_sentences
    )
    return wide[enough].sort_values("sentences_future", ascending=False)


_CUE_RE = re.compile(r"^(?:future|current|past|none): ([^;(]+)")


def phrasings(sentences: pd.DataFrame, time: str, top: int = 15) -> pd.DataFrame:
    """The commonest verb phrases that made sentences ``time`` ("will publish", "is working")."""
    group = sentences[sentences["time"] == time]
    phrases = group["time_cues"].str.extract(_CUE_RE, expand=False).dropna()
    phrases = phrases.str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    counts = phrases.value_counts().head(top)
    return counts.rename_axis("phrasing").reset_index(name="sentences")


def examples_by_level(
    sentences: pd.DataFrame, time: str | None = None, per_level: int = 2, seed: int = 2026
) -> pd.DataFrame:
    """Real sentences at each commitment level (optionally of one time), picked at random."""
    data = sentences if time is None else sentences[sentences["time"] == time]
    data = data[data["commitment"].notna() & data["word_count"].between(8, 45)]
    rows = []
    for level in COMMITMENT_LEVELS:
        pool = data[data["commitment"] == level]
        picked = pool.sample(n=min(per_level, len(pool)), random_state=seed) if len(pool) else pool
        for _, row in picked.iterrows():
            rows.append(
                {
                    "level": COMMITMENT_NAMES[level],
                    "time": row["time"],
                    "sentence": row["sentence"],
                    "cues": row["commitment_cues"],
                    "id": row["id"],
                }
            )
    return pd.DataFrame(rows)


def topic_mask(answers: pd.DataFrame, term: str) -> pd.Series:
    """Answers whose heading, question or answer mentions ``term`` (case-insensitive, whole
    words; "cancer" also finds "blood cancer" and "cancers")."""
    pattern = re.compile(rf"\b{re.escape(term)}", re.I)
    text = (
        answers["heading"].fillna("")
        + " "
        + answers["question"].fillna("")
        + " "
        + answers["answer"].fillna("")
    )
    return text.str.contains(pattern)


def topic_against_baseline(
    answers: pd.DataFrame, mask: pd.Series, measures: dict[str, str] | None = None
) -> pd.DataFrame:
    """Each measure for topic answers against the rest of the same departments' answers.

    The baseline is weighted to the topic's department mix, so a topic mostly answered by one
    department is compared with that department's other answers.
    """
    measures = measures or DEPARTMENT_MEASURES
    once = counted_once(answers)
    topic = once[mask.reindex(once.index, fill_value=False)]
    rest = once[
        ~mask.reindex(once.index, fill_value=False) & once["department"].isin(topic["department"])
    ]
    weights = topic["department"].value_counts(normalize=True)
    rows = []
    for column, label in measures.items():
        topic_values = pd.to_numeric(topic[column], errors="coerce")
        department_means = rest.groupby("department")[column].apply(mean_or_nan)
        weighted = department_means.reindex(weights.index) * weights
        # NaN, not 0, when no department of the topic has other answers to compare with.
        baseline = float(weighted.sum()) if weighted.notna().any() else float("nan")
        low, high = bootstrap_ci(topic_values)
        rows.append(
            {
                "measure": label,
                "topic": mean_or_nan(topic_values),
                "low": low,
                "high": high,
                "department baseline": baseline,
                "topic answers": int(topic_values.notna().sum()),
            }
        )
    return pd.DataFrame(rows)


def percentile_in(value: float, values: pd.Series) -> float:
    """Share (0-100) of ``values`` at or below ``value``: where an answer sits in its group."""
    data = pd.to_numeric(values, errors="coerce").dropna()
    if not len(data) or pd.isna(value):
        return float("nan")
    return float((data <= value).mean() * 100)


def doing_and_promising(sentences: pd.DataFrame) -> tuple[list[str], list[str]]:
    """What an answer says is being done now (current or past actions of government) and what it
    promises (future sentences with a commitment level), as two lists of sentences."""
    acting = sentences[sentences["commitment"].notna() & (sentences["commitment"] > 0)]
    now = acting[acting["time"].isin(["current", "past"])]["sentence"].tolist()
    promised = acting[acting["time"] == "future"]["sentence"].tolist()
    return now, promised


def window(
    answers: pd.DataFrame,
    date_from: str | None = None,
    date_to: str | None = None,
    department: str | None = None,
) -> pd.DataFrame:
    """Answers answered within [date_from, date_to] (inclusive, YYYY-MM-DD) and, when given,
    of one department (its name, or part of it, case-insensitive)."""
    keep = pd.Series(True, index=answers.index)
    if date_from:
        keep &= answers["date_answered"] >= pd.Timestamp(date_from)
    if date_to:
        keep &= answers["date_answered"] <= pd.Timestamp(date_to)
    if department:
        keep &= answers["department"].fillna("").str.contains(department, case=False, regex=False)
    return answers[keep]


def sentences_of(sentences: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """The sentences of these answers, counted once per grouped answer, with the department."""
    once = counted_once(answers)
    departments = once.set_index("id")["department"]
    keep = sentences[sentences["id"].isin(set(once["id"]))]
    return keep.assign(department=keep["id"].map(departments))


def monthly_means(answers: pd.DataFrame, measures: dict[str, str]) -> pd.DataFrame:
    """Per month answered: the mean of each measure over answers counted once, and ``n``."""
    once = counted_once(answers).dropna(subset=["date_answered"])
    month = once["date_answered"].dt.to_period("M").astype(str).rename("month")
    values = once[list(measures)].apply(pd.to_numeric, errors="coerce").astype(float)
    table = values.groupby(month).mean().rename(columns=measures)
    table.insert(0, "answers", month.value_counts().sort_index())
    return table


def ask_outcomes(asks: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """Asks of answers counted once: per kind, how many, and the share addressed, partly
    addressed and not addressed."""
    asks = asks[asks["id"].isin(set(counted_once(answers)["id"]))]
    shares = pd.crosstab(asks["kind"], asks["status"], normalize="index")
    shares = shares.reindex(columns=["addressed", "partly", "not"], fill_value=0.0)
    shares.insert(0, "asks", asks["kind"].value_counts())
    return shares.rename_axis(index="kind", columns=None).sort_values("asks", ascending=False)


def non_answer_reasons(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers that address no ask, counted once, by reason: how many and their share of all
    answers to a question."""
    once = counted_once(answers)
    once = once[once["question_ask_count"].fillna(0) > 0]
    flagged = once[once["is_non_answer"].fillna(False).astype(bool)]
    counts = flagged["non_answer_reason"].value_counts().rename("answers")
    return counts.to_frame().assign(share_of_answers=counts / len(once) if len(once) else 0.0)


def topic_of(heading: pd.Series) -> pd.Series:
    """The topic of a question: its heading before the colon ("Blood Cancer: Community Health
    Services" -> "Blood Cancer")."""
    return heading.fillna("").astype(str).str.split(":").str[0].str.strip()


def deflections(
    sentences: pd.DataFrame, answers: pd.DataFrame, by: str = "department"
) -> pd.DataFrame:
    """Sentences that pass the question to another body, counted per ``by`` (``department`` or
    ``topic``) and body named ("" becomes "no body named"); most frequent first."""
    once = counted_once(answers).set_index("id")
    rows = sentences_of(sentences, answers)
    # astype: indexing with an empty object-dtype column would select columns, not rows
    rows = rows[rows["is_deflection"].astype(bool)]
    group = rows["department"] if by == "department" else topic_of(rows["id"].map(once["heading"]))
    bodies = rows["deflected_to"].replace("", "no body named").str.split("; ")
    table = pd.DataFrame({by: group, "body": bodies}).explode("body")
    counts = table.groupby([by, "body"]).size().rename("sentences").reset_index()
    return counts.sort_values(["sentences", by], ascending=[False, True]).reset_index(drop=True)


def ask_examples(
    asks: pd.DataFrame, answers: pd.DataFrame, status: str, count: int = 6, seed: int = 2026
) -> pd.DataFrame:
    """A few asks of one status, with the department, what the ask wants and the sentence the
    measure found (empty when none), drawn at random but the same each run."""
    once = counted_once(answers).set_index("id")
    chosen = asks[(asks["status"] == status) & asks["id"].isin(once.index)]
    chosen = chosen.sample(n=min(count, len(chosen)), random_state=seed)
    return pd.DataFrame(
        {
            "department": chosen["id"].map(once["department"]).to_numpy(),
            "ask": chosen["ask"].map(question_lead).to_numpy(),
            "wants": chosen["kind"].to_numpy(),
            "sentence found": chosen["evidence"].to_numpy(),
        }
    )
