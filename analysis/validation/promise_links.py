"""How far to trust the promise threads: the tool's links against readers' (data/labelled).

Readers labelled candidate links (``analysis.followup.candidates``; guide
``docs/promise-links.md``): is the later sentence the same undertaking as the earlier promise
(``same``), and does it report it done, promise it again, or neither (``relation``)? Two readers
read every item; a third settled the items they disagreed on (``reference.csv`` holds the
settled reading). The split was fixed by hash before anyone read an item.

The tool's decision for an item is taken from the *current* threads, not from when the items
were drawn: the pair is linked when the later sentence speaks of the earlier promise's object as
done after the thread's first promise (relation ``done``: the sentence a ``delivered`` status
rests on, or any later one like it), or is a later promise of the same thread (``again``).
On the test half:

* linking precision = linked pairs readers call the same / linked pairs;
* linking recall = linked pairs readers call the same / pairs readers call the same. The pairs
  are candidates (the tool's links and near misses sharing a head and a name word), so this is
  recall among plausible candidates, not over every pair of sentences in the corpus;
* relation accuracy = pairs the tool links where its relation (``done`` / ``again``) equals the
  readers', among the linked pairs readers call the same.

Each figure comes with its 95% Wilson interval and its count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.followup import FollowUp
from analysis.validation.evaluation import wilson_interval

LINKS_DIR = paths.LABELLED / "promise_links"
ITEMS = LINKS_DIR / "items.csv"
REFERENCE = LINKS_DIR / "reference.csv"


@dataclass(frozen=True)
class Figure:
    """A proportion with its count and 95% Wilson interval."""

    name: str
    hits: int
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else float("nan")

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.hits, self.n)

    def as_row(self) -> dict[str, object]:
        low, high = self.interval
        return {
            "measure": self.name,
            "value": self.value,
            "low": low,
            "high": high,
            "agreeing": self.hits,
            "n": self.n,
        }


def labelled_links(split: str | None = None) -> pd.DataFrame:
    """The items with the readers' settled reading (``same``, ``relation``)."""
    items = pd.read_csv(ITEMS, dtype=str)
    reference = pd.read_csv(REFERENCE, dtype=str)
    joined = items.merge(reference[["item", "same", "relation"]], on="item", validate="1:1")
    if len(joined) != len(items):
        raise ValueError(f"{REFERENCE}: {len(items) - len(joined)} items have no settled reading")
    return joined if split is None else joined[joined["split"] == split].reset_index(drop=True)


def tool_links(found: FollowUp, items: pd.DataFrame) -> pd.DataFrame:
    """For each item, the current tool's decision: ``tool_linked`` and ``tool_relation``."""
    mentions = found.mentions.assign(id=found.mentions["id"].astype(str))
    promises = mentions[mentions["is_promise"]]
    threads_of: dict[tuple[str, str], set[str]] = {}
    for row in promises[["id", "sentence", "promise_id"]].itertuples(index=False):
        threads_of.setdefault((row.id, row.sentence), set()).add(row.promise_id)
    # A thread's deliveries: every later sentence that speaks of its object as done.
    first = found.threads.set_index("promise_id")[["object", "first_promised"]]
    deliveries = mentions[mentions["is_delivery"]]
    delivered_in: dict[tuple[str, str], list[tuple[str, pd.Timestamp]]] = {}
    for row in deliveries[["id", "sentence", "object", "date_answered"]].itertuples(index=False):
        delivered_in.setdefault((row.id, row.sentence), []).append((row.object, row.date_answered))

    def delivers(thread: str, later: tuple[str, str]) -> bool:
        key, since = first.loc[thread, "object"], first.loc[thread, "first_promised"]
        return any(obj == key and date > since for obj, date in delivered_in.get(later, []))

    linked, relation = [], []
    for item in items.itertuples(index=False):
        earlier = threads_of.get((item.earlier_answer_id, item.earlier_sentence), set())
        later = (item.later_answer_id, item.later_sentence)
        if any(delivers(thread, later) for thread in earlier):
            linked.append(True)
            relation.append("done")
        elif earlier & threads_of.get(later, set()):
            linked.append(True)
            relation.append("again")
        else:
            linked.append(False)
            relation.append("")
    return items.assign(tool_linked=linked, tool_relation=relation)


