"""data/processed: the scored corpus, built once from the raw answers and read by every report.

``build_processed`` loads a corpus (:func:`analysis.paths.default_corpus` when none is given),
scores it and writes three files to ``data/processed/``:

* ``answers.parquet``: one row per answer, the answers frame with every score;
* ``sentences.parquet``: one row per sentence with its labels and cues (and the answer ``id``);
* ``asks.parquet``: one row per ask of each question, with what it wants and whether it is met;
* ``paragraphs.parquet``: one row per prose paragraph with its stock line, if any;
* ``meta.json``: the corpus path and what it is, the fingerprint of its files and of the code
  and lexicons, when it was built, and the counts (answers, holding answers, sentences).

It rebuilds only when the fingerprint (the corpus files, the scoring modules and the lexicons)
changes, so ``make report`` twice in a row scores once.
The tables are derived data: delete the folder and they come back the same.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.pipeline.files import write_atomically
from analysis.pipeline.fingerprint import code_fingerprint
from analysis.pipeline.score_cache import ScoreCache
from analysis.sources.loading import AnswerLoadWarning, load_answers

ANSWERS_FILE = "answers.parquet"
SENTENCES_FILE = "sentences.parquet"
ASKS_FILE = "asks.parquet"
PARAGRAPHS_FILE = "paragraphs.parquet"
META_FILE = "meta.json"


@dataclass(frozen=True)
class Processed:
    """The scored corpus: answers, sentences, asks, paragraphs and what they were built from."""

    answers: pd.DataFrame
    sentences: pd.DataFrame
    meta: dict
    asks: pd.DataFrame
    paragraphs: pd.DataFrame


def _fingerprint(corpus: Path) -> str:
    """The corpus files (names, sizes, modification times) and the scoring code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    files = [corpus] if corpus.is_file() else sorted(p for p in corpus.rglob("*") if p.is_file())
    for file in files:
        stat = file.stat()
        digest.update(
            f"{file.relative_to(corpus.parent)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
        )
    return digest.hexdigest()


def build_processed(
    corpus: str | Path | None = None,
    out_dir: str | Path | None = None,
    force: bool = False,
    cache: ScoreCache | bool | None = True,
) -> Path:
    """Score ``corpus`` into ``out_dir`` (``data/processed``) unless it is already up to date.

    ``cache``: True (default) keeps each answer's scores in ``cache/scores.sqlite`` beside
    ``out_dir`` (``data/cache/`` for ``data/processed``; :mod:`analysis.pipeline.score_cache`) so a
    rebuild after new answers arrive scores only those; a
    :class:`ScoreCache` to use another file; False or None to score everything afresh.
    """
    if corpus is None:
        corpus_path, description = paths.default_corpus()
    else:
        corpus_path, description = Path(corpus), f"answers from {corpus}"
    out = Path(out_dir) if out_dir is not None else paths.PROCESSED
    fingerprint = _fingerprint(corpus_path)
    meta_path = out / META_FILE
    if not force and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        built = all((out / name).exists() for name in (ANSWERS_FILE, ASKS_FILE, PARAGRAPHS_FILE))
        if meta.get("fingerprint") == fingerprint and built:
            return out
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AnswerLoadWarning)
        answers = load_answers(corpus_path)
    score_cache = (
        ScoreCache(out.parent / "cache" / "scores.sqlite") if cache is True else (cache or None)
    )
    # Imported here: the notebooks read the tables through this module, and the scoring code
    # (the labelers, textstat with nltk and scipy) takes seconds to import in every kernel.
    from analysis.measures.scoring import score

    try:
        result = score(answers, cache=score_cache)
    finally:
        if cache is True and score_cache is not None:
            score_cache.close()
    out.mkdir(parents=True, exist_ok=True)
    for frame, name in (
        (result.answers, ANSWERS_FILE),
        (result.sentences, SENTENCES_FILE),
        (result.asks, ASKS_FILE),
        (result.paragraphs, PARAGRAPHS_FILE),
    ):
        write_atomically(out / name, frame.to_parquet(index=False))
    meta = {
        "corpus": str(corpus_path.resolve()),
        "corpus_description": description,
        "fingerprint": fingerprint,
        "built": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "answer_count": len(result.answers),
        "holding_answer_count": int(result.answers.attrs.get("holding_answer_count", 0)),
        "sentence_count": len(result.sentences),
        "texts_scored": result.answers.attrs.get("texts_scored", 0),
        "texts_from_cache": result.answers.attrs.get("texts_from_cache", 0),
        "load_warnings": [str(w.message) for w in caught],
    }
    write_atomically(meta_path, json.dumps(meta, indent=2))
    return out


def load_processed(
    processed_dir: str | Path | None = None,
    corpus: str | Path | None = None,
    sample_size: int | None = None,
    seed: int = 2026,
) -> Processed:
    """The scored corpus, built first if needed.

    ``sample_size``: keep that many answers at random (with their sentences), for quick runs;
    the sample is the same every time for the same seed.
    """
    folder = (
        build_processed(corpus, processed_dir) if processed_dir is None else Path(processed_dir)
    )
    answers = pd.read_parquet(folder / ANSWERS_FILE)
    sentences = pd.read_parquet(folder / SENTENCES_FILE)
    asks = pd.read_parquet(folder / ASKS_FILE)
    paragraphs = pd.read_parquet(folder / PARAGRAPHS_FILE)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    if sample_size is not None and sample_size < len(answers):
        # Stock lines stay as found on the whole corpus: a sample would hide most reuse.
        answers = answers.sample(n=sample_size, random_state=seed).sort_index()
        kept = set(answers["id"])
        sentences = sentences[sentences["id"].isin(kept)]
        asks = asks[asks["id"].isin(kept)]
        paragraphs = paragraphs[paragraphs["id"].isin(kept)]
        meta = {**meta, "sample_size": sample_size}
    return Processed(
        answers.reset_index(drop=True),
        sentences.reset_index(drop=True),
        meta,
        asks.reset_index(drop=True),
        paragraphs.reset_index(drop=True),
    )
