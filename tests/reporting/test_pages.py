"""analysis.reporting.pages, through ``report.run``: small notebooks written by the tests,
executed on a three-answer CSV corpus, to pin down the page's header, escaping, images and
sampling, the progress lines, notebooks run two at a time, and the all-or-nothing failure."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell
from report_pages import (
    ONE_PIXEL_PNG,
    Page,
    broken_notebook,
    echo_notebook,
    finding_cell,
    parameters_cell,
    read_page,
    write_notebook,
)
from sample_reports import Run, run_report

from analysis import cli, paths


@pytest.fixture(scope="module")
def echo_run(tmp_path_factory: pytest.TempPathFactory, tiny_corpus: tuple[Path, Path]) -> Run:
    corpus, processed = tiny_corpus
    folder = tmp_path_factory.mktemp("echo")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    echo_notebook(notebooks / "01_echo.ipynb")
    (notebooks / "dot.png").write_bytes(ONE_PIXEL_PNG)
    return run_report(
        folder / "out",
        corpus=str(corpus),
        sample_size=2,
        notebooks_dir=notebooks,
        processed_dir=processed,
    )


def test_echo_report_is_written_with_index_and_executed_notebook(echo_run: Run) -> None:
    assert echo_run.code == 0, echo_run.stderr
    out = echo_run.out
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01_echo.html", "executed", "explorer.html", "index.html"]
    assert (out / "executed" / "01_echo.ipynb").exists()
    lines = echo_run.stderr.splitlines()
    assert re.fullmatch(r"scoring .+ into .+ \.\.\. \d+\.\d s \(.+\)", lines[0])
    assert lines[1] == "executing 1 notebook"
    assert re.fullmatch(r"executed 01_echo in \d+\.\d s", lines[2])
    assert re.fullmatch(
        rf"wrote 1 report and index.html to {re.escape(str(out))} in .+ s", lines[-1]
    )


def test_echo_report_header_footer_and_sample(echo_run: Run) -> None:
    page = read_page(echo_run.out / "01_echo.html")
    assert "Answer Language reports › Echo & friends <check>" in page.text
    assert "; a random sample of 2 answers." in page.text
    assert "Open Parliament Licence v3.0" in page.text
    assert "index.html" in page.links
    raw = (echo_run.out / "01_echo.html").read_text(encoding="utf-8")
    assert "<title>Echo &amp; friends &lt;check&gt;</title>" in raw


def test_echo_report_embeds_its_images_and_fetches_nothing(echo_run: Run) -> None:
    page = read_page(echo_run.out / "01_echo.html")
    # The chart the notebook drew and the PNG its Markdown links beside it.
    assert len(page.png_charts) == 2
    assert f"data:image/png;base64,{base64.b64encode(ONE_PIXEL_PNG).decode()}" in page.images
    assert 'alt="Two bars"' in (echo_run.out / "01_echo.html").read_text(encoding="utf-8")
    assert page.external == []
    assert page.scripts == 0


def test_stderr_is_left_out_of_the_page_and_noted(echo_run: Run) -> None:
    assert "noisy warning" not in read_page(echo_run.out / "01_echo.html").text
    assert (
        "  note: 1 stderr output(s) left out of 01_echo.html, first: noisy warning from a library"
        in echo_run.stderr.splitlines()
    )


def test_index_lists_the_finding_as_escaped_plain_text(echo_run: Run) -> None:
    raw = (echo_run.out / "index.html").read_text(encoding="utf-8")
    assert "2 answers read with sample_size = 2; answer text &lt;script&gt;" in raw
    assert '<a href="01_echo.html">Echo &amp; friends &lt;check&gt;</a>' in raw
    page = Page(raw)
    assert page.scripts == 0
    assert page.external == []
    assert "3 answers (0 holding answers), 5 sentences." in page.text


def test_notebooks_run_two_at_a_time_keep_their_order(
    tmp_path: Path, tiny_corpus: tuple[Path, Path]
) -> None:
    corpus, processed = tiny_corpus
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "dot.png").write_bytes(ONE_PIXEL_PNG)
    names = ["01_echo", "02_echo", "03_echo"]
    for name in names:
        echo_notebook(notebooks / f"{name}.ipynb")
    out = tmp_path / "out"

    result = run_report(
        out, corpus=str(corpus), notebooks_dir=notebooks, processed_dir=processed, workers=2
    )

    assert result.code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "executing 3 notebooks, 2 at a time" in lines
    done = [line.split()[1] for line in lines if line.startswith("executed ")]
    assert sorted(done) == names
    links = [link for link in Page((out / "index.html").read_text()).links if "echo" in link]
    assert links == [f"{name}.html" for name in names]
    pages = {name: read_page(out / f"{name}.html") for name in names}
    for page in pages.values():
        assert "Answer Language reports › Echo & friends <check>" in page.text
        assert len(page.png_charts) == 2


def test_failing_notebook_leaves_previous_reports_untouched(
    tmp_path: Path, tiny_corpus: tuple[Path, Path]
) -> None:
    corpus, processed = tiny_corpus
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    echo_notebook(notebooks / "01_echo.ipynb")
    broken_notebook(notebooks / "02_broken.ipynb")
    out = tmp_path / "out"
    out.mkdir()
    previous = {"01_echo.html": "old echo", "02_broken.html": "old broken", "index.html": "old"}
    for name, text in previous.items():
        (out / name).write_text(text, encoding="utf-8")

    # Two processes: the failure comes back from a worker and the other notebook is let finish.
    result = run_report(
        out, corpus=str(corpus), notebooks_dir=notebooks, processed_dir=processed, workers=2
    )

    assert result.code == 1
    assert "executing 2 notebooks, 2 at a time" in result.stderr.splitlines()
    assert result.last_line == "answer-language report: notebook 02_broken failed: KeyError: 'x'"
    assert "Traceback" not in result.stderr
    # 01_echo executed fine, but nothing is written unless every notebook succeeds.
    assert {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")} == previous
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    executed = nbformat.read(out / "executed" / "02_broken.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("KeyError", "'x'")]


def test_cli_exits_non_zero_with_one_line_for_a_failing_notebook(
    tmp_path: Path,
    tiny_corpus: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus, processed = tiny_corpus
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    broken_notebook(notebooks / "03_future_vs_current.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", notebooks)
    monkeypatch.setattr(paths, "PROCESSED", processed)

    code = cli.main(["report", "--corpus", str(corpus), "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[-1] == (
        "answer-language report: notebook 03_future_vs_current failed: KeyError: 'x'"
    )
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "03_future_vs_current.html").exists()


def test_a_process_that_dies_stops_the_build_in_one_line(
    tmp_path: Path, tiny_corpus: tuple[Path, Path]
) -> None:
    corpus, processed = tiny_corpus
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    echo_notebook(notebooks / "01_echo.ipynb")
    # The kernel kills the process that runs its notebook, as the system does when out of memory.
    write_notebook(
        notebooks / "02_dies.ipynb",
        parameters_cell(),
        new_markdown_cell("# Dies"),
        finding_cell("from IPython.display import Markdown\nMarkdown('Nothing.')"),
        new_code_cell("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
    )
    out = tmp_path / "out"

    result = run_report(
        out, corpus=str(corpus), notebooks_dir=notebooks, processed_dir=processed, workers=2
    )

    assert result.code == 1
    assert result.last_line == (
        "answer-language report: a process running the notebooks died (killed, or out of memory)"
    )
    assert "Traceback" not in result.stderr
    assert not list(out.glob("*.html"))
