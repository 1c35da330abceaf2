"""The slice a report is built on: a topic, a department and a window of answer dates.

``answer-language report --topic TERM --department NAME_OR_ID --from DATE --to DATE`` (and
``make report TOPIC=... DEPARTMENT=... FROM=... TO=...``) build a :class:`ReportSlice`; each
report notebook receives the parts it declares in its ``parameters`` cell (``topic``,
``department``, ``date_from``, ``date_to``), and the index and each report's header say which
built them. A department is resolved to the name the answers carry before anything runs, so an
unknown one stops the build with one line naming the closest known names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date

from analysis.sources.departments import (
    AnsweringBody,
    bundled_answering_bodies,
    resolve_departments,
)
from analysis.sources.outcomes import BadArguments, UnknownDepartment


class SliceError(ValueError):
    """A slice that cannot be built: the message is the one line shown to the user."""


@dataclass(frozen=True)
class ReportSlice:
    """What a report covers; None everywhere is the whole corpus."""

    topic: str | None = None
    department: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        if self.topic is not None and not self.topic.strip():
            raise SliceError("--topic is empty")
        for flag, value in (("--from", self.date_from), ("--to", self.date_to)):
            if value is not None:
                _check_date(flag, value)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SliceError(f"--from {self.date_from} is after --to {self.date_to}")

    def given(self) -> dict[str, str]:
        """The parts that were given, by notebook parameter name."""
        # The field names are the notebooks' parameter names.
        return {name: value for name, value in asdict(self).items() if value is not None}

    def for_notebook(self, declared: Iterable[str]) -> dict[str, str]:
        """The given parts a notebook declares: each reaches every notebook that has it."""
        names = set(declared)
        return {name: value for name, value in self.given().items() if name in names}

    def with_department(self, corpus_departments: Iterable[str]) -> ReportSlice:
        """This slice with its department as the answers name it (see :func:`department_name`)."""
        if self.department is None:
            return self
        return replace(self, department=department_name(self.department, corpus_departments))


def describe(parameters: dict[str, object]) -> str:
    """One sentence naming the slice parameters, empty when there are none."""
    parts = []
    if parameters.get("topic"):
        parts.append(f"topic '{parameters['topic']}'")
    if parameters.get("department"):
        parts.append(f"department {parameters['department']}")
    if parameters.get("date_from") and parameters.get("date_to"):
        parts.append(f"answered {parameters['date_from']} to {parameters['date_to']}")
    elif parameters.get("date_from"):
        parts.append(f"answered from {parameters['date_from']}")
    elif parameters.get("date_to"):
        parts.append(f"answered up to {parameters['date_to']}")
    return f"Parameters: {', '.join(parts)}." if parts else ""


def _check_date(flag: str, value: str) -> None:
    try:
        # fromisoformat also takes "20260101"; the flags promise YYYY-MM-DD.
        valid = len(value) == 10 and bool(date.fromisoformat(value))
    except ValueError:
        valid = False
    if not valid:
        raise SliceError(f"{flag} {value!r} is not a date (YYYY-MM-DD)")


def department_name(text: str, corpus_departments: Iterable[str]) -> str:
    """The answering body's name for ``text``: a full or short name, a part of exactly one
    name, or an answering-body id; matched against the bodies the answers name and the bundled
    list of answering bodies. Raises :class:`SliceError` naming the closest names otherwise."""
    bundled = bundled_answering_bodies()
    names_by_id = {body.id: body.name for body in bundled}
    known = list(bundled)
    next_id = -1
    for name in sorted(set(corpus_departments)):
        if name and name not in names_by_id.values():
            known.append(AnsweringBody(next_id, name))  # a body the bundled list lacks
            names_by_id[next_id] = name
            next_id -= 1
    try:
        (found,) = resolve_departments([text], known=known)
    except UnknownDepartment:
        closest = difflib.get_close_matches(
            text.casefold(), [n.casefold() for n in names_by_id.values()], n=3, cutoff=0
        )
        by_folded = {name.casefold(): name for name in names_by_id.values()}
        shown = "; ".join(by_folded[c] for c in closest)
        raise SliceError(f"unknown department {text!r}; closest known names: {shown}") from None
    except BadArguments as error:
        raise SliceError(str(error)) from None
    if found not in names_by_id:
        raise SliceError(f"unknown department id {found}: no answering body has it")
    return names_by_id[found]
