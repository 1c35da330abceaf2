"""Text before labels: HTML to plain text and sentences, the lexicon loader and its schema,
and the sentence reading (tokens, verb groups, main and subordinate clauses).
"""
