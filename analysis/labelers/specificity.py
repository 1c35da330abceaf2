"""Specificity: the checkable details in a sentence, counted by kind.

Rule (../shared/docs/sentence-labels.md section 3): a sentence is ``specific`` when it carries at
least one concrete, checkable detail: a number, an amount of money, a date or deadline, a named
programme, plan, document, organisation or place, a named legal instrument, or a source (a link,
GOV.UK, a question number). Higher is more checkable.

Kinds, found in this order so that no stretch of text is counted twice (a legal instrument's
year belongs to the instrument):

* ``source_count``: web addresses, named sources and references to other answers or statements
  (``Question 15704``, ``UIN 6686``, ``HCWS244``, ``GOV.UK``; lexicon ``specificity``);
* ``money_count``: ``£1.5 billion``, ``£49,500``, ``$3m``;
* ``legal_count``: named legal instruments (``the Environment Act 2021``, ``Regulations 2024``,
  ``section 21``, ``Schedule 4``);
* ``date_count``: ``13 October 2025``, ``September 2023``, ``2024-25``, ``2030``, and relative
  deadlines such as ``later this year`` (lexicon);
* ``number_count``: other figures (``45.6%``, ``1,200``, ``seven hospitals``);
* ``named_count``: other names in capitals (``National Cancer Plan``, ``NHS England``,
  ``Macmillan``, ``HSCT``), except generic ones (the Government, the Department, the House, the
  UK: lexicon ``specificity``, kind ``generic``) and a government department named as the
  subject of the sentence, which is only the speaker (other bodies named as the subject count:
  readers took "The Driver and Vehicle Standards Agency is investigating ..." as checkable).

The continuous answer score, :func:`specificity_score`, is details per sentence: the sum of the
counts over the answer's sentences divided by the number of sentences (0.0 for no sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from analysis.language.clauses import SentenceParse, parse
from analysis.language.lexicon import compile_phrase, could_match, load_lexicon, word_set
from analysis.language.tokens import MONEY_PATTERN, word_classes

DETAIL_KINDS = ("number", "money", "date", "named", "legal", "source")
COUNT_COLUMNS = tuple(f"{kind}_count" for kind in DETAIL_KINDS)

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)


class _Need(NamedTuple):
    """What a sentence must hold for a detail pattern to find anything: a digit, one of some
    literal words, both, or nothing. Blanking details out adds neither, so a pattern whose need
    the sentence lacks is not tried (on most sentences, most patterns: their searches were a
    tenth of the rules' time)."""

    digit: bool
    words: tuple[str, ...]
    folded: bool  # the words are looked for in the folded sentence (:func:`_folded`)


# The characters a case-blind expression matches with an ASCII letter that lower() does not
# give as that letter ("İ" lowers to two characters).
_ASCII_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def _folded(sentence: str) -> str:
    """The sentence as a case-blind pattern sees it, for looking up ASCII words in lower case."""
    return sentence.translate(_ASCII_FOLDS).lower()


def _detail(
    pattern: str, flags: int = 0, digit: bool = False, words: tuple[str, ...] = ()
) -> tuple[re.Pattern[str], _Need]:
    """A detail pattern and its need: every match holds one of ``words`` (ASCII), in any case
    when the pattern ignores case."""
    folded = bool(flags & re.IGNORECASE)
    if not all(word.isascii() for word in words):
        raise ValueError(f"a detail pattern's words must be ASCII: {words}")
    need = _Need(digit, tuple(w.lower() for w in words) if folded else words, folded)
    return re.compile(pattern, flags), need


# Words a date with a month or season holds (a month's name starts with its abbreviation).
_MONTH_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASON_WORDS = ("Spring", "spring", "Summer", "summer", "Autumn", "autumn", "Winter", "winter")
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|hundred|thousand|million|billion|dozen|half"
)
_NUMBER_WORD_STARTS = "".join(sorted({word[0] for word in _NUMBER_WORDS.split("|")}))
_PATTERNS: dict[str, list[tuple[re.Pattern[str], _Need]]] = {
    "source": [
        _detail(r"(?:https?://|www\.)[^\s<>\"()]+[^\s<>\"().,;:!?]", words=("http", "www.")),
        _detail(
            r"\b(?:Question|UIN|PQ|HL|HCWS|HLWS|WS)\s*(?:No\.?\s*)?\d{2,}\b|\b(?:HCWS|HLWS|HL)\d+\b|"
            r"\bCP\s?\d{2,}\b|\bCm\s?\d{3,}\b",
            re.I,
            digit=True,
            words=("Question", "UIN", "PQ", "HL", "WS", "CP", "Cm"),
        ),
        _detail(
            r"\b[\w-]+(?:\.[\w-]+)*\.(?:gov|nhs|org|ac|co|police|parliament)\.uk\b",
            re.I,
            words=(".uk",),
        ),
    ],
    "money": [
        _detail(MONEY_PATTERN, re.I, digit=True),
        _detail(
            r"\b\d+(?:,\d{3})*(?:\.\d+)?\s?(?:million|billion)?\s?(?:pounds|euros|dollars)\b",
            re.I,
            digit=True,
            words=("pounds", "euros", "dollars"),
        ),
    ],
    "date": [
        _detail(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?",
            digit=True,
            words=_MONTH_WORDS,
        ),
        _detail(
            rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
            digit=True,
            words=_MONTH_WORDS,
        ),
        _detail(
            rf"\b(?:early|mid|late|end of\s)?\s?"
            rf"(?:{_MONTHS}|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)\s+\d{{4}}\b",
            digit=True,
            words=(*_MONTH_WORDS, *_SEASON_WORDS),
        ),
        _detail(r"\b(?:FY\s?)?(?:19|20)\d{2}\s?(?:[-/–]|to)\s?(?:19|20)?\d{2}\b", digit=True),
        _detail(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", digit=True),
        _detail(
            rf"\b(?:in|by|from|until|since|before|after|during) (?:{_MONTHS})\b",
            words=_MONTH_WORDS,
        ),
        _detail(r"\bQ[1-4]\b", digit=True),
        _detail(r"\b(?:19|20)\d{2}s?\b", digit=True),
    ],
    "legal": [
        _detail(
            r"\b(?:[A-Z][\w’'()-]*\s+"
            r"(?:(?:of|and|for|the|on|in|to|with|from)\s+|[A-Z(][\w’'()-]*\s+)*)?"
            r"(?:Act|Regulations|Order|Rules|Directive|Convention|Code of Practice)"
            r"\s+(?:19|20)\d{2}\b",
            digit=True,
            words=("Act", "Regulations", "Order", "Rules", "Directive", "Convention", "Code of"),
        ),
        _detail(
            r"\b(?:the )?[A-Z][\w’'-]*"
            r"(?: (?:[A-Z][\w’'()-]*|of|and|for|the|on|in|to))* (?:Act|Bill)\b",
            words=("Act", "Bill"),
        ),
        _detail(
            r"\b(?:section|sections|schedule|clause|article|regulation|paragraph|part|chapter)"
            r"\s+\d+[A-Z]?\b",
            re.I,
            digit=True,
            words=(
                *("section", "schedule", "clause", "article", "regulation", "paragraph"),
                *("part", "chapter"),
            ),
        ),
    ],
    "number": [
        _detail(r"\b\d+(?:,\d{3})*(?:\.\d+)?\s?(?:%|per\s?cent\b)?", digit=True),
        # The look-ahead for a first letter only saves time: the same matches, twice as fast.
        _detail(
            rf"\b(?=[{_NUMBER_WORD_STARTS}])(?:{_NUMBER_WORDS})\b(?!s\b)",
            re.I,
            words=tuple(_NUMBER_WORDS.split("|")),
        ),
    ],
}
_DIGIT_RE = re.compile(r"\d")
_NAME_CONNECTORS = {"of", "and", "for", "the", "&", "on", "in", "to", "de"}
_DEPARTMENT_RE = re.compile(
    r"^(?:[Tt]he\s+|[Mm]y\s+|[Oo]ur\s+)?"
    r"(?:Department|Ministry|Home Office|Cabinet Office|Foreign(?:,)? Commonwealth|"
    r"HM Treasury|Treasury|Scotland Office|Wales Office|Northern Ireland Office|"
    r"DWP|DfE|DfT|DHSC|Defra|DEFRA|DESNZ|DSIT|DBT|DCMS|MHCLG|DLUHC|MoJ|MOJ|MoD|MOD|FCDO|HMT|HMRC|AGO)\b"
)


@dataclass(frozen=True)
class Specificity:
    """The details found in one sentence, by kind, and the words that were counted."""

    counts: dict[str, int]
    cues: tuple[str, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def specific(self) -> bool:
        return self.total > 0


@lru_cache(maxsize=1)
def _lexicon_groups() -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for entry in load_lexicon("specificity"):
        groups.setdefault(entry["kind"], []).append(entry)
    return groups


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _subject_end(parsed: SentenceParse) -> int:
    """Character offset where the main verb starts (the subject lies before it)."""
    main = parsed.main_groups
    if not main:
        return 0
    return parsed.tokens[main[0].start].start


_ROLE_WORDS = re.compile(
    r"^(?:(?:Parliamentary\s+)?(?:Under[- ])?Secretary|Minister|First Minister|Prime Minister|"
    r"Chancellor|Foreign Secretary|Home Secretary|Defence Secretary|Secretary of State|"
    r"Attorney General|Solicitor General|Permanent Secretary|Special Advisers?|Chief Executive)\b"
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|that|its|our|their|his|her)\s+$", re.I)
_BRACKETED_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z]{1,9}s?)\)")
_NAME_TOKEN_RE = re.compile(r"[A-Za-z][\w’'&.-]*|\S")
_POSSESSIVE_RE = re.compile(r"[’']s$")
_CONTRACTION_RE = re.compile(r"[’'](?:ll|re|ve|d|m)$", re.I)
_LETTER_RE = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=20000)
def _ordinary_word(word: str) -> bool:
    """Is this an ordinary English word (not a name) when capitalised at a sentence's start?"""
    lower = word.lower()
    if lower in word_set("specificity", "function") or word_classes(lower) or lower.endswith("ly"):
        return True
    # Base adjectives have no inflections for lemminflect to know them by ("accessible").
    return lower.endswith(("able", "ible", "al", "ive", "ous", "ic", "ful", "less", "ary"))


