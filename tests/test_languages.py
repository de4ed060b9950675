"""Text in other scripts and languages: found by script (exporter.scripts)
and marked in the .docx with its language, read back with python-docx and
lxml."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from docx.oxml.ns import qn

from conftest import BUNDLED, ROOT
from exporter.exporters.docx import DocxExporter
from exporter.layout import load_layout
from exporter.project import Project
from exporter.scripts import stretches
from exporter.source import load_event


def parts(text: str, lang: str = "") -> list[tuple[str, str, str, bool]]:
    return [(s.text, s.lang, s.slot, s.rtl) for s in stretches(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("plain English, “quoted” — 12 €", "", [("plain English, “quoted” — 12 €", "", "latin", False)]),
    ("Serenko, Ирина Серенко", "", [("Serenko, ", "", "latin", False), ("Ирина Серенко", "ru-RU", "latin", False)]),
    ("Ірина Серенко", "uk-UA", [("Ірина Серенко", "uk-UA", "latin", False)]),  # the source's word wins
    ("Łukasz Wiśniewski", "pl-PL", [("Łukasz Wiśniewski", "pl-PL", "latin", False)]),
    ("(سلام)", "", [("(سلام)", "ar-SA", "cs", True)]),  # brackets join the script they enclose
    ("تنظیم", "ur-PK", [("تنظیم", "ur-PK", "cs", True)]),
    # Arabic script with no language given: the language whose own letters it holds
    ("پاکستان کے لیے", "", [("پاکستان کے لیے", "ur-PK", "cs", True)]),  # ے: Urdu
    ("گفتگو در تهران", "", [("گفتگو در تهران", "fa-IR", "cs", True)]),     # گ, no Urdu letter: Persian
    ("د افغانستان ښار", "", [("د افغانستان ښار", "ps-AF", "cs", True)]),  # ښ: Pashto
    ("السلام عليكم", "", [("السلام عليكم", "ar-SA", "cs", True)]),         # no letter of another: Arabic
    ("हिन्दी", "", [("हिन्दी", "hi-IN", "cs", False)]),
    ("東京へ行く", "", [("東京へ行く", "ja-JP", "eastAsia", False)]),  # kanji with kana: Japanese
    ("谢谢", "", [("谢谢", "zh-CN", "eastAsia", False)]),
    ("Ωmega", "", [("Ω", "el-GR", "latin", False), ("mega", "", "latin", False)]),
])
def test_stretches_by_script(text, lang, expected):
    assert parts(text, lang) == expected
    assert "".join(s.text for s in stretches(text, lang)) == text


W_LANG = qn("w:lang")


def marked_runs(document) -> list[tuple[str, dict[str, str], list[str]]]:
    """(text, w:lang attributes, other marks) of every run with a language."""
    out = []
    for r in document.element.body.iter(qn("w:r")):
        lang = r.find(f"{qn('w:rPr')}/{W_LANG}")
        if lang is not None:
            others = [c.tag.rsplit("}", 1)[1] + "".join(f":{v}" for v in c.attrib.values())
                      for c in r.find(qn("w:rPr")) if c.tag not in (W_LANG, qn("w:rStyle"))]
            out.append(("".join(t.text for t in r.iter(qn("w:t"))),
                        {k.rsplit("}", 1)[1]: v for k, v in lang.attrib.items()}, others))
    return out


def test_native_names_carry_their_language_in_the_bundled_proceedings(bundled_event):
    document = docx.Document(io.BytesIO(DocxExporter(bundled_event, load_layout(None, Project(ROOT))).render()))
    runs = marked_runs(document)
    natives = sorted(p.native_name for p in bundled_event.people if p.native_name)
    assert len(natives) == 5
    assert sorted(text for text, _, _ in runs) == natives  # and nothing in English is marked
    assert all(attrs == {"val": "ru-RU"} and others == [] for _, attrs, others in runs)


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory):
    """The bundled event with a Ukrainian native name (its language given),
    an Urdu and a Chinese one (not given), and prose in Arabic script and
    Japanese in the introduction; exported to Word."""
    root = tmp_path_factory.mktemp("langs")
    folder = root / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, folder)
    people = folder / "people.yaml"
    text = people.read_text()
    text = text.replace("    native_name: Алексей Дедов\n    native_name_lang: ru-RU\n",
                        "    native_name: Олексій Дєдов\n    native_name_lang: uk-UA\n")
    text = text.replace("    name: Tehmina Janjua\n", "    name: Tehmina Janjua\n    native_name: تہمینہ جنجوعہ\n", 1)
    text = text.replace("    name: Khalid Banuri\n", "    name: Khalid Banuri\n    native_name: 巴努里\n", 1)
    people.write_text(text)
    event_yaml = folder / "event.yaml"
    event_yaml.write_text(event_yaml.read_text().replace(
        "introduction: |\n", "introduction: |\n  The motto تعاون و اعتماد and the greeting 東京へようこそ were read out.\n\n", 1))
    event = load_event(folder, Project(root))
    data = DocxExporter(event, load_layout(None, Project(ROOT))).render()
    (root / "multilingual.docx").write_bytes(data)
    return root / "multilingual.docx", docx.Document(io.BytesIO(data))


def test_each_script_gets_its_language_in_its_slot(multilingual):
    _, document = multilingual
    runs = {text: (attrs, others) for text, attrs, others in marked_runs(document)}
    assert runs["Олексій Дєдов"] == ({"val": "uk-UA"}, [])  # given: not the Russian guess
    assert runs["تہمینہ جنجوعہ"] == ({"bidi": "ur-PK"}, ["rFonts:cs", "rtl"])  # guessed from its letters (ہ)
    assert runs["巴努里"] == ({"eastAsia": "zh-CN"}, ["rFonts:eastAsia"])
    assert runs["تعاون و اعتماد "] == ({"bidi": "ar-SA"}, ["rFonts:cs", "rtl"])
    assert runs["東京へようこそ "] == ({"eastAsia": "ja-JP"}, ["rFonts:eastAsia"])
    intro = next(p for p in document.paragraphs if p.text.startswith("The motto"))
    assert intro.text == "The motto تعاون و اعتماد and the greeting 東京へようこそ were read out."


def test_marked_runs_keep_their_character_style_first(multilingual):
    """A Strong lead in another script: w:rStyle, then the marks, in CT_RPr's order."""
    _, document = multilingual
    order = ["rStyle", "rFonts", "rtl", "cs", "lang"]
    for r in document.element.body.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            tags = [c.tag.rsplit("}", 1)[1] for c in rpr]
            assert tags == sorted(tags, key=order.index), tags


def test_openxml_audit_accepts_the_marks(multilingual):
    from test_docx_package import audit

    path, _ = multilingual
    assert audit(path) == []


def test_a_language_without_a_native_name_is_a_located_error(cli, tmp_path):
    folder = tmp_path / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, folder)
    people = folder / "people.yaml"
    people.write_text(people.read_text().replace("    name: Tehmina Janjua\n",
                                                 "    name: Tehmina Janjua\n    native_name_lang: ur-PK\n", 1))
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (f"source/{BUNDLED.name}/people.yaml:30:23: people[3].native_name_lang: gives the language of "
            "native_name, which is empty") in result.output
