"""analysis.reporting.build: notebooks executed into self-contained HTML pages, the index, and
failures.

Two kinds of test here (small notebooks executed by the tests are in test_pages.py). Contract
and helper tests need no kernel. The end-to-end tests execute the real ``notebooks/*.ipynb``
once per session on a stratified sample of the shared corpus (about 500 answers) and check
every page for its charts, for resources fetched from anywhere, and the seed report for the
seed answer's sentences.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell
from report_pages import Page, echo_notebook, parameters_cell, read_page, write_notebook
from sample_reports import NOTEBOOK_NAMES, NOTEBOOKS, Run, run_report

from analysis import cli, paths
from analysis.reporting import build as report

SEED_NOTEBOOK = "01_seed_answer"
SEED_SENTENCE = (
    "There are currently no plans to expand the number of specialised centres that deliver "
    "HSCT treatments."
)


# --- contract and helpers (no kernel) ---------------------------------------------------------


def test_render_index_escapes_what_it_inserts() -> None:
    reports = [
        report.Report("01_a&b", "Title <script>alert('t')</script>", 'Says "<b>" & more', ""),
        report.Report("02_second", "Second", "Plain.", ""),
    ]
    meta = {
        "corpus_description": "answers from <corpus>",
        "built": "2026-01-02 03:04 UTC",
        "answer_count": 8662,
        "holding_answer_count": 240,
        "sentence_count": 31000,
    }
    page = report.render_index(reports, meta, 500, "2026-01-02 05:06 UTC")
    assert "<script>" not in page
    assert "Title &lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page
    assert "Says &quot;&lt;b&gt;&quot; &amp; more" in page
    assert 'href="01_a%26b.html"' in page
    parsed = Page(page)
    assert parsed.links == ["01_a%26b.html", "02_second.html"]
    assert parsed.external == []
    assert (
        "Built from answers from <corpus> on 2026-01-02 03:04 UTC; a random sample of 500 "
        "answers. 8,662 answers (240 holding answers), 31,000 sentences."
    ) in parsed.text
    assert "Reports rendered on 2026-01-02 05:06 UTC." in parsed.text
    assert "Open Parliament Licence v3.0" in parsed.text


def test_ensure_kernel_points_at_this_interpreter() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    assert report.ensure_kernel() == "answer-language"
    spec = KernelSpecManager().get_kernel_spec("answer-language")
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve())
    assert spec.argv[0] == sys.executable


def test_contract_problems_stop_the_build_before_any_kernel(
    tmp_path: Path, tiny_corpus: tuple[Path, Path]
) -> None:
    corpus, processed = tiny_corpus
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01_no_finding.ipynb", parameters_cell(), new_markdown_cell("# T"))
    result = run_report(
        tmp_path / "out", corpus=str(corpus), notebooks_dir=notebooks, processed_dir=processed
    )
    assert result.code == 1
    assert result.last_line == (
        "answer-language report: notebook 01_no_finding: 0 code cells are tagged 'finding'; "
        "the index needs exactly one"
    )
    assert not (tmp_path / "out").exists()


def test_default_corpus_is_the_embedded_snapshot_until_data_raw_holds_downloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / ".gitkeep").write_text("")
    monkeypatch.setattr(paths, "RAW", raw)
    corpus, description = paths.default_corpus()
    assert corpus == paths.SNAPSHOT and corpus.is_file()
    assert "embedded snapshot" in description
    (raw / "page.json").write_text('{"totalResults": 0, "results": []}')
    assert paths.default_corpus()[0] == raw


def test_cli_reports_a_missing_corpus_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    echo_notebook(notebooks / "01_echo.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", notebooks)
    missing = tmp_path / "missing"
    assert cli.main(["report", "--corpus", str(missing), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"answer-language report: {missing}: no such file or folder\n"


# --- the project's notebooks as committed -----------------------------------------------------


def _each_notebook() -> list:
    if not NOTEBOOKS:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks/*.ipynb yet"))]
    return [pytest.param(path, id=path.stem) for path in NOTEBOOKS]


@pytest.mark.parametrize("path", _each_notebook())
def test_committed_notebook_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    with_output = [
        index
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert with_output == [], f"{path.name}: clear the outputs of cells {with_output}"


# --- the project's notebooks, executed on a corpus sample -------------------------------------


def test_sample_index_lists_every_report_with_a_finding(rendered: Run) -> None:
    page = read_page(rendered.out / "index.html")
    assert page.links == [*(f"{name}.html" for name in NOTEBOOK_NAMES), "explorer.html"]
    assert page.external == []
    raw = (rendered.out / "index.html").read_text(encoding="utf-8")
    findings = re.findall(r"</a><p>(.*?)</p></li>", raw)
    assert len(findings) == len(NOTEBOOKS)
    assert all(finding.strip() for finding in findings)


@pytest.mark.parametrize("name", NOTEBOOK_NAMES or ["none"])
def test_sample_report_has_charts_and_fetches_nothing(rendered: Run, name: str) -> None:
    page = read_page(rendered.out / f"{name}.html")
    assert page.png_charts, f"{name}.html has no embedded PNG chart"
    assert [src for src in page.images if src not in page.png_charts] == []
    assert page.external == []
    assert page.scripts == 0
    assert "index.html" in page.links
    assert report.FOOTER in page.text


def test_seed_report_quotes_every_sentence_of_the_seed_answer(rendered: Run, seed_answer) -> None:
    from analysis import sentence_table

    if SEED_NOTEBOOK not in NOTEBOOK_NAMES:
        pytest.skip(f"no notebooks/{SEED_NOTEBOOK}.ipynb yet")
    text = read_page(rendered.out / f"{SEED_NOTEBOOK}.html").text
    assert SEED_SENTENCE in text
    sentences = [" ".join(s.split()) for s in sentence_table(seed_answer["answer"])["sentence"]]
    assert len(sentences) > 10
    assert [s for s in sentences if s not in text] == []


def test_answers_report_shows_the_three_measures_and_their_agreement(rendered: Run) -> None:
    name = "07_does_it_answer"
    if name not in NOTEBOOK_NAMES:
        pytest.skip(f"no notebooks/{name}.ipynb yet")
    text = read_page(rendered.out / f"{name}.html").text
    for heading in ("By department", "Over time", "Stock lines", "Passed to another body"):
        assert heading in text
    # The seed answer's paragraphs are checked against the corpus, and the agreement table
    # carries the readers' row (the ceiling) beside the measures' rows.
    assert "seed answer's 8 paragraphs" in text
    assert "reader A vs reader B (all)" in text
    assert "measures vs reference (test)" in text


# Each long enough (8 words or more) to count as a stock line when it answers two questions.
HOSTILE = [
    '<p>Cancer care &lt;script&gt;alert("text")&lt;/script&gt; will improve in every region.</p>',
    '<p>See <a href="javascript:alert(1)">the cancer plan</a> for the details of each service.</p>',
    '<p><img src="x" onerror="alert(2)">Cancer services are a matter for ICBs in each area.</p>',
    "<p><script>alert(3)</script>The National Cancer Plan will be published "
    "&lt;b onmouseover=alert(4)&gt;later this year&lt;/b&gt; by the Department.</p>",
]


def test_hostile_answer_html_is_inert_in_the_reports(
    tmp_path: Path, corpus_records: dict[int, dict]
) -> None:
    import json

    names = ["05_topic", "07_does_it_answer"]
    if not set(names) <= set(NOTEBOOK_NAMES):
        pytest.skip("report notebooks missing")
    records = list(corpus_records.values())[:60]
    hostile = []
    for number, text in enumerate(HOSTILE * 2):  # twice over, so they are stock lines too
        record = dict(records[number], id=9_000_000 + number, uin=f"X{number}")
        record.update(answerText=text, heading="Cancer: <script>alert(5)</script>")
        record.update(questionText='To ask <img src=x onerror="alert(6)">, how many cancer nurses.')
        hostile.append(record)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = {"totalResults": 68, "results": [{"value": r} for r in records + hostile]}
    (corpus / "page.json").write_text(json.dumps(page), encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in names:
        (notebooks / f"{name}.ipynb").write_bytes((paths.NOTEBOOKS / f"{name}.ipynb").read_bytes())
    run = run_report(
        tmp_path / "out",
        corpus=str(corpus),
        notebooks_dir=notebooks,
        processed_dir=tmp_path / "processed",
        parameters={"min_answers": 2, "top_lines": 60},  # every stock line listed in 07
    )
    assert run.code == 0, run.stderr
    for name in names:
        html_text = (run.out / f"{name}.html").read_text(encoding="utf-8")
        page = read_page(run.out / f"{name}.html")
        assert page.scripts == 0
        assert "alert(" in page.text  # the hostile text is shown, as text
        assert not re.search(r"<[^>]*\son\w+\s*=", html_text, re.I)  # no event handler
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html_text, re.I)
