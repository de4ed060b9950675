"""``octavo verify`` on right-to-left prose mixed with English and numbers:
a PDF reader returns an Urdu line's runs in drawn order (the English lands
on the other side of the Urdu) and two Urdu paragraphs in a row as one run,
so verify compares such a paragraph as the words it holds, within the
stretch its left-to-right neighbours bound; it still catches a lost Urdu
paragraph and a lost English word inside one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from conftest import FIXTURES
from exporter.plaintext import find_in_order, tokens
from exporter.verify import docx_text, pdf_pages

EVENT = FIXTURES / "sources" / "many-scripts"
MIXED = "اقبال کی پہلی کتاب Bang-e-Dara (1924) ہے، اور ان کی دوسری کتاب Bal-e-Jibril (1935) ہے جو لاہور میں چھپی تھی اور بہت مقبول ہوئی۔"
FIRST = "پشاور علم و ادب کا قدیم شہر ہے۔"
SECOND = "اس کی درسگاہوں میں صدیوں سے مختلف زبانوں کے عالم ایک دوسرے سے سیکھتے آئے ہیں۔"
SHORT = "اقبال کی پہلی کتاب Bang-e-Dara (1924) ہے۔"
CONTEXT_1 = "جامعہ پشاور میں 2019 کی کانفرنس ہوئی۔"
CONTEXT_2 = "اس میں چار ملکوں کے عالم شریک تھے۔"


def _write_event(folder: Path, mixed: str = MIXED, first: str = FIRST) -> None:
    """The many-scripts event with an Urdu paragraph quoting English titles
    and years, two Urdu paragraphs in a row (in the body and in the brief's
    context), an Urdu line in a quotation, and an Urdu key message with
    English in it."""
    shutil.copytree(EVENT, folder)
    session = folder / "sessions" / "1-opening.yaml"
    text = session.read_text(encoding="utf-8")
    paragraphs = "".join(f"      {p}\n\n" for p in (mixed, first, SECOND) if p)
    text = text.replace("      > «إن مع العسر", paragraphs + "      > «إن مع العسر")
    text = text.replace("يشاء من عباده»\n", f"يشاء من عباده»\n      >\n      > {SHORT}\n")
    session.write_text(text, encoding="utf-8")
    brief = folder / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    text = text.replace("University of Peshawar.\n", f"University of Peshawar.\n\n  {CONTEXT_1}\n\n  {CONTEXT_2}\n")
    text = text.replace("recommendations:", f"  - text: {SHORT}\n    ref: karimi-talk\nrecommendations:")
    brief.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project whose event mixes Urdu with English, exported in every format."""
    root = tmp_path_factory.mktemp("rtl")
    _write_event(root / "source" / "ev")
    done = subprocess.run([sys.executable, "-m", "exporter", "export", "all", "source/ev", "--out", "build"],
                          cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def _copy(project: Path, tmp_path: Path) -> Path:
    shutil.copytree(project, tmp_path / "p")
    return tmp_path / "p"


def _phrase(text: str) -> str:
    return " " + " ".join(tokens(text)) + " "


def test_the_event_has_both_cases_and_verify_passes_them(cli, project, tmp_path):
    out = project / "build" / "ev"
    pdf = " " + " ".join(tokens("\n".join(pdf_pages(out / "ev-proceedings.pdf")))) + " "
    docx = " " + " ".join(tokens(docx_text(out / "ev-proceedings.docx"))) + " "
    brief = " " + " ".join(tokens("\n".join(pdf_pages(out / "ev-brief.pdf")))) + " "
    # What the readers give is not the source's token sequence: the English
    # sits on the other side of the Urdu, and consecutive paragraphs merge.
    assert _phrase(SHORT) not in brief and "bangedara" in brief
    assert _phrase(MIXED) not in pdf and " balejibril " in pdf
    assert _phrase(FIRST) not in docx and _phrase(SECOND) not in docx
    assert _phrase(CONTEXT_1) not in brief or _phrase(CONTEXT_2) not in brief
    project = _copy(project, tmp_path)
    result = cli("verify", "source/ev", "--out", str(project / "build"), cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output.count("in order") == 3 and "page references that match the booklet" in result.output


def test_an_urdu_paragraph_deleted_from_the_docx_is_named(cli, project, tmp_path):
    project = _copy(project, tmp_path)
    path = project / "build" / "ev" / "ev-proceedings.docx"
    doc = Document(str(path))
    victim = next(p for p in doc.paragraphs if p.text.strip() == FIRST)
    victim._element.getparent().remove(victim._element)
    doc.save(str(path))
    result = cli("verify", "source/ev", "--out", str(project / "build"), cwd=project)
    assert result.exit_code == 2
    assert "ev-proceedings.docx: 1 problem(s)" in result.output
    assert f"source/ev/sessions/1-opening.yaml:22:7: items[0].text: paragraph missing in ev-proceedings.docx: “{FIRST}”" \
        in result.output, result.output


@pytest.mark.parametrize("damage", ["paragraph", "word"])
def test_a_pdf_that_lost_an_urdu_paragraph_or_an_english_word_in_one_fails(cli, project, tmp_path, damage):
    other = tmp_path / "other"
    if damage == "paragraph":
        _write_event(other / "source" / "ev", first="")
    else:
        _write_event(other / "source" / "ev", mixed=MIXED.replace("Bal-e-Jibril ", ""))
    done = cli("export", "pdf", "source/ev", "--out", str(other / "build"), cwd=other)
    assert done.exit_code == 0, done.output
    project = _copy(project, tmp_path)
    shutil.copy(other / "build" / "ev" / "ev-proceedings.pdf", project / "build" / "ev" / "ev-proceedings.pdf")
    result = cli("verify", "source/ev", "--out", str(project / "build"), cwd=project)
    assert result.exit_code == 2
    assert "ev-proceedings.pdf: 1 problem(s)" in result.output, result.output
    if damage == "paragraph":
        assert f"1-opening.yaml:22:7: items[0].text: paragraph missing in ev-proceedings.pdf: “{FIRST}”" \
            in result.output, result.output
    else:
        assert "1-opening.yaml:20:7: items[0].text: paragraph missing in ev-proceedings.pdf: “اقبال کی پہلی کتاب" \
            in result.output, result.output


def test_the_matcher_reads_right_to_left_paragraphs_as_their_words_between_their_neighbours():
    para = "اقبال کی کتاب Bang-e-Dara (1924) ہے"
    drawn = "Before. ہے (1924) Bang-e-Dara کتاب کی اقبال After."
    assert find_in_order(["Before.", para, "After."], drawn) == []
    assert find_in_order(["Before.", para, "After."], drawn.replace("Bang-e-Dara ", "")) == [(1, "missing")]
    assert find_in_order(["Before.", para, "After."], drawn.replace("(1924)", "(1925)")) == [(1, "missing")]
    merged = "Before. شہر علم پشاور ادب After."
    assert find_in_order(["Before.", "پشاور شہر", "علم ادب", "After."], merged) == []
    assert find_in_order(["Before.", "پشاور شہر", "علم ادب", "After."], "Before. شہر پشاور After.") == [(2, "missing")]
    # a paragraph twice needs its words twice; one outside its neighbours is out of order
    assert [i for i, _ in find_in_order(["a", "پشاور", "پشاور", "b"], "a پشاور b")] == [2]
    assert find_in_order(["a", "پشاور", "b"], "a b پشاور") == [(1, "out of order")]
    # left-to-right text is matched as before
    assert find_in_order(["b c", "a"], "a b c") == [(1, "out of order")]
    assert find_in_order(["a b", "c"], "b a c") == [(0, "missing")]
