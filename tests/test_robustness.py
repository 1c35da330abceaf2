"""Bad and strange input: every bad file named with its reason, every good record kept, odd text
scored without error, hostile HTML inert, and one-line errors from the command line."""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.measures.scoring import score
from analysis.sources.loading import AnswerLoadError, load_answers


@pytest.fixture
def messy_folder(tmp_path: Path, corpus_records: dict[int, dict]) -> Path:
    records = list(corpus_records.values())[:4]
    page = {"totalResults": 2, "results": [{"value": r} for r in records[:2]]}
    (tmp_path / "good.json").write_text(json.dumps(page), encoding="utf-8")
    (tmp_path / "truncated.json").write_text(json.dumps(page)[:300], encoding="utf-8")
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(bytes(range(256)))
    (tmp_path / "shape.json").write_text(json.dumps({"items": [1, 2]}), encoding="utf-8")
    # Windows-1252 text: its records are good and are kept, with a warning.
    accented = dict(records[2], answerText="The café scheme will continue.")
    one = json.dumps({"value": accented}, ensure_ascii=False).encode("cp1252")
    (tmp_path / "cp1252.json").write_bytes(one)
    bad_date = dict(records[3], dateAnswered="2024-13-45T00:00:00")
    no_answer = dict(records[3], id=records[3]["id"] + 10**9, answerText=None)
    (tmp_path / "records.json").write_text(
        json.dumps([{"value": bad_date}, {"value": no_answer}]), encoding="utf-8"
    )
    (tmp_path / "again.json").write_text(json.dumps({"value": records[0]}), encoding="utf-8")
    return tmp_path


def test_every_bad_file_is_named_and_every_good_record_kept(
    messy_folder: Path, corpus_records
) -> None:
    records = list(corpus_records.values())[:4]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answers = load_answers(messy_folder)
    messages = [str(w.message) for w in caught]
    # Two good records in good.json (one repeated in again.json) and one in cp1252.json.
    assert sorted(answers["id"]) == sorted(str(r["id"]) for r in records[:3])
    assert answers.set_index("id").loc[str(records[2]["id"]), "answer"] == (
        "The café scheme will continue."
    )
    expected = {
        "truncated.json: skipped (invalid JSON",
        "empty.json: skipped (empty file)",
        "binary.json: skipped (binary file, not text)",
        "shape.json: skipped (not Written Questions API JSON",
        "cp1252.json: not UTF-8",
        "records.json [0]: skipped (unreadable date '2024-13-45T00:00:00')",
        "records.json: skipped 1 question(s) with no answer",
        "repeated record(s) of 1 question id(s) merged",
    }
    for phrase in expected:
        assert sum(phrase in m for m in messages) == 1, phrase
    assert all("\n" not in m for m in messages)  # one line each


def test_strict_raises_on_the_first_bad_file(messy_folder: Path) -> None:
    with pytest.raises(AnswerLoadError):
        load_answers(messy_folder, strict=True)


ODD_TEXTS = {
    "empty": "",
    "lone link": "https://www.gov.uk/government/publications/a-plan",
    "one word": "Yes",
    "Welsh": "Mae’r Llywodraeth wedi ymrwymo i wella gwasanaethau. Byddwn yn cyhoeddi cynllun.",
    "capitals": "THE GOVERNMENT WILL PUBLISH THE STRATEGY LATER THIS YEAR.",
    "emoji": "We will 🚀 publish the plan 😀 soon. 👍",
    "table only": (
        "<table><tr><td>Year</td><td>Count</td></tr><tr><td>2023</td><td>1,234</td></tr></table>"
    ),
}


def test_odd_texts_get_documented_values() -> None:
    frame = pd.DataFrame({"answer": list(ODD_TEXTS.values())}, index=list(ODD_TEXTS))
    scored = score(frame, workers=1).answers
    # No words (empty, a lone link, a table alone): no sentence to read, formulas undefined.
    for name in ("empty", "lone link", "table only"):
        assert scored.loc[name, "word_count"] == 0
        assert pd.isna(scored.loc[name, "flesch_reading_ease"])
    assert scored.loc["table only", "table_cell_count"] == 4
    # One word, one sentence: defined, and SMOG (30 sentences or more) is not.
    assert scored.loc["one word", "sentence_count"] == 1
    assert pd.notna(scored.loc["one word", "flesch_reading_ease"])
    assert scored["smog_index"].isna().all()
    assert scored.loc["Welsh", "sentence_count"] == 2
    assert scored.loc["capitals", "future_count"] == 1


def test_a_very_long_answer_is_scored(capsys) -> None:
    # 40,000 words in one paragraph (pySBD took 37 s on this; the project's splitter, linear in
    # the line's length, 0.05 s; the 400,000-word timing is in benchmarks/bench_scale.py).
    rng = random.Random(7)
    words = "The Department will publish guidance on funding for local services soon".split()
    text = " ".join(rng.choice(words) + ("." if rng.random() < 0.05 else "") for _ in range(40000))
    scored = score(pd.DataFrame({"answer": [text]}), workers=1).answers.iloc[0]
    assert scored["word_count"] == 40000
    assert scored["sentence_count"] > 1000


def test_cli_errors_are_one_line(tmp_path: Path, seed_page: Path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cases = [
        (["score", str(seed_page), "--out", str(blocker / "out.csv")], "is a file, not a folder"),
        (["score", str(tmp_path / "missing"), "--out", str(tmp_path / "o.csv")], "no such file"),
        (
            ["fetch", "--answered-from", "2024-13-01", "--answered-to", "2024-12-01", "--out", "x"],
            "not a date in YYYY-MM-DD form",
        ),
    ]
    for arguments, reason in cases:
        try:
            code = main(arguments)
        except SystemExit as stop:  # argparse's own errors
            code = stop.code
        err = capsys.readouterr().err.strip()
        assert code != 0
        assert reason in err and "Traceback" not in err and len(err.splitlines()) == 1, err
