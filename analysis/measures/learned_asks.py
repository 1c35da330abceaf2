"""The learned ask model: whether an answer addresses an ask, learned from readers.

The rules of :mod:`analysis.measures.responsiveness` judge each ask first; their status and its
grounds (what the ask wants, how much of its topic the answer shares, the sentences that give
what it wants, any declining sentence) and the ask's own words are the model's features
(``analysis/models/asks.npz``, trained by ``make train`` on the training pairs of
``data/labelled``). The status is the most probable of addressed / partly / not, with its
probability. An answer answers "all" its asks when every status is addressed, "none" when none
is addressed or partly, else "some" (the readers' own rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from analysis import paths
from analysis.learning.features import word_grams
from analysis.learning.linear import LinearModel, load_model

ASK_BLOCKS = ("words", "rules")
ASK_BLOCK_KINDS = ("tfidf", "binary")


@cache
def ask_model() -> LinearModel:
    return load_model(paths.MODELS / "asks.npz")


def ask_blocks(text: str, features: Sequence[str]) -> dict[str, Sequence[str]]:
    """The blocks of one judged ask: its words and the rules' judgment with its grounds."""
    return {"words": word_grams(text), "rules": tuple(features)}


def apply_ask_model(asks: Sequence[Any]) -> list[Any]:
    """The asks with the learned status and its probability (each ask carries ``text`` and the
    rules' ``features``)."""
    model = ask_model()
    probabilities = model.probabilities(
        model.design([ask_blocks(a.text, a.features) for a in asks])
    )
    chosen = probabilities.argmax(axis=1)
    return [
        replace(ask, status=model.classes[int(best)], status_probability=float(row[int(best)]))
        for ask, best, row in zip(asks, chosen, probabilities, strict=True)
    ]


def overall_status(statuses: Sequence[str]) -> str | None:
    """ "all", "some" or "none" of an answer's asks addressed (module docstring); None without
    asks."""
    if not statuses:
        return None
    if all(status == "addressed" for status in statuses):
        return "all"
    if all(status == "not" for status in statuses):
        return "none"
    return "some"
