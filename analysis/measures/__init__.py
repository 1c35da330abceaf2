"""Per-answer measures built on the labelled sentences: readability, responsiveness, reuse,
the per-answer assembly (scoring) and scoring in chunks (streaming).
"""
