"""``answer-language report``: execute the report notebooks and render them into HTML.

Every ``notebooks/NN_name.ipynb`` is executed from a clean kernel with papermill, on the scored
corpus in ``data/processed`` (built first if needed), and rendered by nbconvert into
``reports/NN_name.html`` with its code hidden; ``reports/index.html`` lists each report with its
one-line finding and links ``reports/explorer.html``, every answer in one table to sort, filter
and read (:mod:`analysis.reporting.explorer`). The pages are self-contained: no script,
stylesheet or font is fetched, charts are embedded PNGs, so a report opens offline and as an
e-mail attachment.

The notebooks run a few at a time, one process and kernel each (one per core by default;
:mod:`analysis.reporting.pages`). The build is all or nothing. Every notebook is executed and
rendered in memory first; only when all of them succeed are the pages written, each to a
temporary file beside its final name and then renamed. A failing notebook stops the build with
one line naming it and its error, and leaves the previous reports as they were. The executed
notebooks (the failing one included, with its traceback) are kept in ``reports/executed/`` for
whoever has to find out why.

The contract a report notebook keeps (checked before anything runs, see
:func:`analysis.reporting.notebooks.check_notebook`):
its first code cell is tagged ``parameters`` and sets ``corpus``, ``processed_dir`` and
``sample_size``; exactly one code cell is tagged ``finding`` and displays one Markdown sentence,
the index's summary of the report; its first ``# heading`` is the report's title.
"""

from __future__ import annotations

import html
import json
import string
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import nbformat

from analysis import paths
from analysis.pipeline.files import write_atomically
from analysis.pipeline.processed import META_FILE, build_processed, load_processed
from analysis.pipeline.processes import default_workers
from analysis.reporting.explorer import explorer_page
from analysis.reporting.notebooks import check_notebook, declared_parameters
from analysis.reporting.pages import (
    FOOTER,
    INDEX_FILE,
    KERNEL_NAME,
    Job,
    Report,
    execute_all,
    one_line,
    progress,
)
from analysis.reporting.slices import ReportSlice, SliceError, describe

KERNEL_DISPLAY_NAME = "Answer Language (.venv)"
INDEX_TEMPLATE = paths.TEMPLATES / "reports_index.html"
REPORT_CSS = paths.REPORT_CSS
EXPLORER_FILE = "explorer.html"
EXECUTED_DIR = "executed"


def ensure_kernel() -> str:
    """Install the ``answer-language`` kernelspec into this environment and return its name.

    Reports must execute with the project's own interpreter (the one with ``analysis`` and the
    pinned packages), never whatever ``python`` is first on PATH, which is what the default
    ``python3`` spec runs. The spec lives in ``sys.prefix`` so it comes and goes with the venv;
    installing it is a local file copy, so this works offline, and it is rewritten only when it
    is missing or points at another interpreter.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    spec_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    try:
        argv = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))["argv"]
    except (OSError, ValueError, KeyError):
        argv = []
    if not argv or argv[0] != sys.executable:
        from ipykernel.kernelspec import install

        install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=sys.prefix)
    found = KernelSpecManager().find_kernel_specs().get(KERNEL_NAME)
    if found is None or Path(found).resolve() != spec_dir.resolve():
        raise ValueError(
            f"the kernel spec {KERNEL_NAME!r} in {found} hides this environment's ({spec_dir}); "
            f"remove it with 'jupyter kernelspec remove {KERNEL_NAME}' and run again"
        )
    return KERNEL_NAME


def _built_line(meta: dict, sample_size: int | None) -> str:
    """The header's line saying which corpus the reports read and when it was scored."""
    description = meta.get("corpus_description") or meta.get("corpus", "an unnamed corpus")
    line = f"Built from {description} on {meta.get('built', 'an unknown date')}"
    # load_processed samples only when the sample is smaller than the corpus.
    if sample_size is not None and sample_size < meta.get("answer_count", 0):
        line += f"; a random sample of {sample_size:,} answers"
    return line + "."


def render_index(
    reports: list[Report],
    meta: dict,
    sample_size: int | None,
    rendered: str,
    parameters_line: str = "",
    explorer: str | None = None,
) -> str:
    """The index page: corpus, parameters and build time at the top, then each report's title
    and finding, then the explorer page (``explorer``: its file name) when there is one.

    Every inserted value is escaped here: titles and findings come from notebook output and may
    quote answer text.
    """
    counts = (
        f"{meta.get('answer_count', 0):,} answers "
        f"({meta.get('holding_answer_count', 0):,} holding answers), "
        f"{meta.get('sentence_count', 0):,} sentences."
    )
    items = "\n".join(
        f'<li><a href="{html.escape(quote(report.file_name))}">{html.escape(report.title)}</a>'
        f"<p>{html.escape(report.finding)}</p></li>"
        for report in reports
    )
    page = string.Template(INDEX_TEMPLATE.read_text(encoding="utf-8"))
    return page.substitute(
        css=REPORT_CSS.read_text(encoding="utf-8"),
        built=html.escape(
            " ".join(filter(None, [_built_line(meta, sample_size), parameters_line, counts]))
        ),
        rendered=html.escape(f"Reports rendered on {rendered}."),
        items=items,
        explorer=(
            f'<p class="index-explorer"><a href="{html.escape(quote(explorer))}">Answer '
            "explorer</a>: every answer in one table, with its scores, to sort, filter, search "
            "and read sentence by sentence.</p>"
            if explorer
            else ""
        ),
        footer=html.escape(FOOTER),
    )


