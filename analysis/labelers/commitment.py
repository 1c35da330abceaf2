"""Commitment: how strongly a sentence binds government to an action (0-3, or NA).

Rule (../shared/docs/sentence-labels.md section 2), applied to the main clause:

* **0 none**: an explicit absence of commitment, a refusal or a deflection ("there are no plans
  to", "is not held", "disproportionate cost", "it is a matter for X", "service providers are
  responsible for", "I refer the hon. Member to ..."). A deflection is 0 even though it is
  phrased as a fact; the bodies it points to are returned as ``deflected_to``.
* **NA**: the main proposition is not an action of government, a minister, a department or a
  public body: a standing fact, a statistic, an attitude ("we recognise", "is a priority"), a
  claimed effect ("will allow the public to ..."), or an action by someone else (a company, a
  charity, an international body). The actor is read from the subject (lexicon ``actors``); a
  passive with no outside agent ("funding has been allocated") is taken as government's own.
* **1 weak / 2 qualified**: the weakest hedge or qualifier in the main clause decides (lexicon
  ``commitment``): "may", "in due course", "keeps under review" are 1; "seeks to", "aims to",
  "is committed to", "is considering", "will work with" are 2.
* **3 firm**: an unqualified undertaking or report of action. What is undertaken must be
  checkable to be firm: a present or future action with no checkable detail (not ``specific``)
  is 2 ("will continue to support").

Lower is weaker. An empty sentence or one without an action gets NA.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from analysis.labelers.time_frame import STANCE_VERBS, TOWARDS_DELIVERABLE, TimeLabel, label_time
from analysis.language.actors import SPEAKER_RE, actor_kind
from analysis.language.clauses import SentenceParse, main_text, parse
from analysis.language.lexicon import (
    entries_in_order,
    load_lexicon,
    matched_words,
    phrase_search,
    possible_entries,
    require_ids,
    word_set,
)

_ARTICLE_RE = re.compile(r"^\s*(?:the|a|an)\s+", re.I)
_PUNCTUATION_RE = re.compile(r"[^\w\s]")
_WHOLE_RE = re.compile(r".*")
_AGENT_RE = re.compile(r"\s*(?:\w+ly\s+)?by\s+((?:the\s+)?[^,.;:()]{1,60})")
# "Matters of taxation are for HMRC", "a decision for the Electoral Commission".
_FOR_BODY_RE = re.compile(
    r"\b(?:is|are)\s+(?:(?:a|the)\s+)?(?:(?:matter|matters|decision|decisions|issue|issues)\s+)?"
    r"for\s+(?P<body>(?:the\s+)?(?:[A-Z]{2,}\w*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+"
    r"(?:Agency|Authority|Authorities|Office|Commission|Council|Executive|Government|Service|"
    r"Department|Board|Regulator)))\b"
)
# "Transport policy is led by DfT", "Electoral registers are maintained by local EROs".
_LED_BY_RE = re.compile(
    r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:led|maintained|owned|run|arranged|administered|managed)\s+by\s+"
    r"(?P<body>(?:the\s+)?[^,.;]{2,60})"
)
_PURPOSE_RE = re.compile(
    r"\bto\s+(?:\w+ly\s+)?(?:ensure|explore|expand|introduce|join|help|support|improve|"
    r"understand|identify|assess|consider|look|deliver|drive|promote|strengthen|tackle|address)\b"
)
_CONTRACTIONS = (
    (re.compile(r"\b(ca)n['’]t\b", re.I), r"\1n not"),
    (re.compile(r"\b(wo)n['’]t\b", re.I), "will not"),
    (re.compile(r"n['’]t\b", re.I), " not"),
)


def _expand_contractions(text: str) -> str:
    if "'" not in text and "’" not in text:
        return text  # every contraction has an apostrophe
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


_FOR_GOVERNMENT_RE = re.compile(
    r"\s*(?:the\s+)?(?:government|ministers|me|us|the secretary of state)\b"
)
_MODAL_HEDGES = frozenset({"hedge.may", "hedge.would", "hedge.should", "hedge.can_be_made"})
# "Further details will be set out": a deferral, more than a possibility when the sentence names
# the document and date.
_FURTHER_DETAILS_LATER = frozenset(
    {
        "hedge.further_details_will_be",
        "hedge.will_include_further_details",
        "hedge.will_set_out_further",
        "hedge.will_set_out_next",
        "hedge.will_provide_an_update",
        "hedge.update_the_house",
    }
)
# The generic "committed to" qualifiers, which a firm "committed to ending X" contains.
_COMMITTED_QUALIFIERS = frozenset(
    {"qualifier.be_committed_to", "qualifier.have_committed_to", "qualifier.remain_committed"}
)
# Deflections by responsibility: with the speaker as subject ("we are responsible for") they
# keep the question, not pass it.
_RESPONSIBILITY_DEFLECTIONS = frozenset(
    {
        "deflection.be_responsible_for",
        "deflection.be_the_responsibility_of",
        "deflection.falls_under_the_remit",
        "deflection.have_responsibility_for",
        "deflection.devolved_matter",
    }
)
require_ids(
    "commitment",
    _MODAL_HEDGES | _FURTHER_DETAILS_LATER | _COMMITTED_QUALIFIERS | _RESPONSIBILITY_DEFLECTIONS,
)
# Longer than this, the words after "a matter for" are a clause, not the name of a body.
_LONGEST_BODY_CHARS = 80
# Deflections read by pattern rather than lexicon ("funding for X is for local authorities").
_FOR_ANOTHER_BODY = "deflection.for_another_body"
_RUN_BY_ANOTHER_BODY = "deflection.run_by_another_body"
# The rules of the module docstring that decide without a lexicon entry, by id.
RULES = {
    "empty": "an empty sentence",
    "no_action": "NA: no action reported",
    "attitude_or_outcome": "NA: an attitude or an outcome, not an action",
    "not_government": "NA: not an action of government",
    "work_in_progress": "2: work towards an end, nothing checkable",
    "vague_undertaking": "2: a vague verb with nothing checkable",
    "ongoing_process": "2: an ongoing process, nothing checkable",
    "unqualified_action": "3: an unqualified undertaking or report of action",
    "list_lead_in": "2 or 3: an undertaking of the list's lead-in",
}
# Money, a count or a date makes even a broad verb checkable ("protect ... by increasing the
# Employment Allowance to £10,500").
_FIGURE = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:%|per cent|million|billion)?|\b(?:19|20)\d{2}\b")
_DEFLECTION_STOP = re.compile(
    r"\s(?:to|when|who|which|that|in accordance|under|as|because|and to|so|rather|based|if|where)\b"
    r"|[,.;:(]"
)


@dataclass(frozen=True)
class CommitmentLabel:
    """A sentence's commitment level, the ids of the rules and lexicon entries that decided it
    (for code to ask about), the cues that show them (for readers) and the bodies a deflection
    points to."""

    level: int | None
    cues: tuple[str, ...]
    deflected_to: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


@cache
def _kinds_by_id() -> dict[str, str]:
    kinds = {entry["id"]: entry["kind"] for entry in load_lexicon("commitment")}
    return {**kinds, _FOR_ANOTHER_BODY: "deflection", _RUN_BY_ANOTHER_BODY: "deflection"}


def rule_kinds(rules: Iterable[str]) -> frozenset[str]:
    """The lexicon kinds (refusal, deflection, referral, hedge ...) of the entries among
    ``rules``; the rules of :data:`RULES` have none."""
    kinds = _kinds_by_id()
    return frozenset(kinds[rule] for rule in rules if rule in kinds)


def _subject_text(parsed: SentenceParse, main: str, time: TimeLabel) -> str:
    group = time.group or (parsed.main_groups[0] if parsed.main_groups else None)
    if group is None:
        return main
    end = parsed.tokens[group.start].start
    start = 0
    for back in range(group.start - 1, -1, -1):
        token = parsed.tokens[back]
        if token.text in {";", ":"} or (
            token.text == ","
            and back + 1 < group.start
            and parsed.tokens[back + 1].lower in {"and", "but", "while", "whilst"}
        ):
            start = token.end
            break
    return main[start:end]


def _deflected_to(sentence: str, match: re.Match[str], kind: str, subject: str) -> str:
    label_text = sentence[match.start() : match.end()].lower()
    if "responsible" in label_text or "must comply" in label_text:
        body = subject
    else:
        rest = sentence[match.end() :]
        stop = _DEFLECTION_STOP.search(rest)
        body = rest[: stop.start()] if stop else rest
    body = _ARTICLE_RE.sub("", " ".join(body.split())).strip(" .,")
    return body if kind == "deflection" and 0 < len(body) <= _LONGEST_BODY_CHARS else ""


# The speaker in the first person, or a subject that is only the government itself.
_SPEAKER = re.compile(
    SPEAKER_RE.pattern
    + r"|^\W*(?:the|this|his majesty's|hm)?\s*(?:government|department|ministers?)\W*$",
    re.I,
)


def label_commitment(
    sentence: str,
    parsed: SentenceParse | None = None,
    time: TimeLabel | None = None,
    specific: bool | None = None,
) -> CommitmentLabel:
    """Commitment level 0-3 or None (NA) for one sentence (rules in the module docstring)."""
    if not sentence or not sentence.strip():
        return CommitmentLabel(None, (), rules=("empty",))
    parsed = parsed or parse(sentence)
    time = time or label_time(sentence, parsed)
    main = main_text(parsed)
    subject = _subject_text(parsed, main, time)
    actor = actor_kind(subject)
    bare = _PUNCTUATION_RE.sub("", sentence).strip().lower()

    # Cues are matched on the text with contractions spelt out ("isn't" -> "is not").
    main = _expand_contractions(main)
    sentence = _expand_contractions(sentence)
    main_lower = main.lower().replace("’", "'")
    sentence_lower = sentence.lower().replace("’", "'")
    found: list[tuple[dict, re.Match[str]]] = []
    subordinate_deflections: list[tuple[dict, re.Match[str]]] = []
    # Only entries whose anchor word occurs can match: one scan of each text finds them.
    main_possible = possible_entries("commitment", main_lower)
    sentence_possible = possible_entries("commitment", sentence_lower)
    # Each text has its own possible entries: the main clause's blanks start words of their own.
    possible = sentence_possible | main_possible | _whole_sentence_ids()
    for entry in entries_in_order("commitment", possible):
        if entry.get("whole_sentence"):
            if bare == entry["phrase"].split("|")[0].lower():
                found.append((entry, _WHOLE_RE.match(sentence)))
            continue
        if entry["kind"] == "vague_action":
            continue
        match = phrase_search(entry, main, main_lower) if entry["id"] in main_possible else None
        if match:
            found.append((entry, match))
        elif (
            entry["kind"] == "deflection"
            and entry.get("scope") != "main"
            and entry["id"] in sentence_possible
        ):
            # A deflection in a subordinate clause ("No, because it is a devolved matter")
            # counts only if the main clause reports no action of its own (checked below).
            match = phrase_search(entry, sentence, sentence_lower)
            if match:
                subordinate_deflections.append((entry, match))

    for pattern, rule in ((_FOR_BODY_RE, _FOR_ANOTHER_BODY), (_LED_BY_RE, _RUN_BY_ANOTHER_BODY)):
        match = pattern.search(main)
        if match and not _SPEAKER.search(match.group("body")):
            found.append(({"id": rule, "level": 0, "kind": "deflection"}, match))
    speaker_is_subject = bool(_SPEAKER.search(" ".join(subject.split())))
    zero = [
        (e, m)
        for e, m in found
        if e["level"] == 0
        and not (speaker_is_subject and e["id"] in _RESPONSIBILITY_DEFLECTIONS)
        and not (e["kind"] == "deflection" and _for_government(m.string, m))
    ]
    if (
        not zero
        and subordinate_deflections
        and (
            time.time == "none"
            or (time.group is not None and time.group.head_lemma in STANCE_VERBS)
        )
    ):
        zero = subordinate_deflections
    if zero:
        deflected = tuple(
            body for e, m in zero if (body := _deflected_to(m.string, m, e["kind"], subject))
        )
        cues = tuple(f"0 {e['kind']}: {matched_words(m.string, m)}" for e, m in zero)
        rules = tuple(e["id"] for e, _ in zero)
        return CommitmentLabel(0, cues, tuple(dict.fromkeys(deflected)), rules)

    firm = [(e, m) for e, m in found if e["level"] == 3]
    levels = [(e, m) for e, m in found if e["level"] in (1, 2)]
    if firm:
        # "committed to ending X" is firm: drop the generic "committed to" qualifier it contains.
        levels = [(e, m) for e, m in levels if e["id"] not in _COMMITTED_QUALIFIERS]
    not_action = [(e, m) for e, m in found if e["level"] is None]
    group = time.group
    stance_verb = (
        group is not None
        and group.head_lemma in STANCE_VERBS
        and not group.passive
        and not _followed_by(parsed, group, "to")
    )

    modal_only = levels and all(e["id"] in _MODAL_HEDGES for e, m in levels)
    speaker_acts = actor in {"government", "public_body"} and not (group and group.copula)
    if time.time == "none" and (not levels or (modal_only and not speaker_acts)) and not firm:
        # "may be based on several factors", "applicants may reapply": a modal on a state, or
        # on someone else's action, undertakes nothing. "The Government may consider" is 1.
        return CommitmentLabel(None, ("NA: no action reported",), rules=("no_action",))
    if (not_action or stance_verb) and not levels and not firm:
        what = matched_words(main, not_action[0][1]) if not_action else group.text
        cue = f"NA: {what} (an attitude or an outcome, not an action)"
        entries = (not_action[0][0]["id"],) if not_action else ()
        return CommitmentLabel(None, (cue,), rules=("attitude_or_outcome", *entries))

    passive = group is not None and group.passive
    if passive:
        # In a passive the subject is acted upon: the actor is the agent after "by", and an
        # unnamed agent is government's own.
        agent = _AGENT_RE.match(main, parsed.tokens[group.end - 1].end)
        actor = actor_kind(agent.group(1), names_are_public=False) if agent else "government"
    governmental = actor in {"government", "public_body", "instrument"}
    if not governmental:
        if levels and actor == "other":
            governmental = True  # "It is taking time to ...": the speaker's own hedge
        else:
            shown = " ".join(subject.split()) or "-"
            cue = f"NA: not an action of government (subject: {shown})"
            return CommitmentLabel(None, (cue,), rules=("not_government",))

    if levels:
        weakest = min(levels, key=lambda em: em[0]["level"])
        level = weakest[0]["level"]
        if level == 1 and weakest[0]["id"] in _FURTHER_DETAILS_LATER and specific:
            level = 2  # a deferral to a named document and date is more than a possibility
        cues = tuple(f"{e['level']} {e['kind']}: {matched_words(main, m)}" for e, m in levels)
        return CommitmentLabel(level, cues, rules=tuple(e["id"] for e, _ in levels))
    if firm:
        cues = tuple(f"3 firm: {matched_words(main, m)}" for e, m in firm)
        return CommitmentLabel(3, cues, rules=tuple(e["id"] for e, _ in firm))

    verb = group.text if group else "action"
    if group is not None and time.time in {"future", "current"} and not specific:
        developing = not TOWARDS_DELIVERABLE.isdisjoint(time.rules)
        purpose = _PURPOSE_RE.search(main[parsed.tokens[group.end - 1].end :])
        if developing or (time.time == "future" and purpose):
            # "CQC is currently developing their approach", "will bring together experts to
            # explore ways to ...": work towards an end, with nothing checkable promised.
            what = "work in progress" if developing else f"aimed '{purpose.group(0).strip()}'"
            cue = f"2: {group.text} ... {what}, nothing checkable"
            return CommitmentLabel(2, (cue,), rules=("work_in_progress",))
    if group is not None and time.time in {"future", "current"}:
        figures = _FIGURE.search(sentence)
        same_time = [g for g in parsed.main_groups if g.modal == group.modal and not g.copula] or [
            group
        ]
        if any(_vague(g.head_lemma) for g in same_time) and not figures:
            cue = f"2 vague undertaking: {verb} (nothing checkable)"
            return CommitmentLabel(2, (cue,), rules=("vague_undertaking",))
        if group.copula and not specific:
            cue = f"2: {verb} ... (an ongoing process, nothing checkable)"
            return CommitmentLabel(2, (cue,), rules=("ongoing_process",))
    return CommitmentLabel(3, (f"3 firm: {verb}",), rules=("unqualified_action",))


@cache
def _whole_sentence_ids() -> frozenset[str]:
    """Entries matched against the whole sentence, whatever words it has ("No.")."""
    return frozenset(e["id"] for e in load_lexicon("commitment") if e.get("whole_sentence"))


def _vague(lemma: str) -> bool:
    return lemma in word_set("commitment", "vague_action")


def _followed_by(parsed: SentenceParse, group, word: str) -> bool:
    return group.end < len(parsed.tokens) and parsed.tokens[group.end].lower == word


def _for_government(main: str, match: re.Match[str]) -> bool:
    """'it is for the Government to decide' is not a deflection."""
    after = main[match.end() : match.end() + 40].lower()
    return bool(_FOR_GOVERNMENT_RE.match(after))
