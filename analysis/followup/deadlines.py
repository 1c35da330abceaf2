"""The deadline of a promise: the time words of a sentence resolved against the answer's date.

``find_deadline("The plan will be published later this year.", date(2025, 9, 10))`` gives
``Deadline(date(2025, 12, 31), "later this year", "year.this_next")``: the last day the words
allow, the words exactly as written, and the id of the lexicon entry that matched.

The phrases are data (``analysis/lexicons/deadlines.yaml``, whose header gives the pattern syntax
and what each ``resolves`` value means); this module compiles them once and does the date
arithmetic. How one sentence is read:

* every entry's pattern is tried; a match is dropped when the word before it is one of the
  ``not_after`` words ("earlier this year", "for next year", "since early 2025"), when the word
  after it is one of the ``not_before`` words ("in 2023/24 prices"), when it ends in a
  capitalised word followed by another ("in Winter Fuel Payments", "in the Spring Statement": a
  name), or when what it names is no date (31 February, "2021-27"). A year needs a lead ("in",
  "by", "from") straight before it, so "the 2025 Spending Review" and "the Health and Care Act
  2022" give none;
* where matches overlap, the longest wins ("in the next year" over "next year"; "before the end
  of 2025" over "before 2025"), and at equal length the entry earlier in the file;
* of what is left, the time that governs the promise is the first deadline not yet passed on the
  answer's date; failing that the first such start ("from April 2026", kind ``start``); failing
  that the first time without a date ("in due course", kind ``vague``); failing that the first
  past one. A past date in a promise is its context ("set out in the White Paper on 12 May 2025,
  will come into effect in June"); a start says when something begins rather than when it must
  be done, hence after a deadline. A start resolves to the end of the period it names, like a
  deadline: "from April 2026" gives 30 April 2026, the last day the thing can begin and the
  words be true.

The caller passes sentences that promise something; a past sentence with a year in it ("In 2023
we published ...") still gets that year's end, since telling tense is not this module's job.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from analysis.language import lexicon
from analysis.language.lexicon import LexiconError, load_lexicon

LEXICON = "deadlines"


@dataclass(frozen=True)
class Deadline:
    """When a promise falls due, as the sentence puts it."""

    date: datetime.date | None  # the last day the words allow; None when they give no date
    words: str  # the words it came from, exactly as in the sentence
    rule: str  # the id of the lexicon entry that matched


# Slots whose text is a number, read by pattern rather than from a word list. A year is not
# one inside an amount or a range ("£2026", "2025-26", "2025/26"): the range is a financial
# year, its own slot.
_NUMBER_SLOTS = {
    "year": r"(?<![\w£$€.,/])20\d\d(?!\s?[-–—/]\s?(?:20)?\d\d(?!\d))(?![\d%]|[.,]\d)",
    "fy": r"(?<![\w£$€.,/])(?:FY\s?)?20\d\d\s?(?:[-–—/]|to)\s?(?:20)?\d\d(?![\d%]|[.,]\d)",
    "day": r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])",
    "q": r"Q[1-4]",
    "decade": r"20\d0['’]?s",
}
# Text one of which a sentence must hold for a slot to match, to skip most patterns on most
# sentences with a substring test; the lead slots, numbers and days hold too common a text.
_NUMBER_NEEDLES = {"year": ("20",), "fy": ("20",), "decade": ("20",), "q": ("q",)}
_SELECTIVE = ("month", "season", "ordinal", "this")
# Slots filled from the lexicon's word sets; ``by`` also takes every ``end`` phrase.
_WORD_SLOTS = ("by", "end", "from", "before", "month", "season", "ordinal", "this", "count")
_GUARD_SLOTS = ("not_after", "not_before")
_VALUED = {"month": (1, 12), "season": (1, 12), "ordinal": (1, 4), "this": (0, 1), "count": (1, 99)}
# Between two words of a pattern: spaces; after a word written with a final hyphen ("mid-"),
# a hyphen or spaces ("mid-2026", "mid 2026"). Elsewhere a hyphen makes an adjective ("a
# five-year plan"), not a time.
_JOIN = r"\s+"
_HYPHEN_JOIN = r"(?:\s+|\s*[-–]\s*)"
_LITERAL = re.compile(r"[a-z][a-z'’]*")
_LAST_WORD = re.compile(r"([\w'’]+)\s*$")
_NEXT_WORD = re.compile(r"\s*([\w'’]+)")
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    regexes: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]  # per alternative, needles
    resolves: str
    anchor: str
    offsets: tuple[int, int, int, int]  # years, months, weeks, days
    before: bool
    quarter: int | None
    last_year: int
    parliaments: tuple[tuple[datetime.date, datetime.date], ...]
    not_after: frozenset[str]
    not_before: frozenset[str] | None  # None: the lexicon's not_before words


@dataclass(frozen=True)
class _Table:
    rules: tuple[_Rule, ...]
    values: dict[str, dict[str, int]]  # slot -> word -> value
    not_after: frozenset[str]
    not_before: frozenset[str]


def _fail(entry: dict[str, Any], message: str) -> LexiconError:
    path = lexicon.LEXICON_DIR / f"{LEXICON}.yaml"
    return LexiconError(f"{path} entry {entry.get('id')!r}: {message}")


def _alternatives(phrase: str) -> list[str]:
    return [" ".join(option.lower().replace("’", "'").split()) for option in phrase.split("|")]


def _words_regex(words: list[str]) -> str:
    # Longest first, so that "by the end of" is tried before "by".
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+") for w in ordered)


def _read_words(entries: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, Any]]:
    """The word sets: each slot's regular expression, and the values, needles and guards."""
    words: dict[str, list[str]] = {slot: [] for slot in (*_WORD_SLOTS, *_GUARD_SLOTS)}
    values: dict[str, dict[str, int]] = {slot: {} for slot in _VALUED}
    for entry in entries:
        slot, options = entry.get("slot"), _alternatives(entry["phrase"])
        if slot not in words:
            raise _fail(entry, f"a word set needs a slot, one of {', '.join(words)}")
        if slot in _VALUED:
            low, high = _VALUED[slot]
            given = entry.get("values")
            if not isinstance(given, list) or len(given) != len(options):
                raise _fail(entry, f"needs one value per word: {len(options)} words")
            for word, value in zip(options, given, strict=True):
                if not isinstance(value, int) or not low <= value <= high:
                    raise _fail(entry, f"value {value!r} of {word!r} is not {low} to {high}")
                if values[slot].setdefault(word, value) != value:
                    raise _fail(entry, f"{word!r} has two values in slot {slot!r}")
        elif "values" in entry:
            raise _fail(entry, f"slot {slot!r} takes no values")
        words[slot].extend(options)
    for slot in (*_WORD_SLOTS, *_GUARD_SLOTS):
        if not words[slot] and slot != "count":
            path = lexicon.LEXICON_DIR / f"{LEXICON}.yaml"
            raise LexiconError(f"{path}: no word set (kind: words) fills slot {slot!r}")
    guards = {slot: frozenset(words.pop(slot)) for slot in _GUARD_SLOTS}
    words["by"] += words["end"]
    patterns = {slot: _words_regex(w) for slot, w in words.items() if w}
    needles = {**_NUMBER_NEEDLES, **{slot: tuple(words[slot]) for slot in _SELECTIVE}}
    patterns["count"] = r"\d{1,3}" + (f"|{patterns['count']}" if "count" in patterns else "")
    return {**patterns, **_NUMBER_SLOTS}, {"values": values, "needles": needles, **guards}


