"""The label vocabularies, defined once: charts, summaries, scoring and evaluation import them.

The values are the guide's (../shared/docs/sentence-labels.md): a sentence's time is one of
:data:`TIME_LABELS`; its commitment is one of :data:`COMMITMENT_LEVELS` or NA (no action of
government reported).
"""

from __future__ import annotations

TIME_LABELS = ("future", "current", "past", "none")
COMMITMENT_LEVELS = (0, 1, 2, 3)
# How reports name each level (the level first, so the names sort in order).
COMMITMENT_NAMES = {0: "0 none", 1: "1 weak", 2: "2 qualified", 3: "3 firm"}
