"""The embedded snapshot (``data/snapshot/commons.json.gz``) as the API's own records, for the
tests that work on API records themselves (the fake API, sample corpora). The product reads the
snapshot through ``load_answers`` like any download."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from analysis import paths


def snapshot_items(path: Path = paths.SNAPSHOT) -> list[dict[str, Any]]:
    """Every list item (``{"value": ..., "links": ...}``) of the snapshot, in its order."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["results"]
