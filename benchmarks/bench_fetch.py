"""Request counts and timings of ``answer-language fetch``: a first and a repeated run.

A two-month answered window (September and October 2024: 1,377 answers in the shared corpus)
fetched from the local stand-in for the Written Questions API (``tests/fetch_server.py``) with
every fault switched on: every 10th request fails in turn with 500, 503 (Retry-After), 429
(Retry-After), a stall past the timeout, a dropped connection and a body cut short. The server
caps pages at 40 records. Retry waits and the request rate are set to zero so the numbers show
the client, not the politeness; at the live default (5 requests a second) a run takes at least
requests / 5 seconds. Prints a table; asserts nothing.

    .venv/bin/python benchmarks/bench_fetch.py
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import time
from pathlib import Path

from analysis.sources.api_client import ClientSettings
from analysis.sources.fetch import fetch_answers
from analysis.sources.outcomes import FetchResult
from analysis.sources.versions import needs_whole_text

ROOT = Path(__file__).resolve().parents[1]
START, END = "2024-09-01", "2024-10-31"
SETTINGS = ClientSettings(timeout=0.5, total_timeout=2.0, attempts=6, backoff=0.0, min_interval=0)


def _row(name: str, result: FetchResult, seconds: float) -> str:
    """Requests = list pages + corrections pages + single questions + failed attempts retried."""
    ok = result.requests["succeeded"]
    return (
        f"{name:<14}{result.requests_total:>9}{ok.get('list', 0):>7}"
        f"{ok.get('corrections', 0):>13}{ok.get('question', 0):>10}"
        f"{sum(result.requests['failed_attempts'].values()):>9}"
        f"{result.files_written:>7}{seconds:>9.1f}{result.requests_total / 5:>10.0f}"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    server = importlib.import_module("fetch_server")
    records = server.load_corpus()
    in_window = [r for r in records if server.in_window(r, START, END)]
    clipped = sum(needs_whole_text(r) for r in in_window)
    print(f"window {START} to {END}: {len(in_window)} answers, {clipped} clipped in the list")
    print(
        f"{'run':<14}{'requests':>9}{'list':>7}{'corrections':>13}{'question':>10}"
        f"{'retried':>9}{'files':>7}{'seconds':>9}{'live s ≥':>10}"
    )
    plan = server.FaultPlan(every=10)
    with (
        tempfile.TemporaryDirectory() as out,
        server.FakeWrittenQuestionsApi(
            records, max_take=40, faults=plan, stall_seconds=1.0, retry_after="0"
        ) as api,
    ):
        for name in ("first run", "repeated run"):
            started = time.perf_counter()
            result = fetch_answers(
                out, START, END, api_url=api.url, settings=SETTINGS, progress=False
            )
            print(_row(name, result, time.perf_counter() - started))
        faults: dict[str, int] = {}
        for request in api.log:
            if request.fault:
                faults[request.fault] = faults.get(request.fault, 0) + 1
        print(f"faults injected over both runs: {dict(sorted(faults.items()))}")


if __name__ == "__main__":
    main()
