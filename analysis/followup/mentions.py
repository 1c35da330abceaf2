"""Mentions of followable things in labelled sentences: what a promise is about and undertakes.

A *mention* is a sentence that names a followable object: a plan, strategy, bill, fund,
consultation ... (the heads in ``lexicons/promises.yaml``), with the words before the head that
name it ("the new national cancer plan" -> ``cancer plan``; qualifiers such as "new",
"forthcoming", "national" and "public" dropped, and "the"; case, apostrophes and hyphens
ignored), or a complement when the head has no name of its own ("a consultation on the future
of local audit"). A bare "the plan" takes the name of the last plan the same answer named; when
the answer named none, it is not followable and is left out. An acronym given in brackets after
a name ("Men's Health Strategy (MHS)") stands for the name wherever else the same answer uses
it.

Each mention carries:

* ``action``: the family (``publish``, ``launch``, ``legislate``, ``consult``, ``respond``,
  ``review``, ``update``, ``invest``, ``implement``) of the first action verb of the sentence
  (lexicon kind ``action``); when none, the action the object's head implies (a plan is
  published, a fund launched, a bill legislated);
* ``is_delivery``: the sentence speaks of the object as existing or of the action as done: a
  verb right after the name ("The Plan sets out", "was published") or words before it
  ("Through the Plan", "as set out in the Plan"), lexicon kinds ``delivered_verb`` and
  ``delivered_lead``. Whatever the sentence's time: "The Plan sets out how we will ..." is
  labelled future for what the plan will do, but it reports the plan done;
* ``is_promise``: the sentence is labelled future with a commitment level (every level kept, so
  users can filter on firm ones), or the words right after the name promise it whatever the
  main clause says ("a key aim of the National Cancer Plan, which will be published later this
  year", lexicon kind ``promised_after``); and it is not a delivery of that object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from analysis.language.lexicon import load_lexicon, word_set
from analysis.language.tokens import Token, is_adverb, tokenize, verb_forms
from analysis.language.words import DETERMINERS, MODALS, PREPOSITIONS, SUBJECT_PRONOUNS

LEXICON = "promises"
MAX_NAME_WORDS = 8
MAX_COMPLEMENT_WORDS = 6
COMPLEMENT_LEADS = ("on", "into", "of", "for")
OBJECT_REACH = 6  # words between an action verb and the object it acts on
_VERB_LEADS = MODALS | SUBJECT_PRONOUNS | {"to"}
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class ObjectMention:
    """One named object in a sentence: its normalised key, its words and its head."""

    key: str
    words: str
    head: str
    start: int  # token index of the first word of the name
    end: int  # token index after the head


@cache
def _phrase_values(kind: str) -> dict[tuple[str, ...], str]:
    """The word sequences of the entries of ``kind`` -> their ``action``: object heads -> the
    action they imply; action verbs (lemmas, "set out") -> their action family."""
    values: dict[tuple[str, ...], str] = {}
    for entry in load_lexicon(LEXICON):
        if entry["kind"] == kind:
            for phrase in entry["phrase"].split("|"):
                values[tuple(phrase.strip().split())] = entry["action"]
    return values


def _heads() -> dict[tuple[str, ...], str]:
    return _phrase_values("object_head")


def _actions() -> dict[tuple[str, ...], str]:
    return _phrase_values("action")


@cache
def _evidence(kind: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words, evidence) of the entries of ``kind``, longest first: evidence is ``done`` or
    ``exists``."""
    phrases = [
        (tuple(phrase.strip().split()), entry["evidence"])
        for entry in load_lexicon(LEXICON)
        if entry["kind"] == kind
        for phrase in entry["phrase"].split("|")
    ]
    return tuple(sorted(phrases, key=lambda item: len(item[0]), reverse=True))


@cache
def _drop_words() -> frozenset[str]:
    return word_set(LEXICON, "drop_word")


@cache
def _generic_words() -> frozenset[str]:
    return word_set(LEXICON, "generic_word")


def _names_nothing(token: Token) -> bool:
    """A qualifier ("new", "forthcoming") or a generic word in lower case ("public")."""
    return token.lower in _drop_words() or (
        token.text.islower() and token.lower in _generic_words()
    )


@cache
def _stop_words() -> frozenset[str]:
    return word_set(LEXICON, "name_stop")


def normalise(words: str) -> str:
    """The key of a name: lower case, no apostrophes, hyphens as spaces, single spaces."""
    lowered = words.lower().replace("’", "'").replace("'s", "s").replace("'", "")
    return " ".join(w for w in re.sub(r"[-–/]", " ", lowered).split() if w != "the")


