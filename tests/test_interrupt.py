"""Ctrl-C at any moment: the ``octavo`` program prints one line, leaves no
temporary or partial file, and exits with code 130.

Each test runs ``python -m exporter`` as a child process and sends it
SIGINT after a delay.  Python's own start-up, before Octavo's first line
runs, is Python's: a SIGINT there ends the process as Python decides, and
how long it lasts depends on the machine's load.  So the child starts with
SIGINT blocked: a signal sent during that first part waits for Octavo's
first line (which unblocks it) instead of racing with the interpreter, and
every later one arrives as a terminal sends it.
"""

from __future__ import annotations

import io
import json
import shutil
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import BUNDLED, ROOT

EVENT = BUNDLED.name
ONE_LINE = ("interrupted; nothing was written", "interrupted; complete: ")


def interrupted(args: list[str], cwd: Path, delay: float) -> subprocess.CompletedProcess:
    """Run ``octavo ARGS`` in ``cwd`` and send it SIGINT ``delay`` seconds after it started."""
    child = subprocess.Popen([sys.executable, "-m", "exporter", *args], cwd=cwd, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}))
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "source" / EVENT)
    return tmp_path


def leftovers(folder: Path) -> list[Path]:
    """Temporary files and folders anywhere under ``folder``."""
    return [p for p in folder.rglob("*") if p.name.endswith(".part") or ".importing-" in p.name]


def complete(path: Path) -> bool:
    """Whether ``path`` is a whole output: every page of a PDF readable, a
    .docx that unzips, a manifest that parses, an event that validates."""
    if path.suffix == ".pdf":
        return len(PdfReader(io.BytesIO(path.read_bytes())).pages) > 0
    if path.suffix == ".docx":
        return zipfile.ZipFile(path).testzip() is None
    if path.suffix == ".json":
        return bool(json.loads(path.read_text()))
    return path.exists()


def check_the_line(result: subprocess.CompletedProcess) -> list[Path]:
    """The exit code is 130 and stderr is one line; returns the files it names."""
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(ONE_LINE), result.stderr
    line = result.stderr.strip()
    return [] if line.endswith("nothing was written") else [Path(p) for p in line.split(": ", 1)[1].split(", ")]


@pytest.mark.parametrize("args", [["--version"], ["validate"], ["show"], ["export", "pdf"], ["export", "all"]])
@pytest.mark.parametrize("delay", [0.0, 0.05])
def test_ctrl_c_while_starting_says_nothing_was_written(tmp_path, args, delay):
    project = project_copy(tmp_path)
    result = interrupted(args, project, delay)
    if delay and result.returncode == 0 and args[0] != "export":
        # on a fast machine, done before the signal came: its normal answer, nothing else
        assert result.stdout and "Traceback" not in result.stderr and not (project / "build").exists()
        return
    assert result.returncode == 130 and result.stderr == "interrupted; nothing was written\n", result.stderr
    assert result.stdout == "" and not (project / "build").exists()


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.3])
def test_ctrl_c_during_a_validate_prints_one_line(tmp_path, delay):
    project = project_copy(tmp_path)
    result = interrupted(["validate"], project, delay)
    if result.returncode == 0:
        assert result.stdout.endswith("items\n")  # done before the signal came
        return
    assert check_the_line(result) == [] and result.stdout == ""


def test_ctrl_c_at_any_moment_of_export_all_leaves_whole_files_or_none(tmp_path):
    """``export all`` writes its set of files and manifest as one: a Ctrl-C
    leaves none of them or all of them, and names them."""
    project = project_copy(tmp_path)
    outcomes = set()
    for n, delay in enumerate([0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5, 3.5]):
        out = tmp_path / f"out{n}"
        result = interrupted(["export", "all", "--out", str(out)], project, delay)
        assert "Traceback" not in result.stderr and "Aborted" not in result.stderr, result.stderr
        assert leftovers(project) == [], leftovers(project)
        files = sorted(p for p in out.rglob("*") if p.is_file() and ".octavo-cache" not in p.parts)
        if result.returncode == 0:
            outcomes.add("finished")
            continue
        named = check_the_line(result)
        assert sorted(project / p for p in named) == files
        assert all(complete(p) for p in files)
        assert len(files) in (0, 5), files  # four outputs and the manifest, or nothing
        outcomes.add("nothing" if not files else "all")
    assert "nothing" in outcomes, outcomes  # the machine is not so fast that every run finished first


