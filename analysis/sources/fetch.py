"""``answer-language fetch``: every answer of a window, whole, from the Written Questions API.

The list endpoint clips texts at 255 characters, so a fetch is a listing (pages of
``GET /api/writtenquestions/questions``) followed by ``GET /api/writtenquestions/questions/{id}``
for each clipped record. Everything is stored exactly as received; ``load_answers(DIR)`` then
reads the folder and keeps the whole text of each answer. The HTTP client and its defences
(timeouts, retries, rate) are in :mod:`analysis.sources.api_client`.

What lands in the output folder, and why it is named so::

    manifest.json                    the query, times, record and request counts of every run,
                                     the licence, and each response file with its source URL
    lists/<run>/list-<query>-skip<NNNNNN>-<sha>.json         list pages, as received
    lists/<run>/corrections-<query>-skip<NNNNNN>-<sha>.json  pages of the corrections query
    questions/<run>/<id>-<stamp>.json                        single-question responses
    .fetch/journal.jsonl             append-only log of runs and files written (hidden: the
                                     loader skips dot-folders); the manifest is rebuilt from it
    .fetch/lock                      one fetch at a time in a folder
    .fetch/answering_bodies.cache    the Members API list of answering bodies (JSON), cached

* ``<run>`` is the run's start time in UTC (``2026-11-24T101500.123456Z``), so folders sort in
  time order. ``load_answers`` keeps, among equally whole copies of a question, the file it reads
  last (in path order): the newest. ``lists/`` sorts before ``questions/``, so a single-question
  response always wins over a list page's copy of the same version.
* ``<query>`` is a hash of the API address and the query's parameters (not skip/take) and
  ``<sha>`` the start of the page's SHA-256: a page whose bytes are already stored for that query
  is not written again, so a re-run adds only the pages that changed.
* ``<stamp>`` names a version of an answer: ``a<dateAnswered>[c<dateAnswerCorrected>][h][w]-<hash
  of its dates, flags and the first 255 characters of its texts>``, computed from the list record.
  A question is fetched again only when the listing shows a version not yet stored (a correction,
  a holding answer replaced). Once a question has a single-question file, every later version is
  fetched whole too, so the newest version is always the last single-question file.
* Every file is written to a hidden temporary name in its own folder (``.<name>.<pid>.part``),
  fsynced, then renamed; it is never edited afterwards. A kill at any moment leaves whole files
  or none; temporaries are invisible to the loader and removed by the next run. The manifest is
  replaced (same way) at the end of each run; files written by a killed run are listed by the
  next one, from the journal.

Re-running the same command resumes: the listing is fetched again (a few pages), unchanged pages
are not stored twice, and only versions not yet stored are fetched whole. A re-run after a
complete run also asks for answers corrected since that run (``correctedWhenFrom/To``), and
fetches again any stored holding answer that has left the listing (its substantive answer moved
its answer date out of the window). Withdrawn questions are counted and stored as listed but not
fetched (they have no answer to read).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import hashlib
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import httpx

from analysis.sources.api_client import (
    HOUSES,
    LIVE_API_URL,
    LIVE_MEMBERS_API_URL,
    QUESTIONS_PATH,
    ApiError,
    ApiResponse,
    ClientSettings,
    NotFound,
    Query,
    WrittenQuestionsClient,
)
from analysis.sources.api_json import LIST_CLIP_LENGTH

LICENCE = "Open Parliament Licence v3.0"
LICENCE_URL = (
    "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/"
)
ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
DEFAULT_TAKE = 100
MANIFEST_NAME = "manifest.json"
STATE_DIR = ".fetch"
JOURNAL_NAME = "journal.jsonl"
# Not ".json": nothing that looks for answers in the folder should take the cache for one.
BODIES_CACHE_NAME = "answering_bodies.cache"

_LIST_FILE = re.compile(
    r"^(?P<kind>list|corrections)-(?P<qkey>[0-9a-f]{10})-skip(?P<skip>\d{6,})-"
    r"(?P<sha>[0-9a-f]{12})\.json$"
)
_QUESTION_FILE = re.compile(r"^(?P<id>\d+)-(?P<stamp>a[0-9a-z-]+)\.json$")
_TEMP_FILE = re.compile(r"^\..+\.\d+\.part$")


# --------------------------------------------------------------------------------------------
# errors and results


class FetchError(Exception):
    """A fetch could not be done; the message is one line, fit to show a user."""


class BadArguments(FetchError):
    """The arguments cannot make a query (a bad date, an unknown department...)."""


class UnknownDepartment(BadArguments):
    """No answering body has that name; the message lists close matches."""


@dataclass
class FetchResult:
    """What one run did. ``complete`` is False when something could not be fetched whole."""

    out_dir: Path
    run_id: str
    manifest: Path
    listed: int = 0  # distinct questions in the listing (and the corrections query)
    total_results: int = 0  # the API's totalResults for the query
    answers: int = 0  # listed questions with an answer, not withdrawn
    withdrawn: int = 0
    unanswered: int = 0
    holding: int = 0
    corrected: int = 0
    whole_in_list: int = 0  # answers the list page already held whole
    already_stored: int = 0  # versions stored by an earlier run: not fetched again
    fetched_whole: int = 0  # single-question responses fetched in this run
    rechecked: int = 0  # stored holding answers no longer listed, fetched again
    pages_written: int = 0
    pages_unchanged: int = 0  # pages identical to a stored one: not written again
    files_written: int = 0
    requests: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def requests_total(self) -> int:
        return int(self.requests.get("total", 0))

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.answers} answers ({self.holding} holding, {self.corrected} corrected, "
            f"{self.withdrawn} withdrawn questions skipped) in {self.out_dir}: "
            f"{self.fetched_whole} whole texts fetched, {self.already_stored} already stored, "
            f"{self.whole_in_list} whole in the list; {self.requests_total} requests "
            f"in {self.seconds:.1f} s"
        )


# --------------------------------------------------------------------------------------------
# answering bodies


@dataclass(frozen=True)
class AnsweringBody:
    """An answering body (department) as the API names it, with common short names."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()