def link_figures(found: FollowUp, split: str = "test") -> pd.DataFrame:
    """Linking precision and recall and relation accuracy on ``split`` (see the module)."""
    judged = tool_links(found, labelled_links(split))
    same = judged["same"] == "yes"
    linked = judged["tool_linked"]
    right_relation = linked & same & (judged["tool_relation"] == judged["relation"])
    figures = [
        Figure("linking precision", int((linked & same).sum()), int(linked.sum())),
        Figure("linking recall (among candidates)", int((linked & same).sum()), int(same.sum())),
        Figure(
            "done or promised again, as readers read it",
            int(right_relation.sum()),
            int((linked & same).sum()),
        ),
    ]
    return pd.DataFrame([f.as_row() for f in figures])


# --------------------------------------------------------------------------------------------
# From readings to the reference: agreement, the items for a third reader, the settled reading

READINGS = LINKS_DIR / "readings"
ANSWERS = ("same", "relation")
STATUS_READINGS = READINGS / "status"
STATUS_ANSWERS = ("status",)
STATUS_ITEMS = LINKS_DIR / "thread_items.jsonl"
STATUS_REFERENCE = LINKS_DIR / "status_reference.csv"
FIGURES = LINKS_DIR / "figures.json"
FULL_COVERAGE = 0.95  # share of the labelled links' answers a run must hold to measure afresh


def readings(folder: Path = READINGS, answers: tuple[str, ...] = ANSWERS) -> pd.DataFrame:
    """Every reading kept as its reader wrote it: ``<folder>/<batch>_<reader>.jsonl``, one JSON
    object per item (``item``, the answers, ``note``), with batch and reader."""
    frames = []
    for path in sorted(folder.glob("*.jsonl")):
        batch, reader = path.stem.rsplit("_", 1)
        frame = pd.read_json(path, lines=True, dtype=False)
        missing = {"item", *answers} - set(frame.columns)
        if missing:
            raise ValueError(f"{path}: no {', '.join(sorted(missing))} column")
        if not frame["item"].is_unique:
            raise ValueError(f"{path}: an item is read twice")
        frames.append(frame.assign(batch=batch, reader=reader))
    if not frames:
        raise ValueError(f"{folder}: no readings")
    return pd.concat(frames, ignore_index=True)


def first_readings(all_readings: pd.DataFrame, answers: tuple[str, ...] = ANSWERS) -> pd.DataFrame:
    """One row per item read by two readers: each reader's answers side by side."""
    first = all_readings[~all_readings["batch"].str.startswith("adjudication")]
    pairs = []
    for batch, group in first.groupby("batch"):
        readers = sorted(group["reader"].unique())
        if len(readers) != 2:
            raise ValueError(f"batch {batch}: {len(readers)} readers, not 2")
        one, two = (group[group["reader"] == r].set_index("item") for r in readers)
        if set(one.index) != set(two.index):
            raise ValueError(f"batch {batch}: the two readers read different items")
        joined = one[list(answers)].add_suffix("_1").join(two[list(answers)].add_suffix("_2"))
        pairs.append(joined.assign(batch=batch))
    return pd.concat(pairs).reset_index()


def _agreeing(pairs: pd.DataFrame, answers: tuple[str, ...]) -> pd.Series:
    agree = pd.Series(True, index=pairs.index)
    for answer in answers:
        agree &= pairs[f"{answer}_1"] == pairs[f"{answer}_2"]
    return agree


def agreement(pairs: pd.DataFrame, answers: tuple[str, ...] = ANSWERS) -> pd.DataFrame:
    """How often the two readers agree: on the first answer, and on all answers together."""
    figures = [
        Figure(f"readers agree: {answers[0]}", int(_agreeing(pairs, answers[:1]).sum()), len(pairs))
    ]
    if len(answers) > 1:
        both = int(_agreeing(pairs, answers).sum())
        figures.append(Figure(f"readers agree: {' and '.join(answers)}", both, len(pairs)))
    return pd.DataFrame([f.as_row() for f in figures])


def disagreements(all_readings: pd.DataFrame, answers: tuple[str, ...] = ANSWERS) -> list[str]:
    """The items two readers read differently: for a third reader."""
    pairs = first_readings(all_readings, answers)
    return pairs.loc[~_agreeing(pairs, answers), "item"].tolist()


