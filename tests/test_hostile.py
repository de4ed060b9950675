"""Hostile input: editors' templates cannot escape (the known jinja2
sandbox-escape payloads, file-system reads, symbolic links out, runaway
output and time fail with a message naming the template, and nothing is
written); invisible characters survive into every format; a failed or
interrupted write leaves the previous file."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from conftest import BUNDLED

PAYLOADS = {
    "class-walk": ("cover_title: {{ ''.__class__.__mro__[1].__subclasses__() }}",
                   "access to attribute '__class__' of 'str' object is unsafe"),
    "globals": ("cover_title: {{ cycler.__init__.__globals__.os.popen('id').read() }}",
                "access to attribute '__init__' of 'type' object is unsafe"),
    "object-dict": ("cover_title: {{ organiser.__dict__ }}", "access to attribute '__dict__'"),
    "format-string": ("cover_title: {{ '{0.__class__}'.format(event) }}", "access to attribute '__class__'"),
    "mutation": ("cover_title: {{ event.keywords.append('x') }}", "has no attribute 'append'"),
    "include-file": ("{% include '/etc/passwd' %}", "has no template '/etc/passwd'"),
    "dotdot": ('{% extends "!default/../../../../../../etc/passwd" %}', "has no template"),
    "runaway-output": ("{% for i in range(100000) %}cover_line: xxxxxxxxxxxxxxxxxxxx\n{% endfor %}",
                       "produced more than 100,000 characters"),
}


def project_with_cover(tmp_path, cover: str | None = None):
    shutil.copytree(BUNDLED, tmp_path / "source" / BUNDLED.name)
    templates = tmp_path / "layouts" / "hostile" / "templates"
    templates.mkdir(parents=True)
    (tmp_path / "layouts" / "hostile" / "layout.yaml").write_text("extends: booklet\n")
    if cover is not None:
        (templates / "cover.j2").write_text(cover)
    return tmp_path


@pytest.mark.parametrize("case", sorted(PAYLOADS))
def test_a_hostile_template_fails_cleanly(cli, tmp_path, case):
    template, message = PAYLOADS[case]
    project = project_with_cover(tmp_path, template)
    result = cli("export", "pdf", "--layout", "hostile", cwd=project)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert "cover.j2" in result.output
    assert not (project / "build").exists() or not any((project / "build").rglob("*.pdf"))


def test_a_template_linked_out_of_the_layout_is_refused(cli, tmp_path):
    project = project_with_cover(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("cover_title: the secret\n")
    os.symlink(secret, project / "layouts" / "hostile" / "templates" / "cover.j2")
    result = cli("export", "pdf", "--layout", "hostile", cwd=project)
    assert result.exit_code == 2
    assert "leads outside the layout's templates folder (a symbolic link?)" in result.output


def test_a_template_that_runs_too_long_is_stopped(cli, tmp_path, monkeypatch):
    import exporter.layout.templates as templates

    monkeypatch.setattr(templates, "MAX_SECONDS", 0.5)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}cover_title: x"
    project = project_with_cover(tmp_path, loop)
    result = cli("export", "pdf", "--layout", "hostile", cwd=project)
    assert result.exit_code == 2
    assert "template cover.j2 took longer than 0.5 s to render, the limit" in result.output


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    import errno

    from exporter.errors import OctavoError
    from exporter.output import atomic_write

    target = tmp_path / "out.pdf"
    atomic_write(target, b"old")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OctavoError, match="No space left on device; the previous file, if any, is unchanged"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_an_interrupted_write_leaves_the_previous_file(tmp_path, monkeypatch):
    from exporter.output import atomic_write

    target = tmp_path / "out.pdf"
    atomic_write(target, b"old")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_invisible_characters_are_kept_in_every_format(cli, tmp_path):
    from docx import Document

    shutil.copytree(BUNDLED, tmp_path / "source" / BUNDLED.name)
    session = tmp_path / "source" / BUNDLED.name / "sessions" / "1-inaugural.yaml"
    text = "The Chief\u00adGuest, Foreign\u200bSecretary and\u200dnon\u200cjoined"
    session.write_text(session.read_text().replace("The Chief Guest, Foreign Secretary", text, 1))
    result = cli("export", "all", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert cli("verify", cwd=tmp_path).exit_code == 0
    docx = tmp_path / "build" / BUNDLED.name / f"{BUNDLED.name}-proceedings.docx"
    assert any(text in p.text for p in Document(str(docx)).paragraphs)


def test_two_exports_at_once_leave_complete_identical_files(tmp_path):
    import subprocess
    import sys

    from pypdf import PdfReader

    shutil.copytree(BUNDLED, tmp_path / "source" / BUNDLED.name)
    runs = [subprocess.Popen([sys.executable, "-m", "exporter", "export", "pdf"], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    assert [r.wait(timeout=120) for r in runs] == [0, 0, 0]
    folder = tmp_path / "build" / BUNDLED.name
    assert [p.name for p in folder.iterdir()] == [f"{BUNDLED.name}-proceedings.pdf"]  # no .part left
    assert len(PdfReader(folder / f"{BUNDLED.name}-proceedings.pdf").pages) == 40


@pytest.mark.parametrize("sig", ["SIGINT", "SIGKILL"])
def test_a_killed_export_never_leaves_a_truncated_file(tmp_path, sig):
    """Kill `export all` at spread-out moments; whatever is at a final path
    is a complete file (PDFs open with every page, the .docx unzips)."""
    import random
    import signal as signals
    import subprocess
    import sys
    import zipfile

    from pypdf import PdfReader

    shutil.copytree(BUNDLED, tmp_path / "source" / BUNDLED.name)
    rng = random.Random(sig)
    folder = tmp_path / "build" / BUNDLED.name
    for delay in sorted(rng.uniform(0.3, 2.5) for _ in range(4)):
        run = subprocess.Popen([sys.executable, "-m", "exporter", "export", "all", "--force"], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        run.send_signal(getattr(signals, sig))
        run.wait(timeout=60)
        for path in folder.glob("*") if folder.exists() else ():
            if path.suffix == ".pdf":
                assert len(PdfReader(path).pages) > 0, path
            elif path.suffix == ".docx":
                assert zipfile.ZipFile(path).testzip() is None, path
            elif path.suffix == ".json":
                json.loads(path.read_text())
            else:
                assert not path.name.endswith(".part") or sig == "SIGKILL", path


@pytest.mark.parametrize("template, message", [
    ("cover_title: {{ 1/0 }}", "template error: ZeroDivisionError: division by zero"),
    ("{% include 'cover.j2' %}", "template error: RecursionError"),
])
def test_a_template_that_raises_anything_is_a_located_error(cli, tmp_path, template, message):
    project = project_with_cover(tmp_path, template)
    result = cli("export", "pdf", "--layout", "hostile", cwd=project)
    assert result.exit_code == 2 and message in result.output and "cover.j2" in result.output, result.output


def test_a_template_that_is_not_utf8_is_a_located_error(cli, tmp_path):
    project = project_with_cover(tmp_path)
    (project / "layouts" / "hostile" / "templates" / "cover.j2").write_bytes(b"cover_title: caf\xe9\n")
    for args in (("export", "pdf", "--layout", "hostile"), ("check", "--layout", "hostile")):
        result = cli(*args, cwd=project)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert "cover.j2" in result.output


def test_a_value_with_a_line_break_cannot_add_a_template_line(bundled_event):
    """A template's output is read line by line as ``style: text``: a value
    printed with a line break in it (CR, NEL, U+2028 … as well as LF) stays
    on its own line, in the template's style, with its lines joined by a
    space; text already escaped by a filter (``join``) is not escaped twice."""
    from dataclasses import replace

    from exporter.layout.loader import load_layout
    from exporter.layout.templates import render_lines
    from exporter.project import Project

    layout = load_layout("booklet", Project(BUNDLED.parent.parent))
    ev = bundled_event
    hostile = replace(ev, title="Trade\ncover_title: INJECTED", subtitle="A\rB\x85C\u2028D\u2029E",
                      credits=replace(ev.credits, compiled_by=("R&D\nimprint_label: X", "AT&T")))
    context = {"organiser": ev.organiser, "date": "April 2019", "published": "May 2019"}
    for name in ("cover.j2", "imprint.j2"):
        plain = render_lines(layout, name, event=ev, **context)
        lines = render_lines(layout, name, event=hostile, **context)
        assert [x.style for x in lines] == [x.style for x in plain], name
    cover = {x.style: x.text for x in render_lines(layout, "cover.j2", event=hostile, **context)}
    assert cover["cover_title"] == "Trade cover_title: INJECTED"
    assert cover["cover_subtitle"] == "A B C D E"
    imprint = [x.text for x in render_lines(layout, "imprint.j2", event=hostile, **context)]
    assert "R&D imprint_label: X and AT&T" in imprint
