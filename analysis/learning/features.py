"""What the learned labelers see of a sentence: four blocks of feature tokens.

* ``words``: the sentence's words and word pairs, lower-cased ("will", "will be", "be
  published"), numbers as written;
* ``main``: the same for its main clause only (:func:`analysis.language.clauses.main_text`),
  so "will" in "a plan which will be published" counts apart from "will" that the sentence
  itself undertakes;
* ``rules``: what the hand-written rules decided (their labels, the ids of the rules and lexicon
  entries that fired, the kinds of detail found, a list item and its lead-in);
* ``reading``: the sentence reading of its main verb groups (modal, form, perfect,
  progressive, passive, negated, head lemma) and of its subordinate ones.

Each block is a list of strings per sentence, so a model stores features as text and explains a
label in words (:func:`readable`). The rule and reading tokens come with the sentence records
(:func:`analysis.labelers.sentence_table.rule_labels` computes them with the rules, from the one
reading of each sentence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

from analysis.labelers.specificity import DETAIL_KINDS
from analysis.language.clauses import SentenceParse
from analysis.language.verb_groups import VerbGroup

BLOCKS = ("words", "main", "rules", "reading")
BLOCK_KINDS = ("tfidf", "tfidf", "binary", "binary")
_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[£$%]")
# The main verb groups read one by one; later ones add little and mostly noise.
MAIN_GROUPS_READ = 3
_GROUP_FLAGS = ("negated", "perfect", "progressive", "passive", "copula", "existential")


def word_grams(text: str) -> list[str]:
    """Words and adjacent word pairs of ``text``, lower-cased, curly apostrophes straightened."""
    words = _WORD_RE.findall(text.lower().replace("’", "'"))
    return [*words, *map(" ".join, pairwise(words))]


def _group_tokens(prefix: str, group: VerbGroup) -> list[str]:
    tokens = [f"{prefix}:form={group.form}", f"{prefix}:modal={group.modal}"]
    tokens.append(f"{prefix}:lemma={group.head_lemma}")
    tokens += [f"{prefix}:{flag}" for flag in _GROUP_FLAGS if getattr(group, flag)]
    shape = "".join(str(int(getattr(group, f))) for f in ("perfect", "progressive", "passive"))
    tokens.append(f"{prefix}:shape={group.modal}|{group.form}|{shape}")
    return tokens


def reading_tokens(parsed: SentenceParse) -> tuple[str, ...]:
    """The ``reading`` block of a parsed sentence (module docstring)."""
    main = parsed.main_groups
    tokens = [f"main_groups={min(len(main), MAIN_GROUPS_READ)}"]
    for position, group in enumerate(main[:MAIN_GROUPS_READ]):
        tokens += _group_tokens("first" if position == 0 else "other", group)
    for group in parsed.groups:
        if group.subordinate:
            tokens += [f"sub:modal={group.modal}", f"sub:form={group.form}"]
            tokens.append(f"sub:reason={group.reason_id}")
    return tuple(tokens)


def rule_tokens(record: Mapping[str, object]) -> list[str]:
    """The ``rules`` block of a labelled sentence record (module docstring)."""
    level = record["commitment"]
    tokens = [
        f"time={record['time']}",
        f"commitment={'NA' if level is None else level}",
        f"specific={bool(record['specific'])}",
    ]
    tokens += [f"time_rule={rule}" for rule in record.get("time_rules", ())]
    tokens += [f"commitment_rule={rule}" for rule in record.get("commitment_rules", ())]
    tokens += [f"detail={kind}" for kind in DETAIL_KINDS if record.get(f"{kind}_count")]
    if record.get("is_list_item"):
        tokens.append("list_item")
    if record.get("is_deflection"):
        tokens.append("deflection")
    return tokens


def sentence_blocks(record: Mapping[str, object]) -> dict[str, Sequence[str]]:
    """The four blocks of one labelled sentence record."""
    return {
        "words": word_grams(str(record["sentence"])),
        "main": word_grams(str(record.get("main_text", ""))),
        "rules": rule_tokens(record),
        "reading": tuple(record.get("reading", ())),
    }


_READABLE_RULES = {
    "time": "the rules said {}",
    "commitment": "the rules said level {}",
    "specific": "the rules said specific={}",
    "time_rule": "time rule {}",
    "commitment_rule": "commitment rule {}",
    "detail": "a {} detail",
}


def readable(feature: str) -> str:
    """A feature in words for a cue: "main|will be" -> "will be" (in the main clause)."""
    block, token = feature.split("|", 1)
    if block == "words":
        return token
    if block == "main":
        return f"{token} (main clause)"
    if block == "rules":
        key, _, value = token.partition("=")
        return _READABLE_RULES[key].format(value) if value else token.replace("_", " ")
    return _readable_reading(token)


_WHICH_VERB = {"first": "the main verb", "other": "another main verb", "sub": "a subordinate verb"}
_SHAPE_FLAGS = ("perfect", "progressive", "passive")


def _readable_reading(token: str) -> str:
    """A reading token in words: "first:modal=will" -> "'will' on the main verb"."""
    if token.startswith("main_groups="):
        return f"{token.split('=', 1)[1]} main verb group(s)"
    which, _, rest = token.partition(":")
    verb = _WHICH_VERB.get(which, which)
    key, _, value = rest.partition("=")
    if not value:
        return f"{verb} {key}"
    if key == "modal":
        return f"no modal on {verb}" if value == "None" else f"'{value}' on {verb}"
    if key == "lemma":
        return f"{verb} '{value}'"
    if key == "shape":
        modal, form, flags = value.split("|")
        named = [name for name, flag in zip(_SHAPE_FLAGS, flags, strict=True) if flag == "1"]
        words = " ".join([*([modal] if modal != "None" else []), form, *named])
        return f"{verb}: {words}"
    if key == "reason":
        return f"{verb}, subordinate ({value.replace('_', ' ')})"
    return f"{verb} {key} {value}"
