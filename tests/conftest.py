"""Shared fixtures: the project root, the bundled event, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "source" / "pakistan-russia-2019"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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

    def run(*args: str, cwd: Path = ROOT):
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("OCTAVO_PROJECT", raising=False)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run
