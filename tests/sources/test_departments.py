"""analysis.sources.departments: a department named by id, name, abbreviation or a word of its
name, against the bundled list of answering bodies (which must hold every body in the corpus),
and one clear line for an unknown or ambiguous name. An unknown name stops
``answer-language fetch`` before it asks for any answer; the look-ups through the API are in
test_fetch.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fetch_server import FakeWrittenQuestionsApi, load_corpus

from analysis import cli
from analysis.sources.departments import bundled_answering_bodies, resolve_departments
from analysis.sources.outcomes import BadArguments, UnknownDepartment


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return load_corpus()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("17", 17),
        ("Department of Health and Social Care", 17),
        ("department of health & social care", 17),
        ("DHSC", 17),
        ("health", 17),
        ("Home Office", 1),
        ("HM Treasury", 14),
        ("fcdo", 208),
    ],
)
def test_department_by_name_or_id(given: str, expected: int) -> None:
    assert resolve_departments([given], known=bundled_answering_bodies()) == (expected,)


def test_all_corpus_bodies_are_in_the_bundled_list(corpus: list[dict[str, Any]]) -> None:
    bundled = {b.id: b.name for b in bundled_answering_bodies()}
    seen = {r["answeringBodyId"]: r["answeringBodyName"] for r in corpus}
    assert bundled == seen
    assert len(bundled) == 28


def test_unknown_or_ambiguous_department_is_one_clear_line() -> None:
    bodies = bundled_answering_bodies()
    with pytest.raises(UnknownDepartment) as caught:
        resolve_departments(["Helth and Social Care"], known=bodies)
    assert "did you mean Department of Health and Social Care (17)?" in str(caught.value)
    with pytest.raises(BadArguments, match="matches several") as caught:
        resolve_departments(["housing"], known=bodies)
    assert "(7)" in str(caught.value) and "(211)" in str(caught.value)


def test_unknown_department_on_the_command_line(
    tmp_path: Path, corpus: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeWrittenQuestionsApi(corpus[:50]) as api:
        code = cli.main(
            [
                "fetch",
                *(
                    "--answered-from",
                    "2025-11-01",
                    "--answered-to",
                    "2025-12-31",
                    "--out",
                    str(tmp_path),
                ),
                *("--department", "Ministry of Magic", "--api-url", api.url, "--backoff", "0"),
            ]
        )
        assert len(api.requests("/api/Reference/AnsweringBodies")) == 1
        assert api.list_requests() == []
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("answer-language fetch: error: unknown department 'Ministry of Magic'")
