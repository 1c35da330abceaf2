"""How the browser tests and benchmarks/screenshot_reports.py start Chromium and size pages.

Debian's chromium package, driven by playwright without downloading a browser; no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright viewports: a laptop screen and a phone held upright.
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@dataclass
class Watched:
    """A page opened with nothing allowed off the machine, and what it asked for and logged."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self, url: str) -> list[str]:
        """Requests for anything but the page itself and data: URIs."""
        return [r for r in self.requests if r != url and not r.startswith("data:")]


def watched_page(context) -> Watched:
    """A new page of ``context`` that refuses every request leaving the machine (recorded) and
    records console errors and script errors."""
    context.route(re.compile(r"^(?!data:|file:|blob:)"), lambda route: route.abort())
    watched = Watched(context.new_page())
    watched.page.on("request", lambda request: watched.requests.append(request.url))
    watched.page.on(
        "console", lambda m: watched.errors.append(m.text) if m.type == "error" else None
    )
    watched.page.on("pageerror", lambda error: watched.errors.append(str(error)))
    return watched