def defined_acronyms(text: str) -> frozenset[str]:
    """Acronyms an answer defines for ordinary words: "stem cell transplantation (HSCT)".

    They abbreviate a general term, not a name, so they are not checkable details. An acronym
    in brackets (a capital, then up to nine letters and a plural "s") counts when a word that
    starts with a small letter, then spaces, come straight before it: what the expression
    ``((?:\\b[a-z][\\w-]*\\s+){1,6})\\(([A-Z][A-Za-z]{1,9}s?)\\)`` finds (tested against it),
    looked for from each bracket back, not tried from every word of the text.
    """
    text = text or ""
    return frozenset(
        match.group(1)
        for match in _BRACKETED_ACRONYM_RE.finditer(text)
        if _word_then_spaces_before(text, match.start())
    )


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"  # what ``\\w`` matches


def _word_then_spaces_before(text: str, end: int) -> bool:
    """Does ``text[:end]`` end with ``\\b[a-z][\\w-]*\\s+``: a word starting with a small
    letter (at its start, or after a hyphen inside it), then at least one space?"""
    position = end
    while position > 0 and text[position - 1].isspace():
        position -= 1
    if position == end:
        return False
    word_end = position
    while position > 0 and (_is_word_character(text[position - 1]) or text[position - 1] == "-"):
        position -= 1
    # Where the word may start: the run's first character, or one after a hyphen in it.
    return any(
        "a" <= text[start] <= "z" and (start == position or text[start - 1] == "-")
        for start in range(position, word_end)
    )