def _selective(needles: tuple[str, ...]) -> int:
    """How rarely a sentence holds one of ``needles``, roughly: a short word is common ("the",
    "in"); the digits of a year count as long."""
    return min((5 if n.isdigit() else len(n) for n in needles), default=0)


def _compile(
    entry: dict[str, Any], slots: dict[str, str], needles: dict[str, tuple[str, ...]]
) -> tuple[tuple[tuple[re.Pattern[str], tuple[str, ...]], ...], set[str]]:
    """An entry's pattern (or phrase) as regular expressions, one per whole alternative, so that
    the longest match of any wins (see :func:`time_phrases`); the slots it uses."""
    counter, used, bodies, found = itertools.count(), set(), [], []
    text = entry.get("pattern") or entry["phrase"]
    for option in text.split(" | "):
        body, started, join, best = "", False, _JOIN, None
        for token in option.split():
            optional = token.endswith("?") and len(token) > 1
            alts = (token[:-1] if optional else token).split("|")
            hyphen = any(alt.endswith("-") for alt in alts)
            choices = []
            for alt in (a.removesuffix("-") for a in alts):
                if alt.startswith("{") and alt.endswith("}") and alt[1:-1] in slots:
                    used.add(alt[1:-1])
                    choices.append(f"(?P<{alt[1:-1]}_{next(counter)}>{slots[alt[1:-1]]})")
                elif _LITERAL.fullmatch(alt):
                    choices.append(re.escape(alt).replace("'", "['’]"))
                elif alt.startswith("{"):
                    raise _fail(entry, f"unknown slot {alt} in {text!r}")
                else:
                    raise _fail(entry, f"{alt!r} in {text!r} is not a lower-case word")
            group = "(?:" + "|".join(choices) + ")"
            words = [needles.get(a[1:-1]) if a.startswith("{") else (a,) for a in alts]
            if not optional and all(words):
                candidate = tuple(w.split()[0] for ws in words for w in ws)  # type: ignore[union-attr]
                best = max(best or (), candidate, key=_selective)
            after = _HYPHEN_JOIN if hyphen else _JOIN
            if not started:
                body += f"(?:{group}{after})?" if optional else group
                started = not optional
            else:
                body += f"(?:{join}{group})?" if optional else f"{join}{group}"
            join = after
        if not started:
            raise _fail(entry, f"every word of {option!r} is optional")
        bodies.append(body)
        found.append(best or ())
    edges = r"(?<![\w'’£$€-])(?:{})(?![\w'’%]|[-–]\w)"
    regexes = (re.compile(edges.format(body), re.IGNORECASE) for body in bodies)
    return tuple(zip(regexes, found, strict=True)), used


