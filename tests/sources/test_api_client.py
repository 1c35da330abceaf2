"""The Written Questions API client against a local server that injects each fault. No internet."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

# tests/ is not a package: pytest puts it on sys.path, as for conftest.py.
from fetch_server import FakeWrittenQuestionsApi, FaultPlan, load_corpus

from analysis.sources.api_client import (
    QUERY_PARAMETERS,
    ClientSettings,
    NotFound,
    Query,
    ServerKeptFailing,
    WrittenQuestionsClient,
    build_params,
    parse_retry_after,
)

DOCUMENTED = {
    "answeredWhenFrom",
    "answeredWhenTo",
    "tabledWhenFrom",
    "tabledWhenTo",
    "correctedWhenFrom",
    "correctedWhenTo",
    "answered",
    "answeringBodies",
    "searchTerm",
    "house",
    "expandMember",
    "skip",
    "take",
}
FAST = ClientSettings(timeout=0.3, total_timeout=0.5, attempts=3, backoff=0.0, min_interval=0.0)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return load_corpus()[:30]


class Sleeps(list[float]):
    """A stand-in for time.sleep that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


# --------------------------------------------------------------------------------------------
# query building


def test_the_one_mapping_holds_only_documented_names() -> None:
    assert set(QUERY_PARAMETERS.values()) == DOCUMENTED
    assert {f for f in Query.__dataclass_fields__} | {"skip", "take"} == set(QUERY_PARAMETERS)


def test_a_misspelt_filter_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="answered_form"):
        build_params({"answered_form": date(2025, 1, 1)})
    with pytest.raises(TypeError):
        Query(answered_form=date(2025, 1, 1))  # type: ignore[call-arg]


def test_params_format_dates_flags_and_repeat_answering_bodies() -> None:
    query = Query(
        answered_from=date(2025, 11, 1),
        answered_to=date(2025, 12, 31),
        departments=(17, 1),
        search="hospital beds",
        house="Commons",
    )
    assert query.params(skip=40, take=100) == [
        ("answeredWhenFrom", "2025-11-01"),
        ("answeredWhenTo", "2025-12-31"),
        ("answered", "Answered"),
        ("answeringBodies", "17"),
        ("answeringBodies", "1"),
        ("searchTerm", "hospital beds"),
        ("house", "Commons"),
        ("expandMember", "true"),
        ("skip", "40"),
        ("take", "100"),
    ]
    assert Query(expand_member=False, answered=None).params() == []


def test_answering_bodies_reach_the_server_once_per_id(records: list[dict[str, Any]]) -> None:
    with (
        FakeWrittenQuestionsApi(records) as api,
        WrittenQuestionsClient(api.url, FAST) as client,
    ):
        client.list_page(Query(departments=(17, 1, 60)), skip=0, take=10)
    (request,) = api.list_requests()
    assert request.param("answeringBodies") == ["17", "1", "60"]
    assert request.param("take") == ["10"]


# --------------------------------------------------------------------------------------------
# faults


@pytest.mark.parametrize("fault", ["500", "503", "429", "stall", "drop", "truncate", "trickle"])
def test_each_fault_is_retried(records: list[dict[str, Any]], fault: str) -> None:
    sleeps = Sleeps()
    question = records[0]
    plan = FaultPlan(script={1: fault})
    with (
        FakeWrittenQuestionsApi(records, faults=plan, stall_seconds=0.5, retry_after="7") as api,
        WrittenQuestionsClient(api.url, FAST, sleep=sleeps) as client,
    ):
        response = client.question(question["id"])
    assert response.data["value"]["answerText"] == question["answerText"]
    assert response.attempts == 2
    assert [r.fault for r in api.log] == [fault, None]
    assert client.counts.total == 2
    assert client.counts.retries == 1
    # 429 and 503 carry Retry-After: 7, which the client obeys; the others back off (0 here).
    assert sleeps == ([7.0] if fault in ("429", "503") else [0.0])


def test_a_server_that_keeps_failing_gives_one_clear_line(records: list[dict[str, Any]]) -> None:
    with (
        FakeWrittenQuestionsApi(records, faults=FaultPlan(always="503"), retry_after="0") as api,
        WrittenQuestionsClient(api.url, FAST, sleep=Sleeps()) as client,
        pytest.raises(ServerKeptFailing) as caught,
    ):
        client.list_page(Query(), skip=0, take=10)
    message = str(caught.value)
    assert "\n" not in message
    assert "kept failing (HTTP 503 Service Unavailable) after 3 attempts" in message
    assert len(api.log) == FAST.attempts


def test_backoff_grows_between_attempts(records: list[dict[str, Any]]) -> None:
    sleeps = Sleeps()
    settings = ClientSettings(timeout=0.3, attempts=4, backoff=1.0, min_interval=0.0)
    with (
        FakeWrittenQuestionsApi(records, faults=FaultPlan(always="500")) as api,
        WrittenQuestionsClient(api.url, settings, sleep=sleeps) as client,
        pytest.raises(ServerKeptFailing),
    ):
        client.question(records[0]["id"])
    # Exponential from 1 s with up to 1 s of jitter: 1-2, 2-3, 4-5.
    assert len(sleeps) == 3
    for wait, base in zip(sleeps, (1, 2, 4), strict=True):
        assert base <= wait <= base + 1


def test_a_retry_after_beyond_the_cap_fails_at_once(records: list[dict[str, Any]]) -> None:
    plan = FaultPlan(script={1: "429"})
    with (
        FakeWrittenQuestionsApi(records, faults=plan, retry_after="3600") as api,
        WrittenQuestionsClient(api.url, FAST, sleep=Sleeps()) as client,
        pytest.raises(ServerKeptFailing, match="asked us to wait 3600 s"),
    ):
        client.question(records[0]["id"])
    assert len(api.log) == 1


def test_not_found_is_not_retried(records: list[dict[str, Any]]) -> None:
    with (
        FakeWrittenQuestionsApi(records) as api,
        WrittenQuestionsClient(api.url, FAST, sleep=Sleeps()) as client,
        pytest.raises(NotFound),
    ):
        client.question(1)
    assert len(api.log) == 1


def test_requests_are_paced(records: list[dict[str, Any]]) -> None:
    clock = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    settings = ClientSettings(timeout=1.0, min_interval=0.5)
    with (
        FakeWrittenQuestionsApi(records) as api,
        WrittenQuestionsClient(api.url, settings, sleep=sleep, clock=lambda: clock[0]) as client,
    ):
        for record in records[:3]:
            client.question(record["id"])
    # The clock stands still while requests run, so each start after the first waits 0.5 s.
    assert sleeps == [0.5, 0.5]


def test_retry_after_as_seconds_or_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90)), now) == 90.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
