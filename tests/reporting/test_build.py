"""analysis.reporting.build: notebooks executed into self-contained HTML pages, the index, and
failures.

Three kinds of test. Contract and helper tests need no kernel. Tests with two tiny notebooks
written here (one that echoes its parameters, one that fails) execute them on a three-answer
CSV corpus to pin down the header, escaping, sampling and the all-or-nothing failure. The
end-to-end tests execute the real ``notebooks/*.ipynb`` once per session on a stratified sample
of the shared corpus (about 500 answers) and check every page for its charts, for resources
fetched from anywhere, and the seed report for the seed answer's sentences.
"""

from __future__ import annotations

import base64
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from sample_reports import NOTEBOOK_NAMES, NOTEBOOKS, Run, run_report

from analysis import cli, paths
from analysis.pipeline.processed import build_processed
from analysis.reporting import build as report

SEED_NOTEBOOK = "01_seed_answer"
SEED_SENTENCE = (
    "There are currently no plans to expand the number of specialised centres that deliver "
    "HSCT treatments."
)
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


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Three answers as a CSV and their processed folder: scoring takes a second."""
    folder = tmp_path_factory.mktemp("tiny")
    corpus = folder / "answers.csv"
    corpus.write_text(
        "question,answer,department,heading\n"
        '"To ask what plans there are for roads.","The Department will publish a roads plan '
        'in March 2026. We are investing £5 million this year.",Department for Transport,Roads\n'
        '"To ask about schools.","There are currently no plans to change the funding formula.",'
        "Department for Education,Schools\n"
        '"To ask about hospitals.","NHS England is responsible for this. The Government will '
        'consider the findings.",Department of Health and Social Care,Hospitals\n',
        encoding="utf-8",
    )
    processed = build_processed(corpus, folder / "processed")
    return corpus, processed


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


# --- tiny notebooks, executed -----------------------------------------------------------------


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
