"""What the report tests share: reading a rendered page (what it would fetch, its images, links
and text) and small notebooks written for the tests (one that echoes its parameters, one that
fails)."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

PARAMETERS = "corpus = None\nprocessed_dir = None\nsample_size = None"
ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAX+XDSwAAAABJRU5ErkJggg=="
)


# --- reading the HTML -------------------------------------------------------------------------

# Attributes that make a browser fetch something (links to follow, <a href>, are not fetched).
_FETCHING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src",),
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class Page(HTMLParser):
    """What a page would fetch, its images, links, scripts and visible text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.scripts = 0
        self.text_parts: list[str] = []
        self._in: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            self.scripts += 1
        if tag == "img":
            self.images.append(values.get("src", ""))
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        for name in _FETCHING.get(tag, ()):
            if values.get(name):
                self.fetches.append(values[name])
        if "style" in values:
            self.fetches.extend(a or b for a, b in _CSS_URL.findall(values["style"]))
        if tag in ("style", "script"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "style" in self._in:
            self.fetches.extend(a or b for a, b in _CSS_URL.findall(data))
        elif not self._in:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    @property
    def external(self) -> list[str]:
        """Everything fetched that is not embedded in the page (data: URIs, #fragments)."""
        return [url for url in self.fetches if not url.startswith(("data:", "#"))]

    @property
    def png_charts(self) -> list[str]:
        return [src for src in self.images if src.startswith("data:image/png;base64,")]


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


# --- notebooks written for the tests ----------------------------------------------------------


def write_notebook(path: Path, *cells: nbformat.NotebookNode) -> Path:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def parameters_cell(source: str = PARAMETERS) -> nbformat.NotebookNode:
    return new_code_cell(source, metadata={"tags": ["parameters"]})


def finding_cell(source: str) -> nbformat.NotebookNode:
    return new_code_cell(source, metadata={"tags": ["finding"]})


def echo_notebook(path: Path) -> Path:
    """A report that shows what it was given: its answer count, a chart, and some stderr."""
    return write_notebook(
        path,
        parameters_cell(),
        new_markdown_cell(
            "# Echo & friends <check>\n\nA report made by the tests.\n\n![dot](dot.png)"
        ),
        new_code_cell(
            "import html, sys\n"
            "import matplotlib.pyplot as plt\n"
            "from IPython.display import Markdown, display\n"
            "from analysis.pipeline.processed import load_processed\n"
            "data = load_processed(processed_dir, corpus, sample_size)\n"
            "print('noisy warning from a library', file=sys.stderr)"
        ),
        finding_cell(
            'display(Markdown(f"**{len(data.answers)} answers** read with `sample_size` = '
            "{sample_size}; answer text {html.escape('<script>')}\"))"
        ),
        new_code_cell(
            "fig, ax = plt.subplots(figsize=(4, 2))\n"
            "ax.bar(['a', 'b'], [1, 2])\n"
            "display(fig, metadata={'image/png': {'alt': 'Two bars'}})\n"
            "plt.close(fig)"
        ),
        new_code_cell("quiet = 1"),
    )


def broken_notebook(path: Path) -> Path:
    """A report whose third code cell raises KeyError: 'x'."""
    return write_notebook(
        path,
        parameters_cell(),
        new_markdown_cell("# Broken"),
        finding_cell("from IPython.display import Markdown\nMarkdown('Nothing.')"),
        new_code_cell("{}['x']"),
    )
