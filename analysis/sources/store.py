"""The fetch's output folder: what is already stored, the journal, the lock and the manifest.

Every response is written once, as received, through the project's one atomic writer
(:func:`analysis.pipeline.files.write_atomically`) and journalled between writing and renaming,
so the journal names every file a run may have left, even when the run was killed. The manifest
is rebuilt from the journal at the end of each run. The layout is described in
:mod:`analysis.sources.fetch`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from analysis.pipeline.files import write_atomically
from analysis.sources.api_client import QUESTIONS_PATH, ApiResponse
from analysis.sources.departments import AnsweringBody, bodies_from_members_api
from analysis.sources.outcomes import FetchError
from analysis.sources.versions import LIST_FILE, QUESTION_FILE

LICENCE = "Open Parliament Licence v3.0"
LICENCE_URL = (
    "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/"
)
ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
MANIFEST_NAME = "manifest.json"
# The manifest's own format; readers can tell an older layout from a newer one.
MANIFEST_VERSION = 1
STATE_DIR = ".fetch"
JOURNAL_NAME = "journal.jsonl"
LOCK_NAME = "lock"
# Not ".json": nothing that looks for answers in the folder should take the cache for one.
BODIES_CACHE_NAME = "answering_bodies.cache"

# Temporaries of the atomic writer (".<name>.<pid>.tmp"); ".part" is what earlier versions of the
# fetcher used, and a folder fetched by one of them may still hold a killed run's temporary.
_TEMP_FILE = re.compile(r"^\..+\.\d+\.(?:tmp|part)$")
_TEMP_GLOBS = (".*.tmp", ".*.part")


class Store:
    """The output folder: atomic writes, what is already stored, the journal and the lock."""

    def __init__(self, root: Path, run_id: str, *, fsync: bool = True) -> None:
        self.root = root
        self.run_id = run_id
        self.fsync = fsync
        self.state = root / STATE_DIR
        self.page_hashes: dict[str, set[str]] = {}
        self.list_files: dict[str, list[Path]] = {}
        self.question_stamps: dict[int, set[str]] = {}
        self.question_files: dict[int, list[Path]] = {}
        self._lock: TextIO | None = None
        self._journal: TextIO | None = None

    # opening and closing

    def open(self) -> None:
        try:
            self.state.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.state / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise FetchError(f"cannot write to {self.root}: {error.strerror or error}") from error
        _lock_or_fail(self._lock, self.root)
        self._remove_temporaries()
        self._scan()
        path = self.state / JOURNAL_NAME
        # A kill can leave a half-written last line: start on a fresh line so it stays alone.
        if path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\n")
        self._journal = open(path, "a", encoding="utf-8")  # noqa: SIM115

    def close(self) -> None:
        for handle in (self._journal, self._lock):
            if handle is not None:
                handle.close()
        self._journal = self._lock = None

    def __enter__(self) -> Store:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_temporaries(self) -> None:
        # Safe: the lock says no other fetch is writing here, so any temporary is from a run
        # that was killed before its rename.
        for folder in ("lists", "questions", STATE_DIR, "."):
            base = self.root / folder
            if not base.is_dir():
                continue
            for pattern in _TEMP_GLOBS:
                for path in base.rglob(pattern):
                    if _TEMP_FILE.match(path.name):
                        path.unlink(missing_ok=True)

    def _scan(self) -> None:
        for path in sorted((self.root / "lists").glob("*/*.json")):
            match = LIST_FILE.match(path.name)
            if match:
                self.page_hashes.setdefault(match["qkey"], set()).add(match["sha"])
                self.list_files.setdefault(match["qkey"], []).append(path)
        for path in sorted((self.root / "questions").glob("*/*.json")):
            match = QUESTION_FILE.match(path.name)
            if match:
                qid = int(match["id"])
                self.question_stamps.setdefault(qid, set()).add(match["stamp"])
                self.question_files.setdefault(qid, []).append(path)

    # writing

    def journal(self, entry: dict[str, Any]) -> None:
        assert self._journal is not None, "Store is not open"
        self._journal.write(json.dumps(entry, sort_keys=True) + "\n")
        self._journal.flush()
        if self.fsync:
            os.fsync(self._journal.fileno())

    def save(
        self, relative: Path, response: ApiResponse, kind: str, ids: list[int], **extra: Any
    ) -> Path:
        """Write a response as received, once: temp name, fsync, journal, rename."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "event": "file",
            "run": self.run_id,
            "path": relative.as_posix(),
            "url": response.url,
            "fetched": response.fetched_at.isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(response.body).hexdigest(),
            "bytes": len(response.body),
            "kind": kind,
            "records": len(ids),
            "ids": ids,
            **extra,
        }
        write_atomically(
            path, response.body, fsync=self.fsync, before_replace=lambda: self.journal(entry)
        )
        return path

    def write_json(self, path: Path, data: Any) -> None:
        """Replace a bookkeeping file (manifest, cache) atomically."""
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        write_atomically(path, text, fsync=self.fsync)

    # reading back

    def read_journal(self) -> list[dict[str, Any]]:
        path = self.state / JOURNAL_NAME
        if not path.exists():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict):
                    entries.append(entry)
        return entries

    def last_complete_run(self, qkey: str) -> datetime | None:
        """When the last complete run of this query started, or None."""
        started: dict[str, str] = {}
        last: datetime | None = None
        for entry in self.read_journal():
            if entry.get("event") == "run-start" and entry.get("qkey") == qkey:
                started[entry["run"]] = entry["time"]
            elif (
                entry.get("event") == "run-end"
                and entry.get("status") == "complete"
                and entry.get("run") in started
            ):
                last = datetime.fromisoformat(started[entry["run"]])
        return last

    def stored_records(self, paths: Iterable[Path]) -> dict[int, dict[str, Any]]:
        """The question records in stored files, later files overriding earlier ones."""
        records: dict[int, dict[str, Any]] = {}
        for path in paths:
            try:
                data = json.loads(path.read_bytes())
            except (OSError, ValueError):
                continue
            items = data.get("results", []) if isinstance(data, dict) else []
            if isinstance(data, dict) and isinstance(data.get("value"), dict):
                items = [data]
            for item in items:
                value = item.get("value") if isinstance(item, dict) else None
                if isinstance(value, dict) and isinstance(value.get("id"), int):
                    records[value["id"]] = value
        return records

    def bodies_seen(self) -> list[AnsweringBody]:
        """Answering bodies named in stored list pages and the cached Members API list."""
        seen: dict[int, str] = {}
        for path in sorted((self.root / "lists").glob("*/*.json")):
            for value in self.stored_records([path]).values():
                body_id, name = value.get("answeringBodyId"), value.get("answeringBodyName")
                if isinstance(body_id, int) and name:
                    seen[body_id] = str(name)
        bodies = [AnsweringBody(i, n) for i, n in seen.items()]
        cache = self.state / BODIES_CACHE_NAME
        if cache.exists():
            with contextlib.suppress(OSError, ValueError):
                bodies += bodies_from_members_api(json.loads(cache.read_bytes()))
        return bodies


