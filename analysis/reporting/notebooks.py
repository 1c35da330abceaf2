"""What a report notebook is, read from the notebook itself: its parameters cell, the contract
every report notebook keeps (checked before anything runs), its title and finding for the index,
and the cells a reader should see.
"""

from __future__ import annotations

import ast
import html
import re

import nbformat

PARAMETERS_TAG = "parameters"
FINDING_TAG = "finding"
REQUIRED_PARAMETERS = ("corpus", "processed_dir", "sample_size")


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _assigned_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def declared_parameters(nb: nbformat.NotebookNode) -> set[str]:
    """The names a notebook's ``parameters`` cell sets (empty when it has none)."""
    first = next((c for c in nb.get("cells", []) if c.cell_type == "code"), None)
    if first is None or PARAMETERS_TAG not in _tags(first):
        return set()
    return _assigned_names(first.source)


def check_notebook(nb: nbformat.NotebookNode) -> list[str]:
    """What is wrong with a report notebook's contract, as short sentences (empty when fine).

    Checked before executing anything so a broken contract costs a second, not a full run, and
    so ``run`` and the tests hold every notebook to the same rules.
    """
    problems = []
    cells = nb.get("cells", [])
    # The first code cell rather than the first cell: a title above it runs no code.
    first = next((c for c in cells if c.cell_type == "code"), None)
    if first is None or PARAMETERS_TAG not in _tags(first):
        problems.append(f"the first code cell is not tagged {PARAMETERS_TAG!r}")
    else:
        try:
            missing = [p for p in REQUIRED_PARAMETERS if p not in _assigned_names(first.source)]
        except SyntaxError as error:
            problems.append(f"the parameters cell is not valid Python ({error.msg})")
        else:
            if missing:
                problems.append(f"the parameters cell does not set {', '.join(missing)}")
    findings = [c for c in cells if c.cell_type == "code" and FINDING_TAG in _tags(c)]
    if len(findings) != 1:
        problems.append(
            f"{len(findings)} code cells are tagged {FINDING_TAG!r}; the index needs exactly one"
        )
    if notebook_title(nb) is None:
        problems.append("no Markdown heading '# ...' to title the report")
    return problems


# Markdown escapes (\*) are set aside first so that an escaped marker is never read as emphasis.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~<>|])")
_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images keep their text
    (re.compile(r"`+([^`]+?)`+"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    # Underscores only at word edges, so snake_case names such as future_share survive.
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
]


def plain_text(markdown: str) -> str:
    """One line of plain text from inline Markdown: emphasis, code and link markup removed.

    Character references (``&lt;``, ``&amp;``) are decoded, because in Markdown they stand for
    the character; the caller escapes the result again for HTML.
    """
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(1))
        return f"\ue000{len(held) - 1}\ue001"

    text = _ESCAPED.sub(hold, markdown)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: held[int(m.group(1))], text)
    return " ".join(html.unescape(text).split())


def notebook_title(nb: nbformat.NotebookNode) -> str | None:
    """The text of the first level-one Markdown heading, or None when there is none."""
    for cell in nb.get("cells", []):
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            heading = re.match(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", line)
            if heading:
                return plain_text(heading.group(1))
    return None


def notebook_finding(nb: nbformat.NotebookNode) -> str | None:
    """The Markdown the ``finding`` cell displayed, as plain text; None when it displayed none."""
    for cell in nb.cells:
        if cell.cell_type != "code" or FINDING_TAG not in _tags(cell):
            continue
        for output in cell.get("outputs", []):
            markdown = output.get("data", {}).get("text/markdown")
            if markdown:
                return plain_text(markdown if isinstance(markdown, str) else "".join(markdown))
    return None


def for_reading(nb: nbformat.NotebookNode) -> list[str]:
    """Strip what a reader should not see; return the stderr text that was taken out.

    With code hidden, a code cell without output is an empty box that only adds space, and
    stderr (library warnings, progress bars) is noise for a reader. The person building the
    reports still sees the stderr text: ``run`` prints its first line.
    """
    removed: list[str] = []
    kept = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    removed.append(output.get("text", ""))
                else:
                    outputs.append(output)
            cell.outputs = outputs
            if not outputs:
                continue
        kept.append(cell)
    nb.cells = kept
    return removed
