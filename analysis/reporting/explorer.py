"""reports/explorer.html: every answer of the corpus in one self-contained, searchable page.

:func:`explorer_page` turns the processed tables into one HTML page: a DataTables table (the
offline bundle of the ``itables`` package, inlined) with one row per answer and its scores, to
sort, filter (SearchPanes for department, minister and the like; SearchBuilder for dates and
ranges of the measures), search (heading, question and answer text) and export as CSV; and, a
click away, each answer's reading: its question and asks, and its answer sentence by sentence
with labels, cues, stock paragraphs and deflections.

Nothing is fetched: the script, styles and data are all in the page, so it opens offline and as
an e-mail attachment. Text from the API is data, never mark-up: it travels in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the page's
script puts it into the document as text (DataTables' cells through an escaping renderer, the
reading panel with ``textContent``).

The data block keeps the page small (the whole corpus is about 12 MB): the answer text is kept
once, as sentences; each cue is stored once and sentences point at it; an ask is kept as what it
shares with the start and end of its question plus the words between.
"""

from __future__ import annotations

import html
import json
import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.labelers.vocabulary import COMMITMENT_NAMES, TIME_LABELS
from analysis.measures.responsiveness import ASK_KINDS, STATUS_SCORES
from analysis.pipeline.processed import Processed

TEMPLATE_DIR = paths.TEMPLATES / "explorer"
FOOTER = (
    "Source: UK Parliament written questions and answers. Contains Parliamentary information "
    "licensed under the Open Parliament Licence v3.0."
)
# The answer on the Parliament website; the site files a question under the day it was tabled.
QUESTION_URL = "https://questions-statements.parliament.uk/written-questions/detail/"
STATUSES = tuple(STATUS_SCORES)
# Cue lists of the sentence table, in the order the reading panel shows them.
CUE_COLUMNS = ("time_cues", "commitment_cues", "specific_cues")


@dataclass(frozen=True)
class Column:
    """One column of the table: where its values come from and how they are shown.

    ``kind``: ``date``, ``text``, ``int``, ``num`` (``digits`` decimals), ``percent`` (a 0-1
    share shown as a whole percentage) or ``yesno``. ``filter``: ``panes`` (SearchPanes lists
    its values) or ``builder`` (SearchBuilder offers ranges). ``optional`` columns are left out
    when the answers table lacks them.
    """

    key: str
    title: str
    kind: str
    note: str
    digits: int = 0
    filter: str = ""
    optional: bool = False


COLUMNS = (
    Column("date_answered", "Answered", "date", "Date of the answer.", filter="builder"),
    Column("heading", "Heading", "text", "The question's heading, as Parliament files it."),
    Column("department", "Department", "text", "The answering body.", filter="panes"),
    Column(
        "answering_member",
        "Minister",
        "text",
        "Who answered: the name, or the Parliament member id where the data has no name.",
        filter="panes",
    ),
    Column("word_count", "Words", "int", "Words in the answer.", filter="builder"),
    Column(
        "flesch_reading_ease",
        "Reading ease",
        "num",
        "Flesch reading ease: higher is easier (60-70 plain English, below 30 very hard).",
        filter="builder",
    ),
    Column(
        "commitment",
        "Commitment",
        "num",
        "Mean commitment of the sentences reporting government action: 0 refusal or "
        "deflection, 1 weak, 2 qualified, 3 firm.",
        digits=2,
        filter="builder",
    ),
    Column(
        "future_share",
        "Future %",
        "percent",
        "Share of sentences about future plans.",
        filter="builder",
    ),
    Column(
        "specificity",
        "Details per sentence",
        "num",
        "Checkable details (numbers, money, dates, names, laws, sources) per sentence.",
        digits=2,
        filter="builder",
    ),
    Column(
        "asks_addressed_share",
        "Asks addressed %",
        "percent",
        "Share of the question's asks the answer addresses (partly counts half).",
        filter="builder",
    ),
    Column(
        "asks_answered",
        "Asks answered",
        "text",
        "Whether the answer answers all, some or none of the question's asks.",
        filter="panes",
    ),
    Column(
        "stock_share",
        "Stock text %",
        "percent",
        "Share of the answer's words in paragraphs that recur in answers to other questions.",
        filter="builder",
    ),
    Column(
        "deflection_share",
        "Deflection %",
        "percent",
        "Share of sentences passing the question to another body.",
        filter="builder",
    ),
    Column("deflected_to", "Deflected to", "text", "The bodies named.", filter="panes"),
    Column(
        "days_to_answer",
        "Days to answer",
        "int",
        "Calendar days from tabling to answer.",
        filter="builder",
        optional=True,
    ),
    Column(
        "answered_on_time",
        "On time",
        "yesno",
        "Answered on or before the date due (the named day for a named-day question).",
        filter="panes",
        optional=True,
    ),
    Column(
        "is_named_day",
        "Named day",
        "yesno",
        "The asking Member named the day for the answer.",
        filter="panes",
        optional=True,
    ),
)
# Hidden columns the CSV carries so each exported row can be traced back to its answer.
EXPORT_ONLY = (
    Column("id", "Id", "text", ""),
    Column("uin", "UIN", "text", ""),
    Column("date_tabled", "Tabled", "date", ""),
)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _flag(value: object) -> bool:
    return not _missing(value) and bool(value)


