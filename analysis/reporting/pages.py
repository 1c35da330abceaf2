"""One report notebook executed and rendered into its page, and all of them at once.

Each notebook runs from a clean kernel with papermill and is rendered by nbconvert with the
project's template (code and prompts hidden, images inline); :func:`execute_all` runs them a few
at a time, one process each, and gives the pages back in the notebooks' order, or None after
printing the first failure. Nothing here writes a page: :mod:`analysis.reporting.build` does,
once every notebook has succeeded.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Iterator
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import nbformat

from analysis import paths
from analysis.pipeline.processes import process_pool
from analysis.reporting.notebooks import FINDING_TAG, for_reading, notebook_finding, notebook_title

KERNEL_NAME = "answer-language"
TEMPLATES = paths.TEMPLATES
REPORT_TEMPLATE = "answer_language"
INDEX_FILE = "index.html"
FOOTER = (
    "Source: UK Parliament written questions and answers. Contains Parliamentary information "
    "licensed under the Open Parliament Licence v3.0."
)
# Generous: the slowest cell (the external checks, uncached) takes about a minute and a half;
# this only stops a hung kernel from holding CI forever.
CELL_TIMEOUT_SECONDS = 1800
KERNEL_START_TIMEOUT_SECONDS = 180


class NotebookError(Exception):
    """A report notebook that broke its contract, failed to execute or failed to render.

    ``str()`` is the one line shown to the user, naming the notebook.
    """


@dataclass(frozen=True)
class Report:
    """One rendered report, ready to be written: what the index needs and the page itself."""

    name: str
    title: str
    finding: str
    page: str

    @property
    def file_name(self) -> str:
        return f"{self.name}.html"


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def progress(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)


def _execute(
    notebook: Path, executed: Path, parameters: dict, kernel_name: str
) -> nbformat.NotebookNode:
    """Run one notebook from a clean kernel; raise NotebookError with a one-line reason."""
    import papermill
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    name = notebook.stem
    try:
        return papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            kernel_name=kernel_name,
            language="python",
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT_SECONDS,
            # A loaded machine can take over the default 60 s to start a kernel.
            start_timeout=KERNEL_START_TIMEOUT_SECONDS,
            # The spec declares CurveZMQ support; with keys provisioned, the kernel talks over
            # encrypted sockets and does not print its plain-TCP warning into our output.
            config=Config({"KernelManager": {"transport_encryption": "auto"}}),
            # jupyter_client interrupts every kernel before shutting it down, and ipykernel logs
            # that as "ERROR | KeyboardInterrupt caught in kernel" after each notebook. Cell
            # errors reach us as messages, not kernel logs, so nothing useful is lost.
            extra_arguments=["--log-level=CRITICAL"],
        )
    except PapermillExecutionError as error:
        raise NotebookError(
            f"notebook {name} failed: {error.ename}: {one_line(error.evalue)}"
        ) from error
    except Exception as error:
        # A dead kernel, a timeout or an unreadable notebook: still one line, never a traceback.
        detail = one_line(error)
        reason = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
        raise NotebookError(f"notebook {name} failed: {reason}") from error


def _exporter():
    """nbconvert's HTML exporter with our template: code and prompts hidden, images inline."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=REPORT_TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def _build_report(
    path: Path, executed_dir: Path, parameters: dict, built_line: str, exporter
) -> tuple[Report, list[str]]:
    """Execute one notebook and render its page; return it with the stderr left out of it."""
    name = path.stem
    nb = _execute(path, executed_dir / path.name, parameters, KERNEL_NAME)
    title = notebook_title(nb) or name
    finding = notebook_finding(nb)
    if finding is None:
        raise NotebookError(
            f"notebook {name} failed: the cell tagged {FINDING_TAG!r} displayed no Markdown "
            "(display(Markdown(...)))"
        )
    stderr = for_reading(nb)
    nb.metadata["title"] = title
    resources = {
        # The folder lets nbconvert embed images that Markdown cells link beside the notebook.
        "metadata": {"name": name, "path": str(path.parent)},
        "report": {
            "title": title,
            "built_line": built_line,
            "index_href": INDEX_FILE,
            "footer": FOOTER,
        },
    }
    try:
        page, _ = exporter.from_notebook_node(nb, resources=resources)
    except Exception as error:
        raise NotebookError(
            f"notebook {name} failed to render: {type(error).__name__}: {one_line(error)}"
        ) from error
    return Report(name=name, title=title, finding=finding, page=page), stderr


@contextlib.contextmanager
def _quiet_papermill() -> Iterator[None]:
    """Hold papermill's logging to errors while the notebooks run.

    It logs each kernel start, and any parameter a notebook does not declare, as warnings; the
    contract check covers the parameters, so stderr keeps to our progress lines.
    """
    logger = logging.getLogger("papermill")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass(frozen=True)
class Job:
    """One notebook to execute and render: where it is, where its executed copy goes, its
    parameters and the header line of its page."""

    path: Path
    executed_dir: Path
    parameters: dict
    header: str


def _run_job(job: Job) -> tuple[Report, list[str], float]:
    """Execute and render one notebook (in a worker process): the page, the stderr left out of it
    and the seconds it took."""
    start = time.perf_counter()
    with _quiet_papermill():
        built, stderr = _build_report(
            job.path, job.executed_dir, job.parameters, job.header, _exporter()
        )
    return built, stderr, time.perf_counter() - start


def _report_done(built: Report, stderr: list[str], seconds: float) -> None:
    progress(f"executed {built.name} in {seconds:.1f} s")
    if stderr:
        first = next((line for text in stderr for line in text.splitlines() if line), "")
        progress(
            f"  note: {len(stderr)} stderr output(s) left out of {built.file_name}, "
            f"first: {first[:160]}"
        )


def execute_all(jobs: list[Job], workers: int) -> list[Report] | None:
    """Every job's report in the jobs' order, or None after printing the first failure.

    The notebooks are independent (each reads the processed tables and writes only its own
    executed copy), so they run ``workers`` at a time (one at a time when 1), each in its own
    process with its own kernel: papermill changes the working directory while it runs a
    notebook, so two cannot share a process. Each line of progress is printed when its notebook
    finishes. On a failure the notebooks not yet started are cancelled and those running are
    let finish, so no kernel is left behind.
    """
    workers = max(1, min(workers, len(jobs)))
    progress(
        f"executing {len(jobs)} notebook{'' if len(jobs) == 1 else 's'}"
        + (f", {workers} at a time" if workers > 1 else "")
    )
    done: dict[Path, Report] = {}
    with process_pool(workers) as pool:
        futures = {pool.submit(_run_job, job): job for job in jobs}
        try:
            for future in as_completed(futures):
                try:
                    built, stderr, seconds = future.result()
                except (NotebookError, BrokenProcessPool) as error:
                    pool.shutdown(wait=True, cancel_futures=True)
                    # A process that died (killed, out of memory) breaks the pool and fails every
                    # notebook not yet done, so no one notebook can be named.
                    reason = (
                        error
                        if isinstance(error, NotebookError)
                        else "a process running the notebooks died (killed, or out of memory)"
                    )
                    progress(f"answer-language report: {reason}")
                    return None
                _report_done(built, stderr, seconds)
                done[futures[future].path] = built
        except KeyboardInterrupt:
            progress("interrupted")
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [done[job.path] for job in jobs]
