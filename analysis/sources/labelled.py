"""The reader-labelled data the labelers learn from and are judged on (``data/labelled/``).

Sentences (``sentences.csv``): one row per sentence of the shared corpus that careful readers
labelled for ``time``, ``commitment`` and ``specific`` (the reference labels, as strings:
commitment "" for NA), with its ``split`` ("train" or "test", fixed by a hash of the answer
group before any reading), its ``sampling_weight`` (1 / the chance it was drawn, for figures on
the corpus's natural mix), every reading with its reader, batch and note, and
``reference_from``. Pairs (``pairs.csv``, with ``asks.csv``): one row per question-answer pair
with its split, ``ask_count`` and ``overall`` status ("all" | "some" | "none"). The data card
(``data/labelled/README.md``) says how they were made.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths

SPLITS = ("train", "test")


def _read(path: Path, split: str | None) -> pd.DataFrame:
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)} or None, not {split!r}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame if split is None else frame[frame["split"] == split].reset_index(drop=True)


def _typed(frame: pd.DataFrame, counts: tuple[str, ...], weights: tuple[str, ...] = ()):
    for column in counts:
        frame[column] = frame[column].astype("int64")
    for column in weights:
        frame[column] = frame[column].astype(float)
    return frame


def labelled_sentences(split: str | None = None) -> pd.DataFrame:
    """The labelled sentences (module docstring); ``split`` keeps "train" or "test" only."""
    frame = _read(paths.LABELLED_SENTENCES, split)
    frame = frame[frame["time"] != ""].reset_index(drop=True)  # drawn but not yet read
    frame["is_stock_text"] = frame["is_stock_text"] == "True"
    return _typed(frame, ("readings", "sentence_index"), ("sampling_weight",))


def labelled_pairs(split: str | None = None) -> pd.DataFrame:
    """The labelled question-answer pairs (module docstring); ``split`` as above."""
    return _typed(_read(paths.LABELLED_PAIRS, split), ("readings", "ask_count"))


def labelled_asks(split: str | None = None) -> pd.DataFrame:
    """The asks of the labelled pairs, one row each: pair, ask, ask_text, kind, status."""
    asks = pd.read_csv(paths.LABELLED_ASKS, dtype=str, keep_default_na=False)
    if split is None:
        return asks
    return asks[asks["pair"].isin(set(labelled_pairs(split)["pair"]))].reset_index(drop=True)
