"""The project's report notebooks executed on a sample of the embedded snapshot, for the tests.

Used by the session fixture ``rendered`` (tests/conftest.py), which test_build.py and
test_report_browser.py share, so the notebooks run once per session; and ``run_report``, one
call of ``analysis.reporting.build.run`` with what it printed, for the tests that run their own
notebooks.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpus_records import snapshot_items

from analysis import paths
from analysis.pipeline.processed import build_processed
from analysis.reporting import build as report

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
NOTEBOOK_NAMES = [path.stem for path in NOTEBOOKS]
# Every department keeps this share of its answers in the end-to-end sample (at least two), so
# the largest departments keep 30 or more: enough for the notebooks to rank them.
SAMPLE_FRACTION = 0.06
SAMPLE_MINIMUM = 2


@dataclass(frozen=True)
class Run:
    """One call of report.run: its return code, what it printed to stderr, where it wrote."""

    code: int
    stderr: str
    out: Path

    @property
    def last_line(self) -> str:
        return self.stderr.strip().splitlines()[-1]


def run_report(out: Path, **kwargs) -> Run:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = report.run(out=str(out), **kwargs)
    return Run(code, stderr.getvalue(), out)


def stratified_sample(snapshot: Path, fraction: float, minimum: int) -> dict:
    """An API list page holding every department's answers thinned evenly through time."""
    by_department: dict[str, list[dict]] = defaultdict(list)
    for item in snapshot_items(snapshot):
        by_department[item["value"]["answeringBodyName"]].append(item)
    results = []
    for department in sorted(by_department):
        items = by_department[department]
        count = min(len(items), max(minimum, round(len(items) * fraction)))
        results.extend(items[i * len(items) // count] for i in range(count))
    return {"totalResults": len(results), "results": results}


def render_sample_reports(base: Path) -> Run:
    """Execute notebooks/ on a sample of the snapshot, writing the reports to base/reports."""
    if not NOTEBOOKS:
        pytest.skip("no notebooks/*.ipynb yet")
    corpus = base / "corpus"
    corpus.mkdir(parents=True)
    sample = stratified_sample(paths.SNAPSHOT, SAMPLE_FRACTION, SAMPLE_MINIMUM)
    (corpus / "sample.json").write_text(json.dumps(sample), encoding="utf-8")
    processed = build_processed(corpus, base / "processed")
    # The validation report's external checks and readability comparison run on small samples.
    quick = {"external_sample": 60, "readability_answers": 150}
    return run_report(
        base / "reports", corpus=str(corpus), processed_dir=processed, parameters=quick
    )
