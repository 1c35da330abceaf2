"""Does the answer answer? The asks of a question, what each wants, and whether it is addressed.

Rules (the labelling guide, docs/responsiveness-labels.md, which the labelled pairs in
tests/data/responsiveness follow):

1. **Asks.** A question's asks are its enumerated parts ("(a) ..., (b) ...", "(i) ..., (ii)
   ...") when it has two or more, otherwise its clauses opened by a question word ("what",
   "whether", "how many", "when", "if", "which", "why", "how") joined by "and", a comma or a
   semicolon; a question with neither is one ask. The opening ("To ask the Secretary of State
   for Health and Social Care,") belongs to every ask; its words never count as content.
2. **Kind.** What an ask wants is read from its first words with the lexicon
   ``responsiveness`` (``ask_kind``): ``number`` ("how many", "what the cost"), ``date``
   ("when"), ``assessment`` ("what assessment"), ``actions`` ("what steps"), ``decision``
   ("whether", "if he will") or ``other``.
3. **Declining sentences** give no substance: commitment-0 referrals ("I refer the hon. Member
   to the answer I gave ...") and deflections ("a matter for NHS England"), and the lexicon's
   ``declines`` phrases ("not held centrally", "disproportionate cost", "I will write to").
4. **Topic.** The ask's content words (lemmas of its words less function words and the form
   words of a question: "assessment", "made", "department") are looked for in the answer's
   other sentences: ``topic_share`` = content words found / content words.
5. **Gives what is wanted.** A substantive sentence gives a ``number`` when it has a figure or
   an amount of money (``number_count`` + ``money_count``), or the answer holds a table; a
   ``date`` when it has a date or deadline (``date_count``: "by 2026", "later this year", not
   "shortly"); a ``decision`` when it has a commitment level (a refusal such as "there are no
   plans to" answers "whether"); ``actions`` when it reports or undertakes an action (level
   1-3); an ``assessment`` when it uses the lexicon's ``gives_assessment`` words ("no
   assessment has been made" answers too); ``other`` when it shares a content word with the ask.
6. **Status.** An ask is **addressed** (1) when its ``topic_share`` is at least
   ``TOPIC_SHARE`` and a substantive sentence gives what it wants; **partly** (0.5) when the
   topic is met but nothing gives what it wants, or something gives it but the topic share is
   under ``TOPIC_SHARE`` though above zero; **not** (0) otherwise, and always when the answer
   declines a ``number`` or ``date`` ask ("not held") without giving one. An ask with no
   content words is judged on what it wants alone.

Per answer: ``question_ask_count``; ``asks_addressed_share`` = mean of the ask scores (0-1,
higher is more responsive; NA without a question); ``is_non_answer`` when there are asks and
every one scores 0, with ``non_answer_reason`` the reason of the first declining sentence
(``earlier_answer``, ``not_held``, ``disproportionate_cost``, ``other_body``, ``other``), or
``other`` when none declines (the answer is about something else).

A lexical screen, not a verdict: an answer that restates the question's words with a figure for
something else counts as addressing it; one that answers in other words is undercounted.
Agreement with hand labels is in the README and the "Does the answer answer?" report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from analysis.labelers.commitment import rule_kinds
from analysis.labelers.deflection import is_deflection
from analysis.labelers.sentence_table import sentence_records
from analysis.language.lexicon import compile_phrase, load_lexicon, possible_entries, word_set
from analysis.language.tokens import word_classes
from analysis.measures.learned_asks import apply_ask_model

ASK_KINDS = ("number", "date", "decision", "actions", "assessment", "other")
STATUS_SCORES = {"addressed": 1.0, "partly": 0.5, "not": 0.0}
NON_ANSWER_REASONS = ("earlier_answer", "not_held", "disproportionate_cost", "other_body", "other")
TOPIC_SHARE = 0.34

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_QUESTION_WORD_RE = re.compile(
    r"(?:^|[,;]\s*(?:and\s+)?|\band\s+)"
    r"((?:(?:in|for|to|by|from|on|at|of|with) )?"
    r"(?:what|whether|how many|how much|how|when|which|why|if|who))\b",
    re.I,
)
_QUESTION_WORDS = r"what|whether|how|when|which|why|if|who|where"
# The opening runs to the first question word or preamble ("pursuant to the Answer of ...");
# department names hold commas ("Culture, Media and Sport"), so a comma does not end it.
_OPENING_RE = re.compile(
    r"^\s*to ask\b.*?[,\s]\s*(?=(?:pursuant|with reference|further to|following|in the light of|"
    rf"in relation to|with regard to|{_QUESTION_WORDS})\b)",
    re.I,
)
_YES_NO_RE = re.compile(r"^\W*(?:yes|no)\b(?!\s+(?:longer|more|doubt)\b)", re.I)
_FIRST_QUESTION_WORD_RE = re.compile(rf"\b(?:{_QUESTION_WORDS})\b", re.I)


@cache
def _patterns(kind: str) -> tuple[tuple[re.Pattern[str], dict], ...]:
    return tuple(
        (compile_phrase(entry["phrase"]), entry)
        for entry in load_lexicon("responsiveness")
        if entry["kind"] == kind
    )


# The topic share read in bands by the learned ask model (thirds), and the count of giving
# sentences up to this many.
TOPIC_BANDS = 3
MOST_GIVING_COUNTED = 3
# A question word this close after another starts no new ask ("how and when", "what and how
# many"): the two read as one.
SHORTEST_ASK_CHARS = 15


@dataclass(frozen=True)
class Ask:
    """One ask: its words, what it wants, whether the answer addresses it, and why."""

    text: str
    kind: str
    status: str
    topic_share: float | None
    evidence: str
    # What the learned ask model reads (the rules' judgment and its grounds) and the probability
    # of the status it gave (None under the rules alone).
    features: tuple[str, ...] = ()
    status_probability: float | None = None

    @property
    def score(self) -> float:
        return STATUS_SCORES[self.status]

    def as_record(self) -> dict[str, object]:
        """The ask as a row of the asks table (``ask``, ``kind``, ``status``, ``score``,
        ``topic_share``, ``evidence``)."""
        return {
            "ask": self.text,
            "kind": self.kind,
            "status": self.status,
            "score": self.score,
            "topic_share": self.topic_share,
            "evidence": self.evidence,
            "status_probability": self.status_probability,
        }


@dataclass(frozen=True)
class Responsiveness:
    asks: tuple[Ask, ...]
    non_answer_reason: str | None

    @property
    def question_ask_count(self) -> int:
        return len(self.asks)

    @property
    def asks_addressed_share(self) -> float | None:
        return sum(ask.score for ask in self.asks) / len(self.asks) if self.asks else None

    @property
    def is_non_answer(self) -> bool:
        return bool(self.asks) and all(ask.score == 0 for ask in self.asks)


@lru_cache(maxsize=50000)
def _lemma(word: str) -> str:
    word = word.lower().strip("'’.,")
    lemmas = word_classes(word)  # the same look-up the rules make, remembered once
    for pos in ("NOUN", "VERB", "ADJ"):
        if pos in lemmas:
            return lemmas[pos][0]
    return word


@lru_cache(maxsize=20000)
def content_lemmas(text: str) -> frozenset[str]:
    """Lemmas of the content words of ``text`` (question-form and stop words left out).
    Remembered per text: the sentences of a grouped answer are read once per question."""
    stop = word_set("responsiveness", "stop")
    form = word_set("responsiveness", "question_form")
    text = question_lead(text or "") if _OPENING_RE.match(text or "") else (text or "")
    words = (w for w in _WORD_RE.findall(text) if w.lower() not in stop)
    return frozenset(lemma for lemma in map(_lemma, words) if lemma not in form)


def split_asks(question: str) -> list[str]:
    """The asks of a question (module docstring, rule 1); [] for an empty question.

    The question is cut into clauses at each question word that follows "and", a comma or a
    semicolon; a clause with enumerated parts gives one ask per part of its outer sequence
    ("(a) ... (b) ..."; parts nested inside, or a second run of "(a), (b)" after it, qualify
    the part they follow). Each ask keeps the opening and the words before its first part.
    """
    question = " ".join((question or "").split())
    if not question:
        return []
    opening_match = _OPENING_RE.match(question)
    opening = question[: opening_match.end()] if opening_match else ""
    body = question[len(opening) :]
    starts = [m.start(1) for m in _QUESTION_WORD_RE.finditer(body)]
    starts = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] > SHORTEST_ASK_CHARS]
    starts = [0, *starts[1:]]  # words before the first question word (a preamble) join it
    bounds = [*starts, len(body)]
    asks = []
    for clause in (_tidy(body[bounds[i] : bounds[i + 1]]) for i in range(len(starts))):
        if clause:
            asks.extend(f"{opening}{part}".strip() for part in _enumerated_parts(clause))
    return asks or [question]


_ENUM_TOKEN_RE = re.compile(r"\(([a-z]|[A-Z]|[ivx]{1,4}|\d{1,2})\)\s*")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_SEQUENCES = (
    tuple("abcdefghijklmnopqrstuvwxyz"),
    _ROMAN,
    tuple(str(n) for n in range(1, 30)),
    tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
)


def _enumerated_parts(clause: str) -> list[str]:
    """One text per part of the clause's outer enumeration, or the clause alone."""
    tokens = list(_ENUM_TOKEN_RE.finditer(clause))
    labels = [token.group(1) for token in tokens]
    for sequence in _SEQUENCES:
        if sequence[0] not in labels:
            continue
        first = labels.index(sequence[0])
        cuts = [tokens[first]]
        for token in tokens[first + 1 :]:
            label = token.group(1)
            if label == sequence[0]:
                break  # a second run of the same labels qualifies the last part
            if len(cuts) < len(sequence) and label == sequence[len(cuts)]:
                cuts.append(token)
        if len(cuts) < 2:
            continue
        stem = clause[: cuts[0].start()]
        ends = [cut.start() for cut in cuts[1:]] + [len(clause)]
        items = [clause[cut.end() : end] for cut, end in zip(cuts, ends, strict=True)]
        items = [_tidy(_ENUM_TOKEN_RE.sub(" ", item)) for item in items]
        return [_tidy(f"{stem} {item}") for item in items if item]
    return [clause]


