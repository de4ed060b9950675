"""Importers: the mirror of the exporters, reading into source files.

One reader per report format, named in one registry (``READERS``); each
turns a file into a :class:`~exporter.importers.document.Report`, which
``structure`` reads into a draft event and ``writer`` writes as source
files.  :func:`import_report` does the whole of it: read, analyse, write
into a temporary folder, load that folder with the ordinary loader (so the
result validates, or the import fails and leaves nothing), check that every
paragraph of the report is in the loaded event, then move the folder into
place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from exporter.errors import OctavoError, Problem, ValidationError
from exporter.importers.document import Report
from exporter.naming import check_name, slug
from exporter.project import Project

#: Report readers by file suffix: each takes the bytes and a display name.
READERS: dict[str, str] = {
    ".txt": "exporter.importers.text:read_text",
    ".text": "exporter.importers.text:read_text",
    ".md": "exporter.importers.text:read_markdown",
    ".markdown": "exporter.importers.text:read_markdown",
    ".docx": "exporter.importers.docx:read_docx",
}

#: Largest report read (bytes); raise with OCTAVO_MAX_REPORT_BYTES.
MAX_REPORT_BYTES = int(os.environ.get("OCTAVO_MAX_REPORT_BYTES", 50_000_000))


@dataclass(frozen=True)
class Imported:
    """What an import wrote and found."""

    folder: Path
    people: int
    sessions: int
    items: int
    exchanges: int
    checks: int
    dropped: tuple[tuple[int, str], ...]
    unit: str
    notes: tuple[str, ...] = ()


def reader(suffix: str) -> Callable[[bytes, str], Report]:
    """The reader for a file suffix."""
    import importlib

    module, _, name = READERS[suffix].partition(":")
    return getattr(importlib.import_module(module), name)


def read_report(path: Path, display: str) -> Report:
    """A report file as blocks, or a located error for anything unreadable."""
    suffix = path.suffix.lower()
    if suffix in (".docm", ".dotm"):
        raise ValidationError([Problem(display, 0, 0, "", "this is a macro-enabled document; Octavo does not "
                                       "open those: save it as a plain .docx")], "report")
    if suffix == ".doc":
        raise ValidationError([Problem(display, 0, 0, "", "this is an old Word .doc; save it as .docx")], "report")
    if suffix not in READERS:
        raise OctavoError(f"{display}: cannot import a '{suffix or 'suffix-less'}' file; give a report as "
                          f"{', '.join(sorted(set(READERS)))}")
    try:
        if not path.is_file():
            raise OctavoError(f"{display}: no such file" if not path.exists() else f"{display}: not a file")
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise OctavoError(f"{display}: {size:,} bytes, over the limit of {MAX_REPORT_BYTES:,} "
                              "(raise it with OCTAVO_MAX_REPORT_BYTES)")
        raw = path.read_bytes()
    except OSError as exc:
        raise OctavoError(f"{display}: cannot read it: {exc.strerror}") from None
    if not raw.strip():
        raise ValidationError([Problem(display, 0, 0, "", "the report is empty")], "report")
    return reader(suffix)(raw, display)


def import_report(path: Path, project: Project, name: str | None = None) -> Imported:
    """Import the report at ``path`` as ``source/NAME/`` of ``project``."""
    from exporter.importers.structure import analyse
    from exporter.importers.writer import write
    from exporter.output import atomic_folder, atomic_write

    display = project.display(path.resolve()) if path.is_absolute() or path.exists() else str(path)
    if name is not None:
        check_name("event", name)
        _refuse_existing(project, name)
    report = read_report(path, display)
    draft = analyse(report)
    name = name or slug(draft.title)
    _refuse_existing(project, name)
    written = write(draft, path.name)
    final = project.source_dir / name

    def fill(tmp: Path) -> None:
        for rel, text in written.files.items():
            atomic_write(tmp / rel, text.encode("utf-8"), listed=False)
        _check_written(tmp, project, written.expected)

    atomic_folder(final, fill)
    return Imported(final, written.people, written.sessions, written.items, written.exchanges, written.checks,
                    tuple(draft.dropped), report.unit, report.notes)


def _refuse_existing(project: Project, name: str) -> None:
    folder = project.source_dir / name
    if folder.exists():
        raise OctavoError(f"{project.display(folder)} already exists; import under another name with "
                          "--event NAME, or delete that folder first")


def _check_written(folder: Path, project: Project, expected: list[str]) -> None:
    """The written event loads, and every paragraph of the report is in it."""
    from exporter.plaintext import body_units
    from exporter.source import load_event
    from exporter.plaintext import find_in_order

    try:
        event = load_event(folder, project)
    except ValidationError as exc:
        raise OctavoError("the imported source does not validate (a bug in the importer; please report it "
                          "with the report):\n" + "\n".join(map(str, exc.problems))) from None
    text = "\n".join(u.text for u in body_units(event))
    lost = [hit for hit in find_in_order([" ".join(e.split()) for e in expected], text) if hit[1] == "missing"]
    if lost:
        first = expected[lost[0][0]]
        raise OctavoError(f"the importer would lose text (a bug; please report it): {first[:120]!r}")
