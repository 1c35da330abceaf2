"""Candidate links for readers: is a later sentence the same undertaking as an earlier promise?

``python -m analysis.followup.candidates`` writes ``data/labelled/promise_links/items.csv``, the
items readers label (``... candidates threads`` writes ``thread_items.jsonl``: whole threads
whose status readers judge, see :func:`build_thread_items`); ``docs/promise-links.md`` is
their guide. Each item pairs an earlier promise with a later sentence, both quoted with their
answers' dates, departments and headings:

* ``thread``: the next promise of the same thread (the tool says: same undertaking, promised
  again);
* ``delivery``: the sentence a thread's ``delivered`` status rests on (the tool says: same
  undertaking, done);
* ``near``: a later promise or mention the tool did NOT link, sharing the object's head and a
  word of its name, or the object with another action (for recall: links the tool misses).

The split (test or train) is fixed by a hash of the item id before anyone labels it; reserved
answers and the seed answer are never in an item. Deterministic: the same corpus gives the same
items.
"""

from __future__ import annotations

import hashlib
import json
import sys

import numpy as np
import pandas as pd

from analysis import paths

ITEMS_DIR = paths.LABELLED / "promise_links"
ITEMS_FILE = ITEMS_DIR / "items.csv"
THREAD_ITEMS_FILE = ITEMS_DIR / "thread_items.jsonl"
THREADS_PER_STATUS = 20
MAX_SENTENCES = 14  # per thread shown to a reader: its promises first, then later mentions
PER_KIND = {"thread": 110, "delivery": 50, "near": 90}
SEED = 2026


def reserved_answer_ids() -> set[str]:
    """The reserved answers and the seed answer: never in an item."""
    lines = paths.RESERVED_ANSWER_IDS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")} | {
        paths.SEED_ANSWER_ID
    }


def split_of(item: str) -> str:
    """``test`` for half of the items, by the first hex digit of the SHA-1 of the item id."""
    return "test" if int(hashlib.sha1(item.encode()).hexdigest()[0], 16) % 2 == 0 else "train"


def _side(row: pd.Series, answers: pd.DataFrame, prefix: str) -> dict[str, object]:
    answer = answers.loc[str(row["id"])]
    return {
        f"{prefix}_answer_id": str(row["id"]),
        f"{prefix}_date": pd.Timestamp(row["date_answered"]).date().isoformat(),
        f"{prefix}_department": answer.get("department"),
        f"{prefix}_heading": answer.get("heading"),
        f"{prefix}_sentence": row["sentence"],
    }


def _pairs(mentions: pd.DataFrame, threads: pd.DataFrame) -> pd.DataFrame:
    promised = mentions[mentions["is_promise"]].sort_values(["date_answered", "id"])
    rows = []
    for _, group in promised.groupby("promise_id", sort=False):
        for earlier, later in zip(
            group.iloc[:-1].itertuples(), group.iloc[1:].itertuples(), strict=True
        ):
            if earlier.id != later.id and earlier.sentence != later.sentence:
                rows.append(("thread", earlier.Index, later.Index))
    first_promise = promised.groupby("promise_id").head(1).set_index("promise_id")
    for thread in threads[threads["status"] == "delivered"].itertuples():
        evidence = mentions[
            (mentions["id"] == thread.evidence_id)
            & (mentions["sentence"] == thread.evidence)
            & (mentions["object"] == thread.object)
        ]
        if len(evidence) and thread.promise_id in first_promise.index:
            rows.append(
                ("delivery", first_promise.loc[thread.promise_id, "index"], evidence.index[0])
            )
    # Near misses: a later sentence with the same head word and a shared name word but another
    # object, or the same object with another action.
    words = promised["object"].str.split()
    heads = words.str[-1]
    for _, group in promised.groupby(heads):
        if len(group) < 2:
            continue
        items = list(group.itertuples())
        for position, earlier in enumerate(items):
            name = set(earlier.object.split()[:-1])
            for later in items[position + 1 : position + 40]:
                if later.id == earlier.id or later.promise_id == earlier.promise_id:
                    continue
                same_object = later.object == earlier.object
                if same_object or name & set(later.object.split()[:-1]):
                    rows.append(("near", earlier.Index, later.Index))
    return pd.DataFrame(rows, columns=["kind", "earlier", "later"]).drop_duplicates()


