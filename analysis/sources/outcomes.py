"""How ``answer-language fetch`` ends: the errors it raises and the :class:`FetchResult` of a run.

Kept apart so department resolution, the output folder store and the orchestration can all raise
the same errors without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
