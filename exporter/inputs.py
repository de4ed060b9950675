"""Digests of a build's inputs: the event's folder, the layout's folders
and fonts, and Octavo's own code.

The same digest means the same outputs (Octavo is deterministic), so it
keys caches (the booklet's page numbers for the brief) and is recorded in
``manifest.json`` so ``export all`` can skip outputs that are up to date.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import exporter


def files_digest(files: Iterable[Path], root: Path | None = None) -> str:
    """SHA-256 over each file's name (relative to ``root`` when given) and
    bytes, in sorted order."""
    h = hashlib.sha256()
    for path in sorted(files):
        name = path.relative_to(root).as_posix() if root else path.name
        data = path.read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    """The digest of every regular file under ``folder`` (hidden ones left
    out), named relative to it."""
    files = [p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts)]
    return files_digest(files, folder)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The digest of Octavo's own code and data (a new version, or an edited
    checkout, invalidates every cache).  Reading its hundred-odd files took
    a fortieth of a small export, so the digest is kept in Octavo's cache
    folder, keyed by each file's path, size, modification time and inode
    (as the parsed fonts are: a file edited or replaced has a new key)."""
    from exporter import usercache

    package = Path(exporter.__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts
                   and p.suffix in (".py", ".yaml", ".j2", ".docx") and p.is_file())
    try:
        stamps = [(p.relative_to(package).as_posix(), st.st_size, st.st_mtime_ns, st.st_ino)
                  for p in files for st in (p.stat(),)]
    except OSError:
        stamps = None
    key = usercache.key("code", exporter.__version__, stamps) if stamps is not None else None
    if key is not None:
        cached = usercache.read("code", key)
        if cached is not None and len(cached) == 64 and cached.isascii():
            return cached.decode() + exporter.__version__
    digest = files_digest(files, package)
    if key is not None:
        usercache.write("code", key, digest.encode())
    return digest + exporter.__version__


def combine(*digests: str) -> str:
    """One digest for several."""
    return hashlib.sha256("\0".join(digests).encode()).hexdigest()
