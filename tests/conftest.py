"""Shared fixtures: the project root, the bundled event, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "source" / "pakistan-russia-2019"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def octavo_cache(tmp_path_factory):
    """Octavo's cache folder (fonts, templates, the last event named) in a
    temporary folder for the whole run, for child processes too."""
    import os

    folder = tmp_path_factory.mktemp("octavo-cache")
    before = os.environ.get("OCTAVO_CACHE_DIR")
    os.environ["OCTAVO_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["OCTAVO_CACHE_DIR"]
    else:
        os.environ["OCTAVO_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def bundled_event():
    """The bundled event, loaded once."""
    from exporter.source import load_event
    from exporter.project import Project

    return load_event(BUNDLED, Project(ROOT))


@pytest.fixture
def cli(monkeypatch):
    """Run ``octavo ARGS`` in-process from ``cwd`` (default: the project)."""
    from exporter.cli import main

    monkeypatch.delenv("OCTAVO_EVENT", raising=False)  # a test sets it itself when it means to

    def run(*args: str, cwd: Path = ROOT):
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("OCTAVO_PROJECT", raising=False)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run
