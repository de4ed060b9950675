"""A small cache in the output folder, keyed by the inputs' digest.

It holds what one output learns that another needs: the booklet's page
number of every item, which the brief cites.  ``octavo export brief`` after
``octavo export pdf`` (or a second ``export brief``) then does not lay the
booklet out again.  Entries are JSON, written atomically, and ignored when
the event, the layout or Octavo's code has changed since.
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from exporter.inputs import code_digest, combine
from exporter.layout import Layout
from exporter.model import Event
from exporter.naming import slug
from exporter.output import atomic_write

FOLDER = ".octavo-cache"


def inputs_digest(event: Event, layout: Layout) -> str:
    """The digest of everything an output of ``event`` in ``layout`` depends
    on: the source, the layout, Octavo's code, the libraries that write the
    files, and $SOURCE_DATE_EPOCH (it sets the PDFs' dates)."""
    return combine(event.source_digest, layout.digest, code_digest(), library_versions(),
                   os.environ.get("SOURCE_DATE_EPOCH", ""))


LIBRARIES = ("reportlab", "python-docx", "pikepdf", "pyphen", "pillow", "jinja2")


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The versions of the libraries whose output bytes Octavo passes on.

    Read from their installed metadata, which takes importlib.metadata
    (and the email package it loads) and a search of sys.path: ~30 ms of a
    small export.  So the answer is kept in Octavo's cache folder, keyed by
    the modification times of the folders on sys.path (installing,
    upgrading or removing a package changes its folder's)."""
    from exporter import usercache

    stamps = []
    for entry in sys.path:
        try:
            stamps.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            stamps.append(f"{entry}:-")
    key = usercache.key(sys.executable, *stamps, *LIBRARIES)
    cached = usercache.read("library-versions", key)
    if cached is not None:
        text = cached.decode("utf-8", "replace")
        if [part.split("=")[0] for part in text.split(" ")] == list(LIBRARIES) and "\ufffd" not in text:
            return text  # a whole entry (a damaged one is made again)
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    text = " ".join(f"{n}={version(n)}" for n in LIBRARIES)
    usercache.write("library-versions", key, text.encode("utf-8"))
    return text


class PageCache:
    """The booklet's item pages per event and layout, under ``out_dir``."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / FOLDER

    def _file(self, event: Event, layout: Layout) -> Path:
        return self.folder / slug(event.id) / f"pages-{slug(layout.name)}.json"

    def get(self, event: Event, layout: Layout) -> dict[str, int] | None:
        """The cached pages, or None if absent, unreadable or stale."""
        try:
            data = json.loads(self._file(event, layout).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("inputs") != inputs_digest(event, layout):
            return None
        pages = data.get("pages")
        return pages if isinstance(pages, dict) else None

    def put(self, event: Event, layout: Layout, pages: dict[str, int]) -> None:
        """Remember ``pages`` for these inputs."""
        data = {"inputs": inputs_digest(event, layout), "pages": dict(sorted(pages.items()))}
        atomic_write(self._file(event, layout), json.dumps(data, indent=1).encode(), listed=False, durable=False)