def test_ctrl_c_during_an_import_leaves_no_half_event(tmp_path):
    report = ROOT / "tests" / "data" / "seed-report.txt"
    (tmp_path / "source").mkdir()
    for delay in (0.1, 0.3, 0.6, 0.9, 1.4):
        result = interrupted(["import", str(report), "--event", "seed"], tmp_path, delay)
        assert leftovers(tmp_path) == [] and [p.name for p in (tmp_path / "source").iterdir()] in ([], ["seed"])
        if result.returncode == 0:
            break
        named = check_the_line(result)
        assert named in ([], [Path("source/seed")])
        assert (tmp_path / "source" / "seed").exists() == bool(named)


def test_ctrl_c_during_new_event_leaves_the_whole_skeleton_or_nothing(tmp_path):
    (tmp_path / "source").mkdir()
    for n, delay in enumerate((0.05, 0.1, 0.15, 0.2, 0.3)):
        result = interrupted(["new", "event", f"conf-{n}"], tmp_path, delay)
        folder = tmp_path / "source" / f"conf-{n}"
        assert leftovers(tmp_path) == []
        if folder.exists():
            assert sorted(p.name for p in folder.rglob("*")) == sorted(
                p.name for p in (ROOT / "exporter" / "scaffold" / "event").rglob("*"))
        if result.returncode != 0:
            check_the_line(result)


def test_ctrl_c_stops_watch_and_names_what_it_built(tmp_path):
    """Ctrl-C is how ``watch`` stops: the same one line, naming the files
    its rebuilds completed, and code 130."""
    project = project_copy(tmp_path)
    child = subprocess.Popen([sys.executable, "-m", "exporter", "watch", "--formats", "pdf"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}))
    try:
        first = child.stdout.readline()  # the first build's line
        assert first.split()[1:2] == ["pdf"], first
    finally:
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert err.splitlines()[-1] == f"interrupted; complete: build/{EVENT}/{EVENT}-proceedings.pdf", err
    assert err.splitlines()[:-1] == ["watching; Ctrl-C stops"] and leftovers(project) == []


def test_ctrl_c_from_a_terminal_while_paragraphs_are_broken_ahead(tmp_path):
    """A terminal sends Ctrl-C to the whole process group, so the second
    process that breaks paragraphs ahead (typeset/prebreak.py) gets it too:
    still one line, exit 130, nothing written, and no process left."""
    project = project_copy(tmp_path)
    outcomes = set()
    for n, delay in enumerate([0.5, 0.7, 0.9, 1.1]):
        out = tmp_path / f"out{n}"
        child = subprocess.Popen([sys.executable, "-m", "exporter", "export", "pdf", "--out", str(out)], cwd=project,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                 env={**os.environ, "OCTAVO_JOBS": "2"})
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGINT)
        out_text, err = child.communicate(timeout=120)
        result = subprocess.CompletedProcess(child.args, child.returncode, out_text, err)
        for _ in range(100):  # the group is empty once every process in it has ended
            try:
                os.killpg(child.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail("a process of the export outlived it")
        assert leftovers(project) == [] and "Traceback" not in err, err
        if result.returncode == 0:
            outcomes.add("finished")
            continue
        assert check_the_line(result) == [] and not any(p.is_file() for p in out.rglob("*.pdf"))
        outcomes.add("interrupted")
    assert "interrupted" in outcomes, outcomes
