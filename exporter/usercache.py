"""Octavo's own cache folder, for what a run can reuse from an earlier one
on the same machine: fonts and hyphenation patterns already parsed, the
templates already compiled, the event a project's commands last named,
words' hyphenation points and kerning (``exporter.typeset.wordcache``).

The folder is ``$OCTAVO_CACHE_DIR``, else ``$XDG_CACHE_HOME/octavo``, else
``~/.cache/octavo``; ``OCTAVO_CACHE_DIR=`` (empty) turns it off.  Every
entry is keyed by what it was made from (a file's size, time and path, the
library's version), so a stale entry is never used, and the outputs are the
same bytes with the cache or without it.  Nothing in it is needed: a folder
that cannot be written, or a damaged entry, only costs time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

VARIABLE = "OCTAVO_CACHE_DIR"


def folder() -> Path | None:
    """The cache folder (not created), or None when turned off."""
    env = os.environ.get(VARIABLE)
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "octavo"


def key(*parts: object) -> str:
    """A file name for an entry made from ``parts``."""
    return hashlib.sha256("\0".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def file_key(path: Path, *parts: object) -> str:
    """A key for an entry made from the file at ``path`` (its real path,
    size, modification time and inode: a file replaced by a save has a new
    one) and ``parts``."""
    st = path.stat()
    return key(path.resolve(), st.st_size, st.st_mtime_ns, st.st_ino, *parts)


def read(kind: str, name: str) -> bytes | None:
    """The entry ``kind/name``, or None."""
    base = folder()
    if base is None:
        return None
    try:
        return (base / kind / name).read_bytes()
    except OSError:
        return None


#: Set in a process that must write nothing (the child that breaks
#: paragraphs ahead, exporter.typeset.prebreak): entries are read, never stored.
READ_ONLY = False


def write(kind: str, name: str, data: bytes) -> None:
    """Store the entry ``kind/name`` (atomically; silently skipped when the
    folder cannot be written, or in a :data:`READ_ONLY` process)."""
    base = folder()
    if base is None or READ_ONLY:
        return
    from exporter.errors import OctavoError
    from exporter.output import atomic_write

    try:
        atomic_write(base / kind / name, data, listed=False, durable=False)
    except (OctavoError, OSError):
        pass


def load(kind: str, name: str, head: bytes = b"") -> object | None:
    """The object pickled in entry ``kind/name`` after ``head`` (what it was
    made from), or None: no entry, another head, or a damaged one."""
    data = read(kind, name)
    if data is None or not data.startswith(head):
        return None
    import pickle

    try:
        return pickle.loads(memoryview(data)[len(head):])
    except Exception:  # noqa: BLE001 - a damaged entry: made again by the caller
        return None


def dump(kind: str, name: str, value: object, head: bytes = b"") -> None:
    """Store ``value`` pickled after ``head`` as entry ``kind/name`` (nothing
    when it cannot be pickled: a cache entry is never needed)."""
    import pickle

    try:
        data = pickle.dumps(value, protocol=5)
    except Exception:  # noqa: BLE001 - something that cannot be kept: keep nothing
        return
    write(kind, name, head + data)
