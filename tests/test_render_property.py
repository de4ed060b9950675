"""Properties of the whole toolchain: any valid source renders in every
format, every word of it comes back out of the files, and long words stay
inside the text block."""

from __future__ import annotations

import os
import shutil
import subprocess

import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from exporter.exporters.docx import DocxExporter
from exporter.exporters.pdf import PdfExporter
from exporter.layout import load_layout
from exporter.project import Project
from exporter.source import load_event
from exporter.verify import docx_text, find_in_order, pdf_pages
from test_roundtrip import md_escape, write_event

# What the bundled fonts set: Latin with accents, Greek, Cyrillic, digits, and
# the characters markup is made of.
ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                "éèçñüößøåÆŒ" "αβγδΩ" "ИринаСеренкоЖЩЯ" "&<>\"'/\\*_#[]{}()%$@!?;:"
                                "“”‘’–—…€"))
WORD = st.text(ALPHABET, min_size=1, max_size=14).filter(lambda w: any(c.isalnum() for c in w))
WORDS = st.lists(WORD, min_size=3, max_size=30)
#: Examples per run; a long hunt: OCTAVO_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_render_property.py
EXAMPLES = int(os.environ.get("OCTAVO_EXAMPLES", "40"))


@settings(max_examples=max(12, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.lists(WORD, min_size=2, max_size=3), prose=WORDS, title=st.lists(WORD, min_size=1, max_size=5))
def test_any_valid_source_renders_and_every_word_comes_back(tmp_path_factory, name, prose, title):
    root = tmp_path_factory.mktemp("p")
    folder = root / "source" / "ev"
    write_event(folder, md_escape(name).replace("\\", ""), "Dr.", "Fellow", "Session",
                md_escape(prose), md_escape(title))
    project = Project(root)
    event = load_event(folder, project)
    layout = load_layout(None, Project(ROOT))
    out = root / "build"
    pdf = PdfExporter(event, layout).export(out)
    docx = DocxExporter(event, layout).export(out)
    body = [" ".join(prose)]
    assert find_in_order(body, "\n".join(pdf_pages(pdf, layout))) == []
    assert find_in_order(body, docx_text(docx)) == []
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0


def test_long_words_and_urls_stay_inside_the_text_block(tmp_path):
    long_word = "Antidisestablishmentarianism" * 12
    url = "https://example.org/" + "very-long-path-segment/" * 12
    folder = tmp_path / "source" / "ev"
    write_event(folder, "Zafar Cheema", "Dr.", long_word, "Session", f"A {long_word} and <{url}> end.", "Title")
    layout = load_layout(None, Project(ROOT))
    pdf = PdfExporter(load_event(folder, Project(tmp_path)), layout).export(tmp_path / "build")
    p = layout.page
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, 1):
            left = p.inner if n % 2 else p.outer
            right = left + p.width - p.inner - p.outer
            outside = [c["text"] for c in page.chars if c["x1"] > right + 1 or c["x0"] < left - 1]
            assert outside == [], (n, "".join(outside)[:40])
    text = "\n".join(pdf_pages(pdf, layout))
    assert find_in_order([long_word, url.replace("/", " ")], text.replace("\n", "")) == []


ANY = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ANY, prose=ANY, title=ANY)
def test_any_text_either_exports_or_fails_with_located_problems(tmp_path_factory, name, prose, title):
    """The contract for arbitrary Unicode (all planes, combining marks,
    right-to-left, controls): every output is written and opens, or the run
    fails with exit code 2, every problem as file:line:col, and no file."""
    import re
    import zipfile

    from click.testing import CliRunner
    from pypdf import PdfReader

    from exporter.cli import main

    root = tmp_path_factory.mktemp("any")
    folder = root / "source" / "ev"
    write_event(folder, name.strip() or "x", "Dr.", "Fellow", "Session", prose, title.strip() or "x")
    result = CliRunner().invoke(main, ["export", "all", str(folder), "--out", str(root / "build")])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    files = sorted((root / "build").rglob("*.*")) if (root / "build").exists() else []
    if result.exit_code == 0:
        assert [f.suffix for f in files if f.name != "manifest.json"] == [".pdf", ".pdf", ".docx"] or files
        for f in files:
            if f.suffix == ".pdf":
                assert len(PdfReader(f).pages) > 0
            elif f.suffix == ".docx":
                assert zipfile.ZipFile(f).testzip() is None
    else:
        lines = result.output.strip().splitlines()
        # export all adds, after the problems, which outputs failed and which were ready
        added = next((i for i, line in enumerate(lines) if line.startswith("export all writes its files")), None)
        if added is not None:
            assert re.fullmatch(r"export all .* nothing was written; failed: [a-z, ]+; .*", lines[added]), lines
            lines = lines[:added]
        assert all(re.match(r"^(Error: )?\S+:\d+:\d+: ", line) for line in lines[:-1]), lines
        assert lines[-1].endswith("nothing was written.") and not files, lines


@given(st.text())
def test_markup_escapes_as_the_xml_escaper_did(text):
    """exporter.typeset.markup escapes without importing xml.sax.saxutils
    (whose import loads the mail and web modules): the same text out."""
    from xml.sax.saxutils import escape

    from exporter.typeset.markup import attr, esc

    assert esc(text) == attr(text) == escape(text, {'"': "&quot;"})
