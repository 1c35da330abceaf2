"""Deflection: sentences that pass the question to another body, and the body named.

Rule. A sentence **deflects** when its commitment label is 0 with a deflection cue
(``analysis/lexicons/commitment.yaml``, kind ``deflection``: "a matter for", "it is for ... to
decide", "X is responsible for", "a devolved matter", "operationally independent"). Refusals
("there are no plans") and referrals to an earlier answer are commitment 0 too, but they keep
the question with the department, so they are not deflections.

The body is named with the lexicon ``bodies``: every entry found in the words the deflection
points to ("a matter for *the Chief Constable*"; the subject of "X is responsible for"), else
the first found anywhere in the sentence, under one name each ("ICBs" and "integrated care
boards" are one). A name the lexicon does not know is kept as written when it is a name (starts
with a capital, eight words at most); otherwise the body is "" (deflects without naming one).

``deflection_share`` = deflecting sentences / sentences (0-1; lower means the department keeps
more questions to itself; NA for an answer without sentences). ``deflected_to``: the bodies,
``;``-separated, in order of first mention.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from functools import cache

from analysis.language.lexicon import compile_phrase, load_lexicon

_NAME_RE = re.compile(r"^[A-Z][\w’'&.-]*(?:\s+\S+){0,7}$")


@cache
def _bodies() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (compile_phrase(entry["phrase"]), entry["body"]) for entry in load_lexicon("bodies")
    )


def is_deflection(commitment: object, commitment_kinds: Collection[str]) -> bool:
    """Whether a labelled sentence deflects (module docstring): commitment 0 with a deflection
    among the kinds of the entries that decided it
    (:func:`analysis.labelers.commitment.rule_kinds`)."""
    return commitment == 0 and "deflection" in commitment_kinds


def name_bodies(pointed_to: Sequence[str], sentence: str) -> tuple[str, ...]:
    """The bodies a deflecting sentence names (module docstring), in order of first mention."""
    found: dict[str, int] = {}
    for words in pointed_to:
        for pattern, body in _bodies():
            match = pattern.search(words)
            if match and body not in found:
                found[body] = match.start()
    if found:
        return tuple(sorted(found, key=found.__getitem__))
    for pattern, body in _bodies():
        if pattern.search(sentence):
            return (body,)
    names = tuple(words for words in pointed_to if _NAME_RE.match(words))
    return names


def deflection_counts(sentences: Sequence[Mapping[str, object]]) -> tuple[int, tuple[str, ...]]:
    """How many of an answer's labelled sentences deflect, and the bodies they name."""
    deflecting = [s for s in sentences if s.get("is_deflection")]
    bodies = [b for s in deflecting for b in str(s.get("deflected_to", "")).split("; ") if b]
    return len(deflecting), tuple(dict.fromkeys(bodies))
