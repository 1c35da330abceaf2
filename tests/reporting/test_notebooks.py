"""analysis.reporting.notebooks: the report notebook contract, titles and plain text, checked
without a kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import paths
from analysis.reporting import notebooks


def parameters_cell(source: str = "corpus = None") -> nbformat.NotebookNode:
    return new_code_cell(source, metadata={"tags": ["parameters"]})


def finding_cell(source: str) -> nbformat.NotebookNode:
    return new_code_cell(source, metadata={"tags": ["finding"]})


def test_plain_text_drops_markdown_emphasis_code_and_links() -> None:
    markdown = (
        "**292 answers** from _28 departments_, *mostly* `future_share` and __firm__ "
        "([details](https://example.org)); \\*literal\\* &lt;b&gt; ~~not~~\n second line"
    )
    assert notebooks.plain_text(markdown) == (
        "292 answers from 28 departments, mostly future_share and firm (details); "
        "*literal* <b> not second line"
    )


def test_plain_text_keeps_snake_case_underscores() -> None:
    assert (
        notebooks.plain_text("future_share and current_share") == "future_share and current_share"
    )


def test_title_is_the_first_level_one_heading() -> None:
    nb = new_notebook(
        cells=[
            parameters_cell(),
            new_markdown_cell("## Not this\n#hashtag is not a heading either"),
            new_markdown_cell("Intro\n\n# The *real* title ##\n\n# A later one"),
        ]
    )
    assert notebooks.notebook_title(nb) == "The real title"
    assert notebooks.notebook_title(new_notebook(cells=[new_markdown_cell("## Only h2")])) is None


def _contract_notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return new_notebook(cells=list(cells))


def test_check_notebook_accepts_the_contract() -> None:
    nb = _contract_notebook(
        new_markdown_cell("# Title above the parameters"),
        parameters_cell("corpus = None\nprocessed_dir = None\nsample_size: int | None = None"),
        finding_cell("Markdown('x')"),
    )
    assert notebooks.check_notebook(nb) == []


def test_check_notebook_names_each_broken_rule() -> None:
    assert notebooks.check_notebook(_contract_notebook(new_code_cell("x = 1"))) == [
        "the first code cell is not tagged 'parameters'",
        "0 code cells are tagged 'finding'; the index needs exactly one",
        "no Markdown heading '# ...' to title the report",
    ]
    two_findings = _contract_notebook(
        new_markdown_cell("# T"),
        parameters_cell("corpus = None\nprocessed_dir = None"),
        finding_cell("a"),
        finding_cell("b"),
    )
    assert notebooks.check_notebook(two_findings) == [
        "the parameters cell does not set sample_size",
        "2 code cells are tagged 'finding'; the index needs exactly one",
    ]


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.stem) for p in sorted(paths.NOTEBOOKS.glob("*.ipynb"))]
)
def test_committed_notebook_keeps_the_report_contract(path: Path) -> None:
    assert notebooks.check_notebook(nbformat.read(path, as_version=4)) == []
