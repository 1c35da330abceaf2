"""Clauses of a sentence: which verb groups make its main proposition.

The labelling guide labels a sentence on its *main proposition*: what the sentence mainly says is
done, will be done or is the case. No parser model can be downloaded here, so the main
proposition is found with rules a reader can follow, on the words (:mod:`analysis.language.tokens`)
and verb groups (:mod:`analysis.language.verb_groups`) of the sentence:

* **Subordinate** verb groups are set aside: those in brackets or quotation marks, those in an
  opening phrase up to the first comma ("In 2024, ..."), those after a relative pronoun or a
  subordinating word in the same stretch of clause ("..., which will be published", "as set
  out", "if it is"), and those in a "that" clause after a noun.
* After verbs of saying and knowing ("I can confirm that ...", "we recognise that ..."), the
  reported clause is the main proposition; "that is why ..." also carries the main point.

The result is deliberately plain data, so the time and commitment labelers can show the cues that
decided each label. :func:`main_text` blanks the subordinate material out of the sentence, so cue
phrases are looked for in the main clause only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from analysis.language.tokens import (
    Token,
    is_determiner_that,
    masked_indexes,
    span_text,
    tokenize,
    verb_forms,
)
from analysis.language.verb_groups import (
    AFTER_MARKER,
    BRACKETED,
    IS_WHY,
    OPENING_PHRASE,
    REPORTED,
    VerbGroup,
    find_verb_groups,
)
from analysis.language.words import (
    AS_SUBORDINATOR_NEXT,
    BOUNDARIES,
    DETERMINERS,
    LEADING_PHRASE_WORDS,
    PREPOSITION_USE,
    RELATIVES,
    RELATIVES_AND_THAT,
    REPORTING_VERBS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
)

# "since"/"after" + a determiner opens a clause only if its verb comes within this many tokens
# ("after a defendant has been charged"); further on, it was a preposition ("after the launch of
# the new service, we will ...").
DETERMINER_CLAUSE_REACH = 4
# A verb group with a relative ("which", "that") among this many tokens before it is in a relative
# clause: it is not the main clause that makes an opening phrase before it subordinate.
RELATIVE_REACH = 2
# A reporting verb in the past reports the speaker's own plan only if "we"/"I" is among the last
# this many tokens before the reported verb ("we have announced that we will ...").
REPORTED_SUBJECT_REACH = 3
# The "that" of a reported clause stands within this many tokens after the reporting verb.
REPORTED_THAT_REACH = 8
# "is confident that", "are pleased that": the adjective follows "be" within this many tokens.
STANCE_ADJECTIVE_REACH = 3
_STANCE_ADJECTIVES = ("confident", "pleased", "satisfied")


@dataclass
class SentenceParse:
    """One sentence read: its tokens and verb groups, each marked main or subordinate."""

    text: str
    tokens: list[Token]
    groups: list[VerbGroup] = field(default_factory=list)

    @property
    def main_groups(self) -> list[VerbGroup]:
        main = [g for g in self.groups if not g.subordinate]
        return main or self.groups[:1]

    @cached_property
    def main(self) -> str:
        """:func:`main_text` of this parse, worked out once for all the labelers."""
        return _blank_subordinate(self)

    def span_text(self, start: int, end: int) -> str:
        return span_text(self.text, self.tokens, start, end)


def parse(sentence: str) -> SentenceParse:
    """Tokens, verb groups and their main/subordinate status for one sentence."""
    tokens = tokenize(sentence)
    groups = find_verb_groups(sentence, tokens)
    _mark_subordinate(tokens, groups, masked_indexes(tokens))
    _lift_is_why(tokens, groups)
    parsed = SentenceParse(sentence, tokens, groups)
    _lift_reported_clauses(parsed)
    return parsed


def _marker(tokens: list[Token], start: int, end: int, masked: set[int] = frozenset()) -> str:
    """The subordinating word governing tokens[start:end], if any."""
    for index in range(start, end):
        if index in masked:
            continue
        token = tokens[index]
        lower = token.lower
        following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        if lower in PREPOSITION_USE:
            # "since it opened", "after a defendant has been charged": a clause; "since 2022",
            # "after launch the service will": a preposition.
            pronoun = following in SUBJECT_PRONOUNS - {"which", "that"}
            close_clause = following in DETERMINERS and end - index <= DETERMINER_CLAUSE_REACH
            if not (pronoun or close_clause):
                continue
        if lower == "as":
            if following in AS_SUBORDINATOR_NEXT and not (
                index > 0 and tokens[index - 1].lower in {"such", "as", "well"}
            ):
                return "as"
            continue
        if lower in RELATIVES:
            if (
                lower == "which"
                and following == "is"
                and index + 2 < len(tokens)
                and tokens[index + 2].lower == "why"
            ):
                continue  # "which is why ..." carries the point of the sentence
            return lower
        if lower == "so" and following == "that":
            return "so that"
        if lower in {"so", "as", "than"} and index > start:
            continue
        if lower == "so":
            continue  # ", so we will ..." opens a main clause
        if lower in SUBORDINATORS:
            return lower
        if lower == "that" and not is_determiner_that(tokens, index):
            before = tokens[index - 1].lower if index > 0 else ""
            if before not in {",", "so", "such", "now"}:
                return "that"
    return ""


def _opens_with_phrase(tokens: list[Token]) -> bool:
    """Does the sentence open with a phrase that ends at its first comma ("In 2024, ...")?"""
    first = tokens[0].lower
    if first == "further":
        return len(tokens) > 1 and tokens[1].lower == "to"  # "Further to my answer, ..."
    return first in LEADING_PHRASE_WORDS or _participle_opening(tokens)


def _after_relative(tokens: list[Token], index: int) -> bool:
    before = tokens[max(0, index - RELATIVE_REACH) : index]
    return any(t.lower in RELATIVES_AND_THAT for t in before)


def _participle_opening(tokens: list[Token]) -> bool:
    """A sentence opening with "Using ...", "Having ...", "Building on ..." (up to its comma)."""
    first = tokens[0].lower if tokens else ""
    return first.endswith("ing") and "VBG" in verb_forms(first)[1]


def _mark_subordinate(tokens: list[Token], groups: list[VerbGroup], masked: set[int]) -> None:
    first_comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    leading_phrase = (
        first_comma is not None
        and tokens
        and _opens_with_phrase(tokens)
        and any(g.start > first_comma and not _after_relative(tokens, g.start) for g in groups)
    )
    previous: VerbGroup | None = None
    for group in groups:
        if group.start in masked:
            group.make_subordinate(BRACKETED)
        elif leading_phrase and group.start < first_comma:
            group.make_subordinate(OPENING_PHRASE, tokens[0].text)
        else:
            window_start = 0
            for back in range(group.start - 1, -1, -1):
                if tokens[back].text in BOUNDARIES:
                    window_start = back + 1
                    break
            if previous is not None:
                window_start = max(window_start, previous.end)
            marker = _marker(tokens, window_start, group.start, masked)
            if marker:
                group.make_subordinate(AFTER_MARKER, marker)
            elif previous is not None and previous.subordinate and previous.reason_id != BRACKETED:
                between = [t.lower for t in tokens[previous.end : group.start]]
                no_boundary = not any(w in BOUNDARIES for w in between)
                coordinated = any(w in {"and", "or"} for w in between) and no_boundary
                # "where they believe illegal working is taking place": the clause a verb of
                # thinking or saying reports is as subordinate as that verb.
                reported = no_boundary and previous.head_lemma in REPORTING_VERBS
                if coordinated or reported:
                    group.make_subordinate(previous.reason_id, previous.marker)
        previous = group


def _lift_is_why(tokens: list[Token], groups: list[VerbGroup]) -> None:
    """In "That is why we are working ...", the clause after "is why" is the main one."""
    for position, group in enumerate(groups[:-1]):
        after = tokens[group.end].lower if group.end < len(tokens) else ""
        before = tokens[group.start - 1].lower if group.start > 0 else ""
        if (
            group.copula
            and group.words[-1] in {"is", "was"}
            and after == "why"
            and before in {"that", "this", "which"}
        ):
            group.make_subordinate(IS_WHY)
            nxt = groups[position + 1]
            nxt.make_main()


def _lift_reported_clauses(parsed: SentenceParse) -> None:
    """After 'I can confirm that' / 'we recognise that', the reported clause is the main one."""
    groups = parsed.groups
    for position, group in enumerate(groups[:-1]):
        if group.subordinate or group.head_lemma not in REPORTING_VERBS:
            continue
        past = (
            group.form == "VBD" or group.perfect or group.words[0] in {"was", "were", "had", "did"}
        )
        if past:
            # "has confirmed that police forces will ..." reports a past event; "we have
            # announced that we will ..." reports the speaker's own plan, which is the point.
            nxt = groups[position + 1]
            before_next = [t.lower for t in parsed.tokens[group.end : nxt.start]]
            subject = before_next[-REPORTED_SUBJECT_REACH:]
            if not set(subject) & {"we", "i"}:
                continue
        nxt = groups[position + 1]
        between = [t.lower for t in parsed.tokens[group.end : nxt.start]]
        after_that = nxt.reason_id == AFTER_MARKER and nxt.marker == "that"
        if after_that and "that" in between[:REPORTED_THAT_REACH]:
            if group.head_lemma == "be" and not any(
                w in between[:STANCE_ADJECTIVE_REACH] for w in _STANCE_ADJECTIVES
            ):
                continue
            nxt.make_main()
            group.make_subordinate(REPORTED, group.text)


def subordinate_spans(parsed: SentenceParse) -> list[tuple[int, int]]:
    """Character spans of subordinate material: clauses of subordinate verb groups (from their
    subordinating word to the next comma or main verb), the opening phrase before the first
    comma when a main clause follows it, and text in brackets or quotation marks."""
    tokens = parsed.tokens
    if not tokens:
        return []
    spans: list[tuple[int, int]] = []
    masked = masked_indexes(tokens)
    for index in sorted(masked):
        spans.append((tokens[index].start, tokens[index].end))
    main_starts = [g.start for g in parsed.groups if not g.subordinate]
    first_comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if (
        first_comma is not None
        and (
            _opens_with_phrase(tokens)
            or tokens[0].lower in {"to", "following", "furthermore", "however"}
        )
        and any(start > first_comma for start in main_starts)
    ):
        spans.append((tokens[0].start, tokens[first_comma].end))
    for group in parsed.groups:
        if not group.subordinate or group.reason_id == REPORTED:
            continue
        if group.reason_id == IS_WHY:
            spans.append((tokens[group.start].start, tokens[min(group.end, len(tokens) - 1)].end))
            continue
        start = group.start
        marker = group.marker if group.reason_id == AFTER_MARKER else ""
        if marker:
            first = marker.split()[0]
            for back in range(group.start - 1, -1, -1):
                if tokens[back].lower == first:
                    start = back
                    break
                if tokens[back].text in BOUNDARIES:
                    break
        end = len(tokens)
        for forward in range(group.end, len(tokens)):
            if tokens[forward].text in BOUNDARIES or forward in main_starts:
                end = forward
                break
        spans.append((tokens[start].start, tokens[end - 1].end))
    return spans


# "May" with a capital inside a sentence is the month ("in May", "14th May"): the modal is
# written "may" there.
_MONTH_MAY = re.compile(r"(?<=\S)(\s+)May\b")


def blank_month_may(text: str) -> str:
    """``text`` with the month "May" (capitalised, not first) blanked: same length, same offsets."""
    return _MONTH_MAY.sub(lambda m: m.group(1) + " " * len("May"), text)


def main_text(parsed: SentenceParse) -> str:
    """The sentence with its subordinate material blanked out (same length, same offsets).

    The month "May" is blanked too, so that cue phrases never read it as the modal verb. Kept
    on the parse (``parsed.main``), so the time and commitment labelers share one reading.
    """
    return parsed.main


def _blank_subordinate(parsed: SentenceParse) -> str:
    chars = list(blank_month_may(parsed.text))
    for start, end in subordinate_spans(parsed):
        for position in range(start, min(end, len(chars))):
            chars[position] = " "
    return "".join(chars)
