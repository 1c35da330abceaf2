"""Every report renders on small and empty slices, saying what is missing instead of a chart.

The slices (tests/report_slices.py): the seed answer alone; one answer; a topic that matches no
answer, one answer, two answers; a department with no answers in the window; a window with no
answers; a department with no sentence of one kind; holding answers only. A notebook is executed
on a slice when the slice's corpus is its own, or when the notebook declares one of the slice's
parameters (otherwise its input is the same as on another slice of the same corpus).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from report_slices import NO_SUCH_TOPIC, Slice, build
from sample_reports import NOTEBOOKS, run_report

from analysis.reporting.build import declared_parameters

SHARED_CORPUS_SLICES = {
    "topic matching one answer",
    "topic matching two answers",
    "department with no answers in the window",
    "window with no answers",
}
NOTHING_TO_SHOW = "nothing to show here"


@pytest.fixture(scope="module")
def slices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Slice]:
    return build(tmp_path_factory.mktemp("slices"))


def _notebooks_for(name: str, piece: Slice, folder: Path) -> list[Path]:
    given = set(piece.report_slice.given())
    chosen = [
        path
        for path in NOTEBOOKS
        if name not in SHARED_CORPUS_SLICES
        or given & declared_parameters(nbformat.read(path, as_version=4))
    ]
    folder.mkdir()
    for path in chosen:
        shutil.copy(path, folder / path.name)
    return chosen


@pytest.mark.parametrize(
    "name",
    [
        "seed answer alone",
        "one answer",
        "topic matching no answer",
        "topic matching one answer",
        "topic matching two answers",
        "department with no answers in the window",
        "window with no answers",
        "department with no sentence of one kind",
        "holding answers only",
    ],
)
def test_every_report_renders_on_the_slice(
    name: str, slices: dict[str, Slice], tmp_path: Path
) -> None:
    piece = slices[name]
    chosen = _notebooks_for(name, piece, tmp_path / "notebooks")
    assert chosen, f"no notebook declares the parameters of {name!r}"
    result = run_report(
        tmp_path / "reports",
        corpus=str(piece.corpus),
        processed_dir=tmp_path / "processed",
        notebooks_dir=tmp_path / "notebooks",
        report_slice=piece.report_slice,
        parameters={"external_sample": 10, "readability_answers": 20},
    )
    assert result.code == 0, result.stderr
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    for path in chosen:
        page = (tmp_path / "reports" / f"{path.stem}.html").read_text(encoding="utf-8")
        declared = declared_parameters(nbformat.read(path, as_version=4))
        for value in piece.report_slice.for_notebook(declared).values():
            # The header says which parameters built the report.
            assert "Parameters:" in page and html.escape(value) in page, (path.stem, value)
        if path.stem in piece.empty_reports:
            assert NOTHING_TO_SHOW in page, f"{path.stem} does not say what is missing"
            if piece.charts_nothing:
                assert "<img" not in page, f"{path.stem} draws a chart of nothing"
        if path.stem == "05_topic" and piece.report_slice.topic == NO_SUCH_TOPIC:
            assert re.search(rf"No answers mention .{{0,12}}{NO_SUCH_TOPIC}", page)
            assert "<img" not in page
    for value in piece.report_slice.given().values():
        assert html.escape(value) in index
