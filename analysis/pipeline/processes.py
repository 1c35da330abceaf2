"""Worker processes: how many to use, and how they start.

Scoring (:mod:`analysis.measures.scoring`), the report build (:mod:`analysis.reporting.pages`)
and the reading of labelled answers (:mod:`analysis.learning.context`) share their work out
among processes, not threads: the work is pure Python, and papermill changes the working
directory while it runs a notebook.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

_START_METHODS = multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """Processes to work in: ``ANSWER_LANGUAGE_WORKERS`` when set, else every core."""
    setting = os.environ.get("ANSWER_LANGUAGE_WORKERS", "")
    return int(setting) if setting.isdigit() and int(setting) > 0 else (os.cpu_count() or 1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, forked where the platform can (each starts with what this
    process has imported and loaded, instead of importing it again), else spawned."""
    context = multiprocessing.get_context("fork" if "fork" in _START_METHODS else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)