def bundled_answering_bodies() -> list[AnsweringBody]:
    """The offline reference list shipped with the package (``analysis/data``)."""
    text = resources.files("analysis").joinpath("data/answering_bodies.csv").read_text("utf-8")
    return [
        AnsweringBody(
            int(row["id"]),
            row["name"].strip(),
            tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
        )
        for row in csv.DictReader(io.StringIO(text))
    ]


def _normalise(name: str) -> str:
    text = name.casefold().replace("&", " and ")
    text = re.sub(r"[^0-9a-z ]+", " ", text)
    return " ".join(text.split())


def _bodies_from_members_api(data: Any) -> list[AnsweringBody]:
    """Bodies from the Members API reference list (items bare or wrapped in ``value``)."""
    bodies: list[AnsweringBody] = []
    for item in data if isinstance(data, list) else []:
        value = item.get("value", item) if isinstance(item, dict) else None
        if isinstance(value, dict) and isinstance(value.get("id"), int) and value.get("name"):
            short = value.get("shortName")
            aliases = (str(short),) if short and short != value["name"] else ()
            bodies.append(AnsweringBody(value["id"], str(value["name"]), aliases))
    return bodies


def _match_department(text: str, bodies: Sequence[AnsweringBody]) -> int | None:
    """The id ``text`` names, None when nothing matches; raises when it names several."""
    key = _normalise(text)
    exact = {b.id for b in bodies if key in {_normalise(n) for n in (b.name, *b.aliases)}}
    if len(exact) == 1:
        return exact.pop()
    candidates = exact or (
        {b.id for b in bodies if key in _normalise(b.name)} if len(key) >= 3 else set()
    )
    if len(candidates) == 1:
        return candidates.pop()
    if candidates:
        names = {b.id: b.name for b in bodies}
        shown = "; ".join(f"{names[i]} ({i})" for i in sorted(candidates))
        raise BadArguments(
            f"department {text!r} matches several answering bodies: {shown}; "
            "give the full name or the id"
        )
    return None


def _unknown_department(text: str, bodies: Sequence[AnsweringBody], note: str) -> FetchError:
    by_key: dict[str, AnsweringBody] = {}
    for body in bodies:
        for name in (body.name, *body.aliases):
            by_key.setdefault(_normalise(name), body)
    close = difflib.get_close_matches(_normalise(text), list(by_key), n=3, cutoff=0.6)
    seen: dict[int, str] = {by_key[k].id: by_key[k].name for k in close}
    hint = (
        "did you mean " + " or ".join(f"{name} ({i})" for i, name in seen.items()) + "?"
        if seen
        else "give a department's name as the API spells it (e.g. 'Home Office'), a short "
        "name (e.g. 'DHSC') or its answering-body id"
    )
    return UnknownDepartment(f"unknown department {text!r}: {hint}{note}")


