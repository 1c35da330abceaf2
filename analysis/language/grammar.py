"""A light reading of one sentence: words, verb groups, and which verb groups are the main clause.

The labelling guide labels a sentence on its *main proposition*: what the sentence mainly says is
done, will be done or is the case. No parser model can be downloaded here, so this module finds
the main proposition with rules a reader can follow:

1. **Words** are tagged with the parts of speech they *can* take, from the lemminflect lexicon
   (shipped inside its package, no download).
2. **Verb groups** are found left to right: a modal or auxiliary chain ("will be published",
   "has been working", "does not hold", "is implementing") or a bare finite verb ("publishes",
   "launched") where its neighbours show it is a verb and not a noun ("the plans" vs "the
   Government plans to").
3. **Subordinate** verb groups are set aside: those in brackets or quotation marks, those after a
   relative pronoun or a subordinating word in the same stretch of clause ("..., which will be
   published", "as set out", "if it is"), and those in a "that" clause after a noun.
   After verbs of saying and knowing ("I can confirm that ...", "we recognise that ..."), the
   reported clause is the main proposition; "which is why ..." also carries the main point.

The result is deliberately plain data, so the time and commitment labelers can show the cues that
decided each label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from lemminflect import getAllLemmas, getInflection

_TOKEN_RE = re.compile(
    r"""
    (?P<url>(?:https?://|www\.)\S+)
    | (?P<money>[£$€]\s?\d+(?:,\d{3})*(?:\.\d+)?
        (?:\s?(?:bn|billion|m|million|k|thousand|trillion)\b)?)
    | (?P<number>\d+(?:,\d{3})*(?:\.\d+)?%?)
    | (?P<word>[A-Za-z][A-Za-z'’]*(?:[-–][A-Za-z0-9][A-Za-z'’]*)*)
    | (?P<punct>[^\sA-Za-z0-9])
    """,
    re.VERBOSE,
)

_CLITIC_RE = re.compile(r"[a-z]+'(ll|re|ve|m|d)")
MODALS = {
    "will",
    "shall",
    "would",
    "should",
    "may",
    "might",
    "can",
    "could",
    "must",
    "'ll",
    "wo",
    "cannot",
}
BE = {"am", "is", "are", "was", "were", "be", "been", "being", "'re", "'m"}
HAVE = {"has", "have", "had", "having", "'ve"}
DO = {"do", "does", "did"}
NEGATIONS = {"not", "n't", "never", "no", "longer"}
# Words that may stand inside a verb chain without ending it ("will also continue", "is now").
CHAIN_ADVERBS = {
    "also",
    "still",
    "already",
    "currently",
    "now",
    "further",
    "then",
    "therefore",
    "always",
    "only",
    "just",
    "duly",
    "shortly",
    "soon",
    "indeed",
    "certainly",
    "rightly",
    "so",
    "yet",
    "again",
    "both",
    "either",
    "all",
    "jointly",
    "ever",
}
DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "our",
    "his",
    "her",
    "my",
    "your",
    "each",
    "every",
    "any",
    "some",
    "no",
    "all",
    "such",
    "another",
    "other",
    "more",
    "most",
    "many",
    "much",
    "few",
    "several",
    "both",
    "which",
    "what",
    "whose",
    "new",
    "first",
    "last",
    "next",
    "further",
    "additional",
}
PREPOSITIONS = {
    "of",
    "for",
    "to",
    "in",
    "on",
    "with",
    "by",
    "from",
    "at",
    "as",
    "into",
    "onto",
    "about",
    "through",
    "across",
    "over",
    "under",
    "between",
    "among",
    "within",
    "without",
    "via",
    "per",
    "than",
    "towards",
    "upon",
    "against",
    "during",
    "after",
    "before",
    "since",
    "until",
    "including",
    "following",
    "regarding",
    "concerning",
    "like",
    "around",
    "beyond",
    "up",
}
SUBJECT_PRONOUNS = {"i", "we", "they", "you", "he", "she", "it", "who", "which", "that", "there"}
RELATIVES = {"which", "who", "whom", "whose", "where", "whereby", "wherein"}
SUBORDINATORS = {
    "if",
    "when",
    "whenever",
    "while",
    "whilst",
    "although",
    "though",
    "because",
    "since",
    "once",
    "until",
    "unless",
    "whether",
    "where",
    "as",
    "so",
    "before",
    "after",
    "than",
    "how",
    "what",
    "why",
    "whereas",
}
# Verbs of saying and knowing: in "I can confirm that X", X is what the sentence says.
REPORTING_VERBS = {
    "confirm",
    "note",
    "say",
    "state",
    "recognise",
    "recognize",
    "acknowledge",
    "know",
    "believe",
    "understand",
    "agree",
    "assure",
    "reiterate",
    "clarify",
    "advise",
    "inform",
    "appreciate",
    "accept",
    "consider",
    "think",
    "feel",
    "remain",
    "be",
    "refer",
    "hope",
    "expect",
    "want",
    "recall",
    "reassure",
    "announce",
    "emphasise",
    "stress",
}
# -ing words that after "is/are" describe rather than act: "are concerning", "is ongoing".
ADJECTIVAL_ING = {
    "concerning",
    "encouraging",
    "worrying",
    "interesting",
    "promising",
    "challenging",
    "misleading",
    "outstanding",
    "ongoing",
    "existing",
    "missing",
    "leading",
    "compelling",
    "demanding",
    "disappointing",
    "welcoming",
    "reassuring",
    "troubling",
    "alarming",
    "pressing",
    "remaining",
    "underlying",
    "continuing",
    "increasing",
    "growing",
}
CLAUSE_LINKS = {"and", "but", "or", "while", "whilst", "whereas", "however", "so", "yet"}

# Unions the per-token tests use, built once rather than at every token.
AUXILIARIES = MODALS | BE | HAVE | DO
BE_HAVE_DO = BE | HAVE | DO
_BEFORE_NOUN = DETERMINERS | PREPOSITIONS
_CLAUSE_LINKING = CLAUSE_LINKS | RELATIVES | SUBORDINATORS | {"that", "who"}
_RELATIVES_AND_THAT = RELATIVES | {"that"}


@dataclass(frozen=True)
class Token:
    text: str
    lower: str
    start: int
    end: int
    kind: str  # word, number, money, url, punct

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


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
    reason: str = ""  # why it is subordinate (for cues)
    habitual_after: bool = False  # "has engaged regularly": a frequency adverb follows
    existential: bool = False  # "there are", "there have been": existence, not action
    text: str = ""


@dataclass
class SentenceParse:
    text: str
    tokens: list[Token]
    groups: list[VerbGroup] = field(default_factory=list)

    @property
    def main_groups(self) -> list[VerbGroup]:
        main = [g for g in self.groups if not g.subordinate]
        return main or self.groups[:1]

    @cached_property
    def main(self) -> str:
        """:func:`main_text` of this parse, worked out once for all the labelers."""
        return _blank_subordinate(self)

    def span_text(self, start: int, end: int) -> str:
        if start >= end or start >= len(self.tokens):
            return ""
        return self.text[self.tokens[start].start : self.tokens[min(end, len(self.tokens)) - 1].end]


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "punct"
        value = match.group(0)
        lower = value.lower().replace("’", "'")
        tokens.append(Token(value, lower, match.start(), match.end(), kind))
    return _split_contractions(tokens)


def _split_contractions(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        lower = token.lower
        if token.is_word and lower.endswith("n't") and len(lower) > 3:
            stem = lower[:-3]
            stem = {"wo": "will", "ca": "can", "sha": "shall"}.get(stem, stem)
            cut = token.end - 3
            out.append(Token(token.text[:-3], stem, token.start, cut, "word"))
            out.append(Token(token.text[-3:], "n't", cut, token.end, "word"))
        elif token.is_word and _CLITIC_RE.fullmatch(lower):
            stem, suffix = lower.split("'")
            cut = token.start + len(stem)
            out.append(Token(token.text[: len(stem)], stem, token.start, cut, "word"))
            out.append(Token(token.text[len(stem) :], "'" + suffix, cut, token.end, "word"))
        else:
            out.append(token)
    return out


@lru_cache(maxsize=20000)
def word_classes(lower: str) -> dict[str, tuple[str, ...]]:
    """Parts of speech a word can take, from lemminflect: {'NOUN': ('plan',), 'VERB': ...}."""
    return dict(getAllLemmas(lower))


@lru_cache(maxsize=20000)
def verb_forms(lower: str) -> tuple[str, frozenset[str]]:
    """(lemma, Penn tags this word is a form of) for a word that can be a verb; else ('', {})."""
    lemmas = word_classes(lower).get("VERB") or word_classes(lower).get("AUX")
    if (
        not lemmas
        and "-" in lower
        and lower.split("-", 1)[0]
        not in {"well", "long", "ill", "so", "newly", "widely", "much", "short"}
    ):
        # "co-chaired", "re-launched": the verb is the last part ("well-established" is not).
        head = lower.rsplit("-", 1)[1]
        lemma, tags = verb_forms(head)
        return (lower.rsplit("-", 1)[0] + "-" + lemma if lemma else ""), tags
    if not lemmas:
        return "", frozenset()
    lemma = lemmas[0]
    tags = set()
    for tag in ("VB", "VBZ", "VBD", "VBN", "VBG", "VBP"):
        forms = getInflection(lemma, tag=tag) or ()
        if lower in forms:
            tags.add(tag)
    return lemma, frozenset(tags)


def can_be(lower: str, cls: str) -> bool:
    return cls in word_classes(lower)


def is_adverb(token: Token) -> bool:
    lower = token.lower
    return token.is_word and (
        lower in CHAIN_ADVERBS
        or (lower.endswith("ly") and len(lower) > 4 and not can_be(lower, "NOUN"))
    )


def _masked_indexes(tokens: list[Token]) -> set[int]:
    """Token indexes inside brackets or quotation marks (titles, asides)."""
    masked: set[int] = set()
    depth = 0
    quote_open: str | None = None
    pairs = {"“": "”", "‘": "’", '"': '"'}
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
        elif quote_open and token.text == pairs.get(quote_open):
            quote_open = None
            masked.add(index)
        elif token.text in pairs and not quote_open:
            # A closing quote must follow for this to be a title; otherwise it is an apostrophe.
            closer = pairs[token.text]
            if any(t.text == closer for t in tokens[index + 1 : index + 40]):
                quote_open = token.text
                masked.add(index)
    return masked


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
        modal = {"'ll": "will", "wo": "will", "cannot": "can"}.get(lower, lower)
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
        if previous_aux in BE and "VBN" in tags and word not in _ADJECTIVE_FIRST:
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


# Participles used mostly as adjectives after 'be' ("is committed", "are concerned").
_ADJECTIVE_FIRST = frozenset(
    {
        "committed",
        "concerned",
        "aware",
        "pleased",
        "determined",
        "interested",
        "satisfied",
        "clear",
        "confident",
        "delighted",
        "disappointed",
        "engaged",
        "involved",
        "dedicated",
        "proud",
        "able",
        "unable",
        "due",
        "minded",
    }
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
    if (prev in _BEFORE_NOUN or prev in {"to", "'s", "’s", "-"}) and not (demonstrative_subject):
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


_BOUNDARIES = {",", ";", ":", "–", "—"}
# A sentence opening with one of these is a prepositional or adverbial phrase up to its comma.
LEADING_PHRASE_WORDS = PREPOSITIONS | {
    "together",
    "alongside",
    "further",
    "in",
    "as",
    "despite",
    "given",
    "having",
    "once",
    "where",
    "while",
    "whilst",
    "although",
    "though",
    "if",
    "when",
    "because",
    "unless",
    "subject",
    "ahead",
    "prior",
    "due",
    "owing",
    "thanks",
    "beyond",
}


def _is_determiner_that(tokens: list[Token], index: int) -> bool:
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


_PREPOSITION_USE = {"since", "after", "before", "until", "once", "following"}
_AS_SUBORDINATOR_NEXT = {
    "it",
    "they",
    "we",
    "he",
    "she",
    "i",
    "this",
    "these",
    "there",
    "the",
    "those",
    "our",
    "their",
    "its",
    "his",
    "her",
    "my",
    "set",
    "outlined",
    "described",
    "detailed",
    "announced",
    "stated",
    "confirmed",
    "explained",
    "noted",
    "mentioned",
    "previously",
}


def _marker(tokens: list[Token], start: int, end: int, masked: set[int] = frozenset()) -> str:
    """The subordinating word governing tokens[start:end], if any."""
    for index in range(start, end):
        if index in masked:
            continue
        token = tokens[index]
        lower = token.lower
        following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        if lower in _PREPOSITION_USE:
            # "since it opened", "after a defendant has been charged": a clause; "since 2022",
            # "after launch the service will": a preposition.
            pronoun = following in SUBJECT_PRONOUNS - {"which", "that"}
            close_clause = following in DETERMINERS and end - index <= 4
            if not (pronoun or close_clause):
                continue
        if lower == "as":
            if following in _AS_SUBORDINATOR_NEXT and not (
                index > 0 and tokens[index - 1].lower in {"such", "as", "well"}
            ):
                return "as"
            continue
        if lower in RELATIVES:
            if (
                lower == "which"
                and following == "is"
                and index + 2 < len(tokens)
                and tokens[index + 2].lower == "why"
            ):
                continue  # "which is why ..." carries the point of the sentence
            return lower
        if lower == "so" and following == "that":
            return "so that"
        if lower in {"so", "as", "than"} and index > start:
            continue
        if lower == "so":
            continue  # ", so we will ..." opens a main clause
        if lower in SUBORDINATORS:
            return lower
        if lower == "that" and not _is_determiner_that(tokens, index):
            before = tokens[index - 1].lower if index > 0 else ""
            if before not in {",", "so", "such", "now"}:
                return "that"
    return ""


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


def parse(sentence: str) -> SentenceParse:
    """Tokens, verb groups and their main/subordinate status for one sentence."""
    tokens = tokenize(sentence)
    masked = _masked_indexes(tokens)
    parsed = SentenceParse(sentence, tokens)
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
        group = _chain(tokens, index) if _finite_start(tokens, index) else None
        if group is None and tokens[index].lower not in AUXILIARIES:
            last_form = groups[-1].form if groups and clause_has_verb else None
            group = _bare_verb(tokens, index, clause_has_verb, last_form)
            if group is not None and clause_has_verb and groups:
                # A clause has one finite verb unless a word links in another.
                since_last = {t.lower for t in tokens[groups[-1].end : index]}
                reduced_relative = groups[-1].form == "VBD" and len(groups[-1].words) == 1
                if not since_last & _CLAUSE_LINKING and not reduced_relative:
                    group = None
        if group is None:
            index += 1
            continue
        group.text = parsed.span_text(group.start, group.end)
        group.existential = index > 0 and tokens[index - 1].lower == "there" and not group.modal
        group.habitual_after = any(
            t.lower in {"regularly", "frequently", "routinely"}
            for t in tokens[group.end : group.end + 2]
        )
        groups.append(group)
        clause_has_verb = True
        index = max(group.end, index + 1)
    groups = _drop_false_bare_verbs(tokens, groups)
    _mark_subordinate(tokens, groups, masked)
    _lift_is_why(tokens, groups)
    parsed.groups = groups
    _lift_reported_clauses(parsed)
    return parsed


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
            blockers = {"and", "or", "but", "which", "who"} | _BOUNDARIES
            between = range(group.end, following.start)
            blocked = any(
                tokens[i].lower in blockers
                or (tokens[i].lower == "that" and not _is_determiner_that(tokens, i))
                for i in between
            )
            if chain_follows and not blocked:
                continue
        kept.append(group)
    return kept


def _opens_with_phrase(tokens: list[Token]) -> bool:
    """Does the sentence open with a phrase that ends at its first comma ("In 2024, ...")?"""
    first = tokens[0].lower
    if first == "further":
        return len(tokens) > 1 and tokens[1].lower == "to"  # "Further to my answer, ..."
    return first in LEADING_PHRASE_WORDS or _participle_opening(tokens)


def _after_relative(tokens: list[Token], index: int) -> bool:
    return any(t.lower in _RELATIVES_AND_THAT for t in tokens[max(0, index - 2) : index])


def _participle_opening(tokens: list[Token]) -> bool:
    """A sentence opening with "Using ...", "Having ...", "Building on ..." (up to its comma)."""
    first = tokens[0].lower if tokens else ""
    return first.endswith("ing") and "VBG" in verb_forms(first)[1]


def _mark_subordinate(tokens: list[Token], groups: list[VerbGroup], masked: set[int]) -> None:
    first_comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    leading_phrase = (
        first_comma is not None
        and tokens
        and _opens_with_phrase(tokens)
        and any(g.start > first_comma and not _after_relative(tokens, g.start) for g in groups)
    )
    previous: VerbGroup | None = None
    for group in groups:
        if group.start in masked:
            group.subordinate, group.reason = True, "in brackets or quotation marks"
        elif leading_phrase and group.start < first_comma:
            group.subordinate, group.reason = True, f"in the opening phrase '{tokens[0].text} ...'"
        else:
            window_start = 0
            for back in range(group.start - 1, -1, -1):
                if tokens[back].text in _BOUNDARIES:
                    window_start = back + 1
                    break
            if previous is not None:
                window_start = max(window_start, previous.end)
            marker = _marker(tokens, window_start, group.start, masked)
            if marker:
                group.subordinate, group.reason = True, f"after '{marker}'"
            elif (
                previous is not None
                and previous.subordinate
                and previous.reason != "in brackets or quotation marks"
            ):
                between = [t.lower for t in tokens[previous.end : group.start]]
                no_boundary = not any(w in _BOUNDARIES for w in between)
                coordinated = any(w in {"and", "or"} for w in between) and no_boundary
                # "where they believe illegal working is taking place": the clause a verb of
                # thinking or saying reports is as subordinate as that verb.
                reported = no_boundary and previous.head_lemma in REPORTING_VERBS
                if coordinated or reported:
                    group.subordinate, group.reason = True, previous.reason
        previous = group


def _lift_is_why(tokens: list[Token], groups: list[VerbGroup]) -> None:
    """In "That is why we are working ...", the clause after "is why" is the main one."""
    for position, group in enumerate(groups[:-1]):
        after = tokens[group.end].lower if group.end < len(tokens) else ""
        before = tokens[group.start - 1].lower if group.start > 0 else ""
        if (
            group.copula
            and group.words[-1] in {"is", "was"}
            and after == "why"
            and before in {"that", "this", "which"}
        ):
            group.subordinate, group.reason = True, "'... is why' introduces the point"
            nxt = groups[position + 1]
            nxt.subordinate, nxt.reason = False, ""


def _lift_reported_clauses(parsed: SentenceParse) -> None:
    """After 'I can confirm that' / 'we recognise that', the reported clause is the main one."""
    groups = parsed.groups
    for position, group in enumerate(groups[:-1]):
        if group.subordinate or group.head_lemma not in REPORTING_VERBS:
            continue
        past = (
            group.form == "VBD" or group.perfect or group.words[0] in {"was", "were", "had", "did"}
        )
        if past:
            # "has confirmed that police forces will ..." reports a past event; "we have
            # announced that we will ..." reports the speaker's own plan, which is the point.
            nxt = groups[position + 1]
            subject = [t.lower for t in parsed.tokens[group.end : nxt.start]][-3:]
            if not set(subject) & {"we", "i"}:
                continue
        nxt = groups[position + 1]
        between = [t.lower for t in parsed.tokens[group.end : nxt.start]]
        if nxt.reason == "after 'that'" and "that" in between[:8]:
            if group.head_lemma == "be" and not any(
                w in between[:3] for w in ("confident", "pleased", "satisfied")
            ):
                continue
            nxt.subordinate = False
            nxt.reason = ""
            group.subordinate = True
            group.reason = f"reports the clause after it ('{group.text} ... that')"


def subordinate_spans(parsed: SentenceParse) -> list[tuple[int, int]]:
    """Character spans of subordinate material: clauses of subordinate verb groups (from their
    subordinating word to the next comma or main verb), the opening phrase before the first
    comma when a main clause follows it, and text in brackets or quotation marks."""
    tokens = parsed.tokens
    if not tokens:
        return []
    spans: list[tuple[int, int]] = []
    masked = _masked_indexes(tokens)
    for index in sorted(masked):
        spans.append((tokens[index].start, tokens[index].end))
    main_starts = [g.start for g in parsed.groups if not g.subordinate]
    first_comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if (
        first_comma is not None
        and (
            _opens_with_phrase(tokens)
            or tokens[0].lower in {"to", "following", "furthermore", "however"}
        )
        and any(start > first_comma for start in main_starts)
    ):
        spans.append((tokens[0].start, tokens[first_comma].end))
    for group in parsed.groups:
        if not group.subordinate or group.reason.startswith("reports"):
            continue
        if group.reason.startswith("'... is why'"):
            spans.append((tokens[group.start].start, tokens[min(group.end, len(tokens) - 1)].end))
            continue
        start = group.start
        marker = group.reason[len("after '") : -1] if group.reason.startswith("after '") else ""
        if marker:
            first = marker.split()[0]
            for back in range(group.start - 1, -1, -1):
                if tokens[back].lower == first:
                    start = back
                    break
                if tokens[back].text in _BOUNDARIES:
                    break
        end = len(tokens)
        for forward in range(group.end, len(tokens)):
            if tokens[forward].text in _BOUNDARIES or forward in main_starts:
                end = forward
                break
        spans.append((tokens[start].start, tokens[end - 1].end))
    return spans


# "May" with a capital inside a sentence is the month ("in May", "14th May"): the modal is
# written "may" there.
_MONTH_MAY = re.compile(r"(?<=\S)(\s+)May\b")


def blank_month_may(text: str) -> str:
    """``text`` with the month "May" (capitalised, not first) blanked: same length, same offsets."""
    return _MONTH_MAY.sub(lambda m: m.group(1) + "   ", text)


def main_text(parsed: SentenceParse) -> str:
    """The sentence with its subordinate material blanked out (same length, same offsets).

    The month "May" is blanked too, so that cue phrases never read it as the modal verb. Kept
    on the parse (``parsed.main``), so the time and commitment labelers share one reading.
    """
    return parsed.main


def _blank_subordinate(parsed: SentenceParse) -> str:
    chars = list(blank_month_may(parsed.text))
    for start, end in subordinate_spans(parsed):
        for position in range(start, min(end, len(chars))):
            chars[position] = " "
    return "".join(chars)
