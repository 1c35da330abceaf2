"""All the external checks in one run, its cache, and the disagreements to quote.

:func:`run_external_checks` gives one row per figure; :func:`load_or_run` caches a full run in
``data/processed/external_checks.json`` (used while the measured code is unchanged, as
:func:`code_fingerprint` tells); :func:`examples` gives a few disagreements to quote. Results:
docs/external-checks.md.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.pipeline import fingerprint
from analysis.pipeline.files import write_atomically

# The runner imports every data set's module, so the fingerprint keyed on it (code_fingerprint)
# covers them all and a change to any makes a cached run stale.
from analysis.validation.external import clear, hedging, onestopenglish, pledges, specificity
from analysis.validation.external.common import DEFAULT_SEED, RESULT_COLUMNS

CHECKS: dict[str, Callable[..., tuple[pd.DataFrame, list[str]]]] = {
    "specificity": specificity.check_specificity,
    "pledges": pledges.check_pledges,
    "hedging": hedging.check_hedging,
    "clear": clear.check_clear,
    "onestopenglish": onestopenglish.check_onestopenglish,
}
DATASETS = tuple(CHECKS)
# Each data set's disagreements to quote, called with (n, seed, sample).
_DISAGREEMENTS: dict[str, Callable[[int, int, int | None], pd.DataFrame]] = {
    "specificity": specificity.disagreements,
    "pledges": pledges.disagreements,
    "hedging": hedging.disagreements,
    "clear": clear.disagreements,
    "onestopenglish": onestopenglish.disagreements,
}
# A quoted sentence is cut to this many characters, so a page quotes the data sets briefly.
QUOTE_LIMIT_CHARACTERS = 200


def code_fingerprint() -> str:
    """The fingerprint (:mod:`analysis.pipeline.fingerprint`) of this module and every module it
    reaches (every data set's check and the measures they run), with the lexicons: a change to
    any makes a cached run stale."""
    return fingerprint.code_fingerprint((__name__,))


def default_cache_path() -> Path:
    """``data/processed/external_checks.json`` (under :data:`analysis.paths.PROCESSED`)."""
    return paths.PROCESSED / "external_checks.json"


def run_external_checks(
    sample: int | None = None, seed: int = DEFAULT_SEED, datasets: Sequence[str] = DATASETS
) -> pd.DataFrame:
    """Every check: one row per figure, columns :data:`RESULT_COLUMNS`.

    ``sample``: at most this many items per data set (sentences, excerpts, or articles for
    OneStopEnglish), drawn with ``seed``; None uses every item. ``frame.attrs`` holds ``notes``
    (time-outs, diagnostics), ``seconds`` per data set, ``sample``, ``seed`` and ``created``.
    """
    unknown = [d for d in datasets if d not in CHECKS]
    if unknown:
        raise ValueError(f"unknown data set(s): {', '.join(unknown)}; known: {', '.join(CHECKS)}")
    frames, notes, seconds = [], [], {}
    for dataset in datasets:
        start = time.perf_counter()
        rows, dataset_notes = CHECKS[dataset](sample, seed)
        seconds[dataset] = round(time.perf_counter() - start, 1)
        frames.append(rows)
        notes.extend(dataset_notes)
    result = pd.concat(frames, ignore_index=True)
    result.attrs = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "sample": sample,
        "seed": seed,
        "seconds": seconds,
        "notes": notes,
        "textstat": version("textstat"),
        "fingerprint": code_fingerprint(),
    }
    return result


def _json_value(value: object) -> object:
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def save_results(results: pd.DataFrame, path: Path | None = None) -> Path:
    """Write ``results`` and its attrs (timestamp, sample, notes) as JSON; return the path."""
    path = path or default_cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{k: _json_value(v) for k, v in row.items()} for row in results.to_dict("records")]
    document = {**results.attrs, "rows": rows}
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def read_results(path: Path | None = None) -> pd.DataFrame:
    """The results saved by :func:`save_results`, attrs restored."""
    document = json.loads((path or default_cache_path()).read_text(encoding="utf-8"))
    rows = document.pop("rows")
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    for column in ("ours", "baseline", "reference"):
        frame[column] = frame[column].astype(float)
    frame.attrs = document
    return frame


def load_or_run(
    sample: int | None = None,
    seed: int = DEFAULT_SEED,
    path: Path | None = None,
    refresh: bool = False,
) -> pd.DataFrame:
    """The cached results when the cache holds a run with this ``sample`` and ``seed`` made by
    the current code (:func:`code_fingerprint`); otherwise run the checks. A full run
    (``sample=None``) is written to the cache, and so is any run when ``path`` is given; a
    sampled run never overwrites the default cache."""
    cache = path or default_cache_path()
    if not refresh and cache.exists():
        cached = read_results(cache)
        wanted = {"sample": sample, "seed": seed, "fingerprint": code_fingerprint()}
        if all(cached.attrs.get(key) == value for key, value in wanted.items()):
            return cached
    results = run_external_checks(sample=sample, seed=seed)
    if sample is None or path is not None:
        save_results(results, cache)
    return results


def _quote(text: str, limit: int = QUOTE_LIMIT_CHARACTERS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def examples(
    dataset: str, n: int = 4, seed: int = DEFAULT_SEED, sample: int | None = None
) -> pd.DataFrame:
    """A few disagreements with the reference, to quote in the "why the gap" discussion.

    Columns ``kind``, ``sentence`` (quoted, at most :data:`QUOTE_LIMIT_CHARACTERS` characters),
    ``reference``, ``ours``, ``cues`` (what decided our label). Binary checks give false
    positives and negatives in equal parts; CLEAR gives the excerpts whose easiness rank and our
    Flesch rank differ most; OneStopEnglish the articles whose pair our FK grade misorders,
    quoting the sentence of the easier text in which our splitter left the most sentence ends.
    ``sample`` limits the items scored first.
    """
    if dataset not in _DISAGREEMENTS:
        raise ValueError(f"unknown data set {dataset!r}; known: {', '.join(DATASETS)}")
    chosen = _DISAGREEMENTS[dataset](n, seed, sample)
    chosen["sentence"] = chosen["sentence"].map(_quote)
    return chosen
