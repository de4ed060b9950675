"""What every exporter is: an identity in class attributes and one method."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from exporter.layout import Layout
from exporter.model import Event
from exporter.naming import slug


class Exporter:
    """Base of the exporters.  Subclasses set the class attributes and
    implement :meth:`render`; :meth:`export` writes the file atomically."""

    name: ClassVar[str]          # the CLI's name for the format: "pdf", "docx", "brief"
    description: ClassVar[str]   # one line for --help
    suffix: ClassVar[str]        # file-name suffix after the event id, e.g. "-proceedings.pdf"
    in_all: ClassVar[bool] = True  # whether ``export all`` writes it
    needs: ClassVar[str] = ""      # the source file it is made from, if optional (for messages)

    def __init__(self, event: Event, layout: Layout, shared: dict[Any, Any] | None = None) -> None:
        self.event, self.layout = event, layout
        self.shared: dict[Any, Any] = {} if shared is None else shared
        """Results one exporter leaves for the others of the same run (the
        booklet's page numbers for the brief), so no work is done twice."""
        self.pages: int | None = None
        """The page count of the last render, where the format has pages."""
        self.out_dir: Path | None = None
        """Where :meth:`export` writes (so an exporter can use the cache there)."""
        self.notes: list[str] = []
        """What the user should know about the result (the brief's left-out
        parts); the command line prints them on stderr."""

    @classmethod
    def applies(cls, event: Event) -> bool:
        """Whether ``event`` has what this output is made from (``export all``
        leaves out, with a note, what does not apply)."""
        return True

    @classmethod
    def extra_inputs(cls, layout: Layout) -> str:
        """What this output depends on beyond the source, the layout files
        and Octavo: the command-line overrides of the settings it reads."""
        return ""

    def filename(self) -> str:
        """The output's file name: ``<event>`` + the exporter's suffix, with
        ``-<layout>`` before the extension for any layout but the default
        (``pakistan-russia-2019-proceedings-report.pdf``); event and layout
        names as ASCII slugs."""
        from exporter.layout.loader import DEFAULT_LAYOUT

        stem, dot, ext = self.suffix.rpartition(".")
        tail = "" if self.layout.name == DEFAULT_LAYOUT else f"-{slug(self.layout.name)}"
        return f"{slug(self.event.id)}{stem}{tail}{dot}{ext}"

    def path(self, out_dir: Path) -> Path:
        """Where :meth:`export` writes: ``out_dir/<event slug>/<filename>``."""
        return out_dir / slug(self.event.id) / self.filename()

    def render(self) -> bytes:
        """The finished file's bytes (deterministic for the same inputs)."""
        raise NotImplementedError

    def export(self, out_dir: Path) -> Path:
        """Render and write ``out_dir/<event>/<filename>``; return its path."""
        from exporter.output import atomic_write

        self.out_dir = out_dir
        data = self.render()
        path = atomic_write(self.path(out_dir), data)
        self.written(out_dir)
        return path

    def written(self, out_dir: Path) -> None:
        """Called once the file is in ``out_dir``: leave what later runs may
        reuse (the booklet's page cache).  Nothing by default."""
