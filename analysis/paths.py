"""Where things live: the project root, data folders, reports, and which corpus to use.

Notebooks and commands take every path from here, never from "../data".
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("ANSWER_LANGUAGE_ROOT", PACKAGE.parent))
# Data shipped inside the package: the lexicons (cue phrases and word sets with their schema),
# bundled tables (answering bodies) and the report templates.
LEXICONS = PACKAGE / "lexicons"
PACKAGE_DATA = PACKAGE / "data"
LEXICON_SCHEMA = PACKAGE_DATA / "lexicon_schema.yaml"
TEMPLATES = PACKAGE / "templates"
# The reports' stylesheet, shared by the rendered notebooks, the index and the explorer page.
REPORT_CSS = TEMPLATES / "answer_language" / "static" / "report.css"
# The learned labelers (plain arrays, rebuilt by make train) and what training measured.
MODELS = PACKAGE / "models"
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
TESTS_DATA = ROOT / "tests" / "data"
# The embedded snapshot: the shared corpus as one API list page, and the seed page beside it.
SNAPSHOT_DIR = DATA / "snapshot"
SNAPSHOT = SNAPSHOT_DIR / "commons.json.gz"
SEED_PAGE = SNAPSHOT_DIR / "000_c7894d2c275aa42a.txt"
# Beside the checkout in the project's workspace, never required: the public datasets of the
# external checks (other licences, not embedded) and the corpus the snapshot was built from.
SHARED = Path(os.environ.get("ANSWER_LANGUAGE_SHARED", ROOT.parent / "shared"))
SHARED_CORPUS = SHARED / "corpus" / "commons"
EVAL = SHARED / "eval"
# The reader-labelled data the labelers learn from and are judged on, with its data card.
LABELLED = DATA / "labelled"
LABELLED_SENTENCES = LABELLED / "sentences.csv"
LABELLED_PAIRS = LABELLED / "pairs.csv"
LABELLED_ASKS = LABELLED / "asks.csv"
# Answers never labelled, trained or tuned on (kept for outside checks), and the seed page's id.
RESERVED_ANSWER_IDS = LABELLED / "reserved-answer-ids.txt"
SEED_ANSWER_ID = SEED_PAGE.stem
# The first, smaller labelled sets (873 sentences, 85 pairs), kept as they were made; the
# sentences and pairs not reserved are part of LABELLED.
EARLIER_LABELLED_SENTENCES = TESTS_DATA / "labelled_sentences.csv"
EARLIER_LABELLED_PAIRS = TESTS_DATA / "responsiveness"

_CORPUS_SUFFIXES = {".json", ".csv", ".parquet", ".txt"}


def _has_answers(folder: Path) -> bool:
    return folder.is_dir() and any(
        p.suffix.lower() in _CORPUS_SUFFIXES and p.name != "manifest.json"
        for p in folder.rglob("*")
        if p.is_file()
    )


def default_corpus() -> tuple[Path, str]:
    """The corpus ``make report`` uses, and a sentence saying which and why.

    ``data/raw/`` when it holds downloaded API pages; otherwise the snapshot embedded in the
    project (:data:`SNAPSHOT`), the same on every machine.
    """
    if _has_answers(RAW):
        return RAW, f"downloaded API pages in {RAW}"
    return SNAPSHOT, (
        "the embedded snapshot of 8,662 Commons written answers (tabled Dec 2023 to Jul 2026)"
    )