# The slots a pattern must have for its entry's `resolves`.
_NEEDS = {"season_end": {"season"}, "date": {"day", "month"}, "financial_quarter_end": {"fy"}}


def _parliaments(entry: dict[str, Any]) -> tuple[tuple[datetime.date, datetime.date], ...]:
    spans = []
    for span in entry.get("parliaments") or ():
        first, _, last = str(span).partition("..")
        try:
            spans.append((datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)))
        except ValueError:
            raise _fail(entry, f"parliament {span!r} is not 'YYYY-MM-DD..YYYY-MM-DD'") from None
    return tuple(sorted(spans, reverse=True))


def _rule(entry: dict[str, Any], slots: dict[str, str], needles: dict[str, Any]) -> _Rule:
    kind, resolves = entry["kind"], entry.get("resolves", "none")
    if (resolves == "none") != (kind == "vague"):
        raise _fail(entry, f"a {kind} entry cannot resolve to {resolves!r}")
    if "slot" in entry or "values" in entry:
        raise _fail(entry, "slot and values belong to word sets (kind: words)")
    regexes, used = _compile(entry, slots, needles)
    if not _NEEDS.get(resolves, set()) <= used:
        raise _fail(entry, f"resolves {resolves}: its pattern needs {sorted(_NEEDS[resolves])}")
    if resolves == "financial_quarter_end" and not used & {"q", "ordinal"}:
        raise _fail(entry, "resolves financial_quarter_end but its pattern names no quarter")
    offsets = tuple(entry.get(f"offset_{unit}", 0) for unit in ("years", "months", "weeks", "days"))
    if resolves == "after_answer" and not any(offsets):
        raise _fail(entry, "resolves after_answer but gives no offset")
    if resolves == "decade_end" and "last_year" not in entry:
        raise _fail(entry, "resolves decade_end but gives no last_year")
    parliaments = _parliaments(entry)
    if (resolves == "parliament_end") != bool(parliaments):
        raise _fail(entry, "parliaments go with resolves parliament_end, and only with it")
    if not any(regex.search(entry["phrase"]) for regex, _ in regexes):
        raise _fail(entry, f"its pattern does not match its own phrase {entry['phrase']!r}")
    return _Rule(
        entry["id"],
        kind,
        regexes,
        resolves,
        entry.get("anchor", "answer"),
        offsets,  # type: ignore[arg-type]
        bool(entry.get("before")),
        entry.get("quarter"),
        entry.get("last_year", 9),
        parliaments,
        frozenset(w.lower() for w in entry.get("not_after", ())),
        frozenset(w.lower() for w in entry["not_before"]) if "not_before" in entry else None,
    )


