"""HTTP client for the UK Parliament Written Questions API that survives a flaky server.

The API (https://questions-statements-api.parliament.uk) is public and unauthenticated, but a
client that trusts it naively gets wrong data without an error. This module holds the defences,
so that :mod:`analysis.sources.fetch` can be about *what* to download:

* **One mapping of query names.** The API ignores parameters it does not know, so a misspelt
  filter silently returns everything. Every query is built from :data:`QUERY_PARAMETERS` (our
  field name -> the documented API name) by :func:`build_params`, which refuses any other name.
* **Timeouts.** httpx's connect/read timeouts catch a server that stops answering; a deadline on
  the whole response also catches one that trickles its body out byte by byte.
* **Retries** (tenacity) on 429, 500, 502, 503 and 504, dropped connections, timeouts and bodies
  that are not the JSON we expect (a response cut short). The wait is the server's
  ``Retry-After`` when it gives one (up to a cap; a longer request to wait fails at once with a
  clear message) and exponential backoff with jitter otherwise. Other 4xx answers are not retried:
  asking again will not change them.
* **A polite rate**: at least ``min_interval`` seconds between the starts of two requests.
* **Counts** of every request sent (retries included), by kind, for the manifest and benchmark.

Retry, timeout and rate settings are injectable (:class:`ClientSettings`, ``sleep``, ``clock``,
an httpx ``transport``) so tests run fast against a local server.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import httpx
import tenacity

LIVE_API_URL = "https://questions-statements-api.parliament.uk"
LIVE_MEMBERS_API_URL = "https://members-api.parliament.uk"
QUESTIONS_PATH = "/api/writtenquestions/questions"
ANSWERING_BODIES_PATH = "/api/Reference/AnsweringBodies"

# Our field name -> the API's documented parameter name. The only place query names are spelt:
# a name not in this mapping cannot reach the API.
QUERY_PARAMETERS: Mapping[str, str] = MappingProxyType(
    {
        "answered_from": "answeredWhenFrom",
        "answered_to": "answeredWhenTo",
        "tabled_from": "tabledWhenFrom",
        "tabled_to": "tabledWhenTo",
        "corrected_from": "correctedWhenFrom",
        "corrected_to": "correctedWhenTo",
        "answered": "answered",
        "departments": "answeringBodies",
        "search": "searchTerm",
        "house": "house",
        "expand_member": "expandMember",
        "skip": "skip",
        "take": "take",
    }
)

HOUSES = ("Commons", "Lords")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ApiError(Exception):
    """The API could not give what was asked; the message is one line, fit to show a user."""


class ServerKeptFailing(ApiError):
    """Every attempt failed (server errors, timeouts, dropped connections) or we were told to
    wait longer than we are willing to."""


class RequestRejected(ApiError):
    """A 4xx answer other than 429: asking again would get the same answer."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class NotFound(RequestRejected):
    """404: no such question (withdrawn from the API, or a wrong id)."""


class _Retryable(Exception):
    """One failed attempt worth repeating: what kind of failure (counted), the detail (shown),
    and ``retry_after``, the wait the server asked for."""

    def __init__(self, kind: str, detail: str = "", retry_after: float | None = None) -> None:
        self.kind = kind
        self.reason = f"{kind}: {detail}" if detail else kind
        self.retry_after = retry_after
        super().__init__(self.reason)


@dataclass(frozen=True)
class ClientSettings:
    """How patient and how polite the client is. The defaults suit the live API."""

    timeout: float = 30.0  # seconds to connect, and between bytes of a response
    total_timeout: float = 120.0  # seconds for a whole response, body included
    attempts: int = 6  # tries per request, the first included
    backoff: float = 1.0  # first wait between tries; doubles each time, plus jitter
    max_backoff: float = 60.0
    max_retry_after: float = 300.0  # a longer Retry-After fails at once instead of hanging
    min_interval: float = 0.2  # seconds between request starts: at most 5 requests a second


