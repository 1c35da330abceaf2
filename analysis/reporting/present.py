"""HTML for sentences and answers in the reports, with every piece of answer text escaped.

Answer text is untrusted HTML from the API: it is escaped before any mark-up is added, and cue
highlighting works on the escaped text's parts, never by inserting raw text.
"""

from __future__ import annotations

import html
import itertools
import re

import pandas as pd

from analysis.labelers.vocabulary import COMMITMENT_NAMES
from analysis.reporting.charts import LEVEL_COLOURS, TIME_COLOURS

QUESTION_URL = "https://questions-statements.parliament.uk/written-questions/detail/{date}/{uin}"
_TABLE_NUMBERS = itertools.count(1)  # each table's own class, for its column alignment
STYLE = """
<style>
.al-sentences { border-collapse: collapse; width: 100%; font-size: 0.95em; }
.al-sentences td, .al-sentences th { border-bottom: 1px solid #ddd; padding: 4px 6px;
  vertical-align: top; text-align: left; }
.al-tag { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff;
  font-size: 0.85em; white-space: nowrap; }
.al-sentences mark { background: #F0E442; padding: 0 1px; }
.al-list li { margin-bottom: 0.4em; }
.jp-RenderedHTMLCommon table.al-table td, .jp-RenderedHTMLCommon table.al-table th,
table.al-table td, table.al-table th { text-align: left; vertical-align: top; }
</style>
"""


def _table(header: str, rows: list[str]) -> str:
    """A table that scrolls sideways on a narrow screen rather than overflowing the page."""
    body = "".join(rows)
    return (
        f'{STYLE}<div style="overflow-x:auto">'
        f'<table class="al-sentences">{header}{body}</table></div>'
    )


def cue_phrases(cues: str) -> list[str]:
    """The quoted words of a cue string: "future: will publish; 2 qualifier: seek to" ->
    ["will publish", "seek to"]."""
    phrases = []
    for part in (cues or "").split("; "):
        if ":" not in part:
            continue
        phrase = part.split(":", 1)[1].strip()
        phrase = re.sub(r"\s*\(.*$", "", phrase).strip()
        if phrase and phrase not in ("no verb", "action", "refusal or deflection"):
            phrases.append(phrase)
    return phrases


