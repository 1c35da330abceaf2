"""Blocks -> sentences: the only place text is split into sentences.

The blocks come from :mod:`analysis.language.blocks` (answer HTML or plain text). Each line is
split by :mod:`analysis.language.splitter` (compiled patterns; the abbreviations and other places
a full stop does not end a sentence, "Rt Hon.", "No. 10", "e.g.", are data in
``analysis/lexicons/abbreviations.yaml``), with three additions here: web addresses, e-mail
addresses and list enumerators inside a sentence ("(a) ... (b) ...") are masked first so they
cannot end or be cut from a sentence; two sentences glued without a space ("data.However") are
parted; and a piece that is only punctuation (a "." after a link) joins the sentence before.
Lines that carry on the sentence of the line before are joined. Table rows are kept apart from
the sentences. The time taken grows in step with a line's length, so a long line needs no guard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.language import splitter
from analysis.language.blocks import strip_list_marker, text_to_blocks

_PLACEHOLDER_RE = re.compile(r"\ue000(\d+)\ue001")


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose, with the paragraph it stands in (0-based)."""

    text: str
    paragraph: int
    is_list_item: bool


@dataclass(frozen=True)
class SplitText:
    """The prose sentences of a text, and the table rows kept apart from them."""

    sentences: list[Sentence]
    table_rows: list[tuple[str, ...]]

    @property
    def table_cell_count(self) -> int:
        return sum(len(row) for row in self.table_rows)


# --------------------------------------------------------------------------------------------
# blocks -> sentences


# Spans that must never be cut: web addresses, e-mail addresses and enumerators inside a sentence.
# The parts of an address are bounded as in the standards (64 characters before the "@", 63 in a
# name between dots, and here at most ten names), so that a long run of letters and dots with no
# address in it is read in time that grows with its length, not its square.
# Each part is tried only on lines whose lower-case text holds its clue ("@", ".uk"): a part that
# cannot match changes nothing, and the e-mail and domain parts cost more than all the rest.
_PROTECT_PARTS: tuple[tuple[str, str], ...] = (
    ("", r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]"),  # a web address, no closing mark
    ("@", r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"),  # an e-mail address
    (
        ".uk",  # a domain without https://
        r"\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:gov|nhs|org|ac|co|police|parliament|mod)\.uk\b"
        r"(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]])?",
    ),
    ("gov.uk", r"(?i:\bgov\.uk\b)"),
    ("", r"\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)"),  # (a) (b) (ii) (3)
)


@lru_cache(maxsize=16)
def _protect_re(clues: tuple[bool, ...]) -> re.Pattern[str]:
    """The parts of the mask whose clue is in the line (``clues``, in part order), as one
    pattern: the same matches as all the parts, in the same order of preference."""
    return re.compile(
        "|".join(part for (_, part), on in zip(_PROTECT_PARTS, clues, strict=True) if on)
    )


# Two sentences glued together with no space: "did not collect this data.However, ministers",
# "a higher rate at 20%.The Chancellor", "on 5 July 2024.The data", "(Mr Smith).https://...".
# After other figures a stop does not count: "2.The" is more often a list number or reference.
# (The stop is matched first and the letters before it looked back at, which is ten times faster
# than a pattern that starts by looking back.)
_GLUED_RE = re.compile(
    r"[.!?](?:(?<=[a-z]{2}.)|(?<=[%)].)|(?<=\b\d{4}.))(?=[A-Z][a-z]+\b)|[.!?](?<=[a-z)].)(?=\ue000)"
)
_ONLY_PUNCTUATION_RE = re.compile(r"^[\W_]*$")
_URL_ONLY_RE = re.compile(r"^\(?(?:https?://|www\.)\S+\)?\.?$")
# A line that carries on the sentence of the line before: "(a) new arguments," then "b) new
# evidence, and". The line before ends mid-sentence; this one starts in lower case or with an
# enumerator.
_UNFINISHED_END_RE = re.compile(r"(?:[,;]|\b(?:and|or|but|including))$", re.I)
_CONTINUATION_START_RE = re.compile(r"^(?:[a-z]|\(?(?:[a-z]|[ivx]{1,4})\)\s)")


def _protect(text: str) -> tuple[str, list[str]]:
    saved: list[str] = []

    def keep(match: re.Match[str]) -> str:
        saved.append(match.group(0))
        return f"\ue000{len(saved) - 1}\ue001"

    lowered = text.lower()
    clues = tuple(clue in lowered for clue, _ in _PROTECT_PARTS)
    return _protect_re(clues).sub(keep, text), saved


def _unglue(piece: str) -> list[str]:
    """``piece`` cut after each stop that :data:`_GLUED_RE` finds glued to the next sentence."""
    parts: list[str] = []
    start = 0
    for match in _GLUED_RE.finditer(piece):
        parts.append(piece[start : match.end()])
        start = match.end()
    parts.append(piece[start:])
    return parts


def _restore(text: str, saved: list[str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: saved[int(m.group(1))], text)


def split_sentences(line: str) -> list[str]:
    """Split one line of prose into sentences (:mod:`analysis.language.splitter` plus the rules
    in the module docstring). Every character of the line but white space is in a sentence."""
    line = line.strip()
    if not line:
        return []
    masked, saved = _protect(line)
    pieces: list[str] = []
    for piece in splitter.split(masked):
        for part in _unglue(piece):
            part = part.strip()
            if part:
                pieces.append(part)
    sentences: list[str] = []
    for piece in pieces:
        text = _restore(piece, saved).strip()
        if sentences and _ONLY_PUNCTUATION_RE.match(text):
            # A lone "." or ")" left after a link or a bracket belongs to the sentence before.
            sentences[-1] = sentences[-1] + text
        elif text:
            sentences.append(text)
    return sentences


def _continues(previous: str, first: str) -> bool:
    """Does ``first`` (the start of a new line) finish the sentence ``previous``?"""
    previous = previous.rstrip()
    if _URL_ONLY_RE.match(first):
        return previous.endswith(":")
    if _UNFINISHED_END_RE.search(previous):
        return bool(_CONTINUATION_START_RE.match(first))
    return previous.endswith(":") and first[:1].islower()


def split_text(text: str) -> SplitText:
    """Sentences of a plain-text (or HTML) answer in reading order, and its table rows apart.

    A line that is only a web address, after a sentence that ends with a colon ("available at
    the following link:"), is part of that sentence; so is a line that finishes a sentence the
    line before left open ("... in (a) 2021," then "(b) 2022"). Empty text gives no sentences.
    """
    blocks = text_to_blocks(text or "")
    sentences: list[Sentence] = []
    rows: list[tuple[str, ...]] = []
    for block in blocks:
        if block.kind == "table_row":
            rows.append(block.cells)
            continue
        is_item = block.kind == "list_item"
        body = strip_list_marker(block.text) if is_item else block.text
        previous = sentences[-1] if sentences else None
        found = split_sentences(body)
        if previous is not None and found and _continues(previous.text, found[0]):
            joined = f"{previous.text} {found.pop(0)}"
            sentences[-1] = Sentence(joined, previous.paragraph, previous.is_list_item)
        for sentence in found:
            sentences.append(Sentence(sentence, block.paragraph, is_item))
    return SplitText(sentences, rows)


def sentences(text: str) -> list[str]:
    """Just the sentence strings of :func:`split_text`."""
    return [s.text for s in split_text(text).sentences]
