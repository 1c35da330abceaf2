"""Who acts in a sentence: government, a public body, a government instrument, or someone else.

The labelling guide gives a commitment level only to actions of "government, a minister, a
department or a public body". The actor is read from the words of the subject (before the main
verb) against the lexicon ``actors``; where several kinds match, government outranks the
rest and a public body named before an outside one ("the Department's suppliers") outranks it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.lexicon import compile_phrase, load_lexicon

ACTOR_KINDS = ("government", "public_body", "instrument", "not_government", "other")


@lru_cache(maxsize=1)
def _entries() -> tuple[dict, ...]:
    return load_lexicon("actors")


@lru_cache(maxsize=20000)
def actor_kind(subject: str) -> str:
    """'government', 'public_body', 'instrument', 'not_government' or 'other' for a subject."""
    subject = " ".join(subject.split())
    if not subject:
        return "other"
    found: dict[str, int] = {}  # kind -> where its last match ends
    for entry in _entries():
        for match in compile_phrase(entry["phrase"]).finditer(subject):
            found[entry["kind"]] = max(found.get(entry["kind"], -1), match.end())
    if re.search(r"\b(?:we|i|my|our)\b", subject, re.I):
        return "government"
    if found:
        # The head of a noun phrase comes last: "the Department's suppliers" are suppliers.
        kind = max(found, key=lambda k: (found[k], k != "instrument"))
        if kind != "instrument" or len(found) == 1:
            return kind
        return max((k for k in found if k != "instrument"), key=lambda k: found[k])
    if re.fullmatch(r"(?:the\s+)?(?:[A-Z][\w’'&-]*\s*)+", subject):
        # An unlisted name or acronym as subject (PACT, IPSA, the CEP): in a government answer
        # this is nearly always a public body or programme.
        return "public_body"
    return "other"
