"""Who acts in a sentence: government, a public body, a government instrument, or someone else.

The labelling guide gives a commitment level only to actions of "government, a minister, a
department or a public body". The actor is read from the words of the subject (before the main
verb) against the lexicon ``actors``; where several kinds match, government outranks the
rest and a public body named before an outside one ("the Department's suppliers") outranks it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.language.lexicon import compile_phrase, could_match, load_lexicon

_PRONOUNS = frozenset({"this", "these", "it", "they"})
# The speaking department in the first person ("we", "I", "our").
SPEAKER_RE = re.compile(r"\b(?:we|i|my|our)\b", re.I)
# Words must be separated by spaces: with an optional separator every capital letter could
# start a new word and an all-capitals heading took exponential time to reject.
_NAME_ONLY_RE = re.compile(r"\s*(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*\s*")


@lru_cache(maxsize=20000)
def actor_kind(subject: str, names_are_public: bool = True) -> str:
    """'government', 'public_body', 'instrument', 'not_government' or 'other' for a subject.

    ``names_are_public``: read an unlisted name (PACT, IPSA) as a public body. Right for the
    subject of a government answer; wrong for the agent of a passive ("provided by Freud
    Communications"), where outside bodies are named as often as public ones.
    """
    subject = " ".join(subject.split())
    if not subject:
        return "other"
    if SPEAKER_RE.search(subject):
        return "government"
    matches: list[tuple[int, str, str]] = []  # (end, kind, words) of every match
    lowered = subject.lower().replace("’", "'")
    for entry in load_lexicon("actors"):
        if not could_match(entry["phrase"], lowered):
            continue  # a word it needs is missing: its pattern would find nothing
        for match in compile_phrase(entry["phrase"]).finditer(subject):
            matches.append((match.end(), entry["kind"], match.group(0).lower()))
    if matches:
        # The head of a noun phrase comes last ("the Department's suppliers" are suppliers), but a
        # pronoun ("this", "it") yields to any named actor.
        named = [m for m in matches if m[2] not in _PRONOUNS]
        return max(named or matches)[1]
    if names_are_public and _NAME_ONLY_RE.fullmatch(subject):
        # An unlisted name or acronym as subject (PACT, IPSA, the CEP): in a government answer
        # this is nearly always a public body or programme.
        return "public_body"
    return "other"
