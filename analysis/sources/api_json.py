"""UK Parliament Written Questions API JSON: list pages, single questions, bare lists.

Shapes read (https://questions-statements-api.parliament.uk, ``/api/writtenquestions``):

* a list page ``{"totalResults": n, "results": [{"value": {...}, "links": [...]}, ...]}``;
* a single-question response ``{"value": {...}, "links": [...]}``;
* a bare list of either, or of bare question objects.

The list endpoint clips ``answerText`` at 255 characters plus "..." (and ``questionText`` at 255).
A record from a single-question response is whole; :func:`parse_api_json` says which kind each
record came from so the loader can prefer the whole text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The list endpoint's clipping, as documented on the API and seen in its pages.
LIST_CLIP_LENGTH = 255


class NotApiJson(ValueError):
    """The JSON is not one of the Written Questions API shapes."""


@dataclass(frozen=True)
class ApiRecord:
    """One question object from the API, where it stood and whether its text may be clipped."""

    value: dict[str, Any]
    position: str  # e.g. "results[12]" for a warning that names the record
    from_list_page: bool


def _is_question(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and "id" in value
        and ("answerText" in value or "questionText" in value)
    )


def iter_api_records(data: Any) -> Iterator[ApiRecord | tuple[str, str]]:
    """Yield each question record, or ``(position, reason)`` for an entry that is not one.

    Raises :class:`NotApiJson` when the document as a whole has none of the API's shapes.
    """
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        for index, item in enumerate(data["results"]):
            yield from _entry(item, f"results[{index}]", from_list_page=True)
    elif isinstance(data, dict) and "value" in data:
        yield from _entry(data, "value", from_list_page=False)
    elif _is_question(data):
        yield ApiRecord(data, "root", from_list_page=False)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict) and isinstance(item.get("results"), list):
                for inner_index, inner in enumerate(item["results"]):
                    yield from _entry(
                        inner, f"[{index}].results[{inner_index}]", from_list_page=True
                    )
            else:
                # A bare list is what a user saves from several responses: treat its records
                # as possibly clipped only if they say so by their length (see is_clipped).
                yield from _entry(item, f"[{index}]", from_list_page=False)
    else:
        raise NotApiJson(
            "not Written Questions API JSON (expected a list page with 'results', "
            "a single question with 'value', or a list of them)"
        )


def _entry(item: Any, position: str, from_list_page: bool) -> Iterator[ApiRecord | tuple[str, str]]:
    value = item.get("value") if isinstance(item, dict) and "value" in item else item
    if _is_question(value):
        yield ApiRecord(value, position, from_list_page)
    else:
        yield (position, "not a written question record (no 'id' and question or answer text)")


def is_clipped(text: str | None) -> bool:
    """True when ``text`` looks cut by the list endpoint: 255 characters then '...'."""
    if not text:
        return False
    return (
        text.endswith("...") and len(text) <= LIST_CLIP_LENGTH + 3 and len(text) >= LIST_CLIP_LENGTH
    )


def member_name(member: Any) -> str | None:
    """The name from an expanded member object (``expandMember=true``), else None."""
    if isinstance(member, dict):
        for key in ("name", "nameDisplayAs", "listAs", "nameFullTitle"):
            if member.get(key):
                return str(member[key])
    if isinstance(member, str) and member.strip():
        return member.strip()
    return None
