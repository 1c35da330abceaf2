"""What the "Promises followed up" report shows: threads in a slice, by status, and timelines.

Every function takes the processed tables or a :class:`analysis.followup.FollowUp` and returns a
plain frame or a chart, so the notebook only calls and displays.
"""

from __future__ import annotations

import re
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from analysis.followup import FollowUp, follow_up
from analysis.followup.threads import STATUSES
from analysis.reporting.charts import PALETTE, WIDTH, finish
from analysis.reporting.summaries import window

STATUS_COLOURS = {
    "delivered": PALETTE["green"],
    "slipped": PALETTE["orange"],
    "overdue": PALETTE["vermillion"],
    "repeated": PALETTE["blue"],
    "open": PALETTE["grey"],
}


READABLE = {
    "object_words": "undertaking",
    "action": "act",
    "times_promised": "days promised",
    "first_promised": "first promised",
    "last_promised": "last promised",
    "first_deadline": "first deadline",
    "last_deadline": "last deadline",
    "evidence_date": "evidence dated",
    "delivered_date": "delivered",
    "first_promise": "first promise",
    "deadline_words": "deadline in words",
}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A threads table with column titles a reader understands."""
    return table.rename(columns=READABLE)


def followed(
    answers: pd.DataFrame,
    sentences: pd.DataFrame,
    date_from: str | None = None,
    date_to: str | None = None,
    department: str | None = None,
    topic: str | None = None,
) -> FollowUp:
    """The threads and mentions of the answers in the window and department; with a topic,
    only the threads one of whose sentences mentions it (whole words, case-insensitive)."""
    chosen = window(answers, date_from, date_to, department)
    found = follow_up(chosen, sentences[sentences["id"].isin(chosen["id"])])
    if not topic:
        return found
    pattern = re.compile(rf"\b{re.escape(topic)}", re.I)
    hit = found.mentions[found.mentions["sentence"].str.contains(pattern)]["promise_id"]
    ids = set(hit[hit != ""]) | set(
        found.threads.loc[found.threads["object"].str.contains(pattern), "promise_id"]
    )
    keep = found.threads["promise_id"].isin(ids)
    return FollowUp(found.threads[keep], found.mentions[found.mentions["promise_id"].isin(ids)])


def status_counts(threads: pd.DataFrame) -> pd.DataFrame:
    """Threads per department (the last that promised) and status, most threads first."""
    last = threads["department"].fillna("").str.split(";").str[-1]
    table = pd.crosstab(last, threads["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table["all"] = table.sum(axis=1)
    table.index.name = "department"
    return table.sort_values("all", ascending=False)


def thread_of(found: FollowUp, answer_id: str) -> pd.DataFrame:
    """The threads the promises of one answer belong to."""
    ids = found.mentions.loc[
        (found.mentions["id"].astype(str) == str(answer_id)) & found.mentions["is_promise"],
        "promise_id",
    ]
    return found.threads[found.threads["promise_id"].isin(set(ids))]


def seed_threads(found: FollowUp) -> tuple[FollowUp, str]:
    """The seed answer's promises followed through ``found``: (threads and mentions of each
    thread the seed's promises belong to, the seed answer's id).

    The seed page is not in the corpus (the snapshot holds the API's answers; the page sits
    beside it): it is loaded and scored here, its mentions found, and each of its promises'
    threads rebuilt from the corpus mentions with the seed's own promise in place.
    """
    from analysis import paths
    from analysis.followup.threads import threads as build_threads
    from analysis.measures.scoring import score
    from analysis.sources.loading import load_answers

    seed = load_answers(paths.SEED_PAGE)
    seed_id = str(seed["id"].iloc[0])
    own = follow_up(seed, score(seed).sentences).mentions
    ids = set(own.loc[own["is_promise"], "promise_id"])
    objects = set(own.loc[own["is_promise"], "object"])
    corpus = found.mentions[found.mentions["id"].astype(str) != seed_id]
    related = corpus[
        corpus["promise_id"].isin(ids) | (corpus["object"].isin(objects) & corpus["is_delivery"])
    ]
    mentions = pd.concat([related, own[own["object"].isin(objects)]], ignore_index=True)
    as_of = found.mentions["date_answered"].max() if len(found.mentions) else None
    rebuilt = build_threads(mentions, as_of)
    return FollowUp(rebuilt[rebuilt["promise_id"].isin(ids)], mentions), seed_id


def timeline_rows(found: FollowUp, thread: pd.Series) -> pd.DataFrame:
    """Every promise of a thread and the sentence its status rests on, in date order."""
    promised = found.mentions[found.mentions["promise_id"] == thread["promise_id"]]
    rows = promised.assign(what="promised")[
        ["date_answered", "what", "department", "deadline", "deadline_words", "sentence", "id"]
    ]
    if thread["status"] == "delivered":
        evidence = pd.DataFrame(
            [
                {
                    "date_answered": thread["evidence_date"],
                    "what": "delivered",
                    "department": "",
                    "deadline": pd.NaT,
                    "deadline_words": "",
                    "sentence": thread["evidence"],
                    "id": thread["evidence_id"],
                }
            ]
        )
        rows = pd.concat([rows, evidence], ignore_index=True)
    # Dates as dates even when every deadline is missing (a column of None after a concat).
    for column in ("date_answered", "deadline"):
        rows[column] = pd.to_datetime(rows[column])
    return rows.sort_values("date_answered", kind="stable").reset_index(drop=True)


def timeline(rows: pd.DataFrame, title: str, note: str = "") -> plt.Figure:
    """Three rows along time: each answer that promised it, the deadline each gave (joined to
    its promise, so a moving deadline shows) and the answer that reports it done."""
    fig, ax = plt.subplots(figsize=(WIDTH, 3.0))
    levels = {"delivered": 0, "promised": 1}
    for _, row in rows.iterrows():
        y = levels[row["what"]]
        colour = STATUS_COLOURS["delivered"] if row["what"] == "delivered" else PALETTE["blue"]
        ax.plot(row["date_answered"], y, "o", color=colour, markersize=7)
        if not pd.isna(row["deadline"]):
            ax.plot([row["date_answered"], row["deadline"]], [y, 2], color=PALETTE["grey"])
            ax.plot(row["deadline"], 2, "o", mfc="none", color=PALETTE["orange"], markersize=8)
    ax.set_yticks([0, 1, 2], ["reported done", "promised", "deadline given"])
    ax.set_ylim(-0.6, 2.6)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("Date of the answer (deadlines at their own date)")
    ax.grid(axis="y", visible=False)
    return finish(fig, title, note)


def status_bars(counts: pd.DataFrame, title: str, top: int = 15) -> plt.Figure:
    """Stacked horizontal bars: threads by status for the departments with most threads."""
    data = counts.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH, max(3.0, 0.5 * len(data) + 1.8)))
    left = pd.Series(0, index=data.index, dtype=float)
    labels = [textwrap.shorten(str(d), 42, placeholder="...") for d in data.index]
    for status in STATUSES:
        ax.barh(labels, data[status], left=left, color=STATUS_COLOURS[status], label=status)
        left += data[status]
    ax.set_xlabel("Undertakings followed (threads)")
    # Above the plot in two short rows, so it never runs past the figure's edge.
    ax.legend(frameon=False, ncol=3, loc="lower center", bbox_to_anchor=(0.4, 1.0), fontsize=9)
    ax.grid(axis="y", visible=False)
    return finish(fig, title)
