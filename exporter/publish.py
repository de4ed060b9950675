"""One run that writes every output of an event, with a manifest.

``export_all`` renders each format in memory first (sharing work: the
booklet's pagination feeds the brief), so a failure in any of them leaves
``build/`` as it was (``keep_going`` writes the others and records the
failure in the manifest); then it writes the files, ``manifest.json`` and,
if asked, a zip.  Outputs whose inputs (source, layout, Octavo) and bytes are
unchanged since the manifest was written are skipped unless ``force``.
The manifest holds no wall-clock time: like the files, it is deterministic.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from pypdf import PdfReader

from exporter import __version__, interrupt
from exporter.cache import inputs_digest
from exporter.errors import OctavoError
from exporter.inputs import combine
from exporter.exporters import REGISTRY
from exporter.layout import Layout
from exporter.layout.loader import DEFAULT_LAYOUT
from exporter.model import Event
from exporter.naming import slug
from exporter.output import atomic_write


@dataclass(frozen=True)
class Entry:
    """One file of the manifest."""

    name: str
    format: str
    description: str
    bytes: int
    pages: int | None   # None for .docx: Word paginates when it opens the file
    sha256: str
    layout: str
    inputs: str
    notes: tuple[str, ...] = ()  # what the exporter said (the brief's left-out parts), repeated when skipped


@dataclass
class Run:
    """What a run did: files written and skipped (by format), the
    manifest, the zip, and notes from the exporters (format, text)."""

    written: list[tuple[str, Path]] = field(default_factory=list)
    skipped: list[tuple[str, Path]] = field(default_factory=list)
    manifest: Path | None = None
    zip: Path | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, Path, str]] = field(default_factory=list)
    """Outputs that failed (with ``keep_going``): format, path, why."""
    removed: list[Path] = field(default_factory=list)
    """Previous files of failed outputs, removed so the folder matches the manifest."""


def manifest_name(layout: Layout) -> str:
    """``manifest.json``, or ``manifest-<layout>.json`` for a layout other
    than the default, so two layouts' runs do not overwrite each other."""
    return "manifest.json" if layout.name == DEFAULT_LAYOUT else f"manifest-{slug(layout.name)}.json"


def zip_name(event: Event, layout: Layout) -> str:
    """``<event>-<date>.zip`` (the publication date), ``-<layout>`` added
    for a layout other than the default."""
    tail = "" if layout.name == DEFAULT_LAYOUT else f"-{slug(layout.name)}"
    return f"{slug(event.id)}-{event.published or event.date}{tail}.zip"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class IncompleteSet(OctavoError):
    """Some outputs of ``export all`` failed and nothing was written; says
    which failed and why, and which were ready (the command line adds how
    to write them)."""

    def __init__(self, failed: list[tuple[str, Path, str]], ready: list[tuple[str, Path]]) -> None:
        self.failed, self.ready = failed, ready
        super().__init__("\n".join(message for _, _, message in failed))


def export_all(event: Event, layout: Layout, out_dir: Path, *, force: bool = False,
               make_zip: bool = False, keep_going: bool = False,
               progress: Callable[[str], None] = lambda name: None) -> Run:
    """Write every ``in_all`` format of ``event`` into ``out_dir/<event>/``
    with a manifest (and a zip); see the module's docstring.  ``progress``
    is called with each format's name once it is done (or skipped).

    When an output fails (bad input for that format: a brief too long for
    its page), the others are still rendered, so the failure can say which
    were ready; then nothing is written (:class:`IncompleteSet`), unless
    ``keep_going``: the others are written, the manifest lists the failed
    ones under ``failed``, and the previous file of a failed output is
    removed, since it was made from other inputs."""
    folder = out_dir / slug(event.id)
    inputs = inputs_digest(event, layout)
    previous = _read_manifest(folder / manifest_name(layout))
    shared: dict = {}
    run, pending, failed = Run(), [], []
    for name, cls in REGISTRY.items():
        if not cls.in_all:
            continue
        if not cls.applies(event):
            run.notes.append((name, f"left out: the event has no {cls.needs}"))
            progress(name)
            continue
        exporter = cls(event, layout, shared)
        path = exporter.path(out_dir)
        old = previous.get(path.name)
        extra = cls.extra_inputs(layout)
        own = combine(inputs, extra) if extra else inputs
        if not force and old and old.inputs == own and _unchanged(path, old):
            run.skipped.append((name, path))
            run.notes += [(name, note) for note in old.notes]
            pending.append((exporter, path, None, old))
            progress(name)
            continue
        exporter.out_dir = out_dir
        try:
            data = exporter.render()
        except OctavoError as exc:
            failed.append((name, path, exc.format_message()))
            progress(name)
            continue
        run.notes += [(name, note) for note in exporter.notes]
        pages = exporter.pages if exporter.pages is not None or path.suffix != ".pdf" else \
            len(PdfReader(io.BytesIO(data)).pages)
        entry = Entry(path.name, name, cls.description, len(data), pages, sha256(data), layout.name, own,
                      tuple(exporter.notes))
        pending.append((exporter, path, data, entry))
        progress(name)
    if failed and not keep_going:
        raise IncompleteSet(failed, [(entry.format, path) for _, path, _, entry in pending])
    run.failed = failed
    # every output rendered: now write them, as one set (Ctrl-C waits until
    # the files, the manifest and the zip agree)
    with interrupt.critical():
        for exporter, path, data, entry in pending:
            if data is not None:
                atomic_write(path, data)
                exporter.written(out_dir)
                run.written.append((entry.format, path))
        for _, path, _ in failed:
            if path.exists():
                path.unlink()
                run.removed.append(path)
        entries = [entry for *_, entry in pending]
        manifest = {"octavo": __version__, "event": event.id, "layout": layout.name, "inputs": inputs,
                    "files": [asdict(e) for e in entries],
                    "failed": [{"name": path.name, "format": name, "error": message}
                               for name, path, message in failed]}
        run.manifest = atomic_write(folder / manifest_name(layout),
                                    (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
        if make_zip:
            run.zip = atomic_write(out_dir / zip_name(event, layout), _zip(event, folder, entries, run.manifest))
    return run


def _read_manifest(path: Path) -> dict[str, Entry]:
    """The entries of an existing manifest by file name ({} if none or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {e["name"]: Entry(**{**e, "notes": tuple(e.get("notes", ()))}) for e in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _unchanged(path: Path, entry: Entry) -> bool:
    try:
        return sha256(path.read_bytes()) == entry.sha256
    except OSError:
        return False


def _zip(event: Event, folder: Path, entries: list[Entry], manifest: Path) -> bytes:
    """A deterministic zip of the files and the manifest under ``<event>/``:
    fixed order, permissions and dates (the publication date)."""
    parts = [int(x) for x in (event.published or event.date).split("-")] + [1, 1]
    when = (max(1980, parts[0]), parts[1], parts[2], 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in [e.name for e in entries] + [manifest.name]:
            info = zipfile.ZipInfo(f"{folder.name}/{name}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, (folder / name).read_bytes())
    return buf.getvalue()


__all__ = ["Entry", "IncompleteSet", "Run", "export_all"]
