"""analysis.pipeline.imports: no import cycle inside the package, and the score cache keys on
every module that decides a score (read from the imports, checked against what scoring runs)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from analysis import paths
from analysis.pipeline import fingerprint, imports


def test_the_package_has_no_import_cycle() -> None:
    assert imports.cycles() == []


def test_a_cycle_is_found(tmp_path, monkeypatch) -> None:
    package = tmp_path / "analysis"
    (package / "room").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "room" / "__init__.py").write_text("")
    (package / "room" / "a.py").write_text("from analysis.room import b\n")
    (package / "room" / "b.py").write_text("def f():\n    from analysis.room.c import g\n")
    (package / "room" / "c.py").write_text("import analysis.room.a\n")
    (package / "room" / "d.py").write_text("from analysis.room import c\n")
    monkeypatch.setattr(paths, "PACKAGE", package)
    imports.import_graph.cache_clear()
    try:
        assert imports.cycles() == [("analysis.room.a", "analysis.room.b", "analysis.room.c")]
        assert imports.reachable("analysis.room.d") == (
            "analysis.room.a",
            "analysis.room.b",
            "analysis.room.c",
            "analysis.room.d",
        )
    finally:
        imports.import_graph.cache_clear()


def test_the_cache_keys_on_every_module_scoring_loads() -> None:
    """Score an answer in a fresh interpreter and list the package modules it actually loaded:
    each one must be in the fingerprint's list, or a change to it would serve stale scores."""
    script = textwrap.dedent(
        """
        import sys
        import pandas as pd
        from analysis import load_answers, score
        from analysis import paths
        answers = load_answers(paths.SEED_PAGE)
        score(answers, workers=1, cache=None)
        print("\\n".join(sorted(m for m in sys.modules if m.startswith("analysis."))))
        """
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    packages = {name for name in loaded if imports.module_file(name).name == "__init__.py"}
    listed = set(imports.reachable(*fingerprint.SCORING_ENTRY_POINTS))
    assert set(loaded) - packages - listed == set()
    assert "analysis.labelers.time_frame" in listed
    assert "analysis.reporting.charts" not in listed


def test_a_changed_module_changes_the_fingerprint(tmp_path, monkeypatch) -> None:
    before = fingerprint.code_fingerprint.__wrapped__()
    original = imports.module_file

    def edited(name: str):
        file = original(name)
        if name == "analysis.labelers.deflection":
            copy = tmp_path / "deflection.py"
            copy.write_text(file.read_text(encoding="utf-8") + "\n# changed\n")
            return copy
        return file

    monkeypatch.setattr(fingerprint, "module_file", edited)
    assert fingerprint.code_fingerprint.__wrapped__() != before