@dataclass(frozen=True)
class Query:
    """The filters of a list query. Field names are keys of :data:`QUERY_PARAMETERS`."""

    answered_from: date | None = None
    answered_to: date | None = None
    tabled_from: date | None = None
    tabled_to: date | None = None
    corrected_from: date | None = None
    corrected_to: date | None = None
    departments: tuple[int, ...] = ()
    search: str | None = None
    house: str | None = None
    answered: str | None = "Answered"
    expand_member: bool = True

    def params(self, *, skip: int | None = None, take: int | None = None) -> list[tuple[str, str]]:
        """The query string pairs, in a fixed order so equal queries give equal URLs."""
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(skip=skip, take=take)
        return build_params(values)


def build_params(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Query-string pairs for ``values`` (field name -> value), through :data:`QUERY_PARAMETERS`.

    Raises ValueError for a name not in the mapping: the API would ignore it without a word.
    ``None``, ``False`` and empty values are left out (the API's defaults apply); a tuple or
    list repeats the key once per item, as the API expects for ``answeringBodies``.
    """
    unknown = sorted(set(values) - set(QUERY_PARAMETERS))
    if unknown:
        raise ValueError(f"not a documented query parameter: {', '.join(unknown)}")
    pairs: list[tuple[str, str]] = []
    for name, api_name in QUERY_PARAMETERS.items():
        value = values.get(name)
        items = list(value) if isinstance(value, (tuple, list)) else [value]
        for item in items:
            if item is None or item is False or item == "":
                continue
            pairs.append((api_name, _param_text(item)))
    return pairs


def _param_text(value: Any) -> str:
    if value is True:
        return "true"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class ApiResponse:
    """One successful response: the body exactly as received, and its parsed JSON."""

    url: str
    body: bytes
    data: Any
    fetched_at: datetime
    attempts: int


@dataclass
class RequestCounts:
    """Requests sent (retries included) and succeeded, by kind; failed attempts by reason."""

    sent: Counter[str] = field(default_factory=Counter)
    succeeded: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.sent.values())

    @property
    def retries(self) -> int:
        return self.total - sum(self.succeeded.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "sent": dict(sorted(self.sent.items())),
            "succeeded": dict(sorted(self.succeeded.items())),
            "failed_attempts": dict(sorted(self.failures.items())),
        }


def _user_agent() -> str:
    try:
        from importlib.metadata import version

        own = version("answer-language")
    except Exception:
        own = "0"
    return f"answer-language/{own} (written-answers research; httpx/{httpx.__version__})"


class WrittenQuestionsClient:
    """GETs against the Written Questions API (and the Members API's answering bodies)."""

    def __init__(
        self,
        api_url: str = LIVE_API_URL,
        settings: ClientSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.settings = settings or ClientSettings()
        self.counts = RequestCounts()
        self._sleep = sleep
        self._clock = clock
        self._last_start: float | None = None
        self._backoff = tenacity.wait_exponential_jitter(
            multiplier=self.settings.backoff,
            max=self.settings.max_backoff,
            jitter=self.settings.backoff,
        )
        self._http = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"Accept": "application/json", "User-Agent": _user_agent()},
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WrittenQuestionsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------------------------
    # endpoints

    def list_page(self, query: Query, *, skip: int, take: int, kind: str = "list") -> ApiResponse:
        """One page of ``GET /api/writtenquestions/questions``; ``kind`` labels it in the counts."""
        return self._get(
            self.api_url + QUESTIONS_PATH, query.params(skip=skip, take=take), kind, _check_list
        )

    def question(self, question_id: int) -> ApiResponse:
        """``GET /api/writtenquestions/questions/{id}``: one question with its whole texts."""

        def check(data: Any) -> str | None:
            problem = _check_question(data)
            if problem is None and data["value"].get("id") != question_id:
                return f"asked for question {question_id}, got {data['value'].get('id')!r}"
            return problem

        params = build_params({"expand_member": True})
        return self._get(f"{self.api_url}{QUESTIONS_PATH}/{question_id}", params, "question", check)

    def answering_bodies(self, members_api_url: str) -> ApiResponse:
        """The Members API reference list of answering bodies (ids and names)."""
        url = members_api_url.rstrip("/") + ANSWERING_BODIES_PATH
        return self._get(url, [], "answering_bodies", _check_bodies)

    # ----------------------------------------------------------------------------------------
    # the machinery

    def _get(
        self,
        url: str,
        params: list[tuple[str, str]],
        kind: str,
        check: Callable[[Any], str | None],
    ) -> ApiResponse:
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(max(1, self.settings.attempts)),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type(_Retryable),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._attempt(
                        url, params, kind, check, attempt.retry_state.attempt_number
                    )
        except _Retryable as error:
            where = urlsplit(url)
            raise ServerKeptFailing(
                f"{where.scheme}://{where.netloc} kept failing ({error.reason}) after "
                f"{self.settings.attempts} attempts at {where.path}"
            ) from None
        raise AssertionError("tenacity neither returned nor raised")  # pragma: no cover

    def _wait(self, retry_state: tenacity.RetryCallState) -> float:
        error = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(error, _Retryable) and error.retry_after is not None:
            return error.retry_after
        return float(self._backoff(retry_state))

    def _pace(self) -> None:
        """Keep ``min_interval`` between request starts, retries included."""
        if self._last_start is not None and self.settings.min_interval > 0:
            wait = self._last_start + self.settings.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_start = self._clock()

    def _attempt(
        self,
        url: str,
        params: list[tuple[str, str]],
        kind: str,
        check: Callable[[Any], str | None],
        attempt: int,
    ) -> ApiResponse:
        self._pace()
        self.counts.sent[kind] += 1
        try:
            response = self._attempt_once(url, params, check, attempt)
        except _Retryable as error:
            self.counts.failures[error.kind] += 1
            raise
        self.counts.succeeded[kind] += 1
        return response

    def _attempt_once(
        self,
        url: str,
        params: list[tuple[str, str]],
        check: Callable[[Any], str | None],
        attempt: int,
    ) -> ApiResponse:
        deadline = self._clock() + self.settings.total_timeout
        try:
            with self._http.stream("GET", url, params=params) as response:
                status = response.status_code
                if status in RETRY_STATUSES:
                    raise self._server_error(response)
                if status >= 400:
                    error_class = NotFound if status == 404 else RequestRejected
                    raise error_class(
                        f"the API answered HTTP {status} {response.reason_phrase} for "
                        f"{response.url}",
                        status,
                    )
                body = self._read(response, deadline)
                final_url = str(response.url)
        except httpx.TimeoutException as error:
            raise _Retryable(
                "timed out", f"no answer within {self.settings.timeout:g} s"
            ) from error
        except httpx.TooManyRedirects as error:
            raise RequestRejected(f"too many redirects from {url}", 310) from error
        except httpx.ConnectError as error:
            raise _Retryable("could not connect", str(error)) from error
        except httpx.RequestError as error:
            raise _Retryable("connection dropped", str(error) or type(error).__name__) from error
        try:
            data = json.loads(body)
        except ValueError as error:
            raise _Retryable("response is not JSON", "cut short?") from error
        problem = check(data)
        if problem is not None:
            raise _Retryable("unexpected response", problem)
        return ApiResponse(final_url, body, data, datetime.now(UTC), attempt)

    def _server_error(self, response: httpx.Response) -> Exception:
        status = response.status_code
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > self.settings.max_retry_after:
            where = urlsplit(str(response.url))
            return ServerKeptFailing(
                f"{where.scheme}://{where.netloc} answered {reason} and asked us to wait "
                f"{retry_after:.0f} s before trying again; run the same command later"
            )
        return _Retryable(reason, retry_after=retry_after)

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        chunks: list[bytes] = []
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            if self._clock() > deadline:
                raise _Retryable(
                    "response stalled", f"not complete within {self.settings.total_timeout:g} s"
                )
        return b"".join(chunks)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date), or None."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _check_list(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        return "no 'results' list"
    if not isinstance(data.get("totalResults"), int):
        return "no 'totalResults' count"
    for index, item in enumerate(data["results"]):
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, dict) or not isinstance(value.get("id"), int):
            return f"results[{index}] is not a question with an id"
    return None


def _check_question(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("value"), dict):
        return "no 'value' object"
    return None


def _check_bodies(data: Any) -> str | None:
    if not isinstance(data, list):
        return "not a list of answering bodies"
    return None
