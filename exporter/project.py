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

#: The environment variable naming the event commands work on when they name none.
EVENT_VARIABLE = "OCTAVO_EVENT"


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
        event folder; without one, see :meth:`choose_event`."""
        return self.choose_event(event)[0]

    def choose_event(self, event: str | None) -> tuple[Path, str]:
        """The event a command works on, and how it was chosen: ``named``
        (``event``: a name under ``source/`` or a path to an event folder),
        ``env`` ($OCTAVO_EVENT), ``only`` (the project's only event) or
        ``last`` (with several events, the last one named in a command of
        this project, see :meth:`remember_event`)."""
        if event:
            return self._named(event, "no event"), "named"
        env = os.environ.get(EVENT_VARIABLE, "").strip()
        if env:
            return self._named(env, f"{EVENT_VARIABLE}={env}: no event"), "env"
        names = self.events()
        if len(names) == 1:
            return (self.source_dir / names[0]).resolve(), "only"
        if not names:
            raise OctavoError(f"no event found: {self.source_dir} has no folder with an event.yaml "
                              "(is this the project folder?)")
        last = self.last_event()
        if last in names:
            return (self.source_dir / last).resolve(), "last"
        raise OctavoError(f"several events in {self.source_dir}; name one of: {', '.join(names)} "
                          f"(octavo COMMAND EVENT; later commands remember it), or set {EVENT_VARIABLE}=EVENT")

    def _named(self, event: str, what: str) -> Path:
        for candidate in (self.source_dir / event, Path(event)):
            try:
                if (candidate / "event.yaml").is_file():
                    return candidate.resolve()
            except OSError:  # a name too long for a path, a folder that cannot be read: not an event
                continue
        known = ", ".join(self.events()) or "none"
        raise OctavoError(f"{what} '{event}': expected a folder under {self.source_dir} or a path "
                          f"to a folder holding event.yaml (events found: {known})")

    def last_event(self) -> str:
        """The event last named in a command of this project ('' if none)."""
        from exporter import usercache

        data = usercache.read("last-event", usercache.key(self.root.resolve()))
        return data.decode("utf-8", "replace").strip() if data else ""

    def remember_event(self, folder: Path) -> None:
        """Remember ``folder``, if it is one of the project's events, as the
        event later commands work on when they name none.  Kept in Octavo's
        cache folder (``exporter.usercache``), not in the project; best
        effort: where it cannot be written, nothing is remembered."""
        folder = folder.resolve()
        if folder.parent != self.source_dir.resolve() or self.last_event() == folder.name:
            return
        from exporter import usercache

        usercache.write("last-event", usercache.key(self.root.resolve()), folder.name.encode("utf-8") + b"\n")

    def display(self, path: Path) -> str:
        """``path`` relative to the project root where possible, for messages."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)
