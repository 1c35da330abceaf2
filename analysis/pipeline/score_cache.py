"""A cache of scores per answer text, kept between runs, so re-scoring scores only what is new.

Each entry is what :func:`analysis.measures.texts.score_text` returned for one text and the
questions it answers, keyed by the SHA-256 of the text, the questions and the fingerprint of the
scoring code and lexicons (:mod:`analysis.pipeline.fingerprint`): change a lexicon or a rule and
every entry misses, so a cached score is always one the current code would give. Entries of other
code versions are deleted when the cache is opened. Stored in one SQLite file (the standard
library's), written in one transaction per run; a damaged file is set aside and rebuilt. Values
are pickled: the file is the project's own derived data; never point it at one from elsewhere.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import warnings
from collections.abc import Iterable
from pathlib import Path

from analysis import paths
from analysis.pipeline.fingerprint import code_fingerprint

Unit = tuple[str, tuple[str, ...]]


# SQLite limits the parameters of one query (999 in older builds): look keys up in batches.
_KEYS_PER_QUERY = 500


def default_cache_path() -> Path:
    """``data/cache/scores.sqlite`` (derived data, like ``data/processed``)."""
    return paths.DATA / "cache" / "scores.sqlite"


class ScoreCache:
    """Scores per (text, questions), for the code version it was opened with."""

    def __init__(self, path: str | Path | None = None, version: str | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.version = version or code_fingerprint()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            damaged = self.path.with_name(self.path.name + ".damaged")
            self.path.replace(damaged)
            warnings.warn(
                f"{self.path}: unreadable cache ({error}); moved to {damaged}", stacklevel=2
            )
            self._connection = self._open()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path)
        connection.execute(
            "CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, version TEXT, value BLOB)"
        )
        connection.execute("DELETE FROM scores WHERE version != ?", (self.version,))
        connection.commit()
        return connection

    def key(self, unit: Unit) -> str:
        text, questions = unit
        digest = hashlib.sha256(self.version.encode())
        for part in (text, *questions):
            digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get_many(self, units: Iterable[Unit]) -> dict[Unit, object]:
        """The cached results of those units that have one."""
        by_key = {self.key(unit): unit for unit in units}
        found: dict[Unit, object] = {}
        keys = list(by_key)
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            batch = keys[start : start + _KEYS_PER_QUERY]
            marks = ",".join("?" * len(batch))
            rows = self._connection.execute(
                f"SELECT key, value FROM scores WHERE key IN ({marks})", batch
            )
            for key, value in rows:
                found[by_key[key]] = pickle.loads(value)
        return found

    def put_many(self, results: dict[Unit, object]) -> None:
        with self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO scores VALUES (?, ?, ?)",
                [
                    (self.key(unit), self.version, pickle.dumps(result, protocol=5))
                    for unit, result in results.items()
                ],
            )

    def __len__(self) -> int:
        return self._connection.execute("SELECT COUNT(*) FROM scores").fetchone()[0]

    def close(self) -> None:
        self._connection.close()
