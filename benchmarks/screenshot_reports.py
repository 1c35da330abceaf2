"""Screenshot every rendered report and the index at desktop and phone widths (asserts nothing).

python benchmarks/screenshot_reports.py [REPORTS_DIR] [SHOTS_DIR]

Defaults: reports/ and /tmp/report_shots/. Needs Debian's chromium (/usr/bin/chromium) and the
playwright package; no browser is downloaded. For each page it prints how long it took to load
and whether anything is wider than the screen (the thing a phone reader stumbles on first),
then writes full-page PNGs named <page>-desktop.png and <page>-phone.png for a person to look at.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from analysis.paths import REPORTS

ROOT = Path(__file__).resolve().parents[1]

# Elements whose right edge passes the viewport: the usual cause of sideways scrolling.
OVERFLOW_SCRIPT = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      let scrolls = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && p.clientWidth <= width) {
          scrolls = true;
          break;
        }
      }
      if (!scrolls) wide.push(el.tagName.toLowerCase() + '.' + (el.className || '').toString()
        .split(' ').filter(Boolean).slice(0, 2).join('.') + ' ' + Math.round(box.width) + 'px');
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}
"""


def main(reports: Path, shots: Path) -> None:
    # Chromium's path, flags and the viewports are the browser tests' own (tests/browser.py).
    sys.path.insert(0, str(ROOT / "tests"))
    settings = importlib.import_module("browser")
    pages = sorted(reports.glob("*.html"))
    if not pages:
        print(f"no HTML pages in {reports}: run 'answer-language report' first")
        return
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(settings.CHROMIUM), args=settings.CHROMIUM_ARGS
        )
        for label, viewport in settings.VIEWPORTS.items():
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            for html in pages:
                start = time.perf_counter()
                page.goto(html.resolve().as_uri(), wait_until="load")
                loaded = time.perf_counter() - start
                layout = page.evaluate(OVERFLOW_SCRIPT)
                shot = shots / f"{html.stem}-{label}.png"
                page.screenshot(path=str(shot), full_page=True)
                wider = layout["scrollWidth"] > layout["width"]
                print(
                    f"{label:7} {html.name:40} {loaded:5.2f} s  "
                    f"page {layout['scrollWidth']}px in {layout['width']}px"
                    + (f"  TOO WIDE: {', '.join(layout['wide'])}" if wider else "")
                )
            context.close()
        browser.close()
    print(f"screenshots in {shots}")


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else REPORTS,
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/report_shots"),
    )
