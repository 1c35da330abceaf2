"""One line of prose -> sentences: compiled patterns, with the exceptions kept as data.

A sentence ends at a full stop, question mark, exclamation mark or ellipsis (with any closing
quotation marks or brackets and a footnote mark straight after it, "finances.[1]") that is
followed by white space, whatever the next word, unless a rule below says otherwise. A stop
glued to the next word ("c.£4,500", "Art.2", "Accounts”.,") ends nothing. The words the rules
name are data, in ``analysis/lexicons/abbreviations.yaml``, whose header says what each ``kind``
of abbreviation does:

* nothing ends inside a bracket or a quotation that closes later in the line ("(see para. 4.
  Annex B.)"): a bracketed or quoted passage belongs to the sentence around it;
* after an abbreviation, a full stop ends a sentence only as its kind allows: never after
  "Rt. Hon." or "e.g."; "No. 10" but "No. The plan ..."; "etc. and" but "etc. The";
* after a single capital ("J. K. Rowling") or letters with full stops ("U.K."), only before a
  word that usually opens a sentence ("Plan B. The", but "the U.K. Government");
* an ellipsis ("..." or "…") ends a sentence only before a capital ("wait... The");
* an exclamation mark before a lower-case word is inside the sentence ("Think! campaign");
* after a closing quotation mark or bracket, a sentence ends only before a word that does not
  start in lower case ('... "will act." Then', but '("see below.") and');
* a list numbered inside a line ("are: 1. Publish ... 2. Consult ...") has a sentence for each
  item, and one or two digits and a full stop opening the line are a list number, not a sentence;
* a bracketed passage that opens a sentence and is followed by a capital is a sentence of its
  own ("... the ICO. (https://ico.org.uk/) Regardless, ...").

Everything else (masking web addresses and "(a)" enumerators, parting "data.However") is done by
:mod:`analysis.language.text` around this module. The line is read once, left to right, by one
expression for the places a sentence may end and one for brackets and quotation marks, so the
time grows in step with the line's length (pySBD, which this replaces, re-scanned the line for
every abbreviation it knew, so its time grew with the square of the length). The sentences are
consecutive slices of the line, stripped: no character but white space is ever lost.
"""

from __future__ import annotations

import re

from analysis.language.lexicon import word_set

_LEXICON = "abbreviations"
PREPOSITIVE = word_set(_LEXICON, "prepositive")
NUMBER_PREFIX = word_set(_LEXICON, "number_prefix")
ORDINARY = word_set(_LEXICON, "ordinary")
NAME_PART = word_set(_LEXICON, "name_part")
SENTENCE_OPENERS = word_set(_LEXICON, "sentence_opener")

# Where a sentence may end: the word the stop ends (matched from the word's first character, so
# every word is read once), the stop, any closing quotation marks or brackets and a footnote
# mark ("finances.[1]"), then white space or the end of the line.
_CANDIDATE_RE = re.compile(
    r"""(?<!\S)(?P<word>\S*?)(?P<stop>[.!?…]+)(?P<close>["'”’)\]]*(?:\[\d{1,3}\])?)(?=\s|\Z)"""
)
# What follows a candidate: white space, opening quotation marks or brackets, then a word.
_NEXT_RE = re.compile(r"""\s*(?P<lead>["'“‘(\[]*)(?P<word>\w*)""")
# Opening characters stripped from a word before it is looked up ("(e.g." -> "e.g").
_OPENING = "\"'“‘(["
# Letters joined by full stops at the end of a word: "U.K", "e.g", "N.H.S", "UK-U.S" (the
# final full stop is the stop).
_LETTERS_WITH_STOPS_RE = re.compile(r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_])+\Z")
# The characters that open or close a bracketed or quoted passage.
_QUOTE_OR_BRACKET_RE = re.compile(r"""[()\[\]“”"‘’']""")
_PAIRS = {")": "(", "]": "["}
# A number of one or two digits with a full stop, standing alone: a list number if the line holds
# the number before or after it too ("... are: 1. Publish ... 2. Consult ...").
_LIST_NUMBER_RE = re.compile(r"(?<!\S)(\d{1,2})\.(?=\s)")


