"""Build the explorer page for the whole processed corpus and time it in Chromium (asserts nothing).

python benchmarks/bench_explorer.py [PROCESSED_DIR] [RUNS]

Defaults: data/processed (built with build_processed() when missing) and 5 runs. Prints the time
to build the page, its size in MB, and for each run in headless Chromium (Debian's package,
driven by playwright, as the browser tests do; no network) how long after opening the page
its HTML was parsed, the table was drawn and usable (sorting, paging, search, reading panel)
and the filters (SearchPanes, SearchBuilder) were in place: the page's own performance marks,
in milliseconds from navigation start; and the seconds from asking playwright to open the page
to seeing the filters in place. Then the medians.
"""

from __future__ import annotations

import importlib
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from analysis import paths
from analysis.pipeline.processed import META_FILE, build_processed, load_processed
from analysis.reporting.explorer import explorer_page

ROOT = Path(__file__).resolve().parents[1]
TIMES = """() => {
  const mark = (name) => performance.getEntriesByName(name)[0].startTime;
  const navigation = performance.getEntriesByType('navigation')[0];
  return [navigation.domInteractive, mark('explorer-table'), mark('explorer-ready')];
}"""


def build(processed: Path) -> tuple[str, int]:
    if not (processed / META_FILE).exists():
        print(f"{processed} is empty: scoring the default corpus into it ...")
        build_processed(out_dir=processed)
    tables = load_processed(processed)
    start = time.perf_counter()
    page = explorer_page(tables, "Built for benchmarks/bench_explorer.py.")
    seconds = time.perf_counter() - start
    print(f"explorer_page: {len(tables.answers):,} answers in {seconds:.1f} s")
    return page, len(tables.answers)


def main(processed: Path, runs: int) -> None:
    # Chromium's path, flags and the viewport are the browser tests' own (tests/browser.py).
    sys.path.insert(0, str(ROOT / "tests"))
    settings = importlib.import_module("browser")
    page, answers = build(processed)
    size = len(page.encode("utf-8"))
    print(f"page size: {size / 1e6:.2f} MB ({size:,} bytes)")
    if not settings.CHROMIUM.exists():
        # The build's figures stand; the page timings need a browser this machine lacks.
        print(f"{settings.CHROMIUM} is absent (Debian package 'chromium'): page timings skipped")
        return
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "explorer.html"
        path.write_text(page, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(settings.CHROMIUM), args=settings.CHROMIUM_ARGS
            )
            for run in range(1, runs + 1):
                context = browser.new_context(viewport=settings.VIEWPORTS["desktop"])
                # Nothing may leave the machine: a request elsewhere fails, and shows as an error.
                context.route(re.compile(r"^(?!data:|file:)"), lambda route: route.abort())
                tab = context.new_page()
                start = time.perf_counter()
                tab.goto(path.as_uri(), wait_until="commit")
                tab.wait_for_selector("body.explorer-ready", state="attached", timeout=60_000)
                wall = time.perf_counter() - start
                parsed, table, ready = tab.evaluate(TIMES)
                shown = tab.inner_text(".dt-info")
                context.close()
                timings.append((parsed, table, ready))
                print(
                    f"run {run}: HTML parsed {parsed:.0f} ms, table usable {table:.0f} ms, "
                    f"filters in place {ready:.0f} ms; {wall:.2f} s as the test driver saw it "
                    f"({shown})"
                )
            browser.close()
    parsed, table, ready = (statistics.median(column) for column in zip(*timings, strict=True))
    print(
        f"median of {runs}: HTML parsed {parsed:.0f} ms, table usable {table:.0f} ms, "
        f"filters in place {ready:.0f} ms; {answers:,} answers, {size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0]) if arguments else paths.PROCESSED,
        int(arguments[1]) if len(arguments) > 1 else 5,
    )