@cache
def _table() -> _Table:
    """The deadline lexicon, checked beyond its schema and compiled: once per process."""
    entries = load_lexicon(LEXICON)
    slots, extra = _read_words([e for e in entries if e["kind"] == "words"])
    rules = tuple(_rule(e, slots, extra["needles"]) for e in entries if e["kind"] != "words")
    return _Table(rules, extra["values"], extra["not_after"], extra["not_before"])


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift(day: datetime.date, years: int = 0, months: int = 0) -> datetime.date:
    """``day`` moved by whole months, kept inside the month it lands in (31 Jan + 1 = 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + years * 12 + months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


_Period = tuple[datetime.date, datetime.date]


def _in_year(
    make: Any, caps: dict[str, Any], ref: datetime.date, answered: datetime.date, anchor: str
) -> _Period:
    """The period ``make(year)`` for the named year; without one, for the reference year
    (anchor ``answer``), the first that has not ended (``coming``) or begun (``next``), or the
    one ending nearest the answer (``nearest``)."""
    year = caps.get("year") or caps.get("fy", (None,))[0]
    if year:
        return make(year)
    if anchor == "answer" or "this" in caps:  # "March next year": the year the words name
        return make(ref.year)
    periods = []
    for candidate in range(answered.year - 1, answered.year + 5):
        try:
            periods.append(make(candidate))
        except ValueError:  # 29 February in a year without one
            continue
    if anchor == "nearest" and periods:
        return min(periods, key=lambda period: abs(period[1] - answered))
    for start, end in periods:
        if (end >= answered) if anchor == "coming" else (start > answered):
            return start, end
    raise ValueError("no such date")


def _season(end_month: int) -> Any:
    # A season is three months and belongs to the year it starts in: winter 2025 is December
    # 2025 to February 2026.
    start_month = (end_month - 3) % 12 + 1
    return lambda y: (
        datetime.date(y, start_month, 1),
        _last_day(y if end_month > start_month else y + 1, end_month),
    )


def _period(rule: _Rule, caps: dict[str, Any], answered: datetime.date) -> _Period | None:
    """The period the words name, or None when they name no date."""
    years, months, weeks, days = rule.offsets
    step = caps.get("this", 0)
    if rule.resolves == "month_end" and "month" not in caps:  # "next month", not "May next year"
        ref = _shift(answered, years, months + step)
    else:
        ref = _shift(answered, years + step, months)
    fy_end = caps["fy"][1] if "fy" in caps else None
    match rule.resolves:
        case "year_end":
            year = caps.get("year", ref.year)
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        case "quarter_end":
            quarter = caps.get("quarter") or rule.quarter or (ref.month - 1) // 3 + 1
            make = lambda y: (datetime.date(y, quarter * 3 - 2, 1), _last_day(y, quarter * 3))  # noqa: E731
            return _in_year(make, caps, ref, answered, rule.anchor)
        case "month_end":
            if "month" not in caps:
                return datetime.date(ref.year, ref.month, 1), _last_day(ref.year, ref.month)
            month = caps["month"]
            make = lambda y: (datetime.date(y, month, 1), _last_day(y, month))  # noqa: E731
            return _in_year(make, caps, ref, answered, rule.anchor)
        case "season_end":
            return _in_year(_season(caps["season"]), caps, ref, answered, rule.anchor)
        case "date":
            day, month = caps["day"], caps["month"]
            make = lambda y: (datetime.date(y, month, day),) * 2  # noqa: E731
            return _in_year(make, caps, ref, answered, rule.anchor)
        case "financial_year_end":
            end = fy_end or ref.year + (ref.month >= 4)
            return datetime.date(end - 1, 4, 1), datetime.date(end, 3, 31)
        case "financial_quarter_end":
            quarter = caps.get("quarter") or rule.quarter or 1
            year, month = (fy_end - 1, quarter * 3 + 1) if quarter < 4 else (fy_end, 1)
            return datetime.date(year, month, 1), _last_day(year, month + 2)
        case "academic_year_end":
            end = fy_end or ref.year + (ref.month >= 8)
            return datetime.date(end - 1, 8, 1), datetime.date(end, 7, 31)
        case "after_answer":
            count = caps.get("count", 1)
            end = _shift(answered, years * count, months * count)
            return answered, end + datetime.timedelta(weeks=weeks * count, days=days * count)
        case "decade_end":
            first = caps.get("decade", answered.year // 10 * 10)
            return datetime.date(first, 1, 1), datetime.date(first + rule.last_year, 12, 31)
        case "parliament_end":
            return next(((f, last) for f, last in rule.parliaments if f <= answered <= last), None)
    return None


def _captures(match: re.Match[str], values: dict[str, dict[str, int]]) -> dict[str, Any]:
    """What the slots of a match hold, as numbers; a later slot of a kind wins over an earlier
    one (the end of "from 2023-24 to 2025-26")."""
    caps: dict[str, Any] = {}
    for name, index in sorted(match.re.groupindex.items(), key=lambda item: item[1]):
        text = match.group(index)
        if text is None:
            continue
        slot, word = name.rsplit("_", 1)[0], " ".join(text.lower().replace("’", "'").split())
        if slot == "fy":
            digits = re.findall(r"\d+", text)
            start, end = int(digits[0]), int(digits[1])
            end = end if end > 99 else start // 100 * 100 + end
            if end != start + 1:
                raise ValueError(f"{text!r} is not one financial year")
            caps["fy"] = (start, end)
        elif slot in ("year", "decade"):
            caps[slot] = int(word[:4])
        elif slot == "day":
            caps["day"] = int(re.match(r"\d+", word).group())  # type: ignore[union-attr]
        elif slot == "q":
            caps["quarter"] = int(word[-1])
        elif slot == "ordinal":
            caps["quarter"] = values["ordinal"][word]
        elif slot == "count":
            caps["count"] = int(word) if word.isdigit() else values["count"][word]
        elif slot in values:
            caps[slot] = values[slot][word]
    return caps


def _blocked(rule: _Rule, table: _Table, sentence: str, match: re.Match[str]) -> bool:
    # Only the last few characters: a search from the start would make a long text quadratic.
    before = _LAST_WORD.search(sentence, max(0, match.start() - 40), match.start())
    if before and before.group(1).lower().replace("’", "'") in table.not_after | rule.not_after:
        return True
    after = _NEXT_WORD.match(sentence, match.end())
    not_before = table.not_before if rule.not_before is None else rule.not_before
    if after and after.group(1).lower() in not_before:
        return True
    last = match.group(0).split()[-1]
    return last[:1].isupper() and bool(_NAME_NEXT.match(sentence, match.end()))


@dataclass(frozen=True)
class TimePhrase:
    """One time phrase of a sentence: where it stands, the order of its entry in the lexicon,
    the entry's kind, and what it resolves to."""

    start: int
    end: int
    order: int
    kind: str
    deadline: Deadline


