"""``answer-language fetch``: every answer of a window, whole, from the Written Questions API.

The list endpoint clips texts at 255 characters, so a fetch is a listing (pages of
``GET /api/writtenquestions/questions``) followed by ``GET /api/writtenquestions/questions/{id}``
for each clipped record. Everything is stored exactly as received; ``load_answers(DIR)`` then
reads the folder and keeps the whole text of each answer. The HTTP client and its defences
(timeouts, retries, rate) are in :mod:`analysis.sources.api_client`.

This module holds the entry point, :func:`fetch_answers`, and the ``answer-language fetch``
sub-command (:func:`register`, :func:`run`) that :mod:`analysis.cli` adds. The rest is beside it:
:mod:`.outcomes` (errors, :class:`FetchResult`), :mod:`.departments` (names to answering-body
ids), :mod:`.versions` (version stamps and file names), :mod:`.store` (the output folder, its
journal, lock and manifest) and :mod:`.download` (listing and fetching whole, for one run).

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
* Every file is written to a hidden temporary name in its own folder (``.<name>.<pid>.tmp``),
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
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from analysis.sources.api_client import (
    HOUSES,
    LIVE_API_URL,
    LIVE_MEMBERS_API_URL,
    ApiError,
    ClientSettings,
    Query,
    WrittenQuestionsClient,
)
from analysis.sources.departments import (
    AnsweringBody,
    bodies_from_members_api,
    bundled_answering_bodies,
    resolve_departments,
)
from analysis.sources.download import download
from analysis.sources.outcomes import BadArguments, FetchError, FetchResult
from analysis.sources.store import (
    ATTRIBUTION,
    BODIES_CACHE_NAME,
    MANIFEST_NAME,
    Store,
    build_manifest,
)
from analysis.sources.versions import new_run_id

DEFAULT_TAKE = 100
# Tries at the Members API list of answering bodies; why so few: see _online_bodies.
MEMBERS_API_ATTEMPTS = 2
# --timeout bounds each wait for bytes; a whole response may take this many times as long, and
# always at least this many seconds more, so a slow but steady server is not cut off.
TOTAL_TIMEOUT_FACTOR = 4
TOTAL_TIMEOUT_MIN_EXTRA_SECONDS = 1
# Exit statuses of the sub-command (documented in docs/fetching.md). 130 is the shell's
# convention for a program stopped by Ctrl-C (128 + SIGINT).
EXIT_COMPLETE = 0
EXIT_FAILED = 1
EXIT_BAD_ARGUMENTS = 2
EXIT_INTERRUPTED = 130


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
    store = Store(root, new_run_id(now), fsync=fsync)
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
            download(client, store, query, api_url, take, show, now, result)
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
            replace(client.settings, attempts=min(client.settings.attempts, MEMBERS_API_ATTEMPTS)),
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
        return bodies_from_members_api(response.data)

    return lookup


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
        total_timeout=max(
            args.timeout * TOTAL_TIMEOUT_FACTOR, args.timeout + TOTAL_TIMEOUT_MIN_EXTRA_SECONDS
        ),
        attempts=args.retries + 1,
        backoff=args.backoff,
        # The default cap on a wait between tries, raised when the first wait is longer.
        max_backoff=max(ClientSettings().max_backoff, args.backoff),
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
        return EXIT_BAD_ARGUMENTS
    except FetchError as error:
        _say(error)
        return EXIT_FAILED
    except OSError as error:
        _say(f"{error.filename or 'output folder'}: {error.strerror or error}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("interrupted; run the same command again to resume (nothing stored is lost)")
        return EXIT_INTERRUPTED
    print(result.summary())
    for problem in result.problems:
        _say(problem)
    return EXIT_COMPLETE if result.complete else EXIT_FAILED
