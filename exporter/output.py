"""Writing outputs safely: never a half-written file at a final path.

Each output is written to a temporary file in the same folder, flushed to
disk, then renamed over the final name, so a reader (or a crash) sees either
the old complete file or the new complete file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from exporter import interrupt
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


def atomic_write(path: Path, data: bytes, *, listed: bool = True, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename; a
    failure (full disk, Ctrl-C) removes the temporary file and leaves
    whatever was at ``path`` before.  ``listed``: name the file among those
    complete if the program is interrupted later (not for caches);
    ``durable``: flush it to the disk before the rename (not for caches)."""
    prepare_dir(path.parent)
    with interrupt.critical():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        except OSError as exc:
            raise OctavoError(f"cannot write in {path.parent}: {exc.strerror}") from None
        interrupt.temporary(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        with interrupt.critical():
            os.replace(tmp, path)
            interrupt.completed(tmp, path, listed)
    except OSError as exc:
        _remove(tmp)
        raise OctavoError(f"cannot write {path}: {exc.strerror}; the previous file, if any, is unchanged") from None
    except BaseException:
        _remove(tmp)
        raise
    return path


def _remove(tmp: str) -> None:
    Path(tmp).unlink(missing_ok=True)
    interrupt.discard(tmp)


def atomic_folder(final: Path, fill: Callable[[Path], object]) -> Path:
    """Make the folder ``final`` whole or not at all: ``fill`` writes into a
    temporary folder beside it, which is then renamed; a failure or Ctrl-C
    removes the temporary folder."""
    prepare_dir(final.parent)
    with interrupt.critical():
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent))
        except OSError as exc:
            raise OctavoError(f"cannot write in {final.parent}: {exc.strerror}") from None
        interrupt.temporary(tmp, folder=True)
    try:
        fill(tmp)
        os.chmod(tmp, 0o755)
        with interrupt.critical():
            if final.exists():
                raise OctavoError(f"{final} appeared while it was being written; nothing was written")
            os.replace(tmp, final)
            interrupt.completed(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        interrupt.discard(tmp)
        raise
    return final
