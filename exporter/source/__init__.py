"""Reading sources: YAML and Markdown in, a validated model out.

:func:`load_event` is what commands call: the loader's
:func:`exporter.source.loader.load_event` (read, validate, build), whose
result, once valid, is kept in Octavo's cache folder (``exporter.usercache``)
so that the next command on the same unchanged source reads the model back
instead of parsing its YAML and Markdown again: ``validate``, ``show``,
``check`` and every export after the first.  The parsing is most of a
``validate`` and, at forty times the bundled event, 1.4 s of every command.

The entry is keyed by the bytes of every file in the event's folder (the
digest the manifest records), the folder's and the project's places, the
working directory (messages name files relative to it), the reading limits
from the environment and Octavo's own code; the logo it names (which may be
reached through a link) is checked by its size, time and inode.  One entry
is kept per event folder, so the folder does not grow with every edit.
Source with a problem is never stored: every message comes from the loader.
This module imports nothing heavy, so a command whose source is unchanged
never loads the YAML and Markdown parsers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exporter.model import Event
    from exporter.project import Project
    from exporter.source.yamlread import Limits

__all__ = ["load_event"]

#: The environment variables the loader's limits are read from.
_LIMIT_VARIABLES = ("OCTAVO_MAX_FILE_BYTES", "OCTAVO_MAX_NODES", "OCTAVO_MAX_DEPTH", "OCTAVO_MAX_IMAGE_PIXELS")
_KIND = "events"
_FORMAT = b"octavo-event-1\n"


def load_event(event_dir: Path, project: Project | None = None, limits: Limits | None = None, *,
               reuse: bool = True) -> Event:
    """The event in ``event_dir`` as a model, or ValidationError listing
    every problem found; read back from the cache folder when its source
    is unchanged (``reuse=False``, or explicit ``limits``, always reads)."""
    if project is None:
        from exporter.project import Project

        project = Project.find(event_dir)
    if limits is not None or not reuse:
        return _read(event_dir, project, limits)
    slot, key, digest = _keys(event_dir, project)
    event = _stored(slot, key) if slot else None
    if event is None:
        event = _read(event_dir, project, limits, slot)
        if slot and event.source_digest == digest:  # no file changed while it was read
            _store(slot, key, event)
    return event


def _read(event_dir: Path, project: Project, limits: Limits | None, slot: str = "") -> Event:
    """The loader's reading, with what it parses of each file kept under
    ``slot`` (:mod:`.pieces`; none when empty)."""
    from exporter.source import loader, pieces  # the parsers: only when the source is read

    with pieces.kept(slot):
        return loader.load_event(event_dir, project, *(() if limits is None else (limits,)))


def _keys(event_dir: Path, project: Project) -> tuple[str, str, str]:
    """The entry's name (one per event folder), the key its content must
    carry and the digest of the folder's files; ('', '', '') when the cache
    folder is off or a file cannot be read."""
    import sys

    from exporter import usercache
    from exporter.inputs import code_digest, tree_digest

    if usercache.folder() is None:
        return "", "", ""
    try:
        where = (str(event_dir.resolve()), str(project.root.resolve()), os.getcwd())
        digest = tree_digest(event_dir)
    except OSError:
        return "", "", ""
    content = (digest, code_digest(), sys.version, *(os.environ.get(v, "") for v in _LIMIT_VARIABLES))
    return usercache.key(*where), usercache.key(*where, *content), digest


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _stored(slot: str, key: str) -> Event | None:
    """The event kept under ``slot`` if it was made from ``key``, else None."""
    from exporter import usercache
    from exporter.model import Event

    entry = usercache.load(_KIND, slot, _head(key))
    if not isinstance(entry, tuple) or len(entry) != 2 or not isinstance(entry[1], Event):
        return None
    logo_stamp, event = entry
    if event.organiser.logo and _stamp(event.organiser.logo) != logo_stamp:
        return None
    return event


def _store(slot: str, key: str, event: Event) -> None:
    from exporter import usercache

    logo = event.organiser.logo
    usercache.dump(_KIND, slot, (_stamp(logo) if logo else None, event), _head(key))


def _head(key: str) -> bytes:
    return _FORMAT + key.encode() + b"\n"
