"""``load_answers``: every source a user has, as one frame with one row per answer.

Sources: Written Questions API JSON (list pages, single-question responses, bare lists), the
scraped text of a written-question page (``.txt``), and CSV/Parquet tables with ``question`` and
``answer`` columns. Folders are read recursively (``manifest.json`` and README files skipped).

What the loader decides, so the measures need not:

* **One row per answer.** Records without an answer (unanswered or withdrawn questions) are not
  answers: they are skipped, counted in one warning per file.
* **Whole text first.** The same question id seen twice (a list page and its single-question
  response, or two fetches) is one answer: the whole text wins over a list page's clipped text,
  then the latest correction, then the file read last. Clipped text that survives is flagged
  (``is_clipped``) with a warning.
* **Holding answers** (``is_holding_answer``): the API's flag, or holding-answer wording
  (lexicon ``holding_answers``) for sources without the flag.
* **Grouped questions**: one answer given to several UINs. Every row of a group shares
  ``answer_group``; ``group_size`` counts its UINs and ``is_first_in_group`` marks one row per
  group in this frame, so corpus statistics can count the answer once.
"""

from __future__ import annotations

import gzip
import json
import warnings
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.language.blocks import html_to_text, looks_like_html
from analysis.language.lexicon import load_lexicon
from analysis.pipeline.checks import EXAMPLES_SHOWN, check_unique_ids
from analysis.sources.api_json import NotApiJson, is_clipped, iter_api_records, member_name
from analysis.sources.fields import bool_cell, date, flag, int_or_none, text_cell
from analysis.sources.seed_page import PageParseError, looks_like_page, parse_page
from analysis.sources.tables import TableError, read_table

ANSWER_COLUMNS = [
    "id",
    "uin",
    "house",
    "heading",
    "department",
    "department_id",
    "date_tabled",
    "date_answered",
    "date_for_answer",
    "is_named_day",
    "date_holding_answer",
    "question",
    "answer",
    "answer_html",
    "asking_member",
    "asking_member_id",
    "answering_member",
    "answering_member_id",
    "answering_member_role",
    "is_holding_answer",
    "is_correction",
    "date_corrected",
    "is_withdrawn",
    "is_clipped",
    "grouped_uins",
    "answer_group",
    "group_size",
    "is_first_in_group",
    "source",
]
_DATE_COLUMNS = [
    "date_tabled",
    "date_answered",
    "date_for_answer",
    "date_holding_answer",
    "date_corrected",
]
_SKIPPED_NAMES = {"manifest.json", "readme.md", "readme.txt", "provenance.md"}
_SUFFIXES = {".json", ".json.gz", ".txt", ".csv", ".parquet"}


class AnswerLoadWarning(UserWarning):
    """A file or record was skipped or changed on loading; the message names it and says why."""


class AnswerLoadError(ValueError):
    """Raised instead of :class:`AnswerLoadWarning` when ``strict=True``."""


# --------------------------------------------------------------------------------------------
# public


def load_answers(*paths: str | Path, strict: bool = False) -> pd.DataFrame:
    """Load written answers from files or folders into one frame, one row per answer.

    Columns: see ``ANSWER_COLUMNS`` (the contract's columns and the group and clipping flags).
    A bad file or record is skipped with an :class:`AnswerLoadWarning` that names it and says
    why; with ``strict=True`` it raises :class:`AnswerLoadError` instead.
    """
    if not paths:
        raise AnswerLoadError("load_answers needs at least one file or folder")
    rows: list[dict[str, Any]] = []
    for file in _expand(paths, strict):
        try:
            rows.extend(_read_file(file, strict))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            if isinstance(error, AnswerLoadError):
                raise
            _problem(f"{file}: skipped ({_one_line(error)})", strict)
    frame = _to_frame(rows)
    frame = _merge_duplicates(frame, strict)
    frame = _mark_groups(frame)
    check_unique_ids(frame)
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# files


def _problem(message: str, strict: bool) -> None:
    if strict:
        raise AnswerLoadError(message)
    warnings.warn(message, AnswerLoadWarning, stacklevel=3)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or error.__class__.__name__


