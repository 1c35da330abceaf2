"""A local stand-in for the Written Questions API, for tests and benchmarks (no internet).

It serves real records (the corpus in ``../shared/corpus/commons`` is in the list endpoint's own
format) the way the API does, including what makes a naive client wrong:

* ``GET /api/writtenquestions/questions`` clips ``questionText`` at 255 characters and
  ``answerText`` at 255 plus "...", pages with ``skip``/``take`` under a cap of its own (so a page
  can hold fewer records than asked for), filters by the documented parameters (names matched
  case-insensitively, as ASP.NET binds them) and silently ignores any other parameter.
* ``GET /api/writtenquestions/questions/{id}`` returns the whole record.
* ``GET /api/Reference/AnsweringBodies`` stands in for the Members API reference list.

Faults are injected by request number (:class:`FaultPlan`): 500, 503 and 429 (with
``Retry-After``), a stall longer than the client's timeout, a connection dropped before any
response, a body cut short, and (on request) a body trickled out too slowly to finish in time.
Every request is logged with its parsed query, so tests can check what reached the server.
"""

from __future__ import annotations

import contextlib
import copy
import json
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from corpus_records import snapshot_items

from analysis import paths

CORPUS = paths.SNAPSHOT
CLIP = 255
FAULTS = ("500", "503", "429", "stall", "drop", "truncate")
_DATE_FILTERS = {
    "answeredwhenfrom": ("dateAnswered", ">="),
    "answeredwhento": ("dateAnswered", "<="),
    "tabledwhenfrom": ("dateTabled", ">="),
    "tabledwhento": ("dateTabled", "<="),
    "correctedwhenfrom": ("dateAnswerCorrected", ">="),
    "correctedwhento": ("dateAnswerCorrected", "<="),
}


def load_corpus(snapshot: Path = CORPUS) -> list[dict[str, Any]]:
    """Every record (the ``value`` objects) of the corpus, whole."""
    return [item["value"] for item in snapshot_items(snapshot)]


def in_window(record: dict[str, Any], start: str, end: str, key: str = "dateAnswered") -> bool:
    """Whether ``record[key]``'s date falls in [start, end] (YYYY-MM-DD, inclusive)."""
    value = record.get(key)
    return bool(value) and start <= str(value)[:10] <= end


