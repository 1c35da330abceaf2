"""Where things live: the project root, data folders, reports, and which corpus to use.

Notebooks and commands take every path from here, never from "../data".
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("ANSWER_LANGUAGE_ROOT", Path(__file__).resolve().parent.parent))
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
TESTS_DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus" / "commons"
SEED = SHARED / "seed"
SEED_PAGE = SEED / "000_c7894d2c275aa42a.txt"
EVAL = SHARED / "eval"
LABELLED_SENTENCES = TESTS_DATA / "labelled_sentences.csv"
LABELLED_PAIRS = TESTS_DATA / "responsiveness"

_CORPUS_SUFFIXES = {".json", ".csv", ".parquet", ".txt"}


def _has_answers(folder: Path) -> bool:
    return folder.is_dir() and any(
        p.suffix.lower() in _CORPUS_SUFFIXES and p.name != "manifest.json"
        for p in folder.rglob("*")
        if p.is_file()
    )


def default_corpus() -> tuple[Path, str]:
    """The corpus ``make report`` uses, and a sentence saying which and why.

    ``data/raw/`` when it holds downloaded API pages; otherwise the shared snapshot
    (``../shared/corpus/commons``) where it exists; otherwise the seed answer alone.
    """
    if _has_answers(RAW):
        return RAW, f"downloaded API pages in {RAW}"
    if _has_answers(SHARED_CORPUS):
        return SHARED_CORPUS, f"the shared corpus snapshot in {SHARED_CORPUS}"
    return SEED, (
        f"the seed answer alone ({SEED}): fetch answers with "
        "'answer-language fetch --answered-from YYYY-MM-DD --answered-to YYYY-MM-DD --out data/raw'"
    )