def _text(value: object) -> str | None:
    if _missing(value):
        return None
    return str(value) or None


def _date(value: object) -> str | None:
    return None if _missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _values(answers: pd.DataFrame, column: Column) -> list[object]:
    """A column's cell values, ready for JSON: rounded numbers, dates as text, None for blank."""
    series = answers[column.key]
    if column.kind == "date":
        return [_date(value) for value in series]
    if column.kind == "yesno":
        return [None if _missing(value) else ("yes" if value else "no") for value in series]
    if column.kind in ("int", "num", "percent"):
        numbers = pd.to_numeric(series, errors="coerce").astype("float64")
        if column.kind == "percent":
            numbers = numbers * 100
        digits = column.digits if column.kind == "num" else 0
        rounded = numbers.round(digits)
        return [
            None if pd.isna(value) else (round(value, digits) if digits else int(value))
            for value in rounded
        ]
    return [_text(value) for value in series]


def _ministers(answers: pd.DataFrame) -> list[str | None]:
    """The answering member's name, else "Member <id>" (the API lists members by id alone)."""
    names = answers.get("answering_member")
    ids = answers.get("answering_member_id")
    out: list[str | None] = []
    for position in range(len(answers)):
        name = _text(names.iloc[position]) if names is not None else None
        member = ids.iloc[position] if ids is not None else None
        out.append(name or (None if _missing(member) else f"Member {int(member)}"))
    return out


def table_columns(answers: pd.DataFrame) -> list[Column]:
    """The columns the table shows for this answers table (optional ones only when present)."""
    return [c for c in COLUMNS if not c.optional or c.key in answers.columns]


def _table(answers: pd.DataFrame, columns: list[Column]) -> list[list[object]]:
    values = []
    for column in [*columns, *EXPORT_ONLY]:
        if column.key == "answering_member":
            values.append(_ministers(answers))
        elif column.key in answers.columns:
            values.append(_values(answers, column))
        else:
            values.append([None] * len(answers))
    return [list(row) for row in zip(*values, strict=True)]


class _Cues:
    """Each distinct cue stored once; the commonest get the shortest numbers."""

    def __init__(self, sentences: pd.DataFrame) -> None:
        counts: Counter[str] = Counter()
        for column in CUE_COLUMNS:
            for cues in sentences[column].fillna("").astype(str):
                counts.update(_cue_parts(cues))
        self.table = [cue for cue, _ in counts.most_common()]
        self._index = {cue: number for number, cue in enumerate(self.table)}

    def numbers(self, cues: object) -> list[int]:
        return [self._index[cue] for cue in _cue_parts("" if _missing(cues) else str(cues))]


def _cue_parts(cues: str) -> list[str]:
    return [part for part in cues.split("; ") if part]


def _utf16(text: str) -> int:
    """The length JavaScript gives ``text`` (UTF-16 code units), which the page slices by."""
    return len(text.encode("utf-16-le")) // 2


