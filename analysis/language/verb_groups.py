"""Verb groups: the verb chains and bare finite verbs of a sentence, found left to right.

A **chain** starts at a modal or auxiliary and runs through negation, adverbs and further
auxiliaries to its head verb ("will be published", "has been working", "does not hold", "is
implementing"); its tense, aspect, voice and modal are read off the way. A **bare verb** is a
finite verb with no auxiliary ("publishes", "launched"), accepted only where its neighbours show
it is a verb and not a noun ("the plans" vs "the Government plans to"). Which groups are
subordinate is decided afterwards (:mod:`analysis.language.clauses`); the group carries that
decision as a reason id with the words it names, and a display string built from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.language.tokens import (
    Token,
    can_be,
    is_adverb,
    is_determiner_that,
    span_text,
    verb_forms,
    word_classes,
)
from analysis.language.words import (
    ADJECTIVAL_ING,
    ADJECTIVE_FIRST,
    AUXILIARIES,
    BE,
    BE_HAVE_DO,
    BEFORE_NOUN,
    BOUNDARIES,
    CLAUSE_LINKING,
    CLAUSE_LINKS,
    DETERMINERS,
    DO,
    HAVE,
    MODALS,
    NEGATIONS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
)

# Why a verb group is subordinate (``VerbGroup.reason_id``); "" when it is not.
BRACKETED = "bracketed"  # inside brackets or quotation marks
OPENING_PHRASE = "opening_phrase"  # in the phrase before the first comma ("In 2024, ...")
AFTER_MARKER = "after_marker"  # after a subordinating word: "that", "which", "because", ...
REPORTED = "reported"  # a verb of saying whose reported clause is the main one
IS_WHY = "is_why"  # "that is why": the clause after it carries the point
REASON_IDS = (BRACKETED, OPENING_PHRASE, AFTER_MARKER, REPORTED, IS_WHY)

# Modal spellings the tokenizer leaves, read as the modal itself.
_MODAL_SPELLINGS = {"'ll": "will", "wo": "will", "cannot": "can"}
# Adverbs of frequency that make a present perfect a practice ("has engaged regularly").
_FREQUENCY_ADVERBS = {"regularly", "frequently", "routinely"}
# How many tokens after a verb group a frequency adverb may stand and still qualify it.
FREQUENCY_ADVERB_REACH = 2


@dataclass
class VerbGroup:
    """A verb chain: auxiliaries, negation and the head verb."""

    start: int  # first token index
    end: int  # one past the last token index
    words: tuple[str, ...]  # lower-case words of the chain
    head: str
    head_lemma: str
    form: str  # VB, VBZ, VBP, VBD, VBN, VBG, ADJ, NOUN (after a copula) or OTHER
    modal: str | None = None
    negated: bool = False
    perfect: bool = False
    progressive: bool = False
    passive: bool = False
    copula: bool = False
    subordinate: bool = False
    reason_id: str = ""  # why it is subordinate: one of REASON_IDS, or ""
    # The words the reason names: the subordinating word ("that", "so that") after a marker,
    # the sentence's first word for an opening phrase, the group's own text when it reports.
    marker: str = ""
    habitual_after: bool = False  # "has engaged regularly": a frequency adverb follows
    existential: bool = False  # "there are", "there have been": existence, not action
    text: str = ""

    @property
    def reason(self) -> str:
        """Why the group is subordinate, in words for the cues a reader sees."""
        if self.reason_id == BRACKETED:
            return "in brackets or quotation marks"
        if self.reason_id == OPENING_PHRASE:
            return f"in the opening phrase '{self.marker} ...'"
        if self.reason_id == AFTER_MARKER:
            return f"after '{self.marker}'"
        if self.reason_id == REPORTED:
            return f"reports the clause after it ('{self.marker} ... that')"
        if self.reason_id == IS_WHY:
            return "'... is why' introduces the point"
        return ""

    def make_subordinate(self, reason_id: str, marker: str = "") -> None:
        """Mark the group subordinate for ``reason_id`` (one of :data:`REASON_IDS`)."""
        if reason_id not in REASON_IDS:
            raise ValueError(f"unknown reason id {reason_id!r}; known: {', '.join(REASON_IDS)}")
        self.subordinate, self.reason_id, self.marker = True, reason_id, marker

    def make_main(self) -> None:
        """Mark the group as part of the main clause, with no reason."""
        self.subordinate, self.reason_id, self.marker = False, "", ""


def _chain(tokens: list[Token], index: int) -> VerbGroup | None:
    """A verb chain starting at an auxiliary or modal at ``index``, or None."""
    lower = tokens[index].lower
    if tokens[index].text == "May" and index > 0:
        return None  # the month, not the modal
    words: list[str] = []
    modal = None
    negated = perfect = progressive = passive = copula = False
    position = index
    if lower in MODALS:
        modal = _MODAL_SPELLINGS.get(lower, lower)
        negated = lower == "cannot"
    elif lower not in BE_HAVE_DO:
        return None
    head = lower
    form = "OTHER"
    while position < len(tokens):
        token = tokens[position]
        word = token.lower
        if not token.is_word:
            break
        if position == index:
            words.append(word)
            position += 1
            if word in BE:
                copula = True
            continue
        if word in NEGATIONS or is_adverb(token):
            negated = negated or word in NEGATIONS
            words.append(word)
            position += 1
            continue
        if word in HAVE and (modal or words[-1] in MODALS | {"to", "not"}):
            words.append(word)
            position += 1
            continue
        if word in BE:
            copula = True
            words.append(word)
            position += 1
            continue
        lemma, tags = verb_forms(word)
        previous_aux = next((w for w in reversed(words) if w in AUXILIARIES), lower)
        if previous_aux in HAVE and "VBN" in tags:
            perfect = True
            head, form = word, "VBN"
            words.append(word)
            position += 1
            if word == "been":
                copula = True
                continue
            copula = False
            break
        if (
            previous_aux in BE
            and "VBG" in tags
            and word.endswith("ing")
            and word not in ADJECTIVAL_ING
        ):
            progressive = True
            head, form, copula = word, "VBG", False
            words.append(word)
            position += 1
            break
        if previous_aux in BE and "VBN" in tags and word not in ADJECTIVE_FIRST:
            passive = True
            head, form, copula = word, "VBN", False
            words.append(word)
            position += 1
            break
        if (previous_aux in MODALS or previous_aux in DO or previous_aux == "to") and "VB" in tags:
            head, form, copula = word, "VB", False
            words.append(word)
            position += 1
            break
        break
    if copula and form == "OTHER":
        # "is responsible", "is a specialised service", "are available": copula and complement.
        head = words[-1] if words[-1] in BE else next((w for w in reversed(words) if w in BE), "be")
        nxt = tokens[position] if position < len(tokens) else None
        if nxt is not None and nxt.is_word:
            form = "ADJ" if can_be(nxt.lower, "ADJ") and not can_be(nxt.lower, "NOUN") else "NOUN"
            head = nxt.lower
        else:
            form = "NOUN"
        lemma = "be"
    elif form == "OTHER":
        if lower in HAVE and not perfect:
            # "has a", "have responsibility": possession, a state.
            head, lemma, form = lower, "have", "VBZ"
        elif lower in DO:
            head, lemma, form = lower, "do", "VBZ"
        else:
            head, lemma = (modal or lower), (modal or lower)
    else:
        lemma = verb_forms(head)[0] or head
    if not words:
        return None
    if passive and any(w in HAVE for w in words) and "been" in words:
        perfect = True  # "has been provided": a perfect passive
    if passive and "being" in words:
        progressive = True  # "is being developed"
    return VerbGroup(
        start=index,
        end=position if position > index else index + 1,
        words=tuple(words),
        head=head,
        head_lemma=lemma,
        form=form,
        modal=modal,
        negated=negated,
        perfect=perfect,
        progressive=progressive,
        passive=passive,
        copula=copula,
    )


def _bare_verb(
    tokens: list[Token], index: int, clause_has_verb: bool, last_form: str | None = None
) -> VerbGroup | None:
    """A finite verb with no auxiliary ("NHS England publishes", "we launched"), or None."""
    token = tokens[index]
    if not token.is_word or token.lower in AUXILIARIES:
        return None
    lemma, tags = verb_forms(token.lower)
    if not tags:
        return None
    previous = tokens[index - 1] if index > 0 else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if previous is None:
        return None  # a sentence-initial word is a subject or an imperative, not a finite verb here
    if token.text[:1].isupper():
        return None  # a capitalised word inside a sentence is part of a name
    prev = previous.lower
    # "This ensures ...", "These include ...": a demonstrative opening the sentence is its subject.
    demonstrative_subject = index == 1 and prev in {"this", "these", "that", "those"}
    if (prev in BEFORE_NOUN or prev in {"to", "'s", "’s", "-"}) and not (demonstrative_subject):
        return None
    if (
        previous.is_word
        and prev not in SUBJECT_PRONOUNS
        and can_be(prev, "ADJ")
        and not can_be(prev, "NOUN")
    ):
        return None
    noun_too = can_be(token.lower, "NOUN") or can_be(token.lower, "ADJ")
    if (
        noun_too
        and previous.is_word
        and prev not in SUBJECT_PRONOUNS
        and can_be(prev, "ADJ")
        and not previous.text[:1].isupper()
    ):
        return None  # "local places", "new plans": an adjective before a noun
    if prev in {"and", "or"} and last_form is not None:
        compatible = {"VBZ": {"VBZ"}, "VBD": {"VBD", "VBN"}, "VBP": {"VBP", "VB"}}
        if not any(last_form in compatible[f] for f in ("VBZ", "VBD", "VBP") if f in tags):
            return None  # "realistic and costed": not a second verb of the clause
    nxt = following.lower if following is not None else ""
    strong_object = (
        (nxt in DETERMINERS and nxt not in {"that", "which", "what", "whose"})
        or nxt == "to"
        or (following is not None and following.kind in ("number", "money"))
        or (following is not None and following.text[:1].isupper())
    )
    weak_object = nxt in {"that", "on", "with", "for", "in", "up", "out"} or (
        following is not None
        and following.is_word
        and (can_be(nxt, "ADJ") or not word_classes(nxt))
        and nxt not in AUXILIARIES
    )
    # A word that can also be a noun ("plans", "forces", "homes") needs a clear object after it;
    # an unambiguous verb form ("publishes", "expect") needs only something after it.
    next_starts_object = strong_object or (weak_object and not noun_too)
    # "The Department funds research": after a name, a verb form is read as the verb.
    after_name = previous.text[:1].isupper() and index > 1 and following is not None
    if after_name and noun_too and following.is_word and following.text[:1].islower():
        next_starts_object = next_starts_object or nxt not in PREPOSITIONS | {"that", "and", "or"}
    # "The department collects aggregate data": determiner, singular noun, then an -s form
    # followed by its object reads as subject and verb (not "the care homes that ...").
    opening_subject = (
        index == 2
        and tokens[0].lower in {"the", "this", "our", "each", "every", "my"}
        and can_be(prev, "NOUN")
        and not prev.endswith("s")
        and following is not None
        and following.is_word
        and nxt not in PREPOSITIONS | {"that", "and", "or", "which", "who"}
    )
    if opening_subject:
        next_starts_object = True
    after_subject = (
        demonstrative_subject
        or prev in SUBJECT_PRONOUNS
        or (previous.kind in ("word",) and (previous.text[:1].isupper() or can_be(prev, "NOUN")))
        or previous.text in (")", "”", "’")
        or is_adverb(previous)
        or (prev in {"and", "or", ","} and clause_has_verb)
        or (prev == "," and not clause_has_verb and "VBZ" in tags)
    )
    if not after_subject:
        return None
    form = None
    if "VBZ" in tags and token.lower.endswith("s"):
        if noun_too and not next_starts_object:
            return None
        form = "VBZ"
    elif "VBD" in tags:
        if clause_has_verb and prev not in {"and", "or"}:
            return None
        if prev == ",":
            return None  # ", launched in 2022," is a participle
        if nxt == "by":
            return None  # "the reports published by ..." is a reduced relative
        noun_only = can_be(token.lower, "NOUN")
        if noun_only and not next_starts_object and prev not in SUBJECT_PRONOUNS:
            return None
        form = "VBD"
    elif (
        "VBP" in tags
        and (
            prev in {"i", "we", "they", "you"}
            or (
                is_adverb(previous)
                and index > 1
                and tokens[index - 2].lower in {"i", "we", "they", "you"}
            )
        )
    ) or (
        "VBP" in tags
        and can_be(prev, "NOUN")
        and prev.endswith("s")
        and ((not noun_too and following is not None) or (noun_too and strong_object))
    ):
        form = "VBP"
    if form is None:
        return None
    return VerbGroup(
        start=index,
        end=index + 1,
        words=(token.lower,),
        head=token.lower,
        head_lemma=lemma,
        form=form,
    )


def _finite_start(tokens: list[Token], index: int) -> bool:
    """False for chains that are not finite: 'to be continuing', 'having commenced', 'being'."""
    lower = tokens[index].lower
    if lower in {"being", "having"}:
        return False
    before = tokens[index - 1].lower if index > 0 else ""
    if lower in {"be", "been"}:
        # "will be", "will not be": finite through the modal; "to be" is not.
        return before in MODALS or (
            before in {"n't", "not"} and index > 1 and tokens[index - 2].lower in MODALS
        )
    if lower in {"have", "do"}:
        return before != "to"
    return True


def find_verb_groups(text: str, tokens: list[Token]) -> list[VerbGroup]:
    """The verb groups of a sentence (``tokens`` of ``text``), left to right, all marked main."""
    groups: list[VerbGroup] = []
    index = 0
    clause_has_verb = False
    while index < len(tokens):
        token = tokens[index]
        if token.text in {";", ":"} or (
            token.text == ","
            and index + 1 < len(tokens)
            and tokens[index + 1].lower in CLAUSE_LINKS
        ):
            clause_has_verb = False
        if not token.is_word:
            index += 1
            continue
        # Most words start no chain and are no verb form: tested here, before either reading.
        lower = token.lower
        group = None
        if (lower in MODALS or lower in BE_HAVE_DO) and _finite_start(tokens, index):
            group = _chain(tokens, index)
        if group is None and lower not in AUXILIARIES and verb_forms(lower)[1]:
            last_form = groups[-1].form if groups and clause_has_verb else None
            group = _bare_verb(tokens, index, clause_has_verb, last_form)
            if group is not None and clause_has_verb and groups:
                # A clause has one finite verb unless a word links in another.
                since_last = {t.lower for t in tokens[groups[-1].end : index]}
                reduced_relative = groups[-1].form == "VBD" and len(groups[-1].words) == 1
                if not since_last & CLAUSE_LINKING and not reduced_relative:
                    group = None
        if group is None:
            index += 1
            continue
        group.text = span_text(text, tokens, group.start, group.end)
        group.existential = index > 0 and tokens[index - 1].lower == "there" and not group.modal
        group.habitual_after = any(
            t.lower in _FREQUENCY_ADVERBS
            for t in tokens[group.end : group.end + FREQUENCY_ADVERB_REACH]
        )
        groups.append(group)
        clause_has_verb = True
        index = max(group.end, index + 1)
    return _drop_false_bare_verbs(tokens, groups)


def _drop_false_bare_verbs(tokens: list[Token], groups: list[VerbGroup]) -> list[VerbGroup]:
    """A bare verb followed by another verb group in the same stretch, with no comma or 'and'
    between, was a noun ("bus trips are") or a reduced relative ("lives lost to cancer is")."""
    kept: list[VerbGroup] = []
    for position, group in enumerate(groups):
        bare = (
            group.modal is None
            and len(group.words) == 1
            and not group.copula
            and group.words[0] not in HAVE | DO
        )
        after_pronoun = group.start > 0 and tokens[group.start - 1].lower in SUBJECT_PRONOUNS
        if bare and not after_pronoun and position + 1 < len(groups):
            following = groups[position + 1]
            chain_follows = (
                following.modal is not None
                or following.words[0] in BE_HAVE_DO
                or group.form == "VBD"  # "the figures provided in these tables relate to"
            )
            blockers = {"and", "or", "but", "which", "who"} | BOUNDARIES
            between = range(group.end, following.start)
            blocked = any(
                tokens[i].lower in blockers
                or (tokens[i].lower == "that" and not is_determiner_that(tokens, i))
                for i in between
            )
            if chain_follows and not blocked:
                continue
        kept.append(group)
    return kept