def _names(
    text: str,
    original: str,
    subject_end: int,
    generic_acronyms: frozenset[str] = frozenset(),
) -> list[str]:
    """Capitalised names left in ``text`` (other details already blanked out)."""
    tokens = list(_NAME_TOKEN_RE.finditer(text))
    spans: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []

    def close() -> None:
        while current and current[-1].group(0).lower() in _NAME_CONNECTORS | {"a"}:
            current.pop()
        if current:
            spans.append(list(current))
        current.clear()

    words = [token.group(0) for token in tokens]
    for position, (token, word) in enumerate(zip(tokens, words, strict=True)):
        # A capital that is a letter settles it; any() only for marks like "Ⅰ" (upper, no letter).
        if word[:1].isupper() and (word[0].isalpha() or any(c.isalpha() for c in word)):
            current.append(token)
            continue
        if not current:
            continue  # most words: lower case, with no name open
        nxt = words[position + 1] if position + 1 < len(words) else ""
        lower = word.lower()
        splits_names = lower == "and" and nxt.lower() == "the"
        connects = lower in _NAME_CONNECTORS or (word == "a" and nxt[:1].isupper())
        # "Macmillan and the British Heart Foundation" is two names; "Department for Energy
        # Security and Net Zero" one.
        if connects and not splits_names:
            current.append(token)
        else:
            close()
    close()

    generic = word_set("specificity", "generic")
    function_words = word_set("specificity", "function")
    first_start = _first_word_start(original)
    found: list[str] = []
    for span in spans:
        # "If the Hon Member", "At the Northern Ireland Office": drop leading function words.
        while span and span[0].group(0).lower() in function_words:
            span = span[1:]
        if not span:
            continue
        start, end = span[0].start(), span[-1].end()
        name = original[start:end].strip(" .,;:")
        words = [_POSSESSIVE_RE.sub("", w).strip(".’'") for w in name.split()]
        lowered = " ".join(w.lower() for w in words)
        if not words or lowered in generic or _ROLE_WORDS.match(name):
            continue
        if len(words) == 1 and _CONTRACTION_RE.search(name):
            continue  # "I'll", "We're": a pronoun, not a name
        # Generic as any word of a name ("Hon", "Department"), not only alone ("England").
        word_generic = word_set("specificity", "generic", skip_flag="whole_name_only")
        if all(w.lower() in word_generic or w.lower() in _NAME_CONNECTORS for w in words):
            continue
        if len(words) == 1:
            word = words[0]
            is_acronym = len(word) >= 2 and sum(c.isupper() for c in word) >= 2
            if is_acronym and (word in generic_acronyms or word.rstrip("s") in generic_acronyms):
                continue
            if start == first_start and not is_acronym and _ordinary_word(word):
                continue  # a capital only because it starts the sentence
            # A common noun in capitals is an anaphor for a named thing when it follows "the"
            # ("the Act", "the Fund", "the Trustees"); otherwise just a title-case word.
            common_noun = not is_acronym and bool(word_classes(word.lower()))
            if common_noun and not _DETERMINER_BEFORE.search(original[:start]):
                continue
        if start < subject_end and _DEPARTMENT_RE.match(original[start:end]):
            continue  # the answering department, named as the speaker
        found.append(name)
    return found


