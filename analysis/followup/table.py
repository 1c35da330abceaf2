"""The mentions table: every sentence that names a followable object, across answers.

:func:`mentions` reads the labelled sentences of the answers (the ``sentences`` table that
:func:`analysis.score` returns and ``data/processed`` keeps) answer by answer, in order, so that a
bare "the plan" and an acronym are resolved within their own answer
(:mod:`analysis.followup.mentions`), and gives each promise its deadline resolved against the
answer's date (:mod:`analysis.followup.deadlines`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.followup.deadlines import find_deadline
from analysis.followup.mentions import (
    ObjectMention,
    acronym_after,
    action_of,
    acts_on,
    delivery_words,
    find_objects,
    head_action,
    may_name_object,
    promised_after,
    promised_object,
)
from analysis.language.tokens import Token, tokenize
from analysis.pipeline.checks import DataCheckError

MENTION_COLUMNS = [
    "id",
    "date_answered",
    "department",
    "sentence_index",
    "sentence",
    "object",
    "object_words",
    "action",
    "action_words",
    "is_promise",
    "commitment",
    "deadline",
    "deadline_words",
    "is_delivery",
    "delivery_words",
    "delivery_evidence",
]
_NEEDED_ANSWERS = ("id", "date_answered")
_NEEDED_SENTENCES = ("id", "sentence_index", "sentence", "time", "commitment")
SentenceRow = Any  # a named tuple of _NEEDED_SENTENCES


def _check(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataCheckError(f"promises: the {what} frame lacks column(s) {', '.join(missing)}")


def _named(
    tokens: list[Token],
    text: str,
    last_named: dict[str, str],
    acronyms: dict[str, tuple[str, str]],
) -> list[tuple[str, str, str, ObjectMention | None]]:
    """(key, words, head, mention) of every object the sentence names, resolved in its answer:
    a bare head takes the last name with that head, an acronym the name it was given for."""
    named = []
    for mention in find_objects(text, tokens):
        key = mention.key or last_named.get(mention.head, "")
        if not key:
            continue
        if mention.key:
            last_named[mention.head] = key
            acronym = acronym_after(tokens, mention)
            if acronym:
                acronyms[acronym] = (key, mention.head)
        named.append((key, mention.words, mention.head, mention))
    found = {key for key, *_ in named}
    for token in tokens:
        if token.text in acronyms and acronyms[token.text][0] not in found:
            key, head = acronyms[token.text]
            found.add(key)
            named.append((key, token.text, head, None))
    return named


def _answer_mentions(answer: dict, sentences: list[SentenceRow]) -> list[dict[str, object]]:
    """The mentions of one answer's sentences (in order)."""
    last_named: dict[str, str] = {}
    acronyms: dict[str, tuple[str, str]] = {}
    answered_on = answer["date_answered"]
    rows: list[dict[str, object]] = []
    for sentence in sentences:
        if not may_name_object(sentence.sentence) and not any(
            a in sentence.sentence for a in acronyms
        ):
            continue
        tokens = tokenize(sentence.sentence)
        labelled_promise = sentence.time == "future" and not pd.isna(sentence.commitment)
        deadline = None
        named = _named(tokens, sentence.sentence, last_named, acronyms)
        names = [mention for *_, mention in named if mention is not None]
        for key, words, head, mention in named:
            action, verb, verb_at = action_of(tokens, head_action(head), names)
            if mention is not None and not acts_on(mention, verb_at):
                # A verb far from the name acts on something else ("decisions will be made
                # ... subject to the Spending Review"): the head's own action.
                action, verb = head_action(head), ""
            # With several objects, the verb's own is promised ("An impact assessment for the
            # Bill will be published" promises the assessment, not the Bill).
            acted_on = promised_object(tokens, names, verb_at)
            delivered, evidence = ("", "") if mention is None else delivery_words(tokens, mention)
            promised_here = mention is not None and bool(promised_after(tokens, mention))
            is_promise = not delivered and (
                (labelled_promise and (acted_on is None or acted_on is mention)) or promised_here
            )
            if is_promise and deadline is None:
                deadline = find_deadline(sentence.sentence, answered_on.date())
                # A date before the answer's own is a past event it cites ("set up in May"),
                # never a deadline for what it promises.
                if deadline is not None and deadline.date and deadline.date < answered_on.date():
                    deadline = None
            rows.append(
                {
                    "id": answer["id"],
                    "date_answered": answered_on,
                    "department": answer.get("department"),
                    "sentence_index": sentence.sentence_index,
                    "sentence": sentence.sentence,
                    "object": key,
                    "object_words": words,
                    "action": action,
                    "action_words": verb,
                    "is_promise": is_promise,
                    "commitment": sentence.commitment,
                    "deadline": deadline.date if deadline else None,
                    "deadline_words": deadline.words if deadline else "",
                    "is_delivery": bool(delivered),
                    "delivery_words": delivered,
                    "delivery_evidence": evidence,
                }
            )
    return rows


def mentions(answers: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, object) of the answers: see :data:`MENTION_COLUMNS`.

    ``answers`` needs ``id`` and ``date_answered`` (``department`` is kept when present);
    ``sentences`` needs ``id``, ``sentence_index``, ``sentence``, ``time`` and ``commitment``.
    Holding answers and answers without a date are left out (a promise needs a date to be
    followed); the same object named twice in one sentence counts once.
    """
    _check(answers, _NEEDED_ANSWERS, "answers")
    _check(sentences, _NEEDED_SENTENCES, "sentences")
    if not answers["id"].astype(str).is_unique:
        raise DataCheckError("promises: answer ids are not unique")
    keep = answers["date_answered"].notna()
    if "is_holding_answer" in answers.columns:
        keep &= ~answers["is_holding_answer"].fillna(False).astype(bool)
    chosen = answers[keep].sort_values(["date_answered", "id"], kind="stable")
    by_answer: dict[str, list[SentenceRow]] = {}
    ordered = sentences.sort_values(["id", "sentence_index"], kind="stable")
    for row in ordered[list(_NEEDED_SENTENCES)].itertuples(index=False, name="SentenceRow"):
        by_answer.setdefault(str(row.id), []).append(row)
    rows: list[dict[str, object]] = []
    for answer in chosen.to_dict("records"):
        rows.extend(_answer_mentions(answer, by_answer.get(str(answer["id"]), [])))
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    table = table.drop_duplicates(["id", "sentence_index", "object"]).reset_index(drop=True)
    table["deadline"] = pd.to_datetime(table["deadline"])
    table["commitment"] = pd.array(table["commitment"].tolist(), dtype="Int64")
    for column in ("is_promise", "is_delivery"):
        table[column] = table[column].astype(bool)
    return table
