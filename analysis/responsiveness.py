"""Does the answer address what was asked? Asks of a question, and whether each is answered.

Rule. A written question asks one or more things. Its **asks** are its enumerated parts
("(a) ..., (b) ...", "(i) ..., (ii) ...") when it has them, otherwise its clauses opened by a
question word ("what", "whether", "how many", "when", "if", "which", "why", "how") joined by
"and" or a semicolon; a question with neither is one ask. The shared opening ("To ask the
Secretary of State for Health and Social Care, what assessment he has made of ...") is part of
every ask, but its words do not count as the ask's content.

An ask is **addressed** (1) when at least half of its content words (lemmas of nouns, verbs,
adjectives and numbers, less the stock words of the form of a question: "assessment", "made",
"department", "secretary", "state") appear in the answer; **partly** (0.5) when at least one in
four does; otherwise **not** (0). ``asks_addressed_share`` is the mean over asks, NA when there
is no question. Higher is more responsive.

This is a lexical measure: an answer that restates the question's words while declining to
answer it counts as addressing it (the commitment and deflection measures see the refusal); one
that answers in other words is undercounted. It is a screen for answers to read, not a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas

from analysis.lexicon import load_lexicon

_ENUMERATOR_RE = re.compile(r"\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*")
_TOP_ENUM_RE = re.compile(r"\(([a-z])\)\s*")
_ROMAN_ENUM_RE = re.compile(r"\(([ivx]{1,4})\)\s*")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_QUESTION_WORD_RE = re.compile(
    r"(?:^|[,;]\s*(?:and\s+)?|\band\s+)"
    r"(what|whether|how many|how much|how|when|which|why|if|who)\b",
    re.I,
)
_OPENING_RE = re.compile(r"^\s*to ask (?:the )?[^,]+,\s*", re.I)


@lru_cache(maxsize=2)
def _words(kind: str) -> frozenset[str]:
    for entry in load_lexicon("responsiveness"):
        if entry["kind"] == kind:
            return frozenset(entry["phrase"].split("|"))
    raise KeyError(kind)


@dataclass(frozen=True)
class Responsiveness:
    asks: tuple[str, ...]
    scores: tuple[float, ...]

    @property
    def question_ask_count(self) -> int:
        return len(self.asks)

    @property
    def asks_addressed_share(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None


@lru_cache(maxsize=50000)
def _lemma(word: str) -> str:
    word = word.lower().strip("'’.,")
    lemmas = getAllLemmas(word)
    for pos in ("NOUN", "VERB", "ADJ"):
        if pos in lemmas:
            return lemmas[pos][0]
    return word


def content_lemmas(text: str) -> set[str]:
    """Lemmas of the content words of ``text`` (question-form and stop words left out)."""
    stop, form = _words("stop"), _words("question_form")
    text = _OPENING_RE.sub("", text or "")  # "To ask the Secretary of State for X," names no topic
    words = (w for w in _WORD_RE.findall(text) if w.lower() not in stop)
    return {lemma for lemma in map(_lemma, words) if lemma not in form}


def split_asks(question: str) -> list[str]:
    """The asks of a question (see the module docstring); [] for an empty question."""
    question = " ".join((question or "").split())
    if not question:
        return []
    opening_match = _OPENING_RE.match(question)
    opening = question[: opening_match.end()] if opening_match else ""
    body = question[len(opening) :]
    for enumerator in (_TOP_ENUM_RE, _ROMAN_ENUM_RE):
        parts = enumerator.split(body)
        if len(parts) >= 5:  # text, label, text, label, text: at least two enumerated asks
            stem = parts[0]
            items = [parts[i + 1] for i in range(1, len(parts) - 1, 2)]
            items = [_tidy(_ENUMERATOR_RE.sub(" ", item)) for item in items]
            return [f"{opening}{stem} {item}".strip() for item in items if item]
    starts = [m.start(1) for m in _QUESTION_WORD_RE.finditer(body)]
    starts = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] > 15]
    if len(starts) >= 2:
        bounds = [*starts, len(body)]
        asks = [_tidy(body[bounds[i] : bounds[i + 1]]) for i in range(len(starts))]
        return [f"{opening}{ask}".strip() for ask in asks if ask]
    return [question]


def _tidy(part: str) -> str:
    part = re.sub(r"\s+", " ", part).strip(" ,;")
    return re.sub(r"\s+(?:and|or)$", "", part)


def ask_score(ask: str, answer_lemmas: set[str]) -> float:
    """1, 0.5 or 0: how many of the ask's content words the answer uses (module docstring)."""
    wanted = content_lemmas(ask)
    if not wanted:
        return 1.0  # nothing particular was asked (only question-form words)
    share = len(wanted & answer_lemmas) / len(wanted)
    if share >= 0.5:
        return 1.0
    if share >= 0.25:
        return 0.5
    return 0.0


def responsiveness(question: str, answer: str) -> Responsiveness:
    """The asks of ``question`` and how far ``answer`` addresses each (module docstring)."""
    asks = split_asks(question)
    answer_lemmas = content_lemmas(answer)
    return Responsiveness(tuple(asks), tuple(ask_score(ask, answer_lemmas) for ask in asks))