def _passages(line: str) -> list[tuple[int, int]]:
    """The bracketed and quoted passages of ``line`` that close, as (opening, closing) offsets,
    sorted and merged so that none overlaps another.

    Brackets and curly double quotes pair by nesting; straight double quotes pair in turn; a
    single quotation mark opens after white space or a bracket and closes at the next matching
    mark not followed by a letter (the apostrophe of "the Government’s" does not close it). A
    mark that never closes protects nothing: a stray "(" does not swallow the rest of a line.
    """
    spans: list[tuple[int, int]] = []
    brackets: list[tuple[str, int]] = []
    curly: list[int] = []
    straight: int | None = None
    single: tuple[str, int] | None = None
    for match in _QUOTE_OR_BRACKET_RE.finditer(line):
        mark, at = match.group(), match.start()
        if mark in "([":
            brackets.append((mark, at))
        elif mark in ")]":
            if brackets and brackets[-1][0] == _PAIRS[mark]:
                spans.append((brackets.pop()[1], at))
        elif mark == "“":
            curly.append(at)
        elif mark == "”":
            if curly:
                spans.append((curly.pop(), at))
        elif mark == '"':
            if straight is None:
                straight = at
            else:
                spans.append((straight, at))
                straight = None
        elif single is None:
            before = line[at - 1] if at else " "
            if mark in "‘'" and (before.isspace() or before in "(["):
                single = (mark, at)
        elif mark == ("’" if single[0] == "‘" else "'"):
            after = line[at + 1 : at + 2]
            if not after.isalpha():
                spans.append((single[1], at))
                single = None
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _list_numbers(line: str) -> list[int]:
    """The offsets of the numbers of a list written inside the line ("1. ... 2. ..."): each is
    a list item's start, and its full stop ends nothing. A number counts when the one before
    or after it among such numbers in the line is its neighbour (pySBD's rule), so a lone
    "2024. 15 cases" is no list."""
    found = [(match.start(), int(match.group(1))) for match in _LIST_NUMBER_RE.finditer(line)]
    return [
        start
        for index, (start, number) in enumerate(found)
        if (index > 0 and found[index - 1][1] == number - 1)
        or (index + 1 < len(found) and found[index + 1][1] == number + 1)
    ]


def _opens_sentence(word: str) -> bool:
    """Is ``word`` a capitalised word that usually opens a sentence ("The", "However")?"""
    return word[:1].isupper() and word.lower() in SENTENCE_OPENERS


def _full_stop_ends(word: str, at_line_start: bool, first: str, next_word: str) -> bool:
    """Does a full stop after ``word`` end the sentence? ``first`` is the next character after
    the white space, ``next_word`` the letters of the next word (after any opening marks)."""
    core = word.lstrip(_OPENING)
    lowered = core.lower()
    # Initials, and letters with full stops not listed as abbreviations: part of a name unless
    # a sentence-opening word follows ("J. K. Rowling", "the U.N. The").
    if (len(core) == 1 and core.isupper()) or (
        lowered not in PREPOSITIVE
        and lowered not in ORDINARY
        and (lowered in NAME_PART or _LETTERS_WITH_STOPS_RE.search(core))
    ):
        return _opens_sentence(next_word)
    if lowered in PREPOSITIVE:
        return False
    if lowered in NUMBER_PREFIX or lowered in ORDINARY:
        return not (first.islower() or first.isdigit() or first in "([")
    # "1. Publish the guidance": one or two digits opening the line are a list number.
    return not (at_line_start and core.isdigit() and len(core) <= 2)


def _ends_sentence(line: str, match: re.Match[str], following: re.Match[str]) -> bool:
    """Does the candidate ``match`` end a sentence, given what ``following`` it?"""
    first = line[following.start("lead")]
    stop = match.group("stop")
    if "…" in stop or "..." in stop:
        return first.isupper()
    if match.group("close") and first.islower():
        return False  # '("see below.") and ...': the sentence goes on after the quotation
    if "." not in stop:  # "?", "!", "?!"
        return not (stop.endswith("!") and (first.islower() or first in "’'"))
    return _full_stop_ends(match.group("word"), match.start() == 0, first, following.group("word"))


def _bracket_alone(line: str, start: int, closing_of: dict[int, int]) -> int | None:
    """Where a sentence ends when one opens with a bracketed passage followed by a capital: the
    passage is a sentence of its own ("... ICO. (https://ico.org.uk/) Regardless of ...")."""
    closing = closing_of.get(start) if line[start : start + 1] == "(" else None
    if closing is None:
        return None
    following = _NEXT_RE.match(line, closing + 1)
    at = following.start("lead") if following else closing + 1
    if closing + 1 < at < len(line) and line[at].isupper():
        return closing + 1
    return None


def sentence_ends(line: str) -> list[int]:
    """The offsets in ``line`` where a sentence ends (just after its last character; before a
    list number, at the number), in order; the end of the line is not included."""
    passages = _passages(line)
    closing_of = dict(passages)
    list_numbers = _list_numbers(line)
    numbered = set(list_numbers)
    passage = 0  # the first passage that does not close before the candidate
    alone = _bracket_alone(line, 0, closing_of)
    ends: list[int] = [alone] if alone else []
    for match in _CANDIDATE_RE.finditer(line):
        stop = match.start("stop")
        while passage < len(passages) and passages[passage][1] < stop:
            passage += 1
        if passage < len(passages):
            opening, closing = passages[passage]
            if opening < stop and closing >= match.end():
                continue  # inside a passage that closes after the candidate
        following = _NEXT_RE.match(line, match.end())
        if following is None or following.start("lead") >= len(line):
            continue
        if match.start() in numbered:
            continue  # "1. Publish": the number of a list item
        if _ends_sentence(line, match, following) and (not ends or ends[-1] < match.end()):
            ends.append(match.end())
            alone = _bracket_alone(line, following.start("lead"), closing_of)
            if alone:
                ends.append(alone)
    if list_numbers:
        ends = sorted({*ends, *(start for start in list_numbers if start > 0)})
    return ends


def split(line: str) -> list[str]:
    """The sentences of one line of prose (see the module docstring for the rules)."""
    pieces: list[str] = []
    start = 0
    for end in [*sentence_ends(line), len(line)]:
        piece = line[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    return pieces
