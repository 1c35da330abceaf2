"""Build the embedded snapshot from the shared corpus (run again to rebuild it exactly).

    python data/snapshot/make_snapshot.py [CORPUS_FOLDER]

Every ``tabled-YYYY-MM.json`` page of ``../shared/corpus/commons`` is joined, in file order and
record order, into one page of the Written Questions API list shape
(``{"totalResults": N, "results": [{"value": ..., "links": ...}]}``), so ``load_answers`` reads
it as it reads a download. Records are kept exactly as the API gave them. The gzip header
carries no time or file name, so the same corpus gives the same bytes. The seed page is copied
beside it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sys
from pathlib import Path

from analysis import paths

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "commons.json.gz"
SEED_NAME = "000_c7894d2c275aa42a.txt"


def build(corpus: Path) -> None:
    results: list[dict] = []
    files = sorted(corpus.glob("*.json"))
    for file in files:
        results.extend(json.loads(file.read_text(encoding="utf-8"))["results"])
    ids = [item["value"]["id"] for item in results]
    if len(ids) != len(set(ids)):
        raise SystemExit("the corpus repeats a question id: refusing to build the snapshot")
    page = {"totalResults": len(results), "results": results}
    data = json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with (
        SNAPSHOT.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as packed,
    ):
        packed.write(data)
    shutil.copyfile(corpus.parent.parent / "seed" / SEED_NAME, HERE / SEED_NAME)
    digest = hashlib.sha256(SNAPSHOT.read_bytes()).hexdigest()
    print(f"{len(results)} records from {len(files)} files -> {SNAPSHOT.name}")
    print(f"{SNAPSHOT.stat().st_size:,} bytes, sha256 {digest}")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else paths.SHARED_CORPUS)
