"""answer-language: the score command writes both tables; bad input gives one line, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_score_writes_answers_and_sentences(tmp_path: Path, seed_page: Path, suffix: str) -> None:
    out = tmp_path / f"scores{suffix}"
    assert main(["score", str(seed_page), "--out", str(out)]) == 0
    read = pd.read_parquet if suffix == ".parquet" else pd.read_csv
    answers = read(out)
    sentences = read(tmp_path / f"scores.sentences{suffix}")
    assert len(answers) == 1 and answers.loc[0, "sentence_count"] == 22
    assert len(sentences) == 22 and set(sentences["id"]) == {answers.loc[0, "id"]}
    # The seed's page text has 8 paragraphs (the link on its own line is one).
    assert len(read(tmp_path / f"scores.paragraphs{suffix}")) == 8
    assert (tmp_path / f"scores.asks{suffix}").exists()


def test_promises_writes_threads_and_mentions(tmp_path: Path, seed_page: Path) -> None:
    # The seed answer promises the National Cancer Plan "later this year" (13 October 2025).
    out = tmp_path / "promises.csv"
    assert main(["promises", str(seed_page), "--out", str(out)]) == 0
    threads = pd.read_csv(out)
    mentions = pd.read_csv(tmp_path / "promises.mentions.csv")
    thread = threads.set_index("object").loc["cancer plan"]
    assert thread["action"] == "publish"
    assert thread["last_deadline"] == "2025-12-31"
    assert thread["status"] == "open"
    assert set(mentions.loc[mentions["is_promise"], "promise_id"]) >= {thread["promise_id"]}


def test_promises_bad_output_is_one_line(tmp_path: Path, seed_page: Path) -> None:
    result = _run("promises", str(seed_page), "--out", str(tmp_path / "p.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "answer-language promises: --out must end in .csv or .parquet, not 'p.txt'"
    )


def test_bad_output_suffix_is_one_line(tmp_path: Path, seed_page: Path) -> None:
    result = _run("score", str(seed_page), "--out", str(tmp_path / "scores.xlsx"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "must end in .csv or .parquet" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_input_is_one_line(tmp_path: Path) -> None:
    result = _run("score", str(tmp_path / "nowhere"), "--out", str(tmp_path / "s.csv"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"answer-language score: {tmp_path / 'nowhere'}: no such file or folder"
    )


def test_unreadable_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    result = _run("score", str(bad), "--out", str(tmp_path / "s.csv"), "--strict")
    assert result.returncode == 2
    assert "bad.json" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_arguments_exit_non_zero() -> None:
    result = _run("score")
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_unknown_department_stops_the_report_naming_the_closest(
    tmp_path: Path, seed_page: Path
) -> None:
    # The department is checked before scoring or any notebook runs.
    result = _run(
        "report",
        "--corpus",
        str(seed_page),
        "--department",
        "Departmnt of Helth",
        "--out",
        str(tmp_path / "reports"),
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "unknown department 'Departmnt of Helth'" in result.stderr
    assert "Department of Health and Social Care" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    ("flags", "complaint"),
    [
        (["--from", "2026-13-01"], "--from '2026-13-01' is not a date"),
        (["--from", "2026-05-01", "--to", "2026-01-01"], "is after --to"),
        (["--topic", " "], "--topic is empty"),
    ],
)
def test_bad_report_parameters_are_one_line(
    tmp_path: Path, seed_page: Path, flags: list[str], complaint: str
) -> None:
    result = _run("report", "--corpus", str(seed_page), *flags, "--out", str(tmp_path / "r"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert complaint in result.stderr


def test_department_names_resolve_to_the_answering_body() -> None:
    from analysis.reporting.slices import department_name

    names = ["Department of Health and Social Care", "Home Office"]
    assert department_name("DHSC", names) == "Department of Health and Social Care"
    assert department_name("health", names) == "Department of Health and Social Care"
    assert department_name("17", names) == "Department of Health and Social Care"
    assert department_name("home office", names) == "Home Office"
