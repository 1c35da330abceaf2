"""``answer-language fetch`` against a local server serving real records with the API's clipping,
paging and faults. No test touches the internet.

Expected values come from the corpus itself: the answers in the window are the records whose
``dateAnswered`` falls in it; those needing a single-question request are the ones whose question
or answer the list endpoint clips (255 characters or more); the server pages 40 at a time.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

# tests/ is not a package: pytest puts it on sys.path, as for conftest.py.
from fetch_server import (
    FAULTS,
    FakeWrittenQuestionsApi,
    FaultPlan,
    in_window,
    load_corpus,
)

from analysis import cli
from analysis.language.blocks import html_to_text
from analysis.sources.api_client import QUERY_PARAMETERS, ClientSettings
from analysis.sources.fetch import fetch_answers
from analysis.sources.loading import load_answers
from analysis.sources.outcomes import FetchError, FetchResult
from analysis.sources.store import Store

ROOT = Path(__file__).resolve().parents[2]
START, END = "2025-11-01", "2025-12-31"  # a two-month answered window: 643 answers
WEEK = ("2025-11-10", "2025-11-14")  # a short window for the per-flag tests: 263 answers
PAGE_CAP = 40
FAST = ClientSettings(timeout=0.25, total_timeout=1.0, attempts=6, backoff=0.0, min_interval=0.0)


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return load_corpus()


@pytest.fixture(scope="module")
def window(corpus: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in corpus if in_window(r, START, END)}


def clipped(record: dict[str, Any]) -> bool:
    """What the list endpoint may have clipped (a text of exactly 255 characters is ambiguous)."""
    return len(record["questionText"]) >= 255 or len(record["answerText"] or "") >= 255


def run_fetch(api: FakeWrittenQuestionsApi, out: Path, **options: Any) -> FetchResult:
    options.setdefault("settings", FAST)
    return fetch_answers(
        out,
        options.pop("start", START),
        options.pop("end", END),
        api_url=api.url,
        sleep=lambda seconds: None,
        progress=False,
        **options,
    )


def load(out: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        # The loader reports merging list-page copies with whole texts: expected here.
        warnings.simplefilter("ignore")
        return load_answers(out)


def assert_whole(frame: pd.DataFrame, expected: dict[int, dict[str, Any]]) -> None:
    """Every expected answer exactly once, with the whole question and answer texts."""
    assert frame["id"].is_unique
    assert set(frame["id"]) == {str(i) for i in expected}
    assert not frame["is_clipped"].any()
    for row in frame.itertuples():
        record = expected[int(row.id)]
        assert row.answer_html == record["answerText"], row.id
        assert row.question == html_to_text(record["questionText"]), row.id


def snapshot(out: Path) -> dict[str, tuple[str, int]]:
    """Every response file with its SHA-256 and modification time."""
    return {
        str(p.relative_to(out)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*.json"))
        if p.name != "manifest.json" and ".fetch" not in p.parts
    }


# --------------------------------------------------------------------------------------------
# the whole run, with faults


def test_two_month_window_with_faults_then_a_rerun(
    tmp_path: Path, window: dict[int, dict[str, Any]], corpus: list[dict[str, Any]]
) -> None:
    needs_detail = sum(clipped(r) for r in window.values())
    pages = math.ceil(len(window) / PAGE_CAP)
    assert (len(window), needs_detail, pages) == (643, 422, 17)
    plan = FaultPlan(every=7)
    with FakeWrittenQuestionsApi(
        corpus, max_take=PAGE_CAP, faults=plan, stall_seconds=0.5, retry_after="0"
    ) as api:
        first = run_fetch(api, tmp_path)

        assert first.complete, first.problems
        assert (first.answers, first.fetched_whole, first.whole_in_list) == (643, 422, 221)
        assert len(api.list_requests(ok=True)) == pages
        assert len(api.detail_requests(ok=True)) == needs_detail
        assert {r.fault for r in api.log} >= set(FAULTS)
        faulted = sum(r.fault is not None for r in api.log)
        assert first.requests_total == len(api.log) == pages + needs_detail + faulted
        assert_whole(load(tmp_path), window)

        before = snapshot(tmp_path)
        api.clear_log()
        again = run_fetch(api, tmp_path)

    assert again.complete
    # A re-run lists again (17 pages, unchanged, not stored twice), asks which answers were
    # corrected since (one page, new) and fetches nothing whole.
    assert api.detail_requests() == []
    assert len(api.list_requests(ok=True)) == pages + 1
    assert (again.fetched_whole, again.already_stored) == (0, 422)
    assert (again.pages_unchanged, again.pages_written) == (pages, 1)
    (corrections,) = [r for r in api.list_requests(ok=True) if r.param("correctedWhenFrom")]
    today = datetime.now(UTC).date()
    assert corrections.param("correctedWhenFrom") == [str(today - timedelta(days=1))]
    assert corrections.param("correctedWhenTo") == [str(today)]
    after = snapshot(tmp_path)
    assert {k: after[k] for k in before} == before, "a stored response was changed"
    assert len(after) == len(before) + 1
    assert_whole(load(tmp_path), window)


def test_manifest_records_query_counts_sources_and_licence(
    tmp_path: Path, corpus: list[dict[str, Any]]
) -> None:
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP) as api:
        result = run_fetch(api, tmp_path, start=WEEK[0], end=WEEK[1])
        url = api.url
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["licence"]["name"] == "Open Parliament Licence v3.0"
    (run,) = manifest["runs"]
    assert run["status"] == "complete"
    assert run["query"]["answered_from"] == WEEK[0]
    assert run["query"]["answered_to"] == WEEK[1]
    assert run["source_url"].startswith(url + "/api/writtenquestions/questions?")
    assert run["records"]["answers"] == result.answers
    assert run["requests"]["total"] == result.requests_total
    on_disk = set(snapshot(tmp_path))
    assert {f["path"] for f in manifest["files"]} == on_disk
    for entry in manifest["files"]:
        assert entry["url"].startswith(url)
        assert (
            entry["sha256"] == hashlib.sha256((tmp_path / entry["path"]).read_bytes()).hexdigest()
        )
    listed = sum(f["records"] for f in manifest["files"] if f["kind"] == "list")
    assert listed == result.listed == manifest["totals"]["questions"]


# --------------------------------------------------------------------------------------------
# what changes between runs


def test_rerun_fetches_corrections_and_replaced_holding_answers_only(
    tmp_path: Path, window: dict[int, dict[str, Any]], corpus: list[dict[str, Any]]
) -> None:
    long_one = next(r for r in window.values() if len(r["answerText"]) > 300)
    short_one = next(r for r in window.values() if not clipped(r))
    holding = next(r for r in window.values() if r["answerIsHolding"] and r is not long_one)
    today = str(datetime.now(UTC).date())
    long_text = "<p>Corrected. " + "The figures given were wrong. " * 20 + "</p>"
    short_text = "<p>Corrected: the figure is 12.</p>"
    full_text = "<p>Substantive answer. " + "The Department has now reviewed this. " * 10 + "</p>"
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP) as api:
        run_fetch(api, tmp_path)
        api.correct(long_one["id"], long_text, today)
        api.correct(short_one["id"], short_text, today)
        api.replace_holding(holding["id"], full_text, "2026-01-15")  # leaves the window
        api.clear_log()
        again = run_fetch(api, tmp_path)

    fetched = {int(r.path.rsplit("/", 1)[1]) for r in api.detail_requests(ok=True)}
    # The short correction is whole in the list page; the corrected long answer and the holding
    # answer that left the window are fetched whole, nothing else.
    assert fetched == {long_one["id"], holding["id"]}
    assert (again.fetched_whole, again.rechecked) == (1, 1)
    frame = load(tmp_path).set_index("id")
    assert frame.loc[str(long_one["id"]), "answer_html"] == long_text
    assert frame.loc[str(long_one["id"]), "is_correction"]
    assert frame.loc[str(short_one["id"]), "answer_html"] == short_text
    assert frame.loc[str(holding["id"]), "answer_html"] == full_text
    assert not frame.loc[str(holding["id"]), "is_holding_answer"]
    assert frame.index.is_unique


def test_withdrawn_questions_are_not_fetched(tmp_path: Path, corpus: list[dict[str, Any]]) -> None:
    answers = [r for r in corpus if in_window(r, *WEEK)]
    withdrawn = next(r for r in answers if clipped(r))
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP, withdrawn_listed=True) as api:
        api.records[withdrawn["id"]]["isWithdrawn"] = True
        result = run_fetch(api, tmp_path, start=WEEK[0], end=WEEK[1])
        asked = {r.path for r in api.detail_requests()}
    assert (result.withdrawn, result.answers) == (1, len(answers) - 1)
    assert f"/api/writtenquestions/questions/{withdrawn['id']}" not in asked
    assert str(withdrawn["id"]) not in set(load(tmp_path)["id"])


# --------------------------------------------------------------------------------------------
# paging


def test_pages_shorter_than_asked_and_of_varying_size(
    tmp_path: Path, corpus: list[dict[str, Any]]
) -> None:
    window = {r["id"]: r for r in corpus if in_window(r, *WEEK)}
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP, ragged=True) as api:
        result = run_fetch(api, tmp_path, start=WEEK[0], end=WEEK[1], take=100)
        requests = api.list_requests(ok=True)
    skips = [int(r.param("skip")[0]) for r in requests]
    # Each page is 40 - (skip % 3) records: the client must advance by what it received.
    expected, skip = [], 0
    while skip < len(window):
        expected.append(skip)
        skip += PAGE_CAP - skip % 3
    assert skips == expected
    assert {r.param("take")[0] for r in requests} == {"100"}
    assert result.listed == len(window)
    assert_whole(load(tmp_path), window)


# --------------------------------------------------------------------------------------------
# every flag reaches the query


def week(corpus: list[dict[str, Any]], keep: Callable[[dict[str, Any]], bool]) -> set[str]:
    return {str(r["id"]) for r in corpus if in_window(r, *WEEK) and keep(r)}


def _searchable(record: dict[str, Any]) -> str:
    return " ".join(record.get(k) or "" for k in ("heading", "questionText", "answerText")).lower()


FLAG_CASES: list[tuple[list[str], dict[str, list[str]], Callable[[dict[str, Any]], bool]]] = [
    ([], {}, lambda r: True),
    (
        ["--tabled-from", "2025-11-04"],
        {"tabledWhenFrom": ["2025-11-04"]},
        lambda r: r["dateTabled"][:10] >= "2025-11-04",
    ),
    (
        ["--tabled-to", "2025-11-03"],
        {"tabledWhenTo": ["2025-11-03"]},
        lambda r: r["dateTabled"][:10] <= "2025-11-03",
    ),
    (["--department", "DHSC"], {"answeringBodies": ["17"]}, lambda r: r["answeringBodyId"] == 17),
    (
        ["--department", "home office", "--department", "60"],
        {"answeringBodies": ["1", "60"]},
        lambda r: r["answeringBodyId"] in (1, 60),
    ),
    (["--search", "school"], {"searchTerm": ["school"]}, lambda r: "school" in _searchable(r)),
    (["--house", "commons"], {"house": ["Commons"]}, lambda r: r["house"] == "Commons"),
]


@pytest.mark.parametrize(("flags", "params", "keep"), FLAG_CASES)
def test_each_flag_reaches_the_query(
    tmp_path: Path,
    corpus: list[dict[str, Any]],
    flags: list[str],
    params: dict[str, list[str]],
    keep: Callable[[dict[str, Any]], bool],
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = week(corpus, keep)
    assert expected
    args = ["--answered-from", WEEK[0], "--answered-to", WEEK[1], "--out", str(tmp_path)]
    tuning = ["--rate", "0", "--backoff", "0", "--timeout", "1"]
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP) as api:
        assert cli.main(["fetch", *args, *flags, "--api-url", api.url, *tuning]) == 0
        first = api.list_requests()[0]
        details = api.detail_requests()
    sent = {**params}
    sent.update(
        answeredWhenFrom=[WEEK[0]],
        answeredWhenTo=[WEEK[1]],
        answered=["Answered"],
        expandMember=["true"],
        skip=["0"],
        take=["100"],
    )
    assert first.query == sent
    assert set(first.query) <= set(QUERY_PARAMETERS.values())
    assert all(r.query == {"expandMember": ["true"]} for r in details)
    assert set(load(tmp_path)["id"]) == expected
    output = capsys.readouterr()
    assert output.err == ""  # no progress bar when not on a terminal
    assert output.out.count("\n") == 1 and f"{len(expected)} answers" in output.out


def test_answer_language_fetch_through_the_main_command(
    tmp_path: Path, corpus: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP) as api:
        code = cli.main(
            [
                *("fetch", "--answered-from", WEEK[0], "--answered-to", WEEK[1]),
                *("--department", "17", "--out", str(tmp_path), "--api-url", api.url),
                *("--rate", "0", "--backoff", "0"),
            ]
        )
    assert code == 0, capsys.readouterr().err
    assert set(load(tmp_path)["id"]) == week(corpus, lambda r: r["answeringBodyId"] == 17)


# --------------------------------------------------------------------------------------------
# departments


def test_department_from_members_api_then_cache_then_stored_pages(
    tmp_path: Path, corpus: list[dict[str, Any]]
) -> None:
    new_body = {"id": 9001, "name": "Test Answering Body"}
    with FakeWrittenQuestionsApi(corpus, max_take=PAGE_CAP, extra_bodies=[new_body]) as api:
        moved = [r for r in api.records.values() if in_window(r, *WEEK)][:5]
        for record in moved:
            record.update(answeringBodyId=9001, answeringBodyName="Test Answering Body")
        for attempt in ("members api", "cache", "stored pages"):
            api.clear_log()
            if attempt == "stored pages":
                (tmp_path / ".fetch" / "answering_bodies.cache").unlink()
            result = run_fetch(
                api, tmp_path, start=WEEK[0], end=WEEK[1], departments=["test answering body"]
            )
            lookups = api.requests("/api/Reference/AnsweringBodies")
            assert len(lookups) == (1 if attempt == "members api" else 0), attempt
            assert api.list_requests()[0].param("answeringBodies") == ["9001"]
            assert result.answers == len(moved)


# --------------------------------------------------------------------------------------------
# the folder and the command line


def test_one_fetch_at_a_time_per_folder(tmp_path: Path, corpus: list[dict[str, Any]]) -> None:
    with FakeWrittenQuestionsApi(corpus[:50]) as api, Store(tmp_path, "holder"):
        with pytest.raises(FetchError, match="another fetch is writing"):
            run_fetch(api, tmp_path)
        assert api.log == []


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", "fetch", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answered-from", "2025-13-01"], "--answered-from: '2025-13-01' is not a date"),
        (["--answered-from", "2026-01-01"], "--answered-from 2026-01-01 is after --answered-to"),
        (["--answered-from", START, "--house", "Senate"], "--house: 'Senate' is not one of"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = _cli(
        *args, "--answered-to", END, "--out", str(tmp_path), "--api-url", "http://x.invalid"
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_server_that_keeps_failing_exits_1_with_one_line(
    tmp_path: Path, corpus: list[dict[str, Any]]
) -> None:
    with FakeWrittenQuestionsApi(
        corpus[:50], faults=FaultPlan(always="503"), retry_after="0"
    ) as api:
        done = _cli(
            *("--answered-from", START, "--answered-to", END, "--out", str(tmp_path)),
            *("--api-url", api.url, "--rate", "0", "--backoff", "0", "--retries", "2"),
        )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "kept failing (HTTP 503 Service Unavailable) after 3 attempts" in done.stderr
    assert "run the same command again" in done.stderr
    assert len(api.log) == 3
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["runs"][-1]["status"] == "failed"


# --------------------------------------------------------------------------------------------
# kill -9 and resume


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, "the fetch finished before it could be killed"
        assert time.monotonic() < deadline, "the fetch made no progress"
        time.sleep(0.005)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")
def test_kill_9_at_any_moment_then_the_same_command_gives_a_whole_result(
    tmp_path: Path, window: dict[int, dict[str, Any]], corpus: list[dict[str, Any]]
) -> None:
    command = [
        *(
            sys.executable,
            "-m",
            "analysis.cli",
            "fetch",
            "--answered-from",
            START,
            "--answered-to",
            END,
        ),
        *("--out", str(tmp_path), "--rate", "0", "--backoff", "0", "--timeout", "0.5"),
    ]
    with FakeWrittenQuestionsApi(
        corpus,
        max_take=PAGE_CAP,
        delay=0.002,
        faults=FaultPlan(every=50),
        stall_seconds=0.6,
        retry_after="0",
    ) as api:
        command += ["--api-url", api.url]
        kill_points = [
            lambda: len(api.list_requests(ok=True)) >= 3,  # while listing
            lambda: len(api.detail_requests(ok=True)) >= 120,  # while fetching whole texts
            lambda: len(api.detail_requests(ok=True)) >= 60,  # again, in the resumed run
        ]
        for killed_when in kill_points:
            api.clear_log()
            process = subprocess.Popen(command, cwd=ROOT, text=True)
            _wait_until(killed_when, process)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            assert process.returncode == -signal.SIGKILL
        api.clear_log()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        resumed_details = len(api.detail_requests(ok=True))

    assert done.returncode == 0, done.stderr
    # The last run fetched only what the killed runs had not stored.
    assert 0 < resumed_details < 422 - 120
    assert_whole(load(tmp_path), window)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and ".fetch" not in p.parts]
    assert not [p for p in files if p.name.startswith(".")], "temporary files left behind"
    for path in files:
        json.loads(path.read_bytes())  # every file whole
    question_ids = [p.name.split("-")[0] for p in tmp_path.glob("questions/*/*.json")]
    assert len(question_ids) == len(set(question_ids)) == 422, "a whole text stored twice"
    page_hashes = [p.stem.rsplit("-", 1)[1] for p in tmp_path.glob("lists/*/*.json")]
    assert len(page_hashes) == len(set(page_hashes)), "a list page stored twice"
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    statuses = [run["status"] for run in manifest["runs"]]
    assert statuses == ["interrupted", "interrupted", "interrupted", "complete"]
    assert {f["path"] for f in manifest["files"]} == set(snapshot(tmp_path))
    assert manifest["totals"]["questions"] == len(window)