def build_items(
    mentions: pd.DataFrame, threads: pd.DataFrame, answers: pd.DataFrame
) -> pd.DataFrame:
    """The items (see the module docstring), ``PER_KIND`` of each kind drawn at random."""
    reserved = reserved_answer_ids()
    mentions = mentions[~mentions["id"].astype(str).isin(reserved)].copy()
    mentions["index"] = range(len(mentions))
    mentions.index = mentions["index"]
    pairs = _pairs(mentions, threads)
    rng = np.random.default_rng(SEED)
    chosen = []
    for kind, count in PER_KIND.items():
        own = pairs[pairs["kind"] == kind]
        take = rng.choice(len(own), size=min(count, len(own)), replace=False)
        chosen.append(own.iloc[np.sort(take)])
    pairs = pd.concat(chosen, ignore_index=True)
    by_id = answers.assign(id=answers["id"].astype(str)).drop_duplicates("id").set_index("id")
    rows = []
    for pair in pairs.itertuples():
        earlier = mentions.loc[pair.earlier]
        later = mentions.loc[pair.later]
        item = hashlib.sha1(
            f"{earlier['id']}|{earlier['sentence_index']}|{later['id']}|{later['sentence_index']}".encode()
        ).hexdigest()[:12]
        rows.append(
            {
                "item": item,
                "split": split_of(item),
                "kind": pair.kind,
                "tool_same": pair.kind != "near",
                "tool_relation": {"thread": "again", "delivery": "done"}.get(pair.kind, ""),
                "object": earlier["object"],
                "later_object": later["object"],
                **_side(earlier, by_id, "earlier"),
                **_side(later, by_id, "later"),
            }
        )
    items = pd.DataFrame(rows).drop_duplicates("item")
    return items.sample(frac=1.0, random_state=SEED).reset_index(drop=True)


def build_thread_items(found, answers: pd.DataFrame) -> list[dict]:
    """Threads for readers to judge the status of: ``THREADS_PER_STATUS`` drawn at random from
    each status the tool gives, none touching a reserved answer. Each item lists the thread's
    promises and every later sentence naming its object (dated, with department and heading),
    and the date the status is judged on; never the tool's status."""
    reserved = reserved_answer_ids()
    mentions = found.mentions.assign(id=found.mentions["id"].astype(str))
    as_of = mentions["date_answered"].max()
    clean = [
        t
        for t in found.threads.itertuples(index=False)
        if not set(t.answer_ids.split(";")) & reserved and str(t.evidence_id) not in reserved
    ]
    threads = pd.DataFrame(clean, columns=found.threads.columns)
    rng = np.random.default_rng(SEED)
    chosen = []
    for status in sorted(threads["status"].unique()):
        own = threads[threads["status"] == status]
        take = rng.choice(len(own), size=min(THREADS_PER_STATUS, len(own)), replace=False)
        chosen.append(own.iloc[np.sort(take)])
    by_id = answers.assign(id=answers["id"].astype(str)).drop_duplicates("id").set_index("id")
    items = []
    for thread in pd.concat(chosen).itertuples(index=False):
        promised = mentions[mentions["promise_id"] == thread.promise_id]
        later = mentions[
            (mentions["object"] == thread.object)
            & (mentions["promise_id"] != thread.promise_id)
            & (mentions["date_answered"] > thread.first_promised)
            & ~mentions["id"].isin(reserved)
        ]
        shown = pd.concat([promised, later]).drop_duplicates(["id", "sentence"])
        shown = shown.sort_values(["date_answered", "id", "sentence_index"]).head(MAX_SENTENCES)
        item = f"t{thread.promise_id}"
        items.append(
            {
                "item": item,
                "split": split_of(item),
                "as_of": as_of.date().isoformat(),
                "undertaking": f"{thread.action} {thread.object_words}",
                "sentences": [
                    {
                        "date": row.date_answered.date().isoformat(),
                        "department": by_id.loc[row.id, "department"],
                        "heading": by_id.loc[row.id, "heading"],
                        "sentence": row.sentence,
                    }
                    for row in shown.itertuples(index=False)
                ],
            }
        )
    order = rng.permutation(len(items))
    return [items[i] for i in order]


def main() -> int:
    from analysis.followup import follow_up
    from analysis.pipeline.processed import build_processed, load_processed

    data = load_processed(build_processed())
    found = follow_up(data.answers, data.sentences)
    ITEMS_DIR.mkdir(parents=True, exist_ok=True)
    if "threads" in sys.argv[1:]:
        thread_items = build_thread_items(found, data.answers)
        THREAD_ITEMS_FILE.write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in thread_items),
            encoding="utf-8",
        )
        print(f"wrote {len(thread_items)} threads to {THREAD_ITEMS_FILE}", file=sys.stderr)
        return 0
    items = build_items(found.mentions, found.threads, data.answers)
    items.to_csv(ITEMS_FILE, index=False)
    counts = items.groupby(["kind", "split"]).size().to_dict()
    print(f"wrote {len(items)} items to {ITEMS_FILE}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