def _first_word_start(text: str) -> int:
    match = _LETTER_RE.search(text)
    return match.start() if match else 0


def specificity_of(
    sentence: str,
    parsed: SentenceParse | None = None,
    generic_acronyms: frozenset[str] = frozenset(),
) -> Specificity:
    """Checkable details of one sentence, by kind (see the module docstring for the rules).

    Empty text gives all counts 0 (not specific).
    """
    counts = dict.fromkeys(DETAIL_KINDS, 0)
    cues: list[str] = []
    if not sentence or not sentence.strip():
        return Specificity(counts, ())
    parsed = parsed or parse(sentence)
    work = sentence
    # Blanking only removes words, so a phrase whose words the sentence lacks cannot match.
    lowered = sentence.lower().replace("’", "'")
    has_digit = _DIGIT_RE.search(sentence) is not None
    folded = _folded(sentence)
    for kind in ("source", "money", "legal", "date", "number"):
        for pattern, need in _PATTERNS[kind]:
            if need.digit and not has_digit:
                continue
            if need.words and not any(
                word in (folded if need.folded else sentence) for word in need.words
            ):
                continue
            for match in list(pattern.finditer(work)):
                value = match.group(0).strip()
                if not value or not any(c.isalnum() for c in value):
                    continue
                counts[kind] += 1
                cues.append(f"{kind}: {value}")
                work = _blank(work, match.start(), match.end())
        if kind == "source":
            for entry in _lexicon_groups()["source"]:
                if not could_match(entry["phrase"], lowered):
                    continue
                for match in list(compile_phrase(entry["phrase"]).finditer(work)):
                    counts["source"] += 1
                    cues.append(f"source: {match.group(0)}")
                    work = _blank(work, match.start(), match.end())
        if kind == "date":
            for entry in _lexicon_groups()["deadline"]:
                if not could_match(entry["phrase"], lowered):
                    continue
                for match in list(compile_phrase(entry["phrase"]).finditer(work)):
                    if entry.get("counts", True):
                        counts["date"] += 1
                        cues.append(f"date: {match.group(0)}")
                    work = _blank(work, match.start(), match.end())
    for name in _names(work, sentence, _subject_end(parsed), generic_acronyms):
        counts["named"] += 1
        cues.append(f"named: {name}")
    return Specificity(counts, tuple(cues))


def specificity_score(detail_total: int, sentence_count: int) -> float:
    """Details per sentence: ``detail_total / sentence_count``; 0.0 when there are no sentences.

    Higher means more checkable detail. A one-sentence answer scores its own detail count.
    """
    if sentence_count <= 0:
        return 0.0
    return detail_total / sentence_count
