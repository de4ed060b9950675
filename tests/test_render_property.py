"""Properties of the whole toolchain: any valid source renders in every
format, every word of it comes back out of the files, and long words stay
inside the text block."""

from __future__ import annotations

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


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
