"""How far to trust the measures: agreement with readers on the labelled data and the
external checks on public datasets, with their shared metrics.
"""
