"""Time: is the sentence about a future plan, a current action, a past action, or none of these?

Rule (../shared/docs/sentence-labels.md section 1), applied to the sentence's main clause
(:func:`analysis.language.clauses.main_text`; subordinate clauses, brackets and quoted titles do not
decide):

1. A "none" phrase in the main clause (``there are no plans``, ``is not held``, ``is available``,
   ``is a matter for``, ``I refer the hon. Member``; lexicon ``time``) makes it ``none``: no action
   is reported. A negated perfect ("has not made an assessment") is also ``none``.
2. Each main verb group is read by tense and aspect: ``will``/``shall`` and ``may``/``could``
   + verb are future; ``has been working`` (perfect progressive) and ``is implementing`` are
   current; ``has published``, ``was announced``, ``launched`` are past; a present verb of action
   (``publishes``, ``monitors``) is current; ``is``/``are`` + a noun or adjective, verbs of state
   (``includes``, ``sets out``, ``contains``) and verbs of stance (``recognises``, ``welcomes``)
   are none.
3. Future phrases in the main clause (``plans to``, ``intends to``, ``is due to``, ``in due
   course``, ``later this year``) make it future; ``continues to`` and ``is underway`` current.
4. **The future wins**: if any main clause is future, the sentence is; an ongoing action of
   development (``is developing``, ``is preparing``) with a future deliverable anywhere in the
   sentence ("a plan which will be published next year") is future too.
5. Otherwise the first main clause reporting an action decides (current or past); with none, the
   label is ``none``. A past or present passive whose subject is a count ("5.5 million people are
   now displaced", "In 2024, 1,200 patients were treated") is a statistic: ``none``.

An empty sentence, a heading or a fragment without a verb gets ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.language.actors import SPEAKER_RE, actor_kind
from analysis.language.clauses import SentenceParse, main_text, parse
from analysis.language.lexicon import (
    entries_in_order,
    matched_words,
    phrase_search,
    possible_entries,
    require_ids,
    word_set,
)
from analysis.language.verb_groups import VerbGroup

STATE_VERBS = word_set("verb_classes", "state")
STANCE_VERBS = word_set("verb_classes", "stance")
DEVELOPMENT_VERBS = word_set("verb_classes", "development")
STATE_PASSIVES = word_set("verb_classes", "state_passive")
STATE_ADJECTIVES = word_set("verb_classes", "state_adjective")
HABITUAL_ADVERBS = word_set("verb_classes", "habitual")
STATISTIC_VERBS = word_set("verb_classes", "statistic")
DESCRIPTIVE_VERBS = word_set("verb_classes", "descriptive")
ANNOUNCEMENT_VERBS = word_set("verb_classes", "announcement")
_MODAL_FUTURE = {"will", "shall"}
_MODAL_POSSIBLE = {"may", "might", "could", "would"}
_QUANTITY_SUBJECT = re.compile(
    r"^\s*(?:(?:in|as of|as at|between|since|during|for|over|from)\b[^,]*,\s*)?"
    r"(?:(?:a total of|around|approximately|about|over|more than|fewer than|less than|almost|"
    r"nearly|some|only)\s+)?"
    r"(?:\d|the number of|the proportion of|the percentage of|the total|a further \d|none of)",
    re.I,
)


@dataclass(frozen=True)
class TimeLabel:
    """The time label of one sentence, the rules and lexicon entries that decided it (ids, for
    code to ask about) and the cues that show them (words, for readers)."""

    time: str
    cues: tuple[str, ...]
    group: VerbGroup | None = None  # the verb group that decided, for the commitment labeler
    rules: tuple[str, ...] = ()


# The rules of the module docstring that can decide a label, by id (lexicon entries that fire
# are reported by their own ids beside these).
RULES = {
    "empty": "an empty sentence",
    "none_phrase": "rule 1: a none phrase in the main clause",
    "future_verb": "rule 2/4: a future verb group in the main clause",
    "future_phrase": "rule 3: a future phrase in the main clause",
    "towards_deliverable": "rule 4: ongoing development of a future deliverable",
    "towards_deadline": "rule 4: ongoing work towards a deadline",
    "committed_towards_deliverable": "rule 4: committed to something still to come",
    "statistic": "rule 5: a count reported as done",
    "first_action": "rule 5: the first main clause reporting an action",
    "attitude": "rule 2: verbs of stance only",
    "state": "rule 2: a state, not an action",
    "no_verb": "no verb",
    "commitment_zero": "a refusal, deflection or referral reports no action (commitment 0)",
    "list_lead_in": "a list item under a lead-in that undertakes ('The Government will:')",
}
# Lexicon entries (lexicon ``time``) some rules ask about.
_CONTINUE_TO_DO_SO = "current.will_continue_to_do"  # "... and will continue to do so": a practice
_COMMITTED_TO = frozenset({"future.committed_to_publishing", "current.be_committed_to"})
# Rules under which the future comes from work towards a deliverable, not a promise of it.
TOWARDS_DELIVERABLE = frozenset({"towards_deliverable", "committed_towards_deliverable"})
require_ids("time", {_CONTINUE_TO_DO_SO, *_COMMITTED_TO})


def classify_group(group: VerbGroup) -> str:
    """The time a single verb group reports, read from its tense and aspect."""
    lemma = group.head_lemma
    if group.modal in _MODAL_FUTURE:
        if group.copula and group.head in STATE_ADJECTIVES:
            return "none"  # "will be dependent on", "will be eligible": a standing condition
        if lemma in {"depend", "vary"} and not group.passive:
            return "none"  # "will depend on the needs of the community": a standing condition
        if lemma == "continue":
            return "current"  # "will continue to": a practice already going on
        return "future"
    if group.modal == "would":
        return "none" if group.negated or group.copula else "future"
    if group.modal in _MODAL_POSSIBLE:
        # "may make a fresh application", "could be used": a possibility or permission, not a
        # plan (the labelled sets mark "may" none in 10 of 14 sentences).
        return "none"
    if group.modal in {"can", "must", "should"}:
        return "none"
    first = group.words[0]
    past_aux = first in {"was", "were", "had", "did"}
    if group.existential:
        return "none"  # "there are", "there have been no reported ...": existence, not action
    if group.perfect:
        if group.progressive or (len(group.words) > 2 and group.words[-1].endswith("ing")):
            return "current"
        if set(group.words) & HABITUAL_ADVERBS or group.habitual_after:
            return "current"  # "has engaged regularly": a continuing practice
        if group.negated:
            return "none"
        if group.copula:
            return "none"
        return "past"
    if group.progressive:
        return "past" if past_aux else "current"
    if group.passive:
        if past_aux:
            return "past"
        return "none" if lemma in STATE_PASSIVES else "current"
    if group.copula:
        return "none"
    if first in {"do", "does", "did"}:
        if group.negated:
            return "past" if first == "did" else "none"
        return "past" if first == "did" else "current"
    if first in {"has", "have", "had"} and group.form == "VBZ":
        return "none"  # possession: "has a statutory obligation"
    if group.form == "VBD":
        # "This comprised 28 in the Licensing Unit": a state in the past is still a state.
        return "none" if lemma in STATE_VERBS else "past"
    if group.form in {"VBZ", "VBP", "VB"} and lemma in DESCRIPTIVE_VERBS:
        return "none"  # "This sets out the differences", "The report describes ..."
    if group.form in {"VBZ", "VBP", "VB"}:
        if lemma in STATE_VERBS or lemma in STANCE_VERBS:
            return "none"
        return "current"
    return "none"


_CONDITION_RE = re.compile(r"(?:^|[,;]\s*)(?:if|where|when|once|unless|should)\s", re.I)
_FUTURE_DEADLINE = re.compile(
    r"\b(?:by|before|until|from)\s+(?:the\s+end\s+of\s+)?(?:this|next|the\s+next)?\s*"
    r"(?:parliament|year|decade|(?:20[2-9]\d))|\blater this (?:year|month)|\bnext year\b",
    re.I,
)
# A present-tense verb whose subject is a document or law describes what it says: "none".
_DOCUMENT_SUBJECT = re.compile(
    r"\b(?:act|acts|legislation|regulations|rules|code|framework|guidance|policy|strategy|plan|"
    r"report|register|document|documents|criteria|methodology|scheme rules|statement|order|bill|"
    r"directive|manifesto|agreement|treaty|convention|assessment|data|figures|table|tables)\W*$",
    re.I,
)


def _subject_before(parsed: SentenceParse, main: str, group: VerbGroup) -> str:
    end = parsed.tokens[group.start].start
    start = max(main.rfind(";", 0, end), main.rfind(":", 0, end), 0)
    return " ".join(main[start:end].split())


def label_time(sentence: str, parsed: SentenceParse | None = None) -> TimeLabel:
    """Label one sentence future / current / past / none (rules in the module docstring)."""
    if not sentence or not sentence.strip():
        return TimeLabel("none", (), rules=("empty",))
    parsed = parsed or parse(sentence)
    main = main_text(parsed)
    whole = parsed.text
    groups = parsed.main_groups
    # Phrase cues, with where they stand, so they can be read in sentence order with the verbs:
    # (position, label, matched words, entry id).
    phrase_hits: list[tuple[int, str, str, str]] = []
    overridable: set[str] = set()  # entry ids of "none" phrases an earlier action outranks
    stance_hits: list[tuple[str, str]] = []  # (matched words, entry id)
    future_anywhere = False
    main_lower = main.lower().replace("’", "'")
    whole_lower = whole.lower().replace("’", "'")
    # Only entries whose anchor word occurs can match: one scan of each text finds them.
    whole_possible = possible_entries("time", whole_lower)
    main_possible = possible_entries("time", main_lower)
    for entry in entries_in_order("time", whole_possible):
        if entry["label"] == "future" and phrase_search(entry, whole, whole_lower):
            future_anywhere = True
        if entry.get("kind") == "purpose":
            continue  # evidence of a deliverable only, never a label on its own
        in_main = entry.get("scope", "main") == "main"
        if in_main and entry["id"] not in main_possible:
            continue
        text = main if in_main else whole
        match = phrase_search(entry, text, main_lower if in_main else whole_lower)
        if match and entry.get("kind") == "stance":
            stance_hits.append((matched_words(text, match), entry["id"]))
        elif match:
            hit = (match.start(), entry["label"], matched_words(text, match), entry["id"])
            phrase_hits.append(hit)
            if entry.get("kind") == "availability":
                overridable.add(entry["id"])
    group_labels = [(g, _group_time(g, parsed, main)) for g in groups]
    continue_to_do_so = any(h[3] == _CONTINUE_TO_DO_SO for h in phrase_hits)

    none_hits = sorted(h for h in phrase_hits if h[1] == "none")
    first_future = next((g for g, label in group_labels if label == "future"), None)
    first_action = next(
        (parsed.tokens[g.start].start for g, label in group_labels if label in {"current", "past"}),
        None,
    )
    if none_hits and first_action is not None:
        # "New roles are advertised on the website and appointments can be found on gov.uk":
        # where the information is available does not undo the action reported before it.
        none_hits = [h for h in none_hits if not (h[3] in overridable and first_action < h[0])]
    if none_hits:
        future_first = (
            first_future is not None
            and first_future.modal in _MODAL_FUTURE
            and parsed.tokens[first_future.start].start < none_hits[0][0]
        )
        shared = first_future is not None and _inside(none_hits[0], first_future, parsed)
        if not (future_first or shared):
            return TimeLabel(
                "none",
                tuple(f"none: {h[2]}" for h in none_hits),
                groups[0] if groups else None,
                ("none_phrase", *(h[3] for h in none_hits)),
            )

    future_hits = [h for h in phrase_hits if h[1] == "future"]
    if continue_to_do_so and first_future is not None and first_future.head_lemma == "continue":
        # "Ministers meet them from time to time and will continue to do so": a practice.
        first_future = next(
            (g for g, label in group_labels if label == "future" and g.head_lemma != "continue"),
            None,
        )
    if first_future is not None:
        cues = (f"future: {first_future.text}", *(f"future: {h[2]}" for h in future_hits))
        return TimeLabel(
            "future", cues, first_future, ("future_verb", *(h[3] for h in future_hits))
        )
    if future_hits:
        return TimeLabel(
            "future",
            tuple(f"future: {h[2]}" for h in future_hits),
            groups[0] if groups else None,
            ("future_phrase", *(h[3] for h in future_hits)),
        )

    # Ongoing development of something to come: the future wins.
    future_ahead = [g.text for g in parsed.groups if g.modal in _MODAL_FUTURE]
    if future_anywhere and not future_ahead:
        future_ahead = ["a future deliverable"]
    for group, label in group_labels:
        if label != "current":
            continue
        developing = group.progressive and group.head_lemma in DEVELOPMENT_VERBS
        open_ended = group.head_lemma in {
            "work",
            "consider",
            "review",
            "explore",
            "carry",
            "conduct",
            "undertake",
        }
        if developing and (not open_ended or future_ahead):
            why = f" ... {future_ahead[0]}" if future_ahead else ""
            return TimeLabel(
                "future",
                (f"future: {group.text}{why} (work towards a future deliverable)",),
                group,
                ("towards_deliverable",),
            )
        deadline = _FUTURE_DEADLINE.search(whole)
        if deadline and (developing or group.head_lemma in {"continue", "work"}):
            return TimeLabel(
                "future",
                (f"future: {group.text} ... {deadline.group(0)} (work towards a deadline)",),
                group,
                ("towards_deadline",),
            )

    committed = next((h for h in phrase_hits if h[3] in _COMMITTED_TO), None)
    if committed is not None and future_anywhere:
        # "committed to X as we work towards Y", "committed to ... by 2030": a pledge of
        # something still to come.
        return TimeLabel(
            "future",
            (f"future: {committed[2]} (towards a future deliverable)",),
            groups[0] if groups else None,
            ("committed_towards_deliverable", committed[3]),
        )

    # Otherwise the first action in sentence order decides: a verb group, or a "current" phrase.
    events: list[tuple[float, str, str, VerbGroup | None, str]] = []
    for group, label in group_labels:
        if label in {"current", "past"}:
            events.append((parsed.tokens[group.start].start, label, group.text, group, ""))
    for position, label, cue, entry_id in phrase_hits:
        if label == "current":
            # a phrase outranks its verb
            events.append((position - 0.5, "current", cue, None, entry_id))
    events.sort(key=lambda event: event[0])
    if stance_hits and all(
        group is None or group.head_lemma in {"continue"} | STANCE_VERBS
        for _, _, _, group, _ in events
    ):
        # "continues to take this very seriously and recognises ...": an attitude throughout.
        events = []
    for _, label, cue, group, entry_id in events:
        if group is not None and _is_statistic(group, parsed, whole):
            return TimeLabel(
                "none", (f"none: a statistic ({group.text} ...)",), group, ("statistic",)
            )
        decided_by = group or (groups[0] if groups else None)
        rules = ("first_action", entry_id) if entry_id else ("first_action",)
        return TimeLabel(label, (f"{label}: {cue}",), decided_by, rules)
    if stance_hits:
        return TimeLabel(
            "none",
            tuple(f"none: {cue} (an attitude)" for cue, _ in stance_hits),
            groups[0] if groups else None,
            ("attitude", *(entry_id for _, entry_id in stance_hits)),
        )
    if groups:
        return TimeLabel(
            "none", (f"none: {groups[0].text} (a state, not an action)",), groups[0], ("state",)
        )
    return TimeLabel("none", ("none: no verb",), None, ("no_verb",))


def _group_time(group: VerbGroup, parsed: SentenceParse, main: str) -> str:
    label = classify_group(group)
    if label == "future" and group.modal in _MODAL_FUTURE and _CONDITION_RE.search(parsed.text):
        # "If a building complies, a certificate will be issued": how a process works, not a
        # plan. Government's own process is a current practice; anyone else's a standing rule.
        subject = _subject_before(parsed, main, group)
        own = group.passive or actor_kind(subject) in {"government", "public_body"}
        return "current" if own else "none"
    if label == "current" and not group.progressive and not group.passive:
        subject = _subject_before(parsed, main, group)
        if _DOCUMENT_SUBJECT.search(subject):
            return "none"  # "The legislation permits ...", "The framework encourages ..."
        if actor_kind(subject) == "not_government":
            return "none"  # "INTERPOL's safeguards operate at two stages": how others work
    return label


_COUNT_RE = re.compile(
    r"[£$€]\s?\d|\b(?!(?:19|20)\d{2}\b)\d[\d,.]*\b"
    r"(?!\s*(?:%|per cent)?\s*(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|"
    r"thousand|no)\s+(?:new\s+|such\s+|related\s+)?[a-z]{3,}",
    re.I,
)
_SCOPE_OPENING_RE = re.compile(
    r"^\s*(?:as (?:of|at)|between|since|for the (?:financial |calendar )?year|in (?:the )?"
    r"(?:financial year |year )?(?:19|20)\d{2}|during|over the (?:last|past)"
    r"|in the (?:last|past))\b",
    re.I,
)


def _is_statistic(group: VerbGroup, parsed: SentenceParse, whole: str) -> bool:
    """A count reported as done ("the Department spent £7.6m", "As at 30 June, the Office
    employs 172 staff"): the guide's statistic about the past, labelled none, not an action.
    """
    if group.progressive or group.modal is not None:
        return False
    before = whole[: parsed.tokens[group.start].start]
    opening = _SCOPE_OPENING_RE.match(before)
    # The count may stand in the subject ("two organisations have been removed") or after the
    # verb ("spent £7.6m"), but not in the opening phrase ("Since November 2022, ...").
    start = before.find(",", opening.end()) + 1 if opening and "," in before else 0
    clause = re.split(r"[;:]", whole[start:], maxsplit=1)[0]
    if not _COUNT_RE.search(clause):
        return False
    if _QUANTITY_SUBJECT.match(before):
        return True
    if SPEAKER_RE.search(before.split(",")[-1]):
        return False  # "I have had 13 meetings": the speaker's own actions, counted
    return group.head_lemma in STATISTIC_VERBS or (
        bool(opening) and group.head_lemma not in ANNOUNCEMENT_VERBS
    )


def _inside(hit: tuple[int, str, str], group: VerbGroup, parsed: SentenceParse) -> bool:
    """Is the phrase part of the verb group itself ("will be available")?"""
    start = parsed.tokens[group.start].start
    end = parsed.tokens[group.end - 1].end
    return start <= hit[0] < end + 12
