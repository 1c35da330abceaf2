"""Small and empty slices of real answers that every report must render on (tests only).

Each slice is a corpus written to a folder (API list pages made from snapshot records, or the
seed page) with the report parameters that cut it: the cases where a chart has nothing to draw.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from corpus_records import snapshot_items

from analysis import paths
from analysis.reporting.slices import ReportSlice

DHSC = "Department of Health and Social Care"
# The reports that chart the answers of a slice (01 compares the seed with them; 05 is checked
# on its topic; 06 is about the labelled data, not the slice).
EVERY_SLICED_REPORT = (
    "02_corpus_overview",
    "03_future_vs_current",
    "04_departments",
    "07_does_it_answer",
)
# A word no answer of the snapshot uses (checked when the slice is made).
NO_SUCH_TOPIC = "zzzzqx"


@dataclass(frozen=True)
class Slice:
    corpus: Path
    report_slice: ReportSlice
    empty_reports: tuple[str, ...] = ()  # reports whose selection holds no scored answer
    charts_nothing: bool = False  # those reports select no answer at all: no chart to draw


def _page(items: list[dict]) -> dict:
    return {"totalResults": len(items), "results": items}


def _write(folder: Path, items: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "answers.json").write_text(json.dumps(_page(items)), encoding="utf-8")
    return folder


def _small_sample(items: list[dict], per_department: int = 2) -> list[dict]:
    seen: dict[str, int] = {}
    kept = []
    for item in items:
        body = item["value"]["answeringBodyName"]
        if seen.get(body, 0) < per_department and not item["value"]["answerIsHolding"]:
            seen[body] = seen.get(body, 0) + 1
            kept.append(item)
    return kept


def _text_of(item: dict) -> str:
    value = item["value"]
    return " ".join(
        str(value.get(key) or "") for key in ("heading", "questionText", "answerText")
    ).casefold()


def _rare_word(items: list[dict], count: int) -> str:
    """A word (letters only, 7 or more) that starts a word in exactly ``count`` of the answers."""
    found: dict[str, set[int]] = {}
    for index, item in enumerate(items):
        for word in set(re.findall(r"\b[a-z]{7,}\b", _text_of(item))):
            found.setdefault(word, set()).add(index)
    for word in sorted(found):
        starts = sum(bool(re.search(rf"\b{word}", _text_of(item))) for item in items)
        if starts == count:
            return word
    raise AssertionError(f"no word found in exactly {count} answers")


def _plain_answers(items: list[dict], department: str) -> list[dict]:
    """Real records of ``department`` whose answers are made to say nothing of the future."""
    made = []
    for item in [i for i in items if i["value"]["answeringBodyName"] == department][:3]:
        item = copy.deepcopy(item)
        item["value"]["answerText"] = (
            "<p>The information requested is not held centrally.</p>"
            "<p>In 2023, 1,200 applications were received.</p>"
        )
        made.append(item)
    return made


def _holding(items: list[dict]) -> list[dict]:
    made = []
    for item in _small_sample(items, 1)[:4]:
        item = copy.deepcopy(item)
        item["value"]["answerIsHolding"] = True
        item["value"]["answerText"] = "<p>I will reply to the hon. Member as soon as possible.</p>"
        made.append(item)
    return made


def _after_last(items: list[dict], department: str) -> str:
    """The day after the department's last answer among ``items`` (others answer later)."""
    last = max(
        i["value"]["dateAnswered"][:10]
        for i in items
        if i["value"]["answeringBodyName"] == department
    )
    later = (date.fromisoformat(last) + timedelta(days=1)).isoformat()
    assert any(i["value"]["dateAnswered"][:10] >= later for i in items)
    return later


def build(base: Path) -> dict[str, Slice]:
    """Every slice, written under ``base``, by name."""
    items = snapshot_items()
    sample = _small_sample(items)
    assert not any(NO_SUCH_TOPIC in _text_of(i) for i in sample)
    one = [next(i for i in sample if i["value"]["answeringBodyName"] == DHSC)]
    makers: dict[str, Callable[[], Slice]] = {
        "seed answer alone": lambda: Slice(paths.SEED_PAGE, ReportSlice()),
        "one answer": lambda: Slice(_write(base / "one", one), ReportSlice()),
        "topic matching no answer": lambda: Slice(
            _write(base / "sample0", sample), ReportSlice(topic=NO_SUCH_TOPIC)
        ),
        "topic matching one answer": lambda: Slice(
            _write(base / "sample1", sample), ReportSlice(topic=_rare_word(sample, 1))
        ),
        "topic matching two answers": lambda: Slice(
            _write(base / "sample2", sample), ReportSlice(topic=_rare_word(sample, 2))
        ),
        "department with no answers in the window": lambda: Slice(
            _write(base / "sample3", sample),
            ReportSlice(department=DHSC, date_from=_after_last(sample, DHSC)),
            ("02_corpus_overview", "03_future_vs_current"),
            charts_nothing=True,
        ),
        "window with no answers": lambda: Slice(
            _write(base / "sample4", sample),
            ReportSlice(date_from="2030-01-01", date_to="2030-12-31"),
            EVERY_SLICED_REPORT,
            charts_nothing=True,
        ),
        "department with no sentence of one kind": lambda: Slice(
            _write(base / "plain", _plain_answers(items, DHSC)),
            ReportSlice(department=DHSC),
        ),
        "holding answers only": lambda: Slice(
            _write(base / "holding", _holding(items)), ReportSlice(), EVERY_SLICED_REPORT
        ),
    }
    return {name: make() for name, make in makers.items()}