def resolve_departments(
    values: Iterable[str | int],
    *,
    known: Sequence[AnsweringBody] = (),
    lookup_online: Callable[[], list[AnsweringBody]] | None = None,
) -> tuple[int, ...]:
    """Answering-body ids for names or ids, in order, without repeats.

    Names match case-insensitively, as a full name, a short name (``DHSC``) or a part of exactly
    one name (``health``). ``known`` is the offline list (bundled, cached, seen in stored pages);
    ``lookup_online`` is called at most once, only when a name is not in it.
    """
    bodies = list(known)
    online_tried = False
    online_note = ""
    ids: list[int] = []
    for raw in values:
        text = str(raw).strip()
        if not text:
            raise BadArguments("--department is empty")
        if text.isdigit():
            found: int | None = int(text)
        else:
            found = _match_department(text, bodies)
            if found is None and lookup_online is not None and not online_tried:
                online_tried = True
                try:
                    bodies.extend(lookup_online())
                except ApiError as error:
                    online_note = f" (the Members API list could not be read: {error})"
                found = _match_department(text, bodies)
        if found is None:
            raise _unknown_department(text, bodies, online_note)
        if found not in ids:
            ids.append(found)
    return tuple(ids)


# --------------------------------------------------------------------------------------------
# versions and names


def _compact_date(value: Any) -> str:
    return str(value)[:10].replace("-", "") if value else ""


def needs_whole_text(value: dict[str, Any]) -> bool:
    """True when a list record's question or answer may be clipped (255 characters or more)."""
    question = value.get("questionText") or ""
    answer = value.get("answerText") or ""
    return len(question) >= LIST_CLIP_LENGTH or len(answer) >= LIST_CLIP_LENGTH


def version_stamp(value: dict[str, Any]) -> str:
    """A name for this version of a question's answer, the same from a list or a whole record.

    Dates and flags say what changed; the hash also covers the first 255 characters of both
    texts, the part a list record and a whole record share.
    """
    parts = [f"a{_compact_date(value.get('dateAnswered')) or 'none'}"]
    if value.get("dateAnswerCorrected"):
        parts.append(f"c{_compact_date(value['dateAnswerCorrected'])}")
    if value.get("answerIsHolding"):
        parts.append("h")
    if value.get("isWithdrawn"):
        parts.append("w")
    basis = [
        value.get(key)
        for key in (
            "dateAnswered",
            "dateAnswerCorrected",
            "dateHoldingAnswer",
            "answerIsHolding",
            "answerIsCorrection",
            "isWithdrawn",
        )
    ]
    basis += [(value.get(key) or "")[:LIST_CLIP_LENGTH] for key in ("questionText", "answerText")]
    digest = hashlib.sha256(json.dumps(basis, sort_keys=True).encode("utf-8")).hexdigest()
    parts.append(digest[:8])
    return "-".join(parts)


