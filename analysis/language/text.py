"""Blocks -> sentences: the only place text is split into sentences.

The blocks come from :mod:`analysis.language.blocks` (answer HTML or plain text). Sentences are
found by pySBD (Golden Rules segmenter) with three additions for what ministers write:
honorifics ("Rt Hon.", "Hon.") are abbreviations; list enumerators inside a sentence ("(a) ...
(b) ...") and web addresses are masked so they cannot end a sentence; and two sentences glued
without a space ("data.However") are parted. Table rows are kept apart from the sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import pysbd
from pysbd.lang.english import English

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


class _MinisterialEnglish(English):
    """pySBD's English rules with the abbreviations of parliamentary answers added."""

    class Abbreviation(English.Abbreviation):
        # "Hon." and "Rt." are followed by a capital ("Hon. Friend", "Rt. Hon. Member") and
        # must not end a sentence, so they are prepositive like "Mr.".
        ABBREVIATIONS: ClassVar[list[str]] = [
            *English.Abbreviation.ABBREVIATIONS,
            "approx",
            "cllr",
            "para",
            "paras",
            "sch",
            "cf",
            "nb",
            "govt",
            "dept",
        ]
        PREPOSITIVE_ABBREVIATIONS: ClassVar[list[str]] = [
            *English.Abbreviation.PREPOSITIVE_ABBREVIATIONS,
            "hon",
            "rt",
            "cllr",
            "sch",
            "para",
            "paras",
            "no",
            "nos",
        ]


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = _MinisterialEnglish
    return segmenter


# Spans that must never be cut: web addresses, e-mail addresses and enumerators inside a sentence.
_PROTECT_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"]+[^\s<>".,;:!?)\]]   # a web address, without closing punctuation
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                  # an e-mail address
    | \b[\w-]+(?:\.[\w-]+)*\.(?:gov|nhs|org|ac|co|police|parliament|mod)\.uk\b
      (?:/[^\s<>"]*[^\s<>".,;:!?)\]])?                # a domain without https://
    | (?i:\bgov\.uk\b)
    | \((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)         # (a) (b) (ii) (3)
    """,
    re.VERBOSE,
)
# Two sentences glued together with no space: "did not collect this data.However, ministers".
_GLUED_RE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\b)")
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

    return _PROTECT_RE.sub(keep, text), saved


def _restore(text: str, saved: list[str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: saved[int(m.group(1))], text)


# Characters after which pySBD may end a sentence or start a list item ("a) part time").
_MAY_END_SENTENCE_RE = re.compile(r"[.!?…;:)\n\r\u2026\u2029]")


# pySBD re-scans the whole line for every abbreviation it meets, so its time grows with the
# square of a line's length: a 40,000-word paragraph took 37 s. Lines longer than this are cut
# first at a sentence end ("... plan. The ...") near each LONG_LINE_CHARS, else at a space. No
# line of the shared corpus is this long (the longest is 1,468 characters), so no corpus result
# changes.
LONG_LINE_CHARS = 5000
_CUT_AT_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘'(])")


def _long_line_parts(line: str) -> list[str]:
    parts = []
    start = 0
    while len(line) - start > LONG_LINE_CHARS:
        window = line[start + LONG_LINE_CHARS // 2 : start + LONG_LINE_CHARS]
        ends = list(_CUT_AT_SENTENCE_END_RE.finditer(window))
        if ends:
            cut = start + LONG_LINE_CHARS // 2 + ends[-1].end()
        else:
            space = window.rfind(" ")
            cut = (
                start + LONG_LINE_CHARS // 2 + space + 1 if space >= 0 else start + LONG_LINE_CHARS
            )
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return parts


def _with_dropped_text(line: str, segments: list[str]) -> list[str]:
    """pySBD's segments, plus any text of ``line`` it left out (it drops a trailing "!!" after
    a full stop, found by the property tests): nothing of an answer may go missing."""
    pieces: list[str] = []
    position = 0
    for segment in segments:
        core = segment.strip()
        found = line.find(core, position) if core else -1
        if found < 0:
            pieces.append(segment)
            continue
        if line[position:found].strip():
            pieces.append(line[position:found])
        pieces.append(segment)
        position = found + len(core)
    if line[position:].strip():
        pieces.append(line[position:])
    return pieces


def split_sentences(line: str) -> list[str]:
    """Split one line of prose into sentences (pySBD plus the rules in the module docstring)."""
    line = line.strip()
    if not line:
        return []
    if len(line) > LONG_LINE_CHARS:
        return [sentence for part in _long_line_parts(line) for sentence in split_sentences(part)]
    if not _MAY_END_SENTENCE_RE.search(line[:-1]):
        # Nothing before the last character could end a sentence: pySBD would return the line
        # whole (checked on every line of the shared corpus), and costs a few ms to say so.
        return [line]
    masked, saved = _protect(line)
    pieces: list[str] = []
    for piece in _with_dropped_text(masked, _segmenter().segment(masked)):
        for part in _GLUED_RE.split(piece):
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