def _read(
    rule: _Rule,
    order: int,
    table: _Table,
    sentence: str,
    regex: re.Pattern[str],
    answered_on: datetime.date,
) -> list[TimePhrase]:
    """The matches of one of a rule's patterns that pass the guards and name a real date."""
    phrases = []
    for match in regex.finditer(sentence):
        if _blocked(rule, table, sentence, match):
            continue
        try:
            period = _period(rule, _captures(match, table.values), answered_on)
        except ValueError:  # no such date: 31 April, "2021-27"
            continue
        if period is None:
            day = None
        else:  # "before April 2026": the day before the period starts
            day = period[0] - datetime.timedelta(days=1) if rule.before else period[1]
        deadline = Deadline(day, match.group(0), rule.id)
        phrases.append(TimePhrase(match.start(), match.end(), order, rule.kind, deadline))
    return phrases


def time_phrases(sentence: str, answered_on: datetime.date) -> list[TimePhrase]:
    """Every time phrase of the sentence that survives the guards and the overlaps (the longest
    wins, then the entry earlier in the lexicon), in the order they stand."""
    table, lowered = _table(), sentence.lower().replace("’", "'")
    found = []
    for order, rule in enumerate(table.rules):
        for regex, needles in rule.regexes:
            if needles and not any(needle in lowered for needle in needles):
                continue
            found.extend(_read(rule, order, table, sentence, regex, answered_on))
    kept, taken = [], bytearray(len(sentence))
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start, f.order)):
        if not any(taken[item.start : item.end]):
            kept.append(item)
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
    return sorted(kept, key=lambda f: f.start)


def _rank(item: TimePhrase, answered_on: datetime.date) -> int:
    day = item.deadline.date
    if day is None:
        return 2
    if day < answered_on:  # past already: context ("announced on 12 May 2025"), not a deadline
        return 3
    return 0 if item.kind == "deadline" else 1


def find_deadline(sentence: str, answered_on: datetime.date) -> Deadline | None:
    """The deadline of the promise in ``sentence`` answered on ``answered_on``, or None when the
    sentence names no time for it: the first deadline not yet passed, else the first such
    start, else the first time without a date, else the first past one."""
    kept = time_phrases(sentence, answered_on)
    if not kept:
        return None
    return min(kept, key=lambda item: (_rank(item, answered_on), item.start)).deadline