def _expand(paths: Iterable[str | Path], strict: bool) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and _suffix(p) in _SUFFIXES
                and p.name.lower() not in _SKIPPED_NAMES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                _problem(
                    f"{path}: no .json, .json.gz, .txt, .csv or .parquet files in this folder",
                    strict,
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            _problem(f"{path}: no such file or folder", strict)
    return files


def _suffix(path: Path) -> str:
    """The file type: its last suffix, or ``.json.gz`` for gzipped API JSON (the snapshot)."""
    name = path.name.lower()
    return ".json.gz" if name.endswith(".json.gz") else path.suffix.lower()


def _read_file(path: Path, strict: bool) -> list[dict[str, Any]]:
    suffix = _suffix(path)
    if suffix in (".json", ".json.gz"):
        return _read_api_json(path, strict)
    if suffix == ".txt":
        return [_read_page(path, strict)]
    if suffix in (".csv", ".parquet"):
        return _read_table(path, strict)
    raise ValueError(
        f"unknown file type {suffix or '(none)'}; expected .json, .json.gz, .txt, .csv or .parquet"
    )


def _read_text(path: Path, strict: bool) -> str:
    """A file's text: UTF-8 (with or without a byte-order mark), else Windows-1252 with a
    warning, so a file saved by a spreadsheet or an old editor loses nothing; an empty or
    binary file is refused with a reason."""
    data = path.read_bytes()
    if _suffix(path) == ".json.gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise ValueError(f"not a whole gzip file ({_one_line(error)})") from error
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        _problem(
            f"{path}: not UTF-8 (byte {error.start}); read as Windows-1252, check its accents",
            strict,
        )
        return data.decode("cp1252", errors="replace")


def _read_api_json(path: Path, strict: bool) -> list[dict[str, Any]]:
    try:
        data = json.loads(_read_text(path, strict))
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid JSON at line {error.lineno} column {error.colno}") from error
    rows: list[dict[str, Any]] = []
    unanswered: list[str] = []
    try:
        records = list(iter_api_records(data))
    except NotApiJson as error:
        raise ValueError(str(error)) from error
    for record in records:
        if isinstance(record, tuple):
            position, reason = record
            _problem(f"{path} {position}: skipped ({reason})", strict)
            continue
        value = record.value
        if not (value.get("answerText") or "").strip() or value.get("isWithdrawn"):
            unanswered.append(str(value.get("id")))
            continue
        try:
            rows.append(_row_from_api(value, path, record.from_list_page))
        except (TypeError, ValueError) as error:
            _problem(f"{path} {record.position}: skipped ({_one_line(error)})", strict)
    if unanswered:
        shown = ", ".join(unanswered[:EXAMPLES_SHOWN]) + (
            " ..." if len(unanswered) > EXAMPLES_SHOWN else ""
        )
        warnings.warn(
            f"{path}: skipped {len(unanswered)} question(s) with no answer (unanswered or "
            f"withdrawn): ids {shown}",
            AnswerLoadWarning,
            stacklevel=4,
        )
    return rows


def _row_from_api(value: dict[str, Any], path: Path, from_list_page: bool) -> dict[str, Any]:
    answer_html = value.get("answerText") or ""
    grouped = [str(u) for u in (value.get("groupedQuestions") or []) if str(u).strip()]
    answer = html_to_text(answer_html)
    clipped = from_list_page and is_clipped(answer_html)
    return {
        "id": str(value["id"]),
        "uin": str(value.get("uin") or ""),
        "house": value.get("house"),
        "heading": value.get("heading"),
        "department": value.get("answeringBodyName"),
        "department_id": int_or_none(value.get("answeringBodyId")),
        "date_tabled": date(value.get("dateTabled")),
        "date_answered": date(value.get("dateAnswered")),
        "date_for_answer": date(value.get("dateForAnswer")),
        "is_named_day": flag(value.get("isNamedDay")),
        "date_holding_answer": date(value.get("dateHoldingAnswer")),
        "question": html_to_text(value.get("questionText") or ""),
        "answer": answer,
        "answer_html": answer_html,
        "asking_member": member_name(value.get("askingMember")),
        "asking_member_id": int_or_none(value.get("askingMemberId")),
        "answering_member": member_name(value.get("answeringMember")),
        "answering_member_id": int_or_none(value.get("answeringMemberId")),
        "answering_member_role": None,
        "is_holding_answer": bool(value.get("answerIsHolding")) or is_holding_text(answer),
        "is_correction": bool(value.get("answerIsCorrection")),
        "date_corrected": date(value.get("dateAnswerCorrected")),
        "is_withdrawn": bool(value.get("isWithdrawn")),
        "is_clipped": clipped,
        "grouped_uins": ";".join(grouped),
        "source": str(path),
        "_whole": not clipped,
    }


def _read_page(path: Path, strict: bool = False) -> dict[str, Any]:
    text = _read_text(path, strict)
    if not looks_like_page(text):
        raise ValueError(
            "not the text of a written-question page (no 'Question to the ...:' and "
            "'This question was answered on ...' lines)"
        )
    try:
        page = parse_page(text)
    except PageParseError as error:
        raise ValueError(str(error)) from error
    return {
        "id": path.stem,
        "uin": "",
        "house": "Commons" if "Secretary of State" in page.question else None,
        "heading": page.heading,
        "department": page.department,
        "department_id": None,
        "date_tabled": pd.Timestamp(page.date_tabled) if page.date_tabled else None,
        "date_answered": pd.Timestamp(page.date_answered) if page.date_answered else None,
        "date_for_answer": None,
        "is_named_day": None,
        "date_holding_answer": None,
        "question": page.question,
        "answer": page.answer,
        "answer_html": "",
        "asking_member": None,
        "asking_member_id": None,
        "answering_member": page.answering_member,
        "answering_member_id": None,
        "answering_member_role": page.answering_member_role,
        "is_holding_answer": is_holding_text(page.answer),
        "is_correction": False,
        "date_corrected": None,
        "is_withdrawn": False,
        "is_clipped": False,
        "grouped_uins": "",
        "source": str(path),
        "_whole": True,
    }


def _read_table(path: Path, strict: bool) -> list[dict[str, Any]]:
    try:
        table = read_table(path)
    except TableError as error:
        raise ValueError(str(error)) from error
    rows: list[dict[str, Any]] = []
    empty: list[int] = []
    for number, record in enumerate(table.to_dict("records"), start=1):
        raw_answer = text_cell(record.get("answer"))
        if not raw_answer.strip():
            empty.append(number)
            continue
        html = raw_answer if looks_like_html(raw_answer) else text_cell(record.get("answer_html"))
        answer = html_to_text(raw_answer)
        row_id = text_cell(record.get("id")).strip() or f"{path.stem}:{number}"
        try:
            row = {
                "id": row_id,
                "uin": text_cell(record.get("uin")),
                "house": text_cell(record.get("house")) or None,
                "heading": text_cell(record.get("heading")) or None,
                "department": text_cell(record.get("department")) or None,
                "department_id": int_or_none(text_cell(record.get("department_id")).split(".")[0]),
                "date_tabled": date(text_cell(record.get("date_tabled"))),
                "date_answered": date(text_cell(record.get("date_answered"))),
                "date_for_answer": date(text_cell(record.get("date_for_answer"))),
                "is_named_day": flag(text_cell(record.get("is_named_day"))),
                "date_holding_answer": date(text_cell(record.get("date_holding_answer"))),
                "question": html_to_text(text_cell(record.get("question"))),
                "answer": answer,
                "answer_html": html,
                "asking_member": text_cell(record.get("asking_member")) or None,
                "asking_member_id": int_or_none(
                    text_cell(record.get("asking_member_id")).split(".")[0]
                ),
                "answering_member": text_cell(record.get("answering_member")) or None,
                "answering_member_id": int_or_none(
                    text_cell(record.get("answering_member_id")).split(".")[0]
                ),
                "answering_member_role": text_cell(record.get("answering_member_role")) or None,
                "is_holding_answer": bool_cell(record.get("is_holding_answer"))
                or is_holding_text(answer),
                "is_correction": bool_cell(record.get("is_correction")),
                "date_corrected": date(text_cell(record.get("date_corrected"))),
                "is_withdrawn": False,
                "is_clipped": bool_cell(record.get("is_clipped")),
                "grouped_uins": text_cell(record.get("grouped_uins")),
                "source": str(path),
                "_whole": True,
            }
        except (TypeError, ValueError) as error:
            _problem(f"{path} row {number}: skipped ({_one_line(error)})", strict)
            continue
        rows.append(row)
    if empty:
        shown = ", ".join(map(str, empty[:EXAMPLES_SHOWN])) + (
            " ..." if len(empty) > EXAMPLES_SHOWN else ""
        )
        _problem(f"{path}: skipped {len(empty)} row(s) with an empty answer: rows {shown}", strict)
    return rows


# --------------------------------------------------------------------------------------------
# the frame


def is_holding_text(answer: str) -> bool:
    """True when the answer uses holding-answer wording (lexicon ``holding_answers``)."""
    lowered = " ".join((answer or "").lower().split())
    return any(entry["phrase"] in lowered for entry in load_lexicon("holding_answers"))


def _to_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = [
        c for c in ANSWER_COLUMNS if c not in ("answer_group", "group_size", "is_first_in_group")
    ]
    frame = pd.DataFrame(rows, columns=[*columns, "_whole"])
    for column in _DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("department_id", "asking_member_id", "answering_member_id"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in ("is_holding_answer", "is_correction", "is_withdrawn", "is_clipped", "_whole"):
        frame[column] = frame[column].fillna(False).astype(bool)
    frame["is_named_day"] = pd.array(frame["is_named_day"].tolist(), dtype="boolean")
    for column in ("id", "uin", "question", "answer", "answer_html", "grouped_uins", "source"):
        frame[column] = frame[column].fillna("").astype(str)
    for column in (
        "house",
        "heading",
        "department",
        "asking_member",
        "answering_member",
        "answering_member_role",
    ):
        frame[column] = pd.array(frame[column].where(frame[column].notna(), None), dtype="str")
    return frame


def _merge_duplicates(frame: pd.DataFrame, strict: bool) -> pd.DataFrame:
    duplicated = frame["id"].duplicated(keep=False)
    if not duplicated.any():
        return frame.drop(columns="_whole")
    # Best version last: whole text over clipped, then the latest correction, then read order.
    ranked = frame.assign(
        _order=range(len(frame)),
        _corrected=frame["date_corrected"].fillna(pd.Timestamp.min),
    ).sort_values(["_whole", "_corrected", "_order"], kind="stable")
    kept = ranked.drop_duplicates("id", keep="last").sort_values("_order")
    dropped = len(frame) - len(kept)
    differing = frame.loc[duplicated].groupby("id")["answer"].nunique().gt(1).sum()
    repeated_ids = int(frame.loc[duplicated, "id"].nunique())
    message = (
        f"{dropped} repeated record(s) of {repeated_ids} question id(s) "
        f"merged, keeping the whole and most recent text"
        + (f" ({int(differing)} had differing answer text)" if differing else "")
    )
    warnings.warn(message, AnswerLoadWarning, stacklevel=3)
    clipped = kept["is_clipped"]
    if clipped.any():
        warnings.warn(
            f"{int(clipped.sum())} answer(s) are clipped at 255 characters by the list endpoint "
            "and no whole text was found; fetch them with answer-language fetch",
            AnswerLoadWarning,
            stacklevel=3,
        )
    return kept.drop(columns=["_whole", "_order", "_corrected"])


def _group_key(
    answer_id: str, uin: str, grouped_uins: str, house: object, body: object, answered: object
) -> tuple[str, int]:
    """The key of the group an answer was given to (grouped questions answered together), and
    the group's size."""
    if not grouped_uins:
        return f"id:{answer_id}", 1
    members = {uin, *[u for u in grouped_uins.split(";") if u]}
    members.discard("")
    day = answered.strftime("%Y-%m-%d") if pd.notna(answered) else "?"
    return f"{house}|{body}|{day}|{'+'.join(sorted(members))}", len(members)


def _mark_groups(frame: pd.DataFrame) -> pd.DataFrame:
    # Column by column, as plain lists: a row-wise apply took a second and a half on the corpus.
    bodies = [
        number if pd.notna(number) else name
        for number, name in zip(frame["department_id"], frame["department"], strict=True)
    ]
    keys = [
        _group_key(*fields)
        for fields in zip(
            frame["id"].tolist(),
            frame["uin"].tolist(),
            frame["grouped_uins"].tolist(),
            frame["house"].tolist(),
            bodies,
            frame["date_answered"].tolist(),
            strict=True,
        )
    ]
    frame["answer_group"] = pd.Series([key for key, _ in keys], index=frame.index, dtype=str)
    frame["group_size"] = pd.Series([size for _, size in keys], index=frame.index, dtype="int64")
    frame["is_first_in_group"] = ~frame["answer_group"].duplicated()
    return frame[ANSWER_COLUMNS]