def clip(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the list endpoint shows it."""
    shown = dict(record)
    question = shown.get("questionText") or ""
    answer = shown.get("answerText") or ""
    if len(question) > CLIP:
        shown["questionText"] = question[:CLIP]
    if len(answer) > CLIP:
        shown["answerText"] = answer[:CLIP] + "..."
    return shown


@dataclass
class FaultPlan:
    """Which requests fail and how: request numbers start at 1 and count every route.

    ``every``: each n-th request fails, cycling through ``kinds``; ``script``: request number ->
    fault; ``always``: every request fails so (a server that keeps failing).
    """

    every: int = 0
    kinds: tuple[str, ...] = FAULTS
    script: dict[int, str] = field(default_factory=dict)
    always: str | None = None

    def fault_for(self, number: int) -> str | None:
        if self.always:
            return self.always
        if number in self.script:
            return self.script[number]
        if self.every and number % self.every == 0:
            return self.kinds[(number // self.every - 1) % len(self.kinds)]
        return None


@dataclass
class LoggedRequest:
    number: int
    path: str
    query: dict[str, list[str]]
    fault: str | None
    status: int | None

    def param(self, name: str) -> list[str]:
        """Values of a query parameter, by its exact name."""
        return self.query.get(name, [])


class FakeWrittenQuestionsApi:
    """The server; use as a context manager, or start()/stop(). ``url`` is its base address."""

    def __init__(
        self,
        records: Iterable[dict[str, Any]],
        *,
        max_take: int = 40,
        faults: FaultPlan | None = None,
        delay: float = 0.0,
        stall_seconds: float = 2.0,
        retry_after: str = "1",
        extra_bodies: Iterable[dict[str, Any]] = (),
        ragged: bool = False,
        withdrawn_listed: bool = False,
    ) -> None:
        self.records: dict[int, dict[str, Any]] = {r["id"]: copy.deepcopy(r) for r in records}
        self.max_take = max_take
        self.faults = faults or FaultPlan()
        self.delay = delay
        self.stall_seconds = stall_seconds
        self.retry_after = retry_after
        self.extra_bodies = list(extra_bodies)
        # ragged: pages shorter than the cap by (skip % 3), so no two pages need be the same size
        self.ragged = ragged
        # withdrawn_listed: list withdrawn questions without includeWithdrawn=true
        self.withdrawn_listed = withdrawn_listed
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # life cycle

    def start(self) -> FakeWrittenQuestionsApi:
        api = self

        class Handler(_Handler):
            server_api = api

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeWrittenQuestionsApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # what tests look at and change

    def requests(self, path_prefix: str = "", *, ok: bool | None = None) -> list[LoggedRequest]:
        """Logged requests whose path starts with ``path_prefix`` (``ok``: only 200s or not)."""
        with self._lock:
            chosen = [r for r in self.log if r.path.startswith(path_prefix)]
        if ok is not None:
            chosen = [r for r in chosen if (r.status == 200) == ok]
        return chosen

    def list_requests(self, *, ok: bool | None = None) -> list[LoggedRequest]:
        return [
            r
            for r in self.requests("/api/writtenquestions/questions", ok=ok)
            if r.path.rstrip("/") == "/api/writtenquestions/questions"
        ]

    def detail_requests(self, *, ok: bool | None = None) -> list[LoggedRequest]:
        return [
            r
            for r in self.requests("/api/writtenquestions/questions/", ok=ok)
            if r.path.rstrip("/") != "/api/writtenquestions/questions"
        ]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def correct(self, question_id: int, answer_html: str, when: str) -> None:
        """Publish a correction, as the API marks one."""
        record = self.records[question_id]
        record["originalAnswerText"] = record["answerText"]
        record["answerText"] = answer_html
        record["answerIsCorrection"] = True
        record["dateAnswerCorrected"] = f"{when}T00:00:00"

    def replace_holding(self, question_id: int, answer_html: str, when: str) -> None:
        """Give the substantive answer to a question that had a holding answer."""
        record = self.records[question_id]
        record["dateHoldingAnswer"] = record["dateAnswered"]
        record["answerIsHolding"] = False
        record["answerText"] = answer_html
        record["dateAnswered"] = f"{when}T00:00:00"

    # serving

    def _next(self, path: str, query: dict[str, list[str]]) -> tuple[LoggedRequest, str | None]:
        with self._lock:
            number = len(self.log) + 1
            fault = self.faults.fault_for(number)
            entry = LoggedRequest(number, path, query, fault, None)
            self.log.append(entry)
        return entry, fault

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        """Status and JSON for a request that is not faulted."""
        lowered = {k.lower(): v for k, v in query.items()}
        if path.rstrip("/") == "/api/writtenquestions/questions":
            return 200, self._list(lowered)
        if path.startswith("/api/writtenquestions/questions/"):
            tail = path.rsplit("/", 1)[-1]
            record = self.records.get(int(tail)) if tail.isdigit() else None
            if record is None:
                return 404, {"status": 404, "title": "Not Found"}
            return 200, {"value": copy.deepcopy(record), "links": _links(record["id"])}
        if path.rstrip("/").lower() == "/api/reference/answeringbodies":
            return 200, self._bodies()
        return 404, {"status": 404, "title": "Not Found"}

    def _list(self, query: dict[str, list[str]]) -> dict[str, Any]:
        def first(name: str, default: str = "") -> str:
            return (query.get(name) or [default])[0]

        chosen = []
        bodies = {int(v) for v in query.get("answeringbodies", []) if v.isdigit()}
        term = first("searchterm").casefold()
        for record in sorted(self.records.values(), key=lambda r: r["id"]):
            shows_withdrawn = self.withdrawn_listed or first("includewithdrawn").lower() == "true"
            if record.get("isWithdrawn") and not shows_withdrawn:
                continue
            answered = first("answered", "Any")
            if answered == "Answered" and not (record.get("answerText") or "").strip():
                continue
            if any(
                name in query and not _date_ok(record.get(key), first(name), op)
                for name, (key, op) in _DATE_FILTERS.items()
            ):
                continue
            if bodies and record.get("answeringBodyId") not in bodies:
                continue
            house = first("house")
            if house in ("Commons", "Lords") and record.get("house") != house:
                continue
            if term and not any(
                term in (record.get(k) or "").casefold()
                for k in ("heading", "questionText", "answerText")
            ):
                continue
            chosen.append(record)
        skip = int(first("skip", "0") or 0)
        take = min(int(first("take", "20") or 20), self.max_take)
        if self.ragged:
            take = max(1, take - skip % 3)
        page = chosen[skip : skip + take]
        return {
            "results": [{"value": clip(r), "links": _links(r["id"])} for r in page],
            "totalResults": len(chosen),
            "links": [],
        }

    def _bodies(self) -> list[dict[str, Any]]:
        seen = {r["answeringBodyId"]: r["answeringBodyName"] for r in self.records.values()}
        bodies = [{"value": {"id": i, "name": n}, "links": []} for i, n in sorted(seen.items())]
        return bodies + [{"value": dict(b), "links": []} for b in self.extra_bodies]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (after a timeout, say) are expected here, not errors."""


def _date_ok(value: Any, bound: str, op: str) -> bool:
    if not value:
        return False
    day = str(value)[:10]
    return day >= bound[:10] if op == ">=" else day <= bound[:10]


def _links(question_id: int) -> list[dict[str, str]]:
    return [{"rel": "self", "href": f"/Questions/{question_id}", "method": "GET"}]


class _Handler(BaseHTTPRequestHandler):
    server_api: FakeWrittenQuestionsApi
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, a keep-alive client waits ~40 ms
    # for the delayed ACK on every response.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output is for the tests."""

    def do_GET(self) -> None:
        api = self.server_api
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        entry, fault = api._next(parts.path, query)
        if api.delay:
            time.sleep(api.delay)
        if fault in ("500", "503", "429"):
            status = int(fault)
            entry.status = status
            body = json.dumps({"status": status}).encode()
            self.send_response(status)
            if status != 500:
                self.send_header("Retry-After", api.retry_after)
            self._send_body(body)
            return
        if fault == "stall":
            time.sleep(api.stall_seconds)
            self._hang_up()
            return
        if fault == "drop":
            self._hang_up()
            return
        status, data = api.answer(parts.path, query)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        if fault == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = max(1, len(body) // 20)
            for start in range(0, len(body), step):
                self.wfile.write(body[start : start + step])
                self.wfile.flush()
                time.sleep(api.stall_seconds / 10)
            entry.status = status
            return
        if fault == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self._hang_up()
            return
        entry.status = status
        self.send_response(status)
        self._send_body(body)

    def _send_body(self, body: bytes) -> None:
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
