"""Names in the index of participants: one rule (exporter/names.py) for the
PDF and the Word file, for the shapes a second event brings: a name written
surname first, a name that is all surname, a rank holding parentheses."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from docx import Document

from exporter import model as m
from exporter.names import index_name, sort_key

from conftest import BUNDLED


@pytest.mark.parametrize("name, sort_as, honorific, expected", [
    ("Zafar Iqbal Cheema", "", "Dr.", "Cheema, Dr. Zafar Iqbal"),
    ("Ahmed Khan", "", "Lt Gen (Retd)", "Khan, Lt Gen (Retd) Ahmed"),
    ("Xi Jinping", "Xi", "H.E.", "Xi Jinping, H.E."),
    ("Orbán Viktor", "Orbán", "", "Orbán Viktor"),
    ("Suharto", "", "", "Suharto"),
    ("Suharto", "Suharto", "Gen.", "Suharto, Gen."),
    ("Abdul Basit Khan", "Basit", "Dr.", "Basit, Dr. Abdul Khan"),
    ("Yulia Sveshnikova", "Sveshnikova", "", "Sveshnikova, Yulia"),
])
def test_one_rule_for_every_shape(name, sort_as, honorific, expected):
    p = m.Person("x", name, honorific=honorific, sort_name=sort_as)
    entry = index_name(p)
    assert entry.text == expected
    assert entry.head == (sort_as or name.split()[-1])
    assert "((" not in entry.text and not entry.text.endswith(",") and ", ," not in entry.text


def test_the_index_sorts_by_the_sort_name():
    people = [m.Person("a", "Xi Jinping", sort_name="Xi"), m.Person("b", "Tehmina Janjua"),
              m.Person("c", "Suharto")]
    assert [p.id for p in sorted(people, key=sort_key)] == ["b", "c", "a"]


@pytest.fixture(scope="module")
def second_event(tmp_path_factory):
    """The bundled event with three people renamed into the awkward shapes."""
    from click.testing import CliRunner

    from exporter.cli import main

    base = tmp_path_factory.mktemp("names")
    folder = base / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, folder)
    people = folder / "people.yaml"
    text = people.read_text(encoding="utf-8")
    for old, new in [("    honorific: Ms.\n    name: S. Sadia Kazmi\n",
                      "    honorific: Prof.\n    name: Wang Yiwei\n    sort_as: Wang\n"),
                     ("    honorific: Mr.\n    name: Ross Masood Husain\n", "    name: Husain\n"),
                     ("    honorific: H.E.\n    name: Tehmina Janjua\n",
                      "    honorific: Lt Gen (Retd)\n    name: Tehmina Janjua\n")]:
        assert old in text
        text = text.replace(old, new)
    people.write_text(text, encoding="utf-8")
    import os
    cwd = os.getcwd()
    os.chdir(base)
    try:
        result = CliRunner().invoke(main, ["export", "pdf"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        result = CliRunner().invoke(main, ["export", "docx"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    finally:
        os.chdir(cwd)
    return base / "build" / BUNDLED.name


EXPECTED = ["Wang Yiwei, Prof.", "Husain", "Janjua, Lt Gen (Retd) Tehmina"]


def test_the_pdf_index_prints_each_shape_by_the_rule(second_event):
    with pdfplumber.open(second_event / f"{BUNDLED.name}-proceedings.pdf") as pdf:
        start = next(i for i, p in enumerate(pdf.pages)
                     if (p.extract_text() or "").startswith("Index of Participants"))
        lines = [ln for p in pdf.pages[start:] for ln in (p.extract_text() or "").splitlines()]
    for entry in EXPECTED:   # the name cell, then the page numbers on the same line
        assert any(ln == entry or ln.startswith(entry + " ") and ln[len(entry) + 1:][:1] in "0123456789–"
                   for ln in lines), entry
    assert not [ln for ln in lines if "Husain," in ln or "((" in ln or "Yiwei, Wang" in ln]


def test_the_word_index_prints_each_shape_by_the_rule(second_event):
    doc = Document(str(second_event / f"{BUNDLED.name}-proceedings.docx"))
    entries = [p for p in doc.paragraphs if p.style.name == "Index Entry"]
    texts = [p.text for p in entries]
    for entry in EXPECTED:
        assert any(t.startswith(entry) for t in texts), entry
    first = next(p for p in entries if p.text.startswith("Wang"))
    assert first.runs[0].text == "Wang" and first.runs[0].style.name == "Strong"