def settle(all_readings: pd.DataFrame, answers: tuple[str, ...] = ANSWERS) -> pd.DataFrame:
    """The reference reading of every item: the two readers' when they agree on every answer,
    else the third reader's (an ``adjudication`` batch). Fails when a disagreement is unsettled."""
    pairs = first_readings(all_readings, answers)
    agreed = _agreeing(pairs, answers)
    reference = pairs[agreed][["item", *(f"{a}_1" for a in answers)]].set_axis(
        ["item", *answers], axis=1
    )
    third = all_readings[all_readings["batch"].str.startswith("adjudication")]
    third = third.drop_duplicates("item", keep="last").set_index("item")
    open_items = pairs.loc[~agreed, "item"]
    unsettled = sorted(set(open_items) - set(third.index))
    if unsettled:
        raise ValueError(f"{len(unsettled)} disagreements have no third reading: {unsettled[:5]}")
    settled = third.loc[open_items, list(answers)].reset_index()
    return pd.concat(
        [reference.assign(settled_by="two readers"), settled.assign(settled_by="third reader")],
        ignore_index=True,
    ).sort_values("item", ignore_index=True)


def status_figures(found: FollowUp, split: str = "test") -> pd.DataFrame:
    """Status accuracy on ``split``: the tool's current status of each thread readers judged
    (``thread_items.jsonl``, settled in ``status_reference.csv``) against theirs; a thread the
    tool no longer forms counts as wrong. Also delivered precision and recall."""
    items = pd.read_json(STATUS_ITEMS, lines=True, dtype=False)[["item", "split"]]
    reference = pd.read_csv(STATUS_REFERENCE, dtype=str)
    judged = items.merge(reference[["item", "status"]], on="item", validate="1:1")
    judged = judged[judged["split"] == split]
    tool = found.threads.assign(item="t" + found.threads["promise_id"]).set_index("item")
    judged = judged.assign(tool_status=judged["item"].map(tool["status"]).fillna("(no thread)"))
    right = judged["tool_status"] == judged["status"]
    tool_delivered = judged["tool_status"] == "delivered"
    read_delivered = judged["status"] == "delivered"
    figures = [
        Figure("thread status", int(right.sum()), len(judged)),
        Figure(
            "delivered: precision",
            int((tool_delivered & read_delivered).sum()),
            int(tool_delivered.sum()),
        ),
        Figure(
            "delivered: recall",
            int((tool_delivered & read_delivered).sum()),
            int(read_delivered.sum()),
        ),
    ]
    return pd.DataFrame([f.as_row() for f in figures])


def trust_figures(found: FollowUp) -> tuple[pd.DataFrame, str]:
    """Every test figure (links, then statuses) and where it comes from: measured now when
    ``found`` holds the answers of the labelled links (a whole-corpus run), else the figures the
    last whole-corpus run saved in ``figures.json`` (a sample or a slice cannot measure them)."""
    items = labelled_links("test")
    present = set(found.mentions["id"].astype(str))
    covered = items["earlier_answer_id"].isin(present) & items["later_answer_id"].isin(present)
    if len(items) and covered.mean() >= FULL_COVERAGE:
        measured = pd.concat([link_figures(found), status_figures(found)], ignore_index=True)
        return measured, "measured on this run's threads"
    saved = pd.DataFrame(json.loads(FIGURES.read_text(encoding="utf-8")))
    return saved, f"saved by the last whole-corpus run ({FIGURES.name}): this run reads a part"


def main() -> int:
    """Settle the readings into the reference files; print agreement and the test figures.
    ``adjudication``: write the disagreements for a third reader instead."""
    import sys

    from analysis.followup import follow_up
    from analysis.pipeline.processed import build_processed, load_processed

    sets = [(READINGS, ANSWERS, REFERENCE)]
    if STATUS_READINGS.exists():
        sets.append((STATUS_READINGS, STATUS_ANSWERS, STATUS_REFERENCE))
    for folder, answers, reference in sets:
        all_readings = readings(folder, answers)
        if "adjudication" in sys.argv[1:]:
            print(f"{folder}: " + " ".join(disagreements(all_readings, answers)))
            continue
        settle(all_readings, answers).to_csv(reference, index=False)
        agreed = agreement(first_readings(all_readings, answers), answers)
        print(agreed.round(3).to_string(index=False), file=sys.stderr)
    if "adjudication" in sys.argv[1:]:
        return 0
    data = load_processed(build_processed())
    found = follow_up(data.answers, data.sentences)
    figures = pd.concat([link_figures(found), status_figures(found)], ignore_index=True)
    FIGURES.write_text(
        json.dumps(figures.round(4).to_dict("records"), indent=1) + "\n", encoding="utf-8"
    )
    print(figures.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
