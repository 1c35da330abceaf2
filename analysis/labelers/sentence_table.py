"""``sentence_table``: every sentence of an answer, labelled for time, commitment and specificity.

One row per prose sentence (table cells are not sentences: see :mod:`analysis.language.text`), in
order. Each sentence is read once (:func:`analysis.language.clauses.parse`) and the three labelers
share that reading; list items are then read with the sentence that introduces them
(:func:`apply_list_context`). The ``cues`` column says, for each label, the words that decided
it, so a reader can check every label against the guide (../shared/docs/sentence-labels.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import Executor

import pandas as pd

from analysis.labelers.commitment import label_commitment, rule_kinds
from analysis.labelers.deflection import is_deflection, name_bodies
from analysis.labelers.learned import apply_models
from analysis.labelers.specificity import (
    COUNT_COLUMNS,
    DETAIL_KINDS,
    defined_acronyms,
    specificity_of,
)
from analysis.labelers.time_frame import TimeLabel, label_time
from analysis.language.clauses import main_text, parse
from analysis.language.text import split_text
from analysis.language.tokens import verb_forms
from analysis.learning.features import reading_tokens

SENTENCE_COLUMNS = [
    "sentence_index",
    "paragraph",
    "is_list_item",
    "sentence",
    "word_count",
    "time",
    "commitment",
    "specific",
    # The probability of each label given (learned labelers; calibrated on held-out folds).
    "time_probability",
    "commitment_probability",
    "specific_probability",
    *COUNT_COLUMNS,
    "is_deflection",
    "deflected_to",
    "time_cues",
    "commitment_cues",
    "specific_cues",
    "cues",
]


def all_cues(time_cues: str, commitment_cues: str, specific_cues: str) -> str:
    """The three labels' cues in one line, as the ``cues`` column shows them."""
    return f"time [{time_cues}] | commitment [{commitment_cues}] | specific [{specific_cues}]"


def rule_labels(sentence: str, generic_acronyms: frozenset[str] = frozenset()) -> dict[str, object]:
    """The hand-written rules' labels, counts and cues of one sentence, with what the learned
    labelers read beside them (the rule ids, the main clause and the reading's tokens).

    ``generic_acronyms``: abbreviations the answer defines for ordinary words (see
    :func:`analysis.labelers.specificity.defined_acronyms`); they are not names.
    """
    parsed = parse(sentence)
    time = label_time(sentence, parsed)
    detail = specificity_of(sentence, parsed, generic_acronyms)
    commitment = label_commitment(sentence, parsed, time, detail.specific)
    if commitment.level == 0 and time.time != "none":
        # A refusal, deflection or referral reports no action (the guide: "There are no plans
        # to X" is none).
        time = TimeLabel(
            "none",
            ("none: refusal or deflection (commitment 0)", *time.cues),
            time.group,
            ("commitment_zero", *time.rules),
        )
    time_cues = "; ".join(time.cues)
    commitment_cues = "; ".join(commitment.cues)
    deflects = is_deflection(commitment.level, rule_kinds(commitment.rules))
    bodies = name_bodies(commitment.deflected_to, sentence) if deflects else ()
    specific_cues = "; ".join(detail.cues) or "no checkable detail"
    return {
        "time": time.time,
        "commitment": commitment.level,
        "specific": detail.specific,
        **{f"{kind}_count": detail.counts[kind] for kind in DETAIL_KINDS},
        "is_deflection": deflects,
        "deflected_to": "; ".join(bodies),
        "time_cues": time_cues,
        "commitment_cues": commitment_cues,
        "specific_cues": specific_cues,
        "cues": all_cues(time_cues, commitment_cues, specific_cues),
        # For code downstream and the learned labelers (not columns of the table): the ids
        # behind the rules' labels, the bodies a deflection names, the main clause, the reading.
        "time_rules": time.rules,
        "commitment_rules": commitment.rules,
        "bodies": bodies,
        "main_text": main_text(parsed),
        "reading": reading_tokens(parsed),
    }


