"""Writing outputs safely: never a half-written file at a final path.

Each output is written to a temporary file in the same folder, flushed to
disk, then renamed over the final name, so a reader (or a crash) sees either
the old complete file or the new complete file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from exporter.errors import OctavoError


def prepare_dir(folder: Path) -> Path:
    """Create ``folder`` if needed and check that it can be written to."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OctavoError(f"cannot create output folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise OctavoError(f"output folder {folder} is not writable")
    return folder


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename; a
    failure (full disk, Ctrl-C) removes the temporary file and leaves
    whatever was at ``path`` before."""
    prepare_dir(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OctavoError(f"cannot write in {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OctavoError(f"cannot write {path}: {exc.strerror}; the previous file, if any, is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
