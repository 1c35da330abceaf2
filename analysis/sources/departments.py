"""Department names to answering-body ids, for ``answer-language fetch`` and report slices.

The offline reference list ships with the package (``analysis/data/answering_bodies.csv``); the
Members API list is read (and cached by the fetch) only when a name is not in it.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from analysis.sources.api_client import ApiError
from analysis.sources.outcomes import BadArguments, FetchError, UnknownDepartment

# Shorter texts match too many names by accident ("of", "and"): only a whole name matches them.
MIN_PARTIAL_NAME_LENGTH = 3
# How many close spellings an unknown department's message suggests, and how close they must be
# (difflib's similarity ratio, 0 to 1).
SUGGESTIONS_SHOWN = 3
SUGGESTION_CUTOFF = 0.6


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


def bodies_from_members_api(data: Any) -> list[AnsweringBody]:
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
        {b.id for b in bodies if key in _normalise(b.name)}
        if len(key) >= MIN_PARTIAL_NAME_LENGTH
        else set()
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
    close = difflib.get_close_matches(
        _normalise(text), list(by_key), n=SUGGESTIONS_SHOWN, cutoff=SUGGESTION_CUTOFF
    )
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
