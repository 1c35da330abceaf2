"""From processed tables to reports: summaries, charts, presentation helpers, report slices
and the notebook build (``reports/`` at the root is where its HTML lands).
"""
