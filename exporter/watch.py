"""``octavo watch``: rebuild chosen outputs whenever the source, the layout
(its YAML, templates, reference.docx or fonts) changes.

Each rebuild reloads and revalidates everything, renders every chosen
output in memory, and only then writes them (each through a temporary file
and a rename), so a save that breaks something shows its problems and
leaves the last good files in place.  Changes are noticed through the
operating system's file events (``watchfiles``), grouped over 200 ms, so a
rebuild starts well within a second of a save.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from watchfiles import watch as watch_changes

from exporter.errors import OctavoError, ValidationError
from exporter.exporters import REGISTRY
from exporter.layout import load_layout
from exporter.output import atomic_write
from exporter.project import Project
from exporter.source import load_event

DEBOUNCE_MS = 200


@dataclass(frozen=True)
class Build:
    """One rebuild's result: (format, path, seconds) for each output
    written, or the problems that stopped it; ``changed`` names what
    triggered it (empty for the first build)."""

    outputs: tuple[tuple[str, Path, float], ...]
    problems: tuple[str, ...]
    changed: tuple[str, ...]


def build_once(project: Project, event_dir: Path, layout_name: str | None, formats: Iterable[str],
               out_dir: Path, changed: tuple[str, ...] = ()) -> Build:
    """Load, render every format, then write them all; never raises for
    bad input: the problems are in the result."""
    try:
        event = load_event(event_dir, project)
        layout = load_layout(layout_name, project)
        shared: dict = {}
        rendered = []
        for name in formats:
            exporter = REGISTRY[name](event, layout, shared)
            exporter.out_dir = out_dir
            start = time.perf_counter()
            data = exporter.render()
            rendered.append((exporter, name, data, time.perf_counter() - start))
    except ValidationError as exc:
        return Build((), tuple(str(p) for p in exc.problems), changed)
    except OctavoError as exc:
        return Build((), (exc.message,), changed)
    outputs = []
    try:
        for exporter, name, data, seconds in rendered:
            path = atomic_write(exporter.path(out_dir), data)
            exporter.written(out_dir)
            outputs.append((name, path, seconds))
    except OctavoError as exc:  # a full disk, a locked file: say so and keep watching
        return Build(tuple(outputs), (exc.message,), changed)
    return Build(tuple(outputs), (), changed)


def watched_paths(project: Project, event_dir: Path, layout_name: str | None) -> list[Path]:
    """The event folder, the project's layouts folder, and the folders of
    the layout's chain (built-in ones included, for a developer's checkout)."""
    paths = [event_dir]
    if (project.root / "layouts").is_dir():
        paths.append(project.root / "layouts")
    try:
        paths += [f for f in load_layout(layout_name, project).folders if f not in paths]
    except OctavoError:
        pass  # a broken layout is watched through the layouts folder
    return paths


def watch(project: Project, event_dir: Path, layout_name: str | None, formats: list[str], out_dir: Path,
          report: Callable[[Build], None], stop_event=None) -> None:
    """Build once, then rebuild on every change until ``stop_event`` is set
    (or Ctrl-C); each result goes to ``report``."""
    paths = watched_paths(project, event_dir, layout_name)
    first = True
    # the first (empty) yield comes once the watcher is running: build then,
    # so a save made during the first build is not missed
    for changes in watch_changes(*paths, debounce=DEBOUNCE_MS, step=50, stop_event=stop_event,
                                 rust_timeout=300, yield_on_timeout=True, raise_interrupt=False):
        if first:
            first = False
            report(build_once(project, event_dir, layout_name, formats, out_dir))
        if not changes:
            continue
        names = tuple(sorted({project.display(Path(p)) for _, p in changes if Path(p).exists()}))
        report(build_once(project, event_dir, layout_name, formats, out_dir, names))
