"""The word sets of the sentence reading, loaded from ``analysis/lexicons/grammar_words.yaml``.

Each set is one entry of that lexicon (its ``kind`` names the set; what each set is for is said
there). The unions the per-token tests use are built here once, rather than at every token.
"""

from __future__ import annotations

from analysis.language.lexicon import word_set


def _words(kind: str) -> frozenset[str]:
    return word_set("grammar_words", kind)


MODALS = _words("modals")
BE = _words("be")
HAVE = _words("have")
DO = _words("do")
NEGATIONS = _words("negations")
CHAIN_ADVERBS = _words("chain_adverbs")
DETERMINERS = _words("determiners")
PREPOSITIONS = _words("prepositions")
SUBJECT_PRONOUNS = _words("subject_pronouns")
RELATIVES = _words("relatives")
SUBORDINATORS = _words("subordinators")
REPORTING_VERBS = _words("reporting_verbs")
ADJECTIVAL_ING = _words("adjectival_ing")
CLAUSE_LINKS = _words("clause_links")
ADJECTIVE_FIRST = _words("adjective_first")
BOUNDARIES = _words("clause_boundaries")
PREPOSITION_USE = _words("preposition_use")
AS_SUBORDINATOR_NEXT = _words("as_subordinator_next")

AUXILIARIES = MODALS | BE | HAVE | DO
BE_HAVE_DO = BE | HAVE | DO
# A word after one of these is a noun, not a verb ("the plans", "for plans").
BEFORE_NOUN = DETERMINERS | PREPOSITIONS
# Words that let a second finite verb into a clause ("we met them and agreed", "..., which").
CLAUSE_LINKING = CLAUSE_LINKS | RELATIVES | SUBORDINATORS | {"that", "who"}
RELATIVES_AND_THAT = RELATIVES | {"that"}
# A sentence opening with one of these is a prepositional or adverbial phrase up to its comma.
LEADING_PHRASE_WORDS = PREPOSITIONS | _words("leading_phrase_openers")