_SPACES_RE = re.compile(r"\s+")
_TRAILING_LINK_RE = re.compile(r"\s+(?:and|or)$")


def _tidy(part: str) -> str:
    part = _SPACES_RE.sub(" ", part).strip(" ,;")
    return _TRAILING_LINK_RE.sub("", part)


def question_lead(question: str) -> str:
    """A question from its first question word: the opening ("To ask the Secretary of State
    for X,") and any preamble ("pursuant to the Answer of 4 May to Question 1234,") name no
    topic of their own."""
    lead = _OPENING_RE.sub("", " ".join(question.split()))
    first = _FIRST_QUESTION_WORD_RE.search(lead)
    return lead[first.start() :] if first else lead


def ask_kind(ask: str) -> str:
    """What an ask wants (module docstring, rule 2): one of ``ASK_KINDS``."""
    lead = question_lead(ask)
    for pattern, entry in _patterns("ask_kind"):
        if pattern.match(lead):
            return entry["wants"]
    return "other"


@lru_cache(maxsize=4096)
def _possible(text: str) -> frozenset[str]:
    """Ids of the responsiveness entries that may occur in ``text`` (their anchor word is in
    it): the others are not tried. Kept for a while: each sentence is read once per ask."""
    return possible_entries("responsiveness", text.lower().replace("’", "'"))


