"""Names in the fetch's output folder: version stamps, query keys, run ids and file names.

A name says what a file holds (which query, which page bytes, which version of an answer), so a
re-run can tell what is already stored from the folder alone. The layout is described in
:mod:`analysis.sources.fetch`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from analysis.sources.api_client import Query
from analysis.sources.api_json import LIST_CLIP_LENGTH

# Hex digits kept of each SHA-256: enough that two queries, two pages of one query or two
# versions of one answer never share a name, short enough to read in a file listing.
QUERY_KEY_LENGTH = 10
PAGE_SHA_LENGTH = 12
STAMP_HASH_LENGTH = 8
# The skip of a list page is zero-padded so pages sort in order up to a million records.
SKIP_DIGITS = 6
# "YYYY-MM-DD": the date part of the API's timestamps.
ISO_DATE_LENGTH = 10

LIST_FILE = re.compile(
    rf"^(?P<kind>list|corrections)-(?P<qkey>[0-9a-f]{{{QUERY_KEY_LENGTH}}})"
    rf"-skip(?P<skip>\d{{{SKIP_DIGITS},}})-(?P<sha>[0-9a-f]{{{PAGE_SHA_LENGTH}}})\.json$"
)
QUESTION_FILE = re.compile(r"^(?P<id>\d+)-(?P<stamp>a[0-9a-z-]+)\.json$")


def _compact_date(value: Any) -> str:
    return str(value)[:ISO_DATE_LENGTH].replace("-", "") if value else ""


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
    parts.append(digest[:STAMP_HASH_LENGTH])
    return "-".join(parts)


def query_key(api_url: str, query: Query) -> str:
    """Ten hex digits naming a query (API address and filters; not paging, not corrections)."""
    base = replace(query, corrected_from=None, corrected_to=None)
    text = json.dumps([api_url.rstrip("/"), base.params()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:QUERY_KEY_LENGTH]


def page_sha(body: bytes) -> str:
    """The start of a list page's SHA-256: the same bytes for a query are stored once."""
    return hashlib.sha256(body).hexdigest()[:PAGE_SHA_LENGTH]


def list_file_name(kind: str, qkey: str, skip: int, sha: str) -> str:
    """``list-<query>-skip<NNNNNN>-<sha>.json`` (or ``corrections-...``): see :data:`LIST_FILE`."""
    return f"{kind}-{qkey}-skip{skip:0{SKIP_DIGITS}d}-{sha}.json"


def question_file_name(qid: int, stamp: str) -> str:
    """``<id>-<stamp>.json``: see :data:`QUESTION_FILE`."""
    return f"{qid}-{stamp}.json"


def new_run_id(now: datetime) -> str:
    """The run's start time in UTC, to the microsecond: run folders sort in time order."""
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H%M%S.%fZ")