def _shared(first: str, second: str) -> int:
    """How many characters the two strings share from their start."""
    for position, (one, other) in enumerate(zip(first, second, strict=False)):
        if one != other:
            return position
    return min(len(first), len(second))


def _ask(question: str, ask: str) -> list[object]:
    """An ask as [length shared with the question's start, the words between, length shared
    with its end]: most asks are their question, or a clause of it, nearly verbatim."""
    start = _shared(question, ask)
    rest, tail = ask[start:], question[start:]
    end = _shared(rest[::-1], tail[::-1])
    middle = rest[: len(rest) - end]
    return [_utf16(ask[:start]), middle, _utf16(rest[len(rest) - end :])]


def _position(values: tuple[object, ...], value: object) -> int | None:
    """Where ``value`` is in ``values`` (the page names labels by number), None if nowhere."""
    return values.index(value) if isinstance(value, str | int) and value in values else None


def _sentence(row, cues: _Cues) -> list[object]:
    """[text, time, commitment, specific, paragraph, cue numbers x3, deflected to if any]."""
    level = None if _missing(row.commitment) else int(row.commitment)
    time = _position(TIME_LABELS, row.time)
    specific = None if _missing(row.specific) else int(bool(row.specific))
    item = [
        str(row.sentence),
        time,
        level,
        specific,
        int(row.paragraph),
        cues.numbers(row.time_cues),
        cues.numbers(row.commitment_cues),
        cues.numbers(row.specific_cues),
    ]
    if _flag(row.is_deflection) and _text(row.deflected_to):
        item.append(str(row.deflected_to))
    return item


def _details(processed: Processed, cues: _Cues) -> list[list[object]]:
    """Per answer, in table order: [question, sentences, asks, stock paragraphs, facts]."""
    answers = processed.answers
    ids = answers["id"].astype(str)
    sentences: dict[str, list] = {}
    ordered = processed.sentences.sort_values(["id", "sentence_index"], kind="stable")
    for row in ordered.itertuples(index=False):
        sentences.setdefault(str(row.id), []).append(_sentence(row, cues))
    questions = dict(zip(ids, answers["question"].map(lambda q: _text(q) or ""), strict=True))
    asks: dict[str, list] = {}
    for row in processed.asks.sort_values(["id", "ask_index"], kind="stable").itertuples():
        key = str(row.id)
        encoded = _ask(questions.get(key, ""), "" if _missing(row.ask) else str(row.ask))
        asks.setdefault(key, []).append(
            [*encoded, _position(STATUSES, row.status), _position(ASK_KINDS, row.kind)]
        )
    stock: dict[str, list] = {}
    paragraphs = processed.paragraphs
    for row in paragraphs[paragraphs["is_stock"].fillna(False).astype(bool)].itertuples():
        count = None if _missing(row.question_count) else int(row.question_count)
        stock.setdefault(str(row.id), []).append([int(row.paragraph), count])
    facts = _facts(answers)
    return [
        [questions[key], sentences.get(key, []), asks.get(key, []), stock.get(key, []), fact]
        for key, fact in zip(ids, facts, strict=True)
    ]


def _facts(answers: pd.DataFrame) -> list[dict[str, object]]:
    """What the reading panel says about an answer beyond the table: short keys, only if set."""
    sources = {
        "r": "answering_member_role",
        "n": "non_answer_reason",
        "g": "group_size",
    }
    columns = {key: answers[name] for key, name in sources.items() if name in answers}
    holding = answers.get("is_holding_answer", pd.Series(False, index=answers.index))
    corrected = answers.get("is_correction", pd.Series(False, index=answers.index))
    out = []
    for position in range(len(answers)):
        fact: dict[str, object] = {}
        for key, series in columns.items():
            value = series.iloc[position]
            if key == "g":
                if not _missing(value) and int(value) > 1:
                    fact[key] = int(value)
            elif _text(value):
                fact[key] = str(value)
        if _flag(holding.iloc[position]):
            fact["h"] = 1
        if _flag(corrected.iloc[position]):
            fact["c"] = 1
        out.append(fact)
    return out


