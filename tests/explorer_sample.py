"""A small scored corpus for the explorer tests: real answers, the seed answer, hostile text.

Built once per session (``explorer_sample``): a few answers of every department of the embedded
snapshot (the first and last two, so the table has several departments of different sizes),
every answer naming the National Cancer Plan, some holding answers, the seed page (the one
answer with a minister's name) and hostile records whose heading, question, answer and minister
carry mark-up and script. Scored with ``analysis.measures.scoring.score``, as the corpus is.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from collections import defaultdict
from functools import cache
from pathlib import Path

from corpus_records import snapshot_items

from analysis import paths
from analysis.pipeline.processed import Processed

SEED_HEADING = "Blood Cancer: Community Health Services"
SEED_PHRASE = "National Cancer Plan"
HOSTILE_HEADING = "Cancer: <script>alert('heading')</script>"
HOSTILE_QUESTION = 'To ask <img src=x onerror="alert(6)">, how many cancer nurses there are.'
HOSTILE_MINISTER = "<img src=x onerror=alert('minister')>"
# Each a paragraph of its own answer; escaped mark-up in the HTML is literal text in the answer.
HOSTILE_ANSWERS = [
    '<p>Cancer care &lt;script&gt;alert("text")&lt;/script&gt; will improve in every region.</p>',
    '<p>See <a href="javascript:alert(1)">the cancer plan</a> for the details of each service.</p>',
    '<p><img src="x" onerror="alert(2)">Cancer services are a matter for ICBs in each area.</p>',
    "<p><script>alert(3)</script>Services &lt;img src=x onerror=alert(4)&gt; and "
    '&lt;a href="javascript:alert(5)"&gt;links&lt;/a&gt; are listed by the Department.</p>',
]


def _records() -> list[dict]:
    by_department: dict[str, list[dict]] = defaultdict(list)
    items = [item["value"] for item in snapshot_items()]
    for value in items:
        by_department[value["answeringBodyName"]].append(value)
    chosen = {}
    for values in by_department.values():
        for value in values[:1] + values[-2:]:
            chosen[value["id"]] = value
    for value in items:
        if SEED_PHRASE in (value.get("answerText") or ""):
            chosen[value["id"]] = value
    for value in [v for v in items if v.get("answerIsHolding")][:2]:
        chosen[value["id"]] = value
    hostile = []
    template = next(iter(chosen.values()))
    for number, text in enumerate(HOSTILE_ANSWERS):
        record = dict(template, id=str(9_000_000 + number), uin=f"X{number}", answerText=text)
        record.update(heading=HOSTILE_HEADING, questionText=HOSTILE_QUESTION)
        record.update(answeringMember={"name": HOSTILE_MINISTER}, groupedQuestions=[])
        hostile.append(record)
    return [*chosen.values(), *hostile]


@cache
def explorer_sample() -> Processed:
    """The sample, scored (a few seconds; once per session)."""
    from analysis.measures.scoring import score
    from analysis.sources.loading import load_answers

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "sample.json"
        records = _records()
        page.write_text(
            json.dumps({"totalResults": len(records), "results": [{"value": r} for r in records]}),
            encoding="utf-8",
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            answers = load_answers(page, paths.SEED_PAGE)
    scored = score(answers, workers=1)
    meta = {"answer_count": len(scored.answers), "built": "2026-01-02 03:04 UTC"}
    return Processed(scored.answers, scored.sentences, meta, scored.asks, scored.paragraphs)
