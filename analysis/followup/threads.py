"""Threads: the promises of one undertaking across answers, in date order, and what became of it.

A thread is every promise (a mention with ``is_promise``) of the same object and action
(:mod:`analysis.followup.mentions`), whichever department made it: names specific enough to
follow ("the National Cancer Plan", "the Renters' Rights Bill") rarely belong to two
departments, and machinery-of-government changes move undertakings between departments (the
thread lists every department that promised it).

Its **status**, as of ``as_of`` (the date of the latest answer read, unless given), first that
applies:

* ``delivered``: a later sentence (dated after the first promise, not itself about the future)
  speaks of the object as existing or of the action as done ("The Plan sets out", "was
  published on", "Through the Plan"); ``delivered_date`` is the first such answer's date. When
  the object was already spoken of as existing before the first promise (a framework being
  revised), only words of the act done count ("was published", "launched");
* ``slipped``: the deadline moved later between promises, or a deadline passed and the thing was
  promised again after it;
* ``overdue``: the last deadline passed with no later mention;
* ``repeated``: promised on more than one day and no deadline has passed;
* ``open``: otherwise (promised once, its deadline, if any, still ahead).

``times_promised`` counts the days it was promised: the same words given to several questions
on one day (grouped questions, or one reply sent to many) are one promise.

A deadline "passes" the day after its date (a deadline of 31 December is kept on 31 December).
The evidence for every status is a sentence, its answer and date: the delivery sentence, the
promise that moved or outlived the deadline, the last promise before an overdue deadline, the
latest repeat, or the promise itself.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from analysis.pipeline.checks import check_allowed

STATUSES = ("delivered", "slipped", "overdue", "repeated", "open")
THREAD_COLUMNS = [
    "promise_id",
    "object",
    "object_words",
    "action",
    "department",
    "first_promised",
    "last_promised",
    "times_promised",
    "first_deadline",
    "last_deadline",
    "deadline_moved",
    "status",
    "delivered_date",
    "evidence",
    "evidence_id",
    "evidence_date",
    "first_promise",
    "strongest_commitment",
    "answer_ids",
]


def promise_id(object_key: str, action: str) -> str:
    """A stable id for the thread of (object, action): the same on every run and corpus."""
    return hashlib.sha1(f"{object_key}|{action}".encode()).hexdigest()[:10]


def _status(
    promised: pd.DataFrame, deliveries: pd.DataFrame, as_of: pd.Timestamp
) -> tuple[str, pd.Series, pd.Timestamp | None]:
    """(status, the evidence row, the delivery date) of one thread; ``promised`` is in date
    order, ``deliveries`` every delivery mention of its object in date order."""
    first = promised.iloc[0]
    # A thing spoken of as existing before it was first promised (a plan being revised, a
    # scheme being extended) is delivered again only when a later answer says the act is done.
    existed = (deliveries["date_answered"] < first["date_answered"]).any()
    done = deliveries[deliveries["date_answered"] > first["date_answered"]]
    if existed:
        done = done[done["delivery_evidence"] == "done"]
    if not done.empty:
        return "delivered", done.iloc[0], done.iloc[0]["date_answered"]
    dated = promised.dropna(subset=["deadline"])
    for position in range(1, len(dated)):
        if dated.iloc[position]["deadline"] > dated.iloc[:position]["deadline"].max():
            return "slipped", dated.iloc[position], None
    if not dated.empty:
        passed = dated[dated["deadline"] < as_of]
        if not passed.empty:
            deadline = passed["deadline"].min()
            later = promised[promised["date_answered"] > deadline]
            if not later.empty:
                return "slipped", later.iloc[0], None
            if dated["deadline"].max() < as_of:
                return "overdue", promised.iloc[-1], None
    if promised["date_answered"].nunique() > 1:
        return "repeated", promised.iloc[-1], None
    return "open", first, None


_DATE_COLUMNS = (
    "first_promised",
    "last_promised",
    "first_deadline",
    "last_deadline",
    "delivered_date",
    "evidence_date",
)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """Dates as dates and counts as integers, also when there is no thread at all."""
    for column in _DATE_COLUMNS:
        table[column] = pd.to_datetime(table[column])
    table["times_promised"] = table["times_promised"].astype("int64")
    table["deadline_moved"] = table["deadline_moved"].astype(bool)
    table["strongest_commitment"] = pd.array(table["strongest_commitment"].tolist(), dtype="Int64")
    return table


def _shown_name(words: pd.Series) -> str:
    """The thread's name as written most often, capitalised forms first ("National Cancer
    Plan" over "national cancer plan")."""
    capitalised = words[words.str[:1].str.isupper()]
    return (capitalised if len(capitalised) else words).mode().iloc[0]


def threads(mentions: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per undertaking (see :data:`THREAD_COLUMNS`), most often promised first.

    ``mentions`` is :func:`analysis.followup.table.mentions`; ``as_of`` defaults to the latest
    answer date among them.
    """
    if mentions.empty or not mentions["is_promise"].any():
        return _typed(pd.DataFrame(columns=THREAD_COLUMNS))
    as_of = as_of if as_of is not None else mentions["date_answered"].max()
    ordered = mentions.sort_values(["date_answered", "id", "sentence_index"], kind="stable")
    deliveries = {
        key: group for key, group in ordered[ordered["is_delivery"]].groupby("object", sort=False)
    }
    none = ordered.iloc[0:0]
    rows = []
    for (key, action), promised in ordered[ordered["is_promise"]].groupby(
        ["object", "action"], sort=False
    ):
        status, evidence, delivered = _status(promised, deliveries.get(key, none), as_of)
        deadlines = promised["deadline"].dropna()
        rows.append(
            {
                "promise_id": promise_id(key, action),
                "object": key,
                "object_words": _shown_name(promised["object_words"]),
                "action": action,
                "department": ";".join(dict.fromkeys(promised["department"].dropna())),
                "first_promised": promised["date_answered"].iloc[0],
                "last_promised": promised["date_answered"].iloc[-1],
                "times_promised": promised["date_answered"].nunique(),
                "first_deadline": deadlines.iloc[0] if len(deadlines) else pd.NaT,
                "last_deadline": deadlines.iloc[-1] if len(deadlines) else pd.NaT,
                "deadline_moved": bool(len(deadlines) > 1 and deadlines.iloc[-1] > deadlines.min()),
                "status": status,
                "delivered_date": delivered if delivered is not None else pd.NaT,
                "evidence": evidence["sentence"],
                "evidence_id": evidence["id"],
                "evidence_date": evidence["date_answered"],
                "first_promise": promised["sentence"].iloc[0],
                "strongest_commitment": promised["commitment"].max(),
                "answer_ids": ";".join(dict.fromkeys(promised["id"].astype(str))),
            }
        )
    table = _typed(pd.DataFrame(rows, columns=THREAD_COLUMNS))
    check_allowed(table, "status", STATUSES, "promises")
    if not table["promise_id"].is_unique:
        raise ValueError("promises: two threads share a promise_id")
    return table.sort_values(
        ["times_promised", "first_promised"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