def _any_phrase(kind: str, text: str) -> bool:
    possible = _possible(text)
    return any(entry["id"] in possible and p.search(text) for p, entry in _patterns(kind))


def declining_reason(sentence: Mapping[str, object]) -> str | None:
    """Why a labelled sentence declines to answer (rule 3), or None when it does not."""
    level = sentence.get("commitment")
    kinds = rule_kinds(sentence.get("commitment_rules", ()))
    if "referral" in kinds:
        return "earlier_answer"
    text = str(sentence.get("sentence", ""))
    possible = _possible(text)
    for pattern, entry in _patterns("declines"):
        if entry["id"] in possible and pattern.search(text):
            return entry["reason"]
    if is_deflection(level, kinds):
        return "other_body"
    return None


def _gives(kind: str, sentence: Mapping[str, object], shares_topic: bool, has_table: bool) -> bool:
    text = str(sentence.get("sentence", ""))
    level = sentence.get("commitment")
    level = None if level is None or level != level else int(level)  # NA and NaN: no level
    if kind == "number":
        counted = int(sentence.get("number_count", 0)) + int(sentence.get("money_count", 0))
        return counted > 0 or has_table or _any_phrase("gives_figures", text)
    if kind == "date":
        return int(sentence.get("date_count", 0)) > 0
    if kind == "decision":
        return level is not None
    if kind == "actions":
        return level is not None and level >= 1
    if kind == "assessment":
        return _any_phrase("gives_assessment", text)
    return shares_topic


def _grounds(
    kind: str,
    topic_share: float | None,
    giving: int,
    evidence: str,
    yes_or_no: str,
    has_table: bool,
    reasons: Sequence[str | None],
) -> tuple[str, ...]:
    """The facts behind an ask's rule status, as feature tokens for the learned ask model."""
    share = "none" if topic_share is None else min(int(topic_share * TOPIC_BANDS), TOPIC_BANDS - 1)
    tokens = [f"kind={kind}", f"topic_band={share}", f"giving={min(giving, MOST_GIVING_COUNTED)}"]
    tokens += [f"declines={reason}" for reason in sorted({r for r in reasons if r})]
    tokens += ["evidence"] * bool(evidence) + ["yes_or_no"] * bool(yes_or_no)
    tokens += ["has_table"] * has_table
    return tuple(tokens)