def script_json(value: object) -> str:
    """JSON for a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&`` left to
    end the block or start mark-up, whatever the text holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@cache
def _bundle() -> tuple[str, str]:
    """itables' offline DataTables bundle (script, styles), ready to inline in a page.

    The bundle is an ES module ending in ``export{...}`` (and its licence comments); inlined,
    it hands DataTables, its default export, to the page's own script through ``globalThis``.
    ``<script`` and ``<!--`` occur in its string and regular-expression literals, where
    ``\\x3C`` means the same ``<`` but cannot change how the HTML parser reads the script
    element.
    """
    import itables

    folder = Path(itables.__file__).parent / "html"
    script = (folder / "dt_bundle.js").read_text(encoding="utf-8")
    styles = (folder / "dt_bundle.css").read_text(encoding="utf-8")
    # The export statement is the bundle's last; only licence comments follow it.
    match = re.search(r"export\s*\{([^}]*)\}\s*;?(?=\s*(?:/\*.*?\*/\s*)*\Z)", script, re.S)
    if match is None:
        raise ValueError(f"{folder / 'dt_bundle.js'}: no export statement at its end")
    exported = {}
    for part in match.group(1).split(","):
        local, _, name = part.strip().partition(" as ")
        exported[name or local] = local
    if "default" not in exported:
        raise ValueError(f"{folder / 'dt_bundle.js'}: DataTables is not its default export")
    handoff = f"globalThis.ExplorerDataTables={{DataTable:{exported['default']}}};"
    script = script[: match.start()] + handoff + script[match.end() :]
    script = re.sub(r"<(?=!--|/?script)", r"\\x3C", script, flags=re.I)
    if re.search(r"<!--|</?script", script, re.I) or re.search(r"</style", styles, re.I):
        raise ValueError("the DataTables bundle cannot be inlined safely")
    return script, styles


def _template(name: str) -> str:
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")


def _day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%B %Y}"


def _summary(answers: pd.DataFrame) -> str:
    count = len(answers)
    holding = sum(_flag(value) for value in answers.get("is_holding_answer", []))
    dates = pd.to_datetime(answers.get("date_answered", pd.Series()), errors="coerce").dropna()
    span = f", answered {_day(dates.min())} to {_day(dates.max())}" if len(dates) else ""
    plural = "" if count == 1 else "s"
    held = f" ({holding:,} holding answers, not scored)" if holding else ""
    return f"{count:,} written answer{plural}{held}{span}, one row each, with their scores."


def _notes(columns: list[Column]) -> str:
    return "\n".join(
        f"<dt>{html.escape(column.title)}</dt><dd>{html.escape(column.note)}</dd>"
        for column in columns
    )


def explorer_page(processed: Processed, built_line: str = "") -> str:
    """The whole explorer page for ``processed``: one row per answer, every answer readable."""
    answers = processed.answers.reset_index(drop=True)
    columns = table_columns(answers)
    cues = _Cues(processed.sentences)
    data = {
        "columns": [
            {
                "key": c.key,
                "title": c.title,
                "note": c.note,
                "kind": c.kind,
                "digits": c.digits,
                "filter": c.filter,
            }
            for c in columns
        ]
        + [{"key": c.key, "title": c.title, "kind": c.kind, "export": 1} for c in EXPORT_ONLY],
        "rows": _table(answers, columns),
        "details": _details(processed, cues),
        "cues": cues.table,
        "labels": {
            "time": list(TIME_LABELS),
            "commitment": [COMMITMENT_NAMES[level] for level in sorted(COMMITMENT_NAMES)],
            "status": list(STATUSES),
            "kind": list(ASK_KINDS),
        },
        "url": QUESTION_URL,
    }
    script, styles = _bundle()
    page = string.Template(_template("page.html"))
    return page.substitute(
        report_css=paths.REPORT_CSS.read_text(encoding="utf-8"),
        datatables_css=styles,
        explorer_css=_template("explorer.css"),
        built=html.escape(built_line),
        summary=html.escape(_summary(answers)),
        notes=_notes(columns),
        footer=html.escape(FOOTER),
        data=script_json(data),
        datatables_js=script,
        explorer_js=_template("explorer.js"),
    )
