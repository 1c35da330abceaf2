"""Run the external checks on the full public data sets; print the table and the time taken.

python benchmarks/bench_external.py [--sample N] [--seed S]

A full run (no --sample) also refreshes the cache data/processed/external_checks.json that the
validation report reads. Asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import time

import pandas as pd

from analysis.paths import EVAL
from analysis.validation.external import DEFAULT_SEED, default_cache_path, load_or_run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=None, help="items per data set")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"{EVAL} is not on this machine: nothing to run")
        return
    print(f"python {platform.python_version()} on {platform.machine()}, data {EVAL}")
    start = time.perf_counter()
    results = load_or_run(sample=args.sample, seed=args.seed, refresh=True)
    elapsed = time.perf_counter() - start
    with pd.option_context(
        "display.width", 200, "display.max_colwidth", 70, "display.max_rows", 100
    ):
        print(results.round(3).to_string(index=False))
    for note in results.attrs["notes"]:
        print(f"note: {note}")
    per_dataset = ", ".join(f"{k} {v:.1f} s" for k, v in results.attrs["seconds"].items())
    print(f"time: {elapsed:.1f} s ({per_dataset})")
    if args.sample is None:
        print(f"cached in {default_cache_path()}")


if __name__ == "__main__":
    main()
