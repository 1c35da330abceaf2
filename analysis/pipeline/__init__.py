"""Plumbing between stages: the code fingerprint, the per-text score cache, the processed
tables, the one atomic file writer and the data invariants checked on the way.
"""
