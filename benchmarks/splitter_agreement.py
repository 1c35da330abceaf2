"""The sentence splitter against pySBD, the splitter it replaced: agreement and speed.

    python benchmarks/splitter_agreement.py             # every prose line of the shared corpus
    python benchmarks/splitter_agreement.py --words N   # the long line: N words (400,000)

Every prose line of every answer of the shared corpus (the lines ``split_text`` hands to
``split_sentences``: paragraph lines and list items without their marker, not table rows) is
split twice: by ``analysis.language.text.split_sentences`` (the splitter of
``analysis/language/splitter.py``) and by the pySBD-based ``split_sentences`` the project used
before, copied below so this script keeps running (pySBD stays installed for it). Both mask web
addresses, e-mail addresses and enumerators the same way and part "data.However", so the
differences are the splitters' own (and the new parting after a year, below). Prints the lines
compared, the lines split identically, the sentence boundaries both found and those only one
found, the time each took over all lines, up to 40 lines where they differ, and the time of each
on one line of 400,000 words (corpus sentences repeated, no line break).

On the shared corpus the two split 99.6% of lines identically. Where they differ (59 lines, 43
distinct), pySBD is the one that is wrong, as read line by line. The kinds of difference, with
the corpus text:

* "No." as an answer: "No. The current contract will end ..." is two sentences; pySBD lists
  "no" as an abbreviation before a name, so it never ends a sentence. Here "No." is an
  abbreviation only before a number, a bracket or a lower-case word ("No. 10").
* A list inside a sentence: "based on a) new arguments, b) new evidence, and c) neither, has
  not been ..." is one sentence; pySBD cuts it at each "b)" and "i)".
* "c." (circa), "vol." before figures: "was c.£37.4m", "amounting to c. 29,000 homes",
  "Official Report, vol. 774, col. 33WS": pySBD ends a sentence at each.
* References glued to a stop: "an ongoing Art.2 Human Rights Inquiry", "No.2 Force Protection";
  pySBD's footnote rule cuts after the figure.
* A stop before other punctuation: '... Annual Report & Accounts”., there were ...',
  "... fiscal outlook.- to align ...", "custodial%20sanctions).) entitled ...": pySBD ends a
  sentence at any full stop not between letters, and starts the next one with the ",", "-" or
  ")". Here a stop ends a sentence only before white space.
* A single capital before a sentence: "including X. Details of Ministerial meetings are ...",
  "the adequacy of Annex B. However, we ...", "the loan for Sizewell C. This enables ...":
  pySBD reads every single capital as an initial. Here it is an initial unless a word that
  usually opens a sentence follows, so "J. K. Rowling" stays whole.
* An exclamation in a name: "shared on THINK!’s social media channels" is one sentence.
* A footnote after a stop: "... could be delivered.[2]" keeps its mark; pySBD made "[2]" a
  sentence of its own.
* Sentences glued after a year: "closed between 11 May 2010 and 5 July 2024.The data in the
  attached table ...", "on 4 November 2025.The minutes ..." (seven lines) are parted, as
  "data.However" already was; pySBD never ends a sentence at a full stop glued after a figure.
* A quotation of two sentences, "states: 'If you travel ... under UK legislation. You could be
  prosecuted ... the UK'." stays one sentence, as pySBD already does for double quotes; pySBD
  cut this one because a quotation closed by "'." (not "' ") makes it skip single quotes.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from functools import lru_cache
from typing import ClassVar

import pysbd
from pysbd.lang.english import English

from analysis.language.blocks import strip_list_marker, text_to_blocks
from analysis.language.text import split_sentences

# --------------------------------------------------------------------------------------------
# The pySBD-based split_sentences of analysis/language/text.py before the new splitter, as it was.


class _MinisterialEnglish(English):
    """pySBD's English rules with the abbreviations of parliamentary answers added."""

    class Abbreviation(English.Abbreviation):
        ABBREVIATIONS: ClassVar[list[str]] = [
            *English.Abbreviation.ABBREVIATIONS,
            *"approx cllr para paras sch cf nb govt dept".split(),
        ]
        PREPOSITIVE_ABBREVIATIONS: ClassVar[list[str]] = [
            *English.Abbreviation.PREPOSITIVE_ABBREVIATIONS,
            *"hon rt cllr sch para paras no nos".split(),
        ]


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = _MinisterialEnglish
    return segmenter


