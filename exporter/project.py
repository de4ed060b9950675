"""Where things are: the one module that knows the project's folders.

A project is a folder holding ``source/`` (one folder per event), optionally
``layouts/`` (the project's own layouts, found before the built-in ones)
and ``build/`` (generated output).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from exporter.errors import OctavoError


@dataclass(frozen=True)
class Project:
    """A project folder and the paths derived from it."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The project at ``$OCTAVO_PROJECT``, else the nearest folder from
        ``start`` (default: the current folder) upwards that has ``source/``."""
        env = os.environ.get("OCTAVO_PROJECT")
        if env:
            return cls(Path(env).resolve())
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "source").is_dir():
                return cls(folder)
        return cls(here)

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def events(self) -> list[str]:
        """Names of the event folders under ``source/`` (those with an event.yaml)."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir() if (p / "event.yaml").is_file())

    def event_dir(self, event: str | None) -> Path:
        """The folder of ``event``: a name under ``source/`` or a path to an
        event folder; without one, the only event of the project."""
        if event:
            for candidate in (self.source_dir / event, Path(event)):
                if (candidate / "event.yaml").is_file():
                    return candidate.resolve()
            known = ", ".join(self.events()) or "none"
            raise OctavoError(f"no event '{event}': expected a folder under {self.source_dir} or a path "
                              f"to a folder holding event.yaml (events found: {known})")
        names = self.events()
        if len(names) == 1:
            return (self.source_dir / names[0]).resolve()
        if not names:
            raise OctavoError(f"no event found: {self.source_dir} has no folder with an event.yaml "
                              "(is this the project folder?)")
        raise OctavoError(f"several events in {self.source_dir}; name one of: {', '.join(names)}")

    def display(self, path: Path) -> str:
        """``path`` relative to the project root where possible, for messages."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)