def highlight(sentence: str, phrases: list[str]) -> str:
    """The sentence escaped, with each cue phrase (found case-insensitively) in <mark>."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        # Whole words only: the cue "is" must not light up the end of "diagnosis".
        match = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", sentence, re.I)
        if match:
            spans.append(match.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, position = [], 0
    for start, end in merged:
        out.append(html.escape(sentence[position:start]))
        out.append(f"<mark>{html.escape(sentence[start:end])}</mark>")
        position = end
    out.append(html.escape(sentence[position:]))
    return "".join(out)


def _tag(text: str, colour: str) -> str:
    return f'<span class="al-tag" style="background:{colour}">{html.escape(text)}</span>'


def level_name(level: object) -> str:
    if level is None or pd.isna(level):
        return "no action"
    return COMMITMENT_NAMES[int(level)]


def sentences_html(sentences: pd.DataFrame) -> str:
    """A table of sentences: number, the sentence with its cues marked, time, commitment level,
    specific or general, and the cue words in full."""
    rows = []
    for _, row in sentences.iterrows():
        phrases = cue_phrases(row["time_cues"]) + cue_phrases(row["commitment_cues"])
        level = level_name(row["commitment"])
        rows.append(
            "<tr>"
            f"<td>{int(row['sentence_index']) + 1}</td>"
            f"<td>{highlight(str(row['sentence']), phrases)}</td>"
            f"<td>{_tag(row['time'], TIME_COLOURS[row['time']])}</td>"
            f"<td>{_tag(level, LEVEL_COLOURS.get(level, '#999999'))}</td>"
            f"<td>{'specific' if row['specific'] else 'general'}</td>"
            f"<td><small>{html.escape(str(row['cues']))}</small></td>"
            "</tr>"
        )
    header = (
        "<tr><th>#</th><th>Sentence (cue words marked)</th><th>Time</th><th>Commitment</th>"
        "<th>Detail</th><th>Cues that decided</th></tr>"
    )
    return _table(header, rows)


def bullet_list(items: list[str], empty: str = "None.") -> str:
    """An escaped bulleted list."""
    if not items:
        return f"<p>{html.escape(empty)}</p>"
    return (
        STYLE
        + '<ul class="al-list">'
        + "".join(f"<li>{html.escape(i)}</li>" for i in items)
        + "</ul>"
    )


def question_link(row: pd.Series) -> str:
    """A link to the question on the Parliament website, when its date and UIN are known."""
    uin = str(row.get("uin") or "").strip()
    tabled = row.get("date_tabled")
    if not uin or tabled is None or pd.isna(tabled):
        return html.escape(str(row.get("heading") or ""))
    url = QUESTION_URL.format(date=pd.Timestamp(tabled).strftime("%Y-%m-%d"), uin=html.escape(uin))
    return f'<a href="{url}">{html.escape(str(row.get("heading") or uin))}</a>'


def answers_html(answers: pd.DataFrame, columns: dict[str, str], max_rows: int = 200) -> str:
    """A table of answers: heading linked to Parliament, then the chosen columns (escaped)."""
    rows = []
    for _, row in answers.head(max_rows).iterrows():
        cells = [f"<td>{question_link(row)}</td>"]
        for column in columns:
            value = row[column]
            if isinstance(value, float):
                text = "" if pd.isna(value) else f"{value:.2f}"
            elif isinstance(value, pd.Timestamp):
                text = value.strftime("%d %b %Y")
            else:
                text = (
                    ""
                    if value is None or (not isinstance(value, str) and pd.isna(value))
                    else str(value)
                )
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    header = (
        "<tr><th>Question</th>"
        + "".join(f"<th>{html.escape(label)}</th>" for label in columns.values())
        + "</tr>"
    )
    more = (
        f"<p><small>Showing {max_rows} of {len(answers)} answers.</small></p>"
        if len(answers) > max_rows
        else ""
    )
    return _table(header, rows) + more


def examples_html(examples: pd.DataFrame) -> str:
    """Quoted example sentences with their commitment level and the cues that set it."""
    rows = []
    for _, row in examples.iterrows():
        phrases = cue_phrases(row["cues"])
        rows.append(
            "<tr>"
            f"<td>{_tag(row['level'], LEVEL_COLOURS.get(row['level'], '#999999'))}</td>"
            f"<td>“{highlight(str(row['sentence']), phrases)}”</td>"
            f"<td><small>{html.escape(str(row['cues']))}</small></td>"
            "</tr>"
        )
    header = "<tr><th>Level</th><th>Sentence</th><th>Why</th></tr>"
    return _table(header, rows)


def escaped_table(frame: pd.DataFrame, max_rows: int = 50) -> str:
    """Any frame as an HTML table with every cell escaped (pandas escapes; this also wraps it
    so wide text scrolls on a phone). Text reads from the left, numbers line up on the right
    (the notebook style right-aligns every cell, which made quoted sentences hard to read)."""
    shown = frame.head(max_rows)
    name = f"al-table-{next(_TABLE_NUMBERS)}"
    numeric = [
        position
        for position, column in enumerate(shown.columns, start=1)
        if pd.api.types.is_numeric_dtype(shown[column])
        and not pd.api.types.is_bool_dtype(shown[column])
    ]
    # Selectors as specific as the notebook style's (":not(...).jp-RenderedHTMLCommon td").
    rules = "".join(
        f".jp-RenderedHTMLCommon table.{name} td:nth-child({n}) {{ text-align: right; }}"
        for n in numeric
    )
    body = shown.to_html(index=False, escape=True, border=0, classes=["al-table", name])
    return f'{STYLE}<style>{rules}</style><div style="overflow-x:auto">{body}</div>'


def no_answers(answers: pd.DataFrame, what: str = "answers") -> str:
    """The sentence a report shows instead of a chart when its selection holds nothing to draw.

    Says what is missing and why: no answers at all in the selection, or only holding answers
    (which say nothing yet and are not scored), or answers but none of ``what``.
    """
    if answers.empty:
        return (
            "No answers in this selection (corpus, department, dates and topic together): "
            "nothing to show here."
        )
    holding = int((~answers["is_scored"].astype(bool)).sum()) if "is_scored" in answers else 0
    if holding == len(answers):
        return (
            f"The {len(answers):,} answers in this selection are all holding answers "
            '("an answer is being prepared"), which are not scored: nothing to show here.'
        )
    return f"No {what} in this selection: nothing to show here."
