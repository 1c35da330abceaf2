"""The text of a written-question web page, as scraped (the seed answer's format).

The page reads, top to bottom: the heading; "(asked on 15th September 2025) - View Source";
"Question to the <department>:"; the question; "Answered by"; "<name> Portrait"; the name; the
role; "This question was answered on 13th October 2025"; the answer paragraphs; and sometimes
stray lines left by the page script. Furniture lines are listed in
``analysis/lexicons/page_furniture.yaml`` and never reach the question or the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from analysis.language.blocks import normalise_plain_text
from analysis.language.lexicon import load_lexicon

_ASKED_RE = re.compile(r"\(asked on (?P<date>\d{1,2}(?:st|nd|rd|th)? \w+ \d{4})\)", re.I)
_QUESTION_TO_RE = re.compile(r"^Question to (?:the )?(?P<department>.+?):\s*$", re.I)
_ANSWERED_ON_RE = re.compile(
    r"^This question was answered on (?P<date>\d{1,2}(?:st|nd|rd|th)? \w+ \d{4})", re.I
)
_ORDINAL_RE = re.compile(r"(\d)(st|nd|rd|th)\b")


class PageParseError(ValueError):
    """The text does not have the layout of a written-question page."""


@dataclass(frozen=True)
class PageAnswer:
    heading: str
    date_tabled: datetime | None
    date_answered: datetime | None
    department: str | None
    question: str
    answering_member: str | None
    answering_member_role: str | None
    answer: str


def parse_page_date(text: str) -> datetime:
    """'15th September 2025' -> datetime(2025, 9, 15)."""
    return datetime.strptime(_ORDINAL_RE.sub(r"\1", text.strip()), "%d %B %Y")


def is_furniture(line: str) -> bool:
    """True for a line of page furniture (lexicon ``page_furniture``)."""
    stripped = line.strip()
    lowered = stripped.lower()
    for entry in load_lexicon("page_furniture"):
        phrase = entry["phrase"].lower()
        match = entry.get("match", "line")
        if (
            (match == "line" and lowered == phrase)
            or (match == "suffix" and lowered.endswith(" " + phrase))
            or (match == "prefix" and lowered.startswith(phrase))
        ):
            return True
    return False


def looks_like_page(text: str) -> bool:
    """Does this text have the markers of a written-question page?"""
    return bool(_QUESTION_TO_RE.search(text) or _ASKED_RE.search(text)) and bool(
        re.search(r"^This question was answered on", text, re.M | re.I)
    )


def _paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs: a blank line ends one; furniture lines are dropped."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if is_furniture(line):
            continue
        paragraphs[-1].append(line.strip())
    return normalise_plain_text("\n\n".join("\n".join(p) for p in paragraphs if p))


def parse_page(text: str) -> PageAnswer:
    """Parse one scraped page into its parts. Raises :class:`PageParseError` if it is not one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        raise PageParseError("empty page")
    answered_at = next(
        (i for i, line in enumerate(lines) if _ANSWERED_ON_RE.match(line.strip())), None
    )
    question_at = next(
        (i for i, line in enumerate(lines) if _QUESTION_TO_RE.match(line.strip())), None
    )
    if answered_at is None:
        raise PageParseError(
            "no 'This question was answered on ...' line: not an answered question page"
        )
    if question_at is None:
        raise PageParseError("no 'Question to the ...:' line")

    heading = lines[nonblank[0]].strip()
    asked = _ASKED_RE.search("\n".join(lines[:question_at]))
    department = _QUESTION_TO_RE.match(lines[question_at].strip()).group("department").strip()

    # The answering block runs from "Answered by" to "This question was answered on".
    answered_by_at = next(
        (i for i in range(question_at, answered_at) if lines[i].strip().lower() == "answered by"),
        answered_at,
    )
    question = _paragraphs(lines[question_at + 1 : answered_by_at])
    member_lines = [
        line.strip()
        for line in lines[answered_by_at + 1 : answered_at]
        if line.strip() and not is_furniture(line)
    ]
    answering_member = member_lines[0] if member_lines else None
    role = " ".join(member_lines[1:]) or None
    answer = _paragraphs(lines[answered_at + 1 :])
    if not answer:
        raise PageParseError("the page has no answer text")
    return PageAnswer(
        heading=heading,
        date_tabled=parse_page_date(asked.group("date")) if asked else None,
        date_answered=parse_page_date(
            _ANSWERED_ON_RE.match(lines[answered_at].strip()).group("date")
        ),
        department=department,
        question=question,
        answering_member=answering_member,
        answering_member_role=role,
        answer=answer,
    )