def _read_checked(notebooks: list[Path]) -> tuple[list[nbformat.NotebookNode], str | None]:
    """The notebooks read, and the first contract problem among them as the line to print
    (None when all are fine: then every notebook is in the list)."""
    read = []
    for path in notebooks:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as error:
            return read, f"notebook {path.stem}: cannot be read: {one_line(error)}"
        problems = check_notebook(nb)
        if problems:
            return read, f"notebook {path.stem}: {'; '.join(problems)}"
        read.append(nb)
    return read, None


def _corpus_departments(corpus: Path) -> list[str]:
    from analysis.sources.loading import load_answers

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scoring reports the corpus's problems, once
        return load_answers(corpus)["department"].dropna().unique().tolist()


def _modified(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.exists() else None


def run(
    corpus: str | None = None,
    out: str | None = None,
    sample_size: int | None = None,
    notebooks_dir: str | Path | None = None,
    processed_dir: str | Path | None = None,
    parameters: dict[str, object] | None = None,
    report_slice: ReportSlice | None = None,
    workers: int | None = None,
) -> int:
    """Score the corpus, execute every report notebook and write the HTML and the index.

    Returns 0 when every report was written, 1 when a notebook broke its contract or failed
    (after printing one line that names it); a missing corpus raises ValueError for the command
    line to show. ``sample_size`` makes each notebook read a random sample of the answers;
    ``notebooks_dir`` and ``processed_dir`` default to the project's folders (tests change them);
    ``parameters`` are passed to every notebook as well (a quick run's smaller samples);
    ``report_slice`` (topic, department, window) reaches each notebook that declares its parts;
    ``workers``: notebooks executed at once (default
    :func:`~analysis.pipeline.processes.default_workers`, one per core).
    """
    started = time.perf_counter()
    notebooks_root = Path(notebooks_dir) if notebooks_dir is not None else paths.NOTEBOOKS
    notebooks = sorted(notebooks_root.resolve().glob("*.ipynb"))
    if not notebooks:
        progress(f"answer-language report: no report notebooks in {notebooks_root}")
        return 0
    report_slice = report_slice or ReportSlice()
    if corpus is None:
        corpus_path, _ = paths.default_corpus()
    elif Path(corpus).exists():
        corpus_path = Path(corpus).resolve()
    else:
        raise ValueError(f"{corpus}: no such file or folder")
    out_dir = (Path(out) if out is not None else paths.REPORTS).resolve()
    processed_root = Path(processed_dir) if processed_dir is not None else paths.PROCESSED

    read, problem = _read_checked(notebooks)
    if problem:
        progress(f"answer-language report: {problem}")
        return 1
    # Settled before minutes of scoring: against the bundled answering bodies, and only when
    # the name is not there, against the departments the corpus itself names.
    try:
        report_slice = report_slice.with_department(())
    except SliceError:
        report_slice = report_slice.with_department(_corpus_departments(corpus_path))

    step = time.perf_counter()
    progress(f"scoring {corpus_path} into {processed_root} ...", end=" ")
    # None lets build_processed describe the default corpus in its own words.
    meta_before = _modified(Path(processed_root) / META_FILE)
    try:
        processed = build_processed(None if corpus is None else corpus_path, processed_root)
    except BaseException:
        progress("failed")  # end the progress line; the command line prints the reason
        raise
    processed = processed.resolve()
    meta = json.loads((processed / META_FILE).read_text(encoding="utf-8"))
    rebuilt = _modified(processed / META_FILE) != meta_before
    progress(
        f"{time.perf_counter() - step:.1f} s ({meta.get('texts_scored', 0)} texts scored, "
        f"{meta.get('texts_from_cache', 0)} from the cache)"
        if rebuilt
        else f"{time.perf_counter() - step:.1f} s (tables up to date)"
    )

    ensure_kernel()
    extra = dict(parameters or {})
    parameters = {**extra, "processed_dir": str(processed), "corpus": meta["corpus"]}
    if sample_size is not None:
        parameters["sample_size"] = sample_size
    executed_dir = out_dir / EXECUTED_DIR
    executed_dir.mkdir(parents=True, exist_ok=True)
    built_line = _built_line(meta, sample_size)
    jobs = []
    for path, nb in zip(notebooks, read, strict=True):
        own = report_slice.for_notebook(declared_parameters(nb))
        header = " ".join(filter(None, [built_line, describe(own)]))
        jobs.append(Job(path, executed_dir, {**parameters, **own}, header))
    reports = execute_all(jobs, default_workers() if workers is None else workers)
    if reports is None:
        return 1

    step = time.perf_counter()
    progress(f"building {EXPLORER_FILE} ...", end=" ")
    # The whole corpus (or the run's sample), whatever the slice: the page filters it itself.
    try:
        explorer = explorer_page(load_processed(processed, sample_size=sample_size), built_line)
    except BaseException:
        progress("failed")  # end the progress line; nothing has been written
        raise
    progress(f"{time.perf_counter() - step:.1f} s ({len(explorer.encode()) / 1e6:.1f} MB)")

    # Every page is rendered before the first is written: a failure above changes nothing.
    for built in reports:
        write_atomically(out_dir / built.file_name, built.page)
    write_atomically(out_dir / EXPLORER_FILE, explorer)
    rendered = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    index = render_index(
        reports, meta, sample_size, rendered, describe(report_slice.given()), EXPLORER_FILE
    )
    write_atomically(out_dir / INDEX_FILE, index)
    plural = "" if len(reports) == 1 else "s"
    progress(
        f"wrote {len(reports)} report{plural} and {INDEX_FILE} to {out_dir} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0
