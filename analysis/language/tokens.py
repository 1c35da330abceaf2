"""Words of a sentence: tokens, contractions, and the parts of speech a word can take.

Tokens keep their character offsets, so a later step can blank or quote the exact text. Word
classes come from the lemminflect lexicon (shipped inside its package, no download): a word is
tagged with every part of speech it *can* take, and the verb-group chunker
(:mod:`analysis.language.verb_groups`) decides from its neighbours which one it takes here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lemminflect import getAllLemmas, getInflection

from analysis.language.words import (
    AUXILIARIES,
    CHAIN_ADVERBS,
    DETERMINERS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
)

# A sum of money written with its currency sign: "£1.5 billion", "£49,500", "$3m". The one
# definition: the tokenizer keeps it as one token, and specificity counts it.
MONEY_PATTERN = (
    r"[£$€]\s?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?(?:bn|billion|m|million|k|thousand|trillion)\b)?"
)
_TOKEN_RE = re.compile(
    r"""
    (?P<url>(?:https?://|www\.)\S+)
    | (?P<money>"""
    + MONEY_PATTERN
    + r""")
    | (?P<number>\d+(?:,\d{3})*(?:\.\d+)?%?)
    | (?P<word>[A-Za-z][A-Za-z'’]*(?:[-–][A-Za-z0-9][A-Za-z'’]*)*)
    | (?P<punct>[^\sA-Za-z0-9])
    """,
    re.VERBOSE,
)

_CLITIC_RE = re.compile(r"[a-z]+'(ll|re|ve|m|d)")
NEGATIVE_CLITIC = "n't"
# Stems of "won't", "can't", "shan't" that are not the verb itself.
_NEGATED_STEMS = {"wo": "will", "ca": "can", "sha": "shall"}
# First parts of a hyphenated word that make it an adjective ("well-established"), so the word
# is not read as a verb ("co-chaired", "re-launched").
_MODIFIER_PREFIXES = frozenset({"well", "long", "ill", "so", "newly", "widely", "much", "short"})
_PENN_VERB_TAGS = ("VB", "VBZ", "VBD", "VBN", "VBG", "VBP")
# Distinct lower-case words whose word classes and verb forms are remembered: more than the
# vocabulary of the whole corpus of answers, so each word is looked up in lemminflect once.
WORD_CACHE_SIZE = 20_000
# An -ly word shorter than this is not read as an adverb by its ending ("ally", "holy", "July").
SHORTEST_LY_ADVERB = 5
# A quotation mark opens a quoted title only if its closing mark comes within this many tokens;
# otherwise it is an apostrophe ("the Members’ offices").
QUOTE_CLOSE_WITHIN = 39
_QUOTE_PAIRS = {"“": "”", "‘": "’", '"': '"'}


class Token(NamedTuple):
    """One token and where it stands. A named tuple, not a frozen dataclass: some 35 are made
    per sentence, and a tuple is made about three times as fast."""

    text: str
    lower: str
    start: int
    end: int
    kind: str  # word, number, money, url, punct

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


def tokenize(text: str) -> list[Token]:
    """Words, numbers, sums of money, URLs and punctuation, with contractions split ("won't" ->
    "will" + "n't", "we'll" -> "we" + "'ll"); ``lower`` has straight apostrophes."""
    tokens = []
    apostrophes = False
    for match in _TOKEN_RE.finditer(text):
        value = match.group(0)
        lower = value.lower().replace("’", "'")
        apostrophes = apostrophes or "'" in lower
        start, end = match.span()
        tokens.append(Token(value, lower, start, end, match.lastgroup or "punct"))
    # Every contraction has an apostrophe: most sentences have none to split.
    return _split_contractions(tokens) if apostrophes else tokens


def _split_contractions(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    cut_length = len(NEGATIVE_CLITIC)
    for token in tokens:
        lower = token.lower
        if token.is_word and lower.endswith(NEGATIVE_CLITIC) and len(lower) > cut_length:
            stem = lower[:-cut_length]
            stem = _NEGATED_STEMS.get(stem, stem)
            cut = token.end - cut_length
            out.append(Token(token.text[:-cut_length], stem, token.start, cut, "word"))
            out.append(Token(token.text[-cut_length:], NEGATIVE_CLITIC, cut, token.end, "word"))
        elif token.is_word and _CLITIC_RE.fullmatch(lower):
            stem, suffix = lower.split("'")
            cut = token.start + len(stem)
            out.append(Token(token.text[: len(stem)], stem, token.start, cut, "word"))
            out.append(Token(token.text[len(stem) :], "'" + suffix, cut, token.end, "word"))
        else:
            out.append(token)
    return out


def span_text(text: str, tokens: list[Token], start: int, end: int) -> str:
    """The text of ``tokens[start:end]``, from the first token's start to the last one's end."""
    if start >= end or start >= len(tokens):
        return ""
    return text[tokens[start].start : tokens[min(end, len(tokens)) - 1].end]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_classes(lower: str) -> dict[str, tuple[str, ...]]:
    """Parts of speech a word can take, from lemminflect: {'NOUN': ('plan',), 'VERB': ...}."""
    return dict(getAllLemmas(lower))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def verb_forms(lower: str) -> tuple[str, frozenset[str]]:
    """(lemma, Penn tags this word is a form of) for a word that can be a verb; else ('', {})."""
    lemmas = word_classes(lower).get("VERB") or word_classes(lower).get("AUX")
    if not lemmas and "-" in lower and lower.split("-", 1)[0] not in _MODIFIER_PREFIXES:
        # "co-chaired", "re-launched": the verb is the last part ("well-established" is not).
        head = lower.rsplit("-", 1)[1]
        lemma, tags = verb_forms(head)
        return (lower.rsplit("-", 1)[0] + "-" + lemma if lemma else ""), tags
    if not lemmas:
        return "", frozenset()
    lemma = lemmas[0]
    tags = set()
    for tag in _PENN_VERB_TAGS:
        forms = _inflection(lemma, tag) or ()
        if lower in forms:
            tags.add(tag)
    return lemma, frozenset(tags)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _inflection(lemma: str, tag: str) -> tuple[str, ...] | None:
    """lemminflect's forms of ``lemma`` for a Penn tag, once per lemma and tag: the forms of a
    verb ("publishes", "published") share their lemma's, and each look-up copies its table."""
    return getInflection(lemma, tag=tag)


def can_be(lower: str, cls: str) -> bool:
    """Can the word take the part of speech ``cls`` ('NOUN', 'ADJ', 'VERB', ...)?"""
    return cls in word_classes(lower)


def is_adverb(token: Token) -> bool:
    """An adverb that may stand inside a verb chain: a listed one, or an -ly word that is not
    also a noun ("currently", not "family")."""
    lower = token.lower
    return token.is_word and (
        lower in CHAIN_ADVERBS
        or (lower.endswith("ly") and len(lower) >= SHORTEST_LY_ADVERB and not can_be(lower, "NOUN"))
    )


def masked_indexes(tokens: list[Token]) -> set[int]:
    """Token indexes inside brackets or quotation marks (titles, asides)."""
    masked: set[int] = set()
    depth = 0
    quote_open: str | None = None
    for index, token in enumerate(tokens):
        if token.kind != "punct":
            if depth or quote_open:
                masked.add(index)
            continue
        if token.text in "([":
            depth += 1
            masked.add(index)
        elif token.text in ")]":
            depth = max(0, depth - 1)
            masked.add(index)
        elif quote_open and token.text == _QUOTE_PAIRS.get(quote_open):
            quote_open = None
            masked.add(index)
        elif token.text in _QUOTE_PAIRS and not quote_open:
            closer = _QUOTE_PAIRS[token.text]
            reach = tokens[index + 1 : index + 1 + QUOTE_CLOSE_WITHIN]
            if any(t.text == closer for t in reach):
                quote_open = token.text
                masked.add(index)
    return masked


def is_determiner_that(tokens: list[Token], index: int) -> bool:
    """'that' as in 'in that statement', not as in 'ensure that' or 'the steps that'."""
    before = tokens[index - 1].lower if index > 0 else ""
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if before in PREPOSITIONS:
        return True
    if after is None or not after.is_word:
        return False
    if index == 0 and can_be(after.lower, "NOUN"):
        return True  # "That work is underway": a sentence opening "That" + noun
    word = after.lower
    if word in DETERMINERS or word in SUBJECT_PRONOUNS or word in AUXILIARIES:
        return False
    after_next = tokens[index + 2].lower if index + 2 < len(tokens) else ""
    singular_noun = can_be(word, "NOUN") and not word.endswith("s")
    return (
        singular_noun
        and after_next not in AUXILIARIES
        and not verb_forms(after_next)[1] & {"VBZ", "VBD"}
    )