_PROTECT_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"]+[^\s<>".,;:!?)\]]
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | \b[\w-]+(?:\.[\w-]+)*\.(?:gov|nhs|org|ac|co|police|parliament|mod)\.uk\b
      (?:/[^\s<>"]*[^\s<>".,;:!?)\]])?
    | (?i:\bgov\.uk\b)
    | \((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)
    """,
    re.VERBOSE,
)
_PLACEHOLDER_RE = re.compile(r"\ue000(\d+)\ue001")
_GLUED_RE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+\b)")
_ONLY_PUNCTUATION_RE = re.compile(r"^[\W_]*$")
_MAY_END_SENTENCE_RE = re.compile(r"[.!?…;:)\n\r\u2026\u2029]")
LONG_LINE_CHARS = 5000
_CUT_AT_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘'(])")


def _long_line_parts(line: str) -> list[str]:
    """pySBD's time grows with the square of a line's length: cut lines near every 5,000
    characters, at a sentence end if there is one."""
    parts = []
    start = 0
    while len(line) - start > LONG_LINE_CHARS:
        window = line[start + LONG_LINE_CHARS // 2 : start + LONG_LINE_CHARS]
        ends = list(_CUT_AT_SENTENCE_END_RE.finditer(window))
        if ends:
            cut = start + LONG_LINE_CHARS // 2 + ends[-1].end()
        else:
            space = window.rfind(" ")
            half = start + LONG_LINE_CHARS // 2
            cut = half + space + 1 if space >= 0 else start + LONG_LINE_CHARS
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return parts


def _with_dropped_text(line: str, segments: list[str]) -> list[str]:
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


def pysbd_split_sentences(line: str) -> list[str]:
    """The former ``analysis.language.text.split_sentences``: pySBD plus the project's rules."""
    line = line.strip()
    if not line:
        return []
    if len(line) > LONG_LINE_CHARS:
        return [s for part in _long_line_parts(line) for s in pysbd_split_sentences(part)]
    if not _MAY_END_SENTENCE_RE.search(line[:-1]):
        return [line]
    saved: list[str] = []

    def keep(match: re.Match[str]) -> str:
        saved.append(match.group(0))
        return f"\ue000{len(saved) - 1}\ue001"

    masked = _PROTECT_RE.sub(keep, line)
    pieces = [
        part.strip()
        for piece in _with_dropped_text(masked, _segmenter().segment(masked))
        for part in _GLUED_RE.split(piece)
        if part.strip()
    ]
    sentences: list[str] = []
    for piece in pieces:
        text = _PLACEHOLDER_RE.sub(lambda m: saved[int(m.group(1))], piece).strip()
        if sentences and _ONLY_PUNCTUATION_RE.match(text):
            sentences[-1] = sentences[-1] + text
        elif text:
            sentences.append(text)
    return sentences


# --------------------------------------------------------------------------------------------
# Comparison


def corpus_lines() -> list[str]:
    """Every prose line of every answer of the shared corpus, as ``split_text`` splits them."""
    from analysis import load_answers
    from analysis.paths import SNAPSHOT

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        answers = load_answers(SNAPSHOT)
    lines = []
    for text in answers["answer"].tolist():
        for block in text_to_blocks(text or ""):
            if block.kind == "paragraph":
                lines.append(block.text)
            elif block.kind == "list_item":
                lines.append(strip_list_marker(block.text))
    return lines


def boundaries(sentences: list[str]) -> set[int]:
    """Where each sentence but the last ends, counted in characters other than white space (so
    splits of one line compare even where a piece of punctuation was joined to a sentence)."""
    ends: set[int] = set()
    count = 0
    for sentence in sentences[:-1]:
        count += len("".join(sentence.split()))
        ends.add(count)
    return ends


def timed(split, lines: list[str]) -> tuple[list[list[str]], float]:
    split(lines[0])  # pySBD builds its rules on first use
    start = time.perf_counter()
    result = [split(line) for line in lines]
    return result, time.perf_counter() - start


def _short(text: str, width: int = 150) -> str:
    return text if len(text) <= width else text[: width // 2 - 2] + " … " + text[-width // 2 :]


def compare(examples: int) -> None:
    lines = corpus_lines()
    old, old_seconds = timed(pysbd_split_sentences, lines)
    new, new_seconds = timed(split_sentences, lines)
    same = sum(a == b for a, b in zip(old, new, strict=True))
    both = only_old = only_new = 0
    for a, b in zip(old, new, strict=True):
        ends_old, ends_new = boundaries(a), boundaries(b)
        both += len(ends_old & ends_new)
        only_old += len(ends_old - ends_new)
        only_new += len(ends_new - ends_old)
    print(f"prose lines compared:        {len(lines):,} ({len(set(lines)):,} distinct)")
    print(f"lines split identically:     {same:,} ({same / len(lines):.2%})")
    print(f"sentence boundaries agreed:  {both:,}")
    print(f"  found only by pySBD:       {only_old:,}")
    print(f"  found only by new:         {only_new:,}")
    for name, seconds in (("pySBD", old_seconds), ("new", new_seconds)):
        per_line = seconds / len(lines) * 1e3
        print(f"{name + ' split_sentences:':28} {seconds:.2f} s ({per_line:.3f} ms a line)")
    print(f"speed-up:                    {old_seconds / new_seconds:.1f}x")
    shown: set[str] = set()
    print(f"\nlines split differently (up to {examples}; sentences only one side has):")
    for line, a, b in zip(lines, old, new, strict=True):
        if a == b or line in shown or len(shown) >= examples:
            continue
        shown.add(line)
        print(f"\n[{len(shown)}]")
        for sentence in a:
            if sentence not in b:
                print(f"  pySBD: {_short(sentence)}")
        for sentence in b:
            if sentence not in a:
                print(f"  new:   {_short(sentence)}")


def long_line(words: int) -> None:
    """Both splitters on one line of ``words`` words: corpus sentences repeated, no line break."""
    sentences = [s for line in corpus_lines()[:400] for s in split_sentences(line)]
    chosen: list[str] = []
    count = 0
    while count < words:
        for sentence in sentences:
            chosen.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
    line = " ".join(chosen)
    print(f"\none line of {count:,} words ({len(line):,} characters, {len(chosen):,} sentences):")
    for name, split in (("new", split_sentences), ("pySBD", pysbd_split_sentences)):
        start = time.perf_counter()
        found = split(line)
        seconds = time.perf_counter() - start
        print(f"  {name + ':':7} {seconds:7.2f} s, {len(found):,} sentences")
    print("  (pySBD with the former 5,000-character cut of long lines; uncut its time grows with")
    print("  the square of the length: a 40,000-word line took 37 s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=400_000, help="words in the long line")
    parser.add_argument("--examples", type=int, default=40, help="differences to print")
    arguments = parser.parse_args(argv)
    compare(arguments.examples)
    long_line(arguments.words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