@cache
def _head_pattern() -> re.Pattern[str]:
    words = sorted({words[-1] for words in _heads()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def may_name_object(sentence: str) -> bool:
    """False when no object head occurs in the sentence: a quick test before tokenising."""
    return _head_pattern().search(sentence) is not None


def head_action(head: str) -> str:
    """The action an object head implies when its sentence names no verb (a plan: publish)."""
    return _heads()[tuple(head.split())]


def _is_name_word(token: Token) -> bool:
    if token.kind == "number":
        return True
    if not token.is_word or token.lower in _stop_words():
        return False
    # A lower-case verb of the action lexicon ends a name: "we will publish national ...".
    return not (token.text.islower() and (verb_forms(token.lower)[0],) in _actions())


def _head_at(tokens: list[Token], index: int) -> tuple[str, ...] | None:
    for length in (3, 2, 1):
        words = tuple(t.lower for t in tokens[index : index + length])
        if len(words) == length and words in _heads():
            return words
    return None


def find_objects(sentence: str, tokens: list[Token] | None = None) -> list[ObjectMention]:
    """The named objects of one sentence, in order (a bare head gets an empty key)."""
    tokens = tokens if tokens is not None else tokenize(sentence)
    found: list[ObjectMention] = []
    index = 0
    while index < len(tokens):
        head = _head_at(tokens, index)
        if head is None:
            index += 1
            continue
        end = index + len(head)
        # A head after "to", a modal or a pronoun is a verb: "to plan specialist care", "we fund".
        if index and tokens[index - 1].lower in _VERB_LEADS:
            index = end
            continue
        # A head followed by another head word, or by a capitalised word, names something else:
        # "plan fund", "the Industrial Strategy Council" (a year is part of the name, below).
        following = tokens[end] if end < len(tokens) else None
        if following is not None and (
            _head_at(tokens, end) is not None
            or (following.is_word and following.text[:1].isupper() and following.text != "I")
        ):
            index += 1
            continue
        start = index
        while start > 0 and index - start < MAX_NAME_WORDS:
            if _is_name_word(tokens[start - 1]):
                start -= 1
            elif (
                tokens[start - 1].text in "-–" and start > 1 and tokens[start - 2].kind == "number"
            ):
                start -= 2  # "10-Year Health Plan": the number and its hyphen
            else:
                break
        name = [
            t.text
            for t in tokens[start:index]
            if (t.is_word or t.kind == "number") and not _names_nothing(t)
        ]
        complement: list[str] = []
        # "a consultation on X" has no name but its complement; "the National Policy Statement
        # for Ports" has both, and its complement is a name (capitalised).
        proper = end + 1 < len(tokens) and tokens[end + 1].text[:1].isupper()
        if (not name or proper) and end < len(tokens) and tokens[end].lower in COMPLEMENT_LEADS:
            after = end + 1
            while (
                after < len(tokens)
                and len(complement) < MAX_COMPLEMENT_WORDS
                and (_is_name_word(tokens[after]) or tokens[after].lower in ("the", "of", "and"))
                and not is_adverb(tokens[after])
            ):
                complement.append(tokens[after].text)
                after += 1
            while complement and complement[-1].lower() in ("the", "of", "and"):
                complement.pop()
            if complement:
                complement = [tokens[end].text, *complement]
        head_words = [t.text for t in tokens[index:end]]
        if end < len(tokens) and _YEAR_RE.fullmatch(tokens[end].text):
            # "Spending Review 2021" and "Spending Review 2025" are two undertakings.
            complement = [tokens[end].text]
            end += 1
        key_words = " ".join([*name, *head_words, *complement])
        key = normalise(key_words) if (name or complement) else ""
        # Shown as written, less the qualifiers before it: "National Cancer Plan", not the
        # key's "cancer plan" nor "new national cancer plan".
        shown = [
            t.text
            for t in tokens[_first_shown(tokens, start, index) : index]
            if t.is_word or t.kind == "number"
        ]
        words = " ".join([*shown, *head_words, *complement])
        found.append(ObjectMention(key, words, " ".join(head), start, end))
        index = end
    return found


def _first_shown(tokens: list[Token], start: int, head: int) -> int:
    """The first word of a name worth showing: past leading qualifiers ("our new")."""
    while start < head and tokens[start].lower in _drop_words() - _generic_words() - {"national"}:
        start += 1
    return start


def acronym_after(tokens: list[Token], mention: ObjectMention) -> str | None:
    """ "(MHS)" right after a name whose words' initials spell it."""
    if mention.end + 2 >= len(tokens) or tokens[mention.end].text != "(":
        return None
    candidate = tokens[mention.end + 1].text
    if tokens[mention.end + 2].text != ")" or not candidate.isupper() or len(candidate) < 2:
        return None
    initials = "".join(w[0] for w in mention.key.split() if w[0].isalnum()).upper()
    return candidate if initials.startswith(candidate) or candidate in initials else None


def action_of(
    tokens: list[Token], head_action: str, names: Iterable[ObjectMention] = ()
) -> tuple[str, str, int]:
    """(action family, the verb's words, the verb's token index) of the first action verb
    outside the sentence's object names (the "fund" of "a new fund" is no verb); else the
    head's action, "" and -1."""
    inside = {index for name in names for index in range(name.start, name.end)}
    lemmas = [
        (verb_forms(t.lower)[0] or t.lower) if t.is_word and n not in inside else ""
        for n, t in enumerate(tokens)
    ]
    for index in range(len(tokens)):
        for length in (3, 2, 1):
            words = tuple(lemmas[index : index + length])
            if len(words) == length and words in _actions():
                text = " ".join(t.text for t in tokens[index : index + length])
                return _actions()[words], text, index
    return head_action, "", -1


def acts_on(mention: ObjectMention, verb_at: int) -> bool:
    """Whether the verb at ``verb_at`` can act on the name: the name comes within a few words
    after it ("publish the new Plan"), or before it ("the Plan will be published")."""
    if verb_at < 0:
        return False
    return verb_at < mention.start <= verb_at + OBJECT_REACH or (
        mention.end <= verb_at <= mention.end + OBJECT_REACH
    )


def _after_preposition(tokens: list[Token], name: ObjectMention) -> bool:
    """Whether a name sits in a prepositional phrase ("for the Bill", "in our Plan")."""
    before = name.start - 1
    while before >= 0 and (tokens[before].lower in DETERMINERS or _names_nothing(tokens[before])):
        before -= 1
    return before >= 0 and tokens[before].lower in PREPOSITIONS


def promised_object(
    tokens: list[Token], names: list[ObjectMention], verb_at: int
) -> ObjectMention | None:
    """Of several objects in one sentence, the one the action verb acts on: the first after the
    verb within a few words ("we will publish the plan"), else the nearest before it that is
    not inside a prepositional phrase ("an assessment for the Bill will be published": the
    assessment). None when there is no verb or only one object (all are kept)."""
    if verb_at < 0 or len(names) < 2:
        return None
    after = [n for n in names if verb_at < n.start <= verb_at + OBJECT_REACH]
    if after:
        return after[0]
    before = [n for n in names if n.end <= verb_at]
    heads = [n for n in before if not _after_preposition(tokens, n)]
    if heads or before:
        return (heads or before)[-1]
    return min(names, key=lambda n: abs(n.start - verb_at))


@cache
def _promised_after() -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(p.split()) for p in word_set(LEXICON, "promised_after")}
    return tuple(sorted(phrases, key=len, reverse=True))


def promised_after(tokens: list[Token], mention: ObjectMention) -> str:
    """The words right after a name (a comma may stand between) that promise it, or ""."""
    start = mention.end + (mention.end < len(tokens) and tokens[mention.end].text == ",")
    after = tuple(t.lower for t in tokens[start : start + 6])
    for phrase in _promised_after():
        if after[: len(phrase)] == phrase:
            return " ".join(phrase)
    return ""


def _after_name(tokens: list[Token], mention: ObjectMention) -> int:
    """Where the words after a name start: past an acronym in brackets ("Plan (RAP) sets")."""
    end = mention.end
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
        return end + 3
    return end


def _first_kept(tokens: list[Token], mention: ObjectMention) -> int:
    """The first word of the name that names it ("published" and "existing" do not)."""
    start = mention.start
    while start < mention.end - 1 and _names_nothing(tokens[start]):
        start += 1
    return start


def delivery_words(tokens: list[Token], mention: ObjectMention) -> tuple[str, str]:
    """(words, evidence) that speak of the object as existing (``exists``) or of its action as
    done (``done``), or ("", "") (see the module docstring)."""
    lowered = [t.lower for t in tokens]
    end = _after_name(tokens, mention)
    after = lowered[end : end + 6]
    # A comma or an adverb may stand between ("The Plan, published in February,", "The Plan
    # also sets out"), never an auxiliary ("The Plan will set out" is a promise).
    gap = end < len(tokens) and (tokens[end].text == "," or is_adverb(tokens[end]))
    for phrase, evidence in _evidence("delivered_verb"):
        if tuple(after[: len(phrase)]) == phrase or (
            gap and tuple(after[1 : 1 + len(phrase)]) == phrase
        ):
            return " ".join(phrase), evidence
    # Before the name, or before its first word that names it ("the recently published
    # Environmental Improvement Plan": "published" is read as a qualifier, not a name).
    for first in dict.fromkeys((mention.start, _first_kept(tokens, mention))):
        before = lowered[max(0, first - 6) : first]
        for phrase, evidence in _evidence("delivered_lead"):
            if tuple(before[-len(phrase) :]) == phrase:
                return " ".join(phrase), evidence
    return "", ""