def settle(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """After the learned labels: a sentence deflects when its commitment is 0 and a deflection
    cue fired (:mod:`analysis.labelers.deflection`); the ``cues`` column joins the three."""
    for record in records:
        kinds = rule_kinds(record["commitment_rules"])
        record["is_deflection"] = is_deflection(record["commitment"], kinds)
        record["deflected_to"] = "; ".join(record["bodies"]) if record["is_deflection"] else ""
        record["cues"] = all_cues(
            str(record["time_cues"]), str(record["commitment_cues"]), str(record["specific_cues"])
        )
    return records


def label_sentence(
    sentence: str, generic_acronyms: frozenset[str] = frozenset()
) -> dict[str, object]:
    """One sentence labelled alone (no answer around it), as :func:`sentence_table` labels it:
    the rules, then the learned labelers."""
    return labelled_alone([{"sentence": sentence, **rule_labels(sentence, generic_acronyms)}])[0]


def labelled_alone(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Sentences the rules read alone (``{"sentence": ..., **rule_labels(...)}``) labelled as
    :func:`label_sentence` labels each: the learned labelers over all of them at once (a
    sentence's labels do not depend on the others), then :func:`settle`; the sentence text is
    dropped."""
    apply_models(records)
    for record in settle(records):
        del record["sentence"]
    return records


# How much of a list's lead-in sentence the cue of each item quotes (its end).
LEAD_IN_SHOWN_CHARS = 40
_LEAD_IN_RE = re.compile(
    r"\b(?:will|shall|plans? to|intends? to|aims? to|committed to)\b[^.]*:\s*$", re.I
)


def apply_list_context(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Read list items in the light of the sentence that introduces them.

    "The Government will:" followed by the items "Publish a new strategy by March 2026." and
    "Consult on the rules." makes each item a future undertaking, though an item alone has no
    subject and no tense. An item that starts with a verb's base form and got no time of its own
    takes the lead-in's (future); its level is 3 when it names something checkable, else 2.
    """
    lead_in: dict[str, object] | None = None
    for record in records:
        sentence = str(record["sentence"])
        if not record.get("is_list_item"):
            lead_in = (
                record if _LEAD_IN_RE.search(sentence) and record["time"] == "future" else None
            )
            continue
        words = sentence.split()
        first = words[0].strip("‘“(").lower() if words else ""
        imperative = "VB" in verb_forms(first)[1]
        if lead_in is not None and imperative and record["time"] == "none":
            record["time"] = "future"
            record["commitment"] = 3 if record["specific"] else 2
            record["time_rules"] = ("list_lead_in", *record["time_rules"])
            record["commitment_rules"] = ("list_lead_in", *record["commitment_rules"])
            lead_in_end = str(lead_in["sentence"])[-LEAD_IN_SHOWN_CHARS:].strip()
            cue = f"future: list item under '{lead_in_end}'"
            record["time_cues"] = f"{cue}; {record['time_cues']}"
            undertaking = f"{record['commitment']}: an undertaking of the lead-in"
            record["commitment_cues"] = f"{undertaking}; {record['commitment_cues']}"
            record["cues"] = all_cues(
                str(record["time_cues"]),
                str(record["commitment_cues"]),
                str(record["specific_cues"]),
            )
    return records


def _rule_record(
    text: str,
    index: int = 0,
    paragraph: int = 0,
    is_list_item: bool = False,
    generic_acronyms: frozenset[str] = frozenset(),
) -> dict[str, object]:
    """One sentence's record before the models: its place, its words and the rules' labels."""
    return {
        "sentence_index": index,
        "paragraph": paragraph,
        "is_list_item": is_list_item,
        "sentence": text,
        "word_count": len(text.split()),
        **rule_labels(text, generic_acronyms),
    }


def _finish(records: list[dict[str, object]], learned: bool) -> list[dict[str, object]]:
    """The learned labelers over all ``records`` at once (one feature matrix, one product per
    model, far cheaper per sentence than record by record), then :func:`settle`."""
    if learned:
        apply_models(records)
    return settle(records)


# A text with more sentences than this, given a pool, is labelled in runs of about this many
# sentences, shared out among the pool's processes (one long answer uses every core).
SENTENCES_PER_RUN = 250

Sentence = tuple[str, int, int, bool]  # text, index, paragraph, is a list item


def _rule_records(acronyms: frozenset[str], sentences: list[Sentence]) -> list[dict[str, object]]:
    """The rules' records of a run of one text's sentences, with the acronyms the text defines,
    list items read in the light of their lead-in (:func:`apply_list_context`)."""
    return apply_list_context([_rule_record(*sentence, acronyms) for sentence in sentences])


def _labelled_run(run: tuple[frozenset[str], list[Sentence], bool]) -> list[dict[str, object]]:
    """A run of one text's sentences labelled as :func:`label_texts` labels the whole text: it
    starts at a sentence that is not a list item, so its list context is its own, and the models
    read each sentence alone (:func:`labelled_alone`)."""
    acronyms, sentences, learned = run
    return _finish(_rule_records(acronyms, sentences), learned)


def _runs(sentences: list[Sentence]) -> list[list[Sentence]]:
    """The sentences in runs of :data:`SENTENCES_PER_RUN` or more, each cut before a sentence
    that is not a list item (a list stays with its lead-in)."""
    runs: list[list[Sentence]] = [[]]
    for sentence in sentences:
        if len(runs[-1]) >= SENTENCES_PER_RUN and not sentence[3]:
            runs.append([])
        runs[-1].append(sentence)
    return runs


def label_texts(
    texts: Sequence[str], learned: bool = True, pool: Executor | None = None
) -> list[tuple[list[dict[str, object]], int]]:
    """For each text, its labelled sentences as records (the columns of :func:`sentence_table`)
    and its count of table cells. The rules read each text's sentences; the learned labelers
    then label the sentences of all the texts at once. ``learned=False``: the rules' labels
    only (what the learned labelers are trained on). ``pool``: processes that label a long
    text in runs (:func:`_runs`), rules and models; the records are the same (tested)."""
    labelled: list[tuple[list[dict[str, object]], int]] = []
    unfinished: list[dict[str, object]] = []
    for text in texts:
        split = split_text(text or "")
        acronyms = defined_acronyms(text or "")
        sentences = [
            (s.text, index, s.paragraph, s.is_list_item) for index, s in enumerate(split.sentences)
        ]
        if pool is not None and len(sentences) > SENTENCES_PER_RUN:
            runs = [(acronyms, run, learned) for run in _runs(sentences)]
            records = [record for run in pool.map(_labelled_run, runs) for record in run]
        else:
            records = _rule_records(acronyms, sentences)
            unfinished.extend(records)
        labelled.append((records, split.table_cell_count))
    _finish(unfinished, learned)
    return labelled


def label_sentences(sentences: Sequence[str], learned: bool = True) -> list[dict[str, object]]:
    """Each string labelled as one sentence standing alone (not split, no answer around it):
    records with the columns of :func:`sentence_table`, for sentences kept as readers saw them."""
    return _finish([_rule_record(sentence) for sentence in sentences], learned)


def sentence_records(text: str, learned: bool = True) -> tuple[list[dict[str, object]], int]:
    """The labelled sentences of one text and its count of table cells (:func:`label_texts`)."""
    return label_texts([text], learned)[0]


def sentence_table(text: str) -> pd.DataFrame:
    """One row per sentence of ``text`` (plain text or answer HTML), in order, with its labels.

    Columns: ``sentence_index``, ``paragraph``, ``is_list_item``, ``sentence``, ``word_count``,
    ``time`` (future/current/past/none), ``commitment`` (nullable Int 0-3, NA when the sentence
    reports no action of government), ``specific`` (bool), the probability of each label given
    (``time_probability``, ``commitment_probability``, ``specific_probability``; the labels come
    from the learned labelers, :mod:`analysis.labelers.learned`), the detail counts behind it
    (``number_count`` ... ``source_count``), ``is_deflection`` and ``deflected_to`` (the bodies
    named, :mod:`analysis.labelers.deflection`), and the cues that decided each
    label (``time_cues``, ``commitment_cues``, ``specific_cues`` and all three in ``cues``).
    Empty text gives an empty table with these columns.
    """
    records, _ = sentence_records(text)
    return _typed(pd.DataFrame(records, columns=SENTENCE_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["sentence_index"] = frame["sentence_index"].astype("int64")
    frame["paragraph"] = frame["paragraph"].astype("int64")
    frame["is_list_item"] = frame["is_list_item"].astype(bool)
    frame["word_count"] = frame["word_count"].astype("int64")
    frame["commitment"] = pd.array(frame["commitment"].tolist(), dtype="Int64")
    frame["specific"] = frame["specific"].astype(bool)
    frame["is_deflection"] = frame["is_deflection"].astype(bool)
    for column in ("time_probability", "commitment_probability", "specific_probability"):
        frame[column] = frame[column].astype(float)
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    for column in (
        "sentence",
        "time",
        "deflected_to",
        "time_cues",
        "commitment_cues",
        "specific_cues",
        "cues",
    ):
        frame[column] = frame[column].astype("str")
    return frame
