"""The learned ask model: whether an answer addresses an ask, learned from readers.

The rules of :mod:`analysis.measures.responsiveness` judge each ask first; their status and its
grounds (what the ask wants, how much of its topic the answer shares, the sentences that give
what it wants, any declining sentence) and the ask's own words are the model's features
(``analysis/models/asks.npz``, trained by ``make train`` on the training pairs of
``data/labelled``). The status is the most probable of addressed / partly / not, with its
probability. Whether the answer answers "all", "some" or "none" of its asks is learned too, from
the labelled pairs (``analysis/models/answers.npz``): from how many asks the ask model and the
rules found addressed, partly and not, and any declining sentence (:func:`answer_status`). The
readers' own rule (all addressed: "all"; all not: "none"; else "some") is
:func:`overall_status`.
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
# Counts of asks read as 0, 1, 2 and "3+": more asks than that change little.
MOST_COUNTED = 3


@cache
def ask_model() -> LinearModel:
    return load_model(paths.MODELS / "asks.npz")


def ask_blocks(text: str, features: Sequence[str]) -> dict[str, Sequence[str]]:
    """The blocks of one judged ask: its words and the rules' judgment with its grounds."""
    return {"words": word_grams(text), "rules": tuple(features)}


def apply_ask_model(asks: Sequence[Any], model: LinearModel | None = None) -> list[Any]:
    """The asks with the learned status and its probability (each ask carries ``text`` and the
    rules' ``features``). ``model``: another ask model than the shipped one (training)."""
    if not asks:
        return []
    model = model or ask_model()
    probabilities = model.probabilities(
        model.design([ask_blocks(a.text, a.features) for a in asks])
    )
    chosen = probabilities.argmax(axis=1)
    return [
        replace(ask, status=model.classes[int(best)], status_probability=float(row[int(best)]))
        for ask, best, row in zip(asks, chosen, probabilities, strict=True)
    ]


@cache
def answer_model() -> LinearModel:
    return load_model(paths.MODELS / "answers.npz")


def _band(count: int) -> str:
    return str(count) if count < MOST_COUNTED else f"{MOST_COUNTED}+"


def answer_tokens(asks: Sequence[Any]) -> tuple[str, ...]:
    """What the answer model reads of one answer's judged asks: how many asks, how many the
    ask model and the rules found addressed, partly and not, and the rules' grounds."""
    learned = [ask.status for ask in asks]
    rules = [str(ask.features[0]).removeprefix("status=") for ask in asks]
    tokens = [f"asks={_band(len(asks))}"]
    for source, statuses in (("learned", learned), ("rules", rules)):
        tokens.append(f"{source}_overall={overall_status(statuses)}")
        for status in ("addressed", "partly", "not"):
            tokens.append(f"{source}_{status}={_band(statuses.count(status))}")
    tokens += sorted({f for ask in asks for f in ask.features[1:] if f.startswith("declines=")})
    return tuple(tokens)


def answer_status(asks: Sequence[Any]) -> tuple[str, float] | None:
    """ "all", "some" or "none" of the asks answered, by the answer model, with its probability;
    None without asks."""
    return answer_statuses([asks])[0]


def answer_statuses(ask_lists: Sequence[Sequence[Any]]) -> list[tuple[str, float] | None]:
    """:func:`answer_status` of many answers' asks at once (one matrix for the model)."""
    statuses: list[tuple[str, float] | None] = [None] * len(ask_lists)
    asked = [position for position, asks in enumerate(ask_lists) if asks]
    if not asked:
        return statuses
    model = answer_model()
    design = model.design([{"rules": answer_tokens(ask_lists[p])} for p in asked])
    probabilities = model.probabilities(design)
    for position, row in zip(asked, probabilities, strict=True):
        best = int(row.argmax())
        statuses[position] = (model.classes[best], float(row[best]))
    return statuses


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