def _rule_asks(
    question: str, sentences: Sequence[Mapping[str, object]], has_table: bool
) -> tuple[list[Ask], list[str | None]]:
    """The rules' judgment of each ask of ``question``, and each sentence's declining reason."""
    reasons = [declining_reason(sentence) for sentence in sentences]
    # "Yes." / "No, because it is a devolved matter." answers a yes-or-no ask even when it then
    # declines to say more.
    yes_or_no = next(
        (str(s["sentence"]) for s in sentences if _YES_NO_RE.match(str(s.get("sentence", "")))),
        "",
    )
    substantive = [s for s, reason in zip(sentences, reasons, strict=True) if reason is None]
    sentence_lemmas = [content_lemmas(str(s.get("sentence", ""))) for s in substantive]
    answer_lemmas = set().union(*sentence_lemmas) if sentence_lemmas else set()
    declines_data = any(r in ("not_held", "disproportionate_cost", "other") for r in reasons)
    asks = []
    for text in split_asks(question):
        kind = ask_kind(text)
        wanted = content_lemmas(text)
        topic_share = len(wanted & answer_lemmas) / len(wanted) if wanted else None
        giving = [
            (len(wanted & lemmas), sentence)
            for sentence, lemmas in zip(substantive, sentence_lemmas, strict=True)
            if _gives(kind, sentence, bool(wanted & lemmas) or not wanted, has_table)
        ]
        evidence = str(max(giving, key=lambda pair: pair[0])[1]["sentence"]) if giving else ""
        topic_met = topic_share is None or topic_share >= TOPIC_SHARE
        if yes_or_no and kind in ("decision", "assessment"):
            giving, topic_met, evidence = [(0, {"sentence": yes_or_no})], True, yes_or_no
        if giving and topic_met:
            status = "addressed"
        elif (giving and topic_share) or (topic_met and topic_share):
            status = "partly"
        else:
            status = "not"
        if status != "addressed" and kind in ("number", "date") and declines_data:
            status = "not"
        grounds = _grounds(kind, topic_share, len(giving), evidence, yes_or_no, has_table, reasons)
        asks.append(Ask(text, kind, status, topic_share, evidence, (f"status={status}", *grounds)))
    return asks, reasons


def judge_asks(
    question: str,
    sentences: Sequence[Mapping[str, object]],
    has_table: bool = False,
    learned: bool = True,
) -> Responsiveness:
    """The asks of ``question`` judged against the labelled sentences of its answer.

    ``sentences``: the records :func:`analysis.labelers.sentence_table.sentence_table` gives
    (``sentence``, ``commitment``, ``commitment_rules``, ``number_count``, ``money_count``,
    ``date_count``); ``has_table``: the answer holds a table (its cells are figures the sentences do
    not show). ``learned``: each ask's status from the learned ask model
    (:mod:`analysis.measures.learned_asks`, with the rules' judgment among its features); False:
    the rules' status.
    """
    return judge_many([(question, sentences, has_table)], learned)[0]


def judge_many(
    items: Sequence[tuple[str, Sequence[Mapping[str, object]], bool]], learned: bool = True
) -> list[Responsiveness]:
    """:func:`judge_asks` for many (question, sentences, has_table) at once: the ask model
    reads every ask of every item in one matrix."""
    judged = [_rule_asks(question, sentences, table) for question, sentences, table in items]
    if learned:
        statuses = iter(apply_ask_model([ask for asks, _ in judged for ask in asks]))
        judged = [([next(statuses) for _ in asks], reasons) for asks, reasons in judged]
    results = []
    for asks, reasons in judged:
        reason = None
        if asks and all(ask.score == 0 for ask in asks):
            reason = next((r for r in reasons if r is not None), "other")
        results.append(Responsiveness(tuple(asks), reason))
    return results


def responsiveness(question: str, answer: str) -> Responsiveness:
    """The asks of ``question`` and how far ``answer`` addresses each (module docstring).

    Labels the answer's sentences itself; :func:`analysis.measures.scoring.score` passes the
    sentences it has already labelled to :func:`judge_asks` instead.
    """
    records, table_cells = sentence_records(answer)
    return judge_asks(question, records, has_table=table_cells > 0)
