"""The one way the project writes a file: beside its place, then renamed over it.

A reader (a report build, a second fetch, a crash) never sees half a file: it sees the old one
or the new one. The fetcher asks for durability as well (``fsync``), and records what it wrote
in its journal between writing and renaming (``before_replace``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def write_atomically(
    path: Path,
    data: str | bytes,
    *,
    fsync: bool = False,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``.

    Text is written as UTF-8. ``fsync``: flush the file and its folder to disk, so the rename
    survives a power cut. ``before_replace``: called once the data is complete and before it
    takes the name (the temporary file is removed if it raises).
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        temporary.replace(path)
        if fsync:
            fsync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable; a no-op where the platform cannot."""
    # Opening a directory is not possible on every platform (Windows); there is nothing to do.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