def _lock_or_fail(handle: TextIO, root: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one fetch per folder is then on the user.
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        raise FetchError(
            f"another fetch is writing to {root}; wait for it to finish or stop it first"
        ) from error


def build_manifest(store: Store, api_url: str) -> dict[str, Any]:
    """The manifest from the journal: every run, and every response file still on disk."""
    runs: dict[str, dict[str, Any]] = {}
    files: list[dict[str, Any]] = []
    ids: set[int] = set()
    for entry in store.read_journal():
        event = entry.get("event")
        if event == "run-start":
            runs[entry["run"]] = {
                "run": entry["run"],
                "started": entry["time"],
                "finished": None,
                "status": "interrupted",
                "query": entry.get("query"),
                "source_url": entry.get("source_url"),
            }
        elif event == "run-end" and entry.get("run") in runs:
            runs[entry["run"]].update(
                finished=entry.get("time"),
                status=entry.get("status"),
                reason=entry.get("reason"),
                records=entry.get("records"),
                requests=entry.get("requests"),
            )
        elif event == "file" and (store.root / entry.get("path", "")).is_file():
            files.append({k: v for k, v in entry.items() if k not in ("event", "ids")})
            ids.update(int(i) for i in entry.get("ids", []))
    unique_files = {f["path"]: f for f in files}
    return {
        "manifest": "answer-language fetch",
        "version": MANIFEST_VERSION,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": {
            "name": "UK Parliament Written Questions API",
            "api_url": api_url,
            "endpoints": [QUESTIONS_PATH, QUESTIONS_PATH + "/{id}"],
        },
        "licence": {"name": LICENCE, "url": LICENCE_URL, "attribution": ATTRIBUTION},
        "layout": "see the docstring of analysis/sources/fetch.py and docs/fetching.md",
        "totals": {
            "files": len(unique_files),
            "list_pages": sum(f["kind"] in ("list", "corrections") for f in unique_files.values()),
            "question_files": sum(f["kind"] == "question" for f in unique_files.values()),
            "questions": len(ids),
        },
        "runs": list(runs.values()),
        "files": sorted(unique_files.values(), key=lambda f: f["path"]),
    }