def query_key(api_url: str, query: Query) -> str:
    """Ten hex digits naming a query (API address and filters; not paging, not corrections)."""
    base = replace(query, corrected_from=None, corrected_to=None)
    text = json.dumps([api_url.rstrip("/"), base.params()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _new_run_id(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H%M%S.%fZ")


# --------------------------------------------------------------------------------------------
# the output folder


class Store:
    """The output folder: atomic writes, what is already stored, the journal and the lock."""

    def __init__(self, root: Path, run_id: str, *, fsync: bool = True) -> None:
        self.root = root
        self.run_id = run_id
        self.fsync = fsync
        self.state = root / STATE_DIR
        self.page_hashes: dict[str, set[str]] = {}
        self.list_files: dict[str, list[Path]] = {}
        self.question_stamps: dict[int, set[str]] = {}
        self.question_files: dict[int, list[Path]] = {}
        self._lock: TextIO | None = None
        self._journal: TextIO | None = None

    # opening and closing

    def open(self) -> None:
        try:
            self.state.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.state / "lock", "a+", encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise FetchError(f"cannot write to {self.root}: {error.strerror or error}") from error
        _lock_or_fail(self._lock, self.root)
        self._remove_temporaries()
        self._scan()
        path = self.state / JOURNAL_NAME
        # A kill can leave a half-written last line: start on a fresh line so it stays alone.
        if path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\n")
        self._journal = open(path, "a", encoding="utf-8")  # noqa: SIM115

    def close(self) -> None:
        for handle in (self._journal, self._lock):
            if handle is not None:
                handle.close()
        self._journal = self._lock = None

    def __enter__(self) -> Store:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_temporaries(self) -> None:
        # Safe: the lock says no other fetch is writing here, so any temporary is from a run
        # that was killed before its rename.
        for folder in ("lists", "questions", STATE_DIR, "."):
            base = self.root / folder
            if not base.is_dir():
                continue
            for path in base.rglob(".*.part"):
                if _TEMP_FILE.match(path.name):
                    path.unlink(missing_ok=True)

    def _scan(self) -> None:
        for path in sorted((self.root / "lists").glob("*/*.json")):
            match = _LIST_FILE.match(path.name)
            if match:
                self.page_hashes.setdefault(match["qkey"], set()).add(match["sha"])
                self.list_files.setdefault(match["qkey"], []).append(path)
        for path in sorted((self.root / "questions").glob("*/*.json")):
            match = _QUESTION_FILE.match(path.name)
            if match:
                qid = int(match["id"])
                self.question_stamps.setdefault(qid, set()).add(match["stamp"])
                self.question_files.setdefault(qid, []).append(path)

    # writing

    def journal(self, entry: dict[str, Any]) -> None:
        assert self._journal is not None, "Store is not open"
        self._journal.write(json.dumps(entry, sort_keys=True) + "\n")
        self._journal.flush()
        if self.fsync:
            os.fsync(self._journal.fileno())

    def save(
        self, relative: Path, response: ApiResponse, kind: str, ids: list[int], **extra: Any
    ) -> Path:
        """Write a response as received, once: temp name, fsync, journal, rename."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(temp, "wb") as handle:
            handle.write(response.body)
            handle.flush()
            if self.fsync:
                os.fsync(handle.fileno())
        self.journal(
            {
                "event": "file",
                "run": self.run_id,
                "path": relative.as_posix(),
                "url": response.url,
                "fetched": response.fetched_at.isoformat(timespec="seconds"),
                "sha256": hashlib.sha256(response.body).hexdigest(),
                "bytes": len(response.body),
                "kind": kind,
                "records": len(ids),
                "ids": ids,
                **extra,
            }
        )
        os.replace(temp, path)
        if self.fsync:
            _fsync_folder(path.parent)
        return path

    def write_json(self, path: Path, data: Any) -> None:
        """Replace a bookkeeping file (manifest, cache) atomically."""
        temp = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            if self.fsync:
                os.fsync(handle.fileno())
        os.replace(temp, path)

    # reading back

    def read_journal(self) -> list[dict[str, Any]]:
        path = self.state / JOURNAL_NAME
        if not path.exists():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict):
                    entries.append(entry)
        return entries

    def last_complete_run(self, qkey: str) -> datetime | None:
        """When the last complete run of this query started, or None."""
        started: dict[str, str] = {}
        last: datetime | None = None
        for entry in self.read_journal():
            if entry.get("event") == "run-start" and entry.get("qkey") == qkey:
                started[entry["run"]] = entry["time"]
            elif (
                entry.get("event") == "run-end"
                and entry.get("status") == "complete"
                and entry.get("run") in started
            ):
                last = datetime.fromisoformat(started[entry["run"]])
        return last

    def stored_records(self, paths: Iterable[Path]) -> dict[int, dict[str, Any]]:
        """The question records in stored files, later files overriding earlier ones."""
        records: dict[int, dict[str, Any]] = {}
        for path in paths:
            try:
                data = json.loads(path.read_bytes())
            except (OSError, ValueError):
                continue
            items = data.get("results", []) if isinstance(data, dict) else []
            if isinstance(data, dict) and isinstance(data.get("value"), dict):
                items = [data]
            for item in items:
                value = item.get("value") if isinstance(item, dict) else None
                if isinstance(value, dict) and isinstance(value.get("id"), int):
                    records[value["id"]] = value
        return records

    def bodies_seen(self) -> list[AnsweringBody]:
        """Answering bodies named in stored list pages and the cached Members API list."""
        seen: dict[int, str] = {}
        for path in sorted((self.root / "lists").glob("*/*.json")):
            for value in self.stored_records([path]).values():
                body_id, name = value.get("answeringBodyId"), value.get("answeringBodyName")
                if isinstance(body_id, int) and name:
                    seen[body_id] = str(name)
        bodies = [AnsweringBody(i, n) for i, n in seen.items()]
        cache = self.state / BODIES_CACHE_NAME
        if cache.exists():
            with contextlib.suppress(OSError, ValueError):
                bodies += _bodies_from_members_api(json.loads(cache.read_bytes()))
        return bodies


def _lock_or_fail(handle: TextIO, root: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one fetch per folder is then on the user.
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        raise FetchError(
            f"another fetch is writing to {root}; wait for it to finish or stop it first"
        ) from error


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on power loss; not possible on every platform.
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# --------------------------------------------------------------------------------------------
# the manifest


def build_manifest(store: Store, api_url: str) -> dict[str, Any]:
    """The manifest from the journal: every run, and every response file still on disk."""
    runs: dict[str, dict[str, Any]] = {}
    files: list[dict[str, Any]] = []
    ids: set[int] = set()
    for entry in store.read_journal():
        event = entry.get("event")
        if event == "run-start":
            runs[entry["run"]] = {
                "run": entry["run"],
                "started": entry["time"],
                "finished": None,
                "status": "interrupted",
                "query": entry.get("query"),
                "source_url": entry.get("source_url"),
            }
        elif event == "run-end" and entry.get("run") in runs:
            runs[entry["run"]].update(
                finished=entry.get("time"),
                status=entry.get("status"),
                reason=entry.get("reason"),
                records=entry.get("records"),
                requests=entry.get("requests"),
            )
        elif event == "file" and (store.root / entry.get("path", "")).is_file():
            files.append({k: v for k, v in entry.items() if k not in ("event", "ids")})
            ids.update(int(i) for i in entry.get("ids", []))
    unique_files = {f["path"]: f for f in files}
    return {
        "manifest": "answer-language fetch",
        "version": 1,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": {
            "name": "UK Parliament Written Questions API",
            "api_url": api_url,
            "endpoints": [QUESTIONS_PATH, QUESTIONS_PATH + "/{id}"],
        },
        "licence": {"name": LICENCE, "url": LICENCE_URL, "attribution": ATTRIBUTION},
        "layout": "see the docstring of analysis/sources/fetch.py and docs/fetching.md",
        "totals": {
            "files": len(unique_files),
            "list_pages": sum(f["kind"] in ("list", "corrections") for f in unique_files.values()),
            "question_files": sum(f["kind"] == "question" for f in unique_files.values()),
            "questions": len(ids),
        },
        "runs": list(runs.values()),
        "files": sorted(unique_files.values(), key=lambda f: f["path"]),
    }


# --------------------------------------------------------------------------------------------
# the fetch


def _as_date(value: date | str | None, flag: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise BadArguments(f"{flag}: {value!r} is not a date in YYYY-MM-DD form") from None


def _check_window(start: date | None, end: date | None, name: str) -> None:
    if start and end and start > end:
        raise BadArguments(f"--{name}-from {start} is after --{name}-to {end}")


def _house(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    for house in HOUSES:
        if str(value).strip().casefold() == house.casefold():
            return house
    raise BadArguments(f"--house: {value!r} is not one of {', '.join(HOUSES)}")


def _progress(enabled: bool, total: int | None, description: str) -> Any:
    """A tqdm bar on stderr, or a silent stand-in when output is not a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit="q", disable=not enabled, leave=False)


@dataclass
class _Listing:
    records: dict[int, dict[str, Any]]
    total: int


def fetch_answers(
    out_dir: str | Path,
    answered_from: date | str,
    answered_to: date | str,
    *,
    tabled_from: date | str | None = None,
    tabled_to: date | str | None = None,
    departments: Iterable[str | int] = (),
    search: str | None = None,
    house: str | None = None,
    api_url: str = LIVE_API_URL,
    members_api_url: str | None = None,
    settings: ClientSettings | None = None,
    take: int = DEFAULT_TAKE,
    progress: bool | None = None,
    fsync: bool = True,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """Download every answer matching the filters, whole, into ``out_dir``; see the module doc.

    ``members_api_url`` is where department names are looked up when the offline list does not
    know them: by default the live Members API for the live API, else ``api_url`` itself (a local
    mirror or test server serves both). ``progress`` None shows a bar only on a terminal.
    Raises :class:`BadArguments` or :class:`FetchError` (the server kept failing); problems that
    leave some answers clipped are in ``result.problems`` (``result.complete`` is then False).
    """
    started = time.monotonic()
    query = Query(
        answered_from=_as_date(answered_from, "--answered-from"),
        answered_to=_as_date(answered_to, "--answered-to"),
        tabled_from=_as_date(tabled_from, "--tabled-from"),
        tabled_to=_as_date(tabled_to, "--tabled-to"),
        search=(search or "").strip() or None,
        house=_house(house),
    )
    _check_window(query.answered_from, query.answered_to, "answered")
    _check_window(query.tabled_from, query.tabled_to, "tabled")
    if take < 1:
        raise BadArguments(f"page size must be at least 1, not {take}")
    if members_api_url is None:
        members_api_url = LIVE_MEMBERS_API_URL if api_url.rstrip("/") == LIVE_API_URL else api_url
    show = sys.stderr.isatty() if progress is None else progress
    now = datetime.now(UTC)
    root = Path(out_dir)
    store = Store(root, _new_run_id(now), fsync=fsync)
    result = FetchResult(root, store.run_id, root / MANIFEST_NAME)
    with (
        store,
        WrittenQuestionsClient(api_url, settings, transport=transport, sleep=sleep) as client,
    ):
        departments = list(departments)
        if departments:
            lookup = _online_bodies(client, store, members_api_url, transport, sleep)
            known = [*bundled_answering_bodies(), *store.bodies_seen()]
            ids = resolve_departments(departments, known=known, lookup_online=lookup)
            query = replace(query, departments=ids)
        status, reason = "failed", None
        try:
            _run(client, store, query, api_url, take, show, now, result)
            status = "complete" if result.complete else "incomplete"
            reason = "; ".join(result.problems) or None
        except ApiError as error:
            reason = str(error)
            raise FetchError(
                f"{error}; nothing stored is lost: run the same command again"
            ) from None
        except KeyboardInterrupt:
            status, reason = "interrupted", "interrupted by the user"
            raise
        finally:
            result.requests = client.counts.as_dict()
            result.seconds = time.monotonic() - started
            store.journal(
                {
                    "event": "run-end",
                    "run": store.run_id,
                    "time": datetime.now(UTC).isoformat(timespec="seconds"),
                    "status": status,
                    "reason": reason,
                    "records": _record_counts(result),
                    "requests": result.requests,
                }
            )
            store.write_json(root / MANIFEST_NAME, build_manifest(store, api_url))
    return result


def _record_counts(result: FetchResult) -> dict[str, int]:
    names = (
        "listed total_results answers withdrawn unanswered holding corrected whole_in_list "
        "already_stored fetched_whole rechecked pages_written pages_unchanged files_written"
    ).split()
    return {name: getattr(result, name) for name in names}


def _online_bodies(
    client: WrittenQuestionsClient,
    store: Store,
    members_api_url: str,
    transport: httpx.BaseTransport | None,
    sleep: Callable[[float], None],
) -> Callable[[], list[AnsweringBody]]:
    """The Members API lookup, cached in the folder. Two tries only: a name that is not in the
    offline list is more often misspelt than new, and the user should not wait a minute to
    hear so when the Members API is out of reach."""

    def lookup() -> list[AnsweringBody]:
        quick = WrittenQuestionsClient(
            members_api_url,
            replace(client.settings, attempts=min(client.settings.attempts, 2)),
            transport=transport,
            sleep=sleep,
        )
        with quick:
            try:
                response = quick.answering_bodies(members_api_url)
            finally:
                client.counts.sent.update(quick.counts.sent)
                client.counts.succeeded.update(quick.counts.succeeded)
        store.write_json(store.state / BODIES_CACHE_NAME, response.data)
        return _bodies_from_members_api(response.data)

    return lookup


def _run(
    client: WrittenQuestionsClient,
    store: Store,
    query: Query,
    api_url: str,
    take: int,
    show: bool,
    now: datetime,
    result: FetchResult,
) -> None:
    qkey = query_key(api_url, query)
    previous = store.last_complete_run(qkey)
    earlier_lists = list(store.list_files.get(qkey, []))
    store.journal(
        {
            "event": "run-start",
            "run": store.run_id,
            "time": now.isoformat(timespec="seconds"),
            "qkey": qkey,
            "query": _query_record(query, api_url),
            "source_url": str(
                httpx.URL(api_url.rstrip("/") + QUESTIONS_PATH, params=query.params())
            ),
        }
    )

    listing = _list_all(client, store, query, qkey, "list", take, show, result)
    records = listing.records
    result.total_results = listing.total
    if previous is not None:
        # Belt and braces: corrections also show in the listing (dateAnswerCorrected), but ask
        # the API directly which answers of this query were corrected since the last run.
        corrections = replace(
            query,
            corrected_from=(previous - timedelta(days=1)).date(),
            corrected_to=now.date(),
        )
        records.update(
            _list_all(client, store, corrections, qkey, "corrections", take, show, result).records
        )
    result.listed = len(records)

    todo: list[tuple[int, str | None]] = []
    for qid, value in records.items():
        if value.get("isWithdrawn"):
            result.withdrawn += 1
            continue
        if not (value.get("answerText") or "").strip():
            result.unanswered += 1
            continue
        result.answers += 1
        result.holding += bool(value.get("answerIsHolding"))
        result.corrected += bool(
            value.get("answerIsCorrection") or value.get("dateAnswerCorrected")
        )
        stamp = version_stamp(value)
        if stamp in store.question_stamps.get(qid, set()):
            result.already_stored += 1
        elif needs_whole_text(value) or qid in store.question_stamps:
            todo.append((qid, stamp))
        else:
            result.whole_in_list += 1

    # A holding answer leaves an answered-date window when its substantive answer is given (the
    # answer date moves): fetch such questions again rather than keep the holding text.
    if earlier_lists:
        for qid, value in store.stored_records(earlier_lists).items():
            if qid in records:
                continue
            latest = store.stored_records(store.question_files.get(qid, [])[-1:]).get(qid, value)
            if latest.get("answerIsHolding") and not latest.get("isWithdrawn"):
                todo.append((qid, None))

    _fetch_whole(client, store, todo, show, result)
    if result.listed < result.total_results:
        result.problems.append(
            f"the API said {result.total_results} questions match but listed "
            f"{result.listed} (records moved while paging); run the same command again"
        )


def _query_record(query: Query, api_url: str) -> dict[str, Any]:
    return {
        "api_url": api_url,
        "answered_from": query.answered_from and query.answered_from.isoformat(),
        "answered_to": query.answered_to and query.answered_to.isoformat(),
        "tabled_from": query.tabled_from and query.tabled_from.isoformat(),
        "tabled_to": query.tabled_to and query.tabled_to.isoformat(),
        "departments": list(query.departments),
        "search": query.search,
        "house": query.house,
        "params": [list(pair) for pair in query.params()],
    }


def _list_all(
    client: WrittenQuestionsClient,
    store: Store,
    query: Query,
    qkey: str,
    kind: str,
    take: int,
    show: bool,
    result: FetchResult,
) -> _Listing:
    """Every page of a query. Advances by the records received, stops at totalResults."""
    records: dict[int, dict[str, Any]] = {}
    skip, total = 0, None
    with _progress(show, None, "listing" if kind == "list" else "corrections") as bar:
        while total is None or skip < total:
            response = client.list_page(query, skip=skip, take=take, kind=kind)
            total = int(response.data["totalResults"])
            page = [item["value"] for item in response.data["results"]]
            _save_page(store, response, kind, qkey, skip, page, result)
            bar.total = total
            bar.update(len(page))
            if not page:
                if skip < total:
                    result.problems.append(
                        f"the API returned an empty page at record {skip} of {total}; "
                        "run the same command again"
                    )
                break
            for value in page:
                records[value["id"]] = value
            skip += len(page)
    return _Listing(records, total or 0)


def _save_page(
    store: Store,
    response: ApiResponse,
    kind: str,
    qkey: str,
    skip: int,
    page: list[dict[str, Any]],
    result: FetchResult,
) -> None:
    sha = hashlib.sha256(response.body).hexdigest()[:12]
    known = store.page_hashes.setdefault(qkey, set())
    if sha in known:
        result.pages_unchanged += 1
        return
    name = f"{kind}-{qkey}-skip{skip:06d}-{sha}.json"
    path = store.save(
        Path("lists", store.run_id, name), response, kind, [v["id"] for v in page], skip=skip
    )
    known.add(sha)
    store.list_files.setdefault(qkey, []).append(path)
    result.pages_written += 1
    result.files_written += 1


def _fetch_whole(
    client: WrittenQuestionsClient,
    store: Store,
    todo: list[tuple[int, str | None]],
    show: bool,
    result: FetchResult,
) -> None:
    """Fetch each question whole; a stamp of None is a re-check (store only if it changed)."""
    missing: list[int] = []
    with _progress(show, len(todo), "whole texts") as bar:
        for qid, listed_stamp in todo:
            try:
                response = client.question(qid)
            except NotFound:
                missing.append(qid)
                continue
            finally:
                bar.update(1)
            value = response.data["value"]
            stamp = listed_stamp or version_stamp(value)
            if listed_stamp is None:
                result.rechecked += 1
            stamps = store.question_stamps.setdefault(qid, set())
            if stamp in stamps:
                continue
            path = store.save(
                Path("questions", store.run_id, f"{qid}-{stamp}.json"),
                response,
                "question",
                [qid],
                stamp=stamp,
            )
            stamps.add(stamp)
            store.question_files.setdefault(qid, []).append(path)
            result.fetched_whole += listed_stamp is not None
            result.files_written += 1
    if missing:
        shown = ", ".join(map(str, missing[:5])) + (" ..." if len(missing) > 5 else "")
        result.problems.append(
            f"{len(missing)} question(s) listed but not found whole (HTTP 404): ids {shown}"
        )


# --------------------------------------------------------------------------------------------
# command line


def _default_out() -> Path:
    """``data/raw`` under the project root (``analysis.paths``), where ``make report`` looks."""
    from analysis import paths

    return paths.RAW


def register(subparsers: Any) -> None:
    """Add the ``fetch`` sub-command and its flags to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "fetch",
        help="download written answers, whole, from the UK Parliament Written Questions API",
        description=(
            "Download every answer given in a window (and matching the filters) from the UK "
            "Parliament Written Questions API, whole, into a folder that load_answers reads. "
            "Re-running the same command resumes and fetches only what changed. "
            f"Data: {ATTRIBUTION}"
        ),
    )
    parser.add_argument("--answered-from", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--answered-to", required=True, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="default: data/raw in the project"
    )
    parser.add_argument("--tabled-from", metavar="YYYY-MM-DD")
    parser.add_argument("--tabled-to", metavar="YYYY-MM-DD")
    parser.add_argument(
        "--department",
        action="append",
        default=[],
        metavar="NAME_OR_ID",
        help="answering body by name ('Home Office', 'DHSC') or id; repeat for several",
    )
    parser.add_argument("--search", metavar="TERM", help="the API's searchTerm")
    parser.add_argument("--house", metavar="Commons|Lords")
    parser.add_argument("--api-url", default=LIVE_API_URL, metavar="URL")
    tuning = parser.add_argument_group("politeness and patience")
    defaults = ClientSettings()
    tuning.add_argument("--page-size", type=int, default=DEFAULT_TAKE, metavar="N")
    tuning.add_argument(
        "--rate",
        type=float,
        default=1 / defaults.min_interval,
        metavar="PER_SECOND",
        help="most requests a second (0: no limit)",
    )
    tuning.add_argument(
        "--timeout", type=float, default=defaults.timeout, metavar="SECONDS", help="per request"
    )
    tuning.add_argument(
        "--retries", type=int, default=defaults.attempts - 1, metavar="N", help="per request"
    )
    tuning.add_argument(
        "--backoff",
        type=float,
        default=defaults.backoff,
        metavar="SECONDS",
        help="first wait before a retry; doubles each time",
    )
    parser.set_defaults(handler=run)


def _settings_from_args(args: argparse.Namespace) -> ClientSettings:
    for name in ("rate", "timeout", "backoff"):
        if getattr(args, name) < 0:
            raise BadArguments(f"--{name} cannot be negative")
    if args.retries < 0:
        raise BadArguments("--retries cannot be negative")
    if args.timeout == 0:
        raise BadArguments("--timeout must be more than 0")
    return ClientSettings(
        timeout=args.timeout,
        total_timeout=max(args.timeout * 4, args.timeout + 1),
        attempts=args.retries + 1,
        backoff=args.backoff,
        max_backoff=max(60.0, args.backoff),
        min_interval=1 / args.rate if args.rate > 0 else 0.0,
    )


def _say(message: object) -> None:
    print(f"answer-language fetch: error: {' '.join(str(message).split())}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run ``fetch`` for parsed arguments; returns the exit code, errors as one line on stderr."""
    try:
        result = fetch_answers(
            args.out if args.out is not None else _default_out(),
            args.answered_from,
            args.answered_to,
            tabled_from=args.tabled_from,
            tabled_to=args.tabled_to,
            departments=args.department,
            search=args.search,
            house=args.house,
            api_url=args.api_url,
            settings=_settings_from_args(args),
            take=args.page_size,
        )
    except BadArguments as error:
        _say(error)
        return 2
    except FetchError as error:
        _say(error)
        return 1
    except OSError as error:
        _say(f"{error.filename or 'output folder'}: {error.strerror or error}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted; run the same command again to resume (nothing stored is lost)")
        return 130
    print(result.summary())
    for problem in result.problems:
        _say(problem)
    return 0 if result.complete else 1


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.sources.fetch [fetch] --answered-from ...`` until the main CLI wires it
    in."""
    parser = argparse.ArgumentParser(prog="answer-language")
    register(parser.add_subparsers(dest="command", required=True))
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] != "fetch":
        arguments.insert(0, "fetch")
    return run(parser.parse_args(arguments))


if __name__ == "__main__":
    sys.exit(main())
