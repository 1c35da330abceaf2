"""The embedded snapshot (``data/snapshot/commons.json.gz``) as the API's own records.

``load_answers`` reads the snapshot like any download; this gives the raw list items for code
that works on API records themselves (the test server that stands in for the API, samples).
"""

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
