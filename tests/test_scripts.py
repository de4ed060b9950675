"""Every name in its own script (issue 17): a second event with Urdu,
Persian, Arabic, Chinese and Russian names and prose, and an emoji, exported
in every format and read back from the files: the text (pdftotext,
pdfplumber, python-docx), the fonts embedded (pdffonts), the shaping
(glyph widths against HarfBuzz's) and the order on the page (x positions)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from conftest import FIXTURES, ROOT

EVENT = FIXTURES / "sources" / "many-scripts"
FONTS = ROOT / "exporter" / "fonts"
URDU_NAME = "طارق رحمان"
PERSIAN_NAME = "رضا کریمی"
CHINESE_NAME = "王磊"
RUSSIAN_NAME = "Анна Иванова"
WORD = "پاکستان"


def octavo(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "exporter", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scripts")
    done = octavo("export", "all", str(EVENT), "--out", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "many-scripts"


def pdftotext(path: Path, *pages: int) -> str:
    """The text poppler reads, NFC, without the directional marks it adds
    around right-to-left runs, and without white space (poppler puts the
    space between a right-to-left word and the English after it on the
    word's other side)."""
    args = ["pdftotext", *(["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []), str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", "", text)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def test_every_format_is_written_and_verify_agrees(out):
    names = {p.name for p in out.iterdir()}
    assert {"many-scripts-proceedings.pdf", "many-scripts-proceedings-print.pdf", "many-scripts-proceedings.docx",
            "many-scripts-brief.pdf"} <= names
    done = octavo("verify", str(EVENT), "--out", str(out.parent))
    assert done.returncode == 0, done.stdout + done.stderr
    for pdf in ("many-scripts-proceedings.pdf", "many-scripts-proceedings-print.pdf", "many-scripts-brief.pdf"):
        subprocess.run(["qpdf", "--check", str(out / pdf)], check=True, capture_output=True)


@pytest.mark.parametrize("pdf", ["many-scripts-proceedings.pdf", "many-scripts-proceedings-print.pdf"])
def test_each_string_reads_back_in_logical_order(out, pdf):
    text = pdftotext(out / pdf)
    for phrase in ["ہم دیکھیں گے", "لازم ہے کہ ہم بھی", f"the word {WORD} means the land of the pure",
                   "إن مع العسر يسرا", "وإن الصبر مفتاح الفرج", "والعلم نور يهدي به الله من", "يشاء من عباده",
                   "千里之行，始于足下", f"explained that {CHINESE_NAME}", "«Россия и Азия: новые горизонты»",
                   "The audience applauded 👏 warmly.",
                   f"Ivanova, Dr. Anna ({RUSSIAN_NAME})", f"Wang Lei, Dr. ({CHINESE_NAME})", URDU_NAME, PERSIAN_NAME]:
        assert squeeze(phrase) in text, phrase


def test_the_index_prints_each_native_name_after_the_latin_one(out):
    with pdfplumber.open(out / "many-scripts-proceedings.pdf") as pdf:
        page = [p for p in pdf.pages if "Index of Participants" in (p.extract_text() or "")][-1]  # not the contents
        number = pdf.pages.index(page) + 1
    text = pdftotext(out / "many-scripts-proceedings.pdf", number)
    for latin, native in [("Rahman, Prof. Tariq", URDU_NAME), ("Karimi, Dr. Reza", PERSIAN_NAME),
                          ("Wang Lei, Dr.", CHINESE_NAME), ("Ivanova, Dr. Anna", RUSSIAN_NAME)]:
        at = text.index(squeeze(latin))
        assert text.index(squeeze(native), at) - at <= len(squeeze(latin)) + 2, (latin, native)


def test_the_fallback_fonts_are_embedded(out):
    listed = subprocess.run(["pdffonts", str(out / "many-scripts-proceedings.pdf")], capture_output=True,
                            text=True, check=True).stdout
    for face in ("NotoSerif-Regular", "NotoNaskhArabic-Regular", "NotoNastaliqUrdu-Regular", "NotoSerifSC-Regular",
                 "NotoEmoji-Regular"):
        assert re.search(rf"[A-Z]{{6}}\+{face}\s+TrueType\s+\S+\s+yes yes yes", listed), face
    brief = subprocess.run(["pdffonts", str(out / "many-scripts-brief.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "NotoNaskhArabic" in brief and "NotoSerifSC" in brief


def _word_chars(pdf_path: Path, word: str, font: str) -> list[dict]:
    """The characters drawn for ``word`` in ``font`` on the first page that
    has them, as pdfplumber reads them (each glyph with its ToUnicode text)."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if font in c["fontname"]]
            for top in sorted({round(c["top"]) for c in chars}):
                line = [c for c in chars if round(c["top"]) == top and c["text"]]
                # the word's letters, each glyph once, in the order they are drawn (left to right)
                line.sort(key=lambda c: c["x0"])
                letters = "".join(c["text"] for c in line)
                if word[::-1] in letters:
                    start = letters.index(word[::-1])
                    return line[start:start + len(word)]
    raise AssertionError(f"{word} not found in {font}")


def test_arabic_script_is_shaped_and_set_right_to_left(out):
    import uharfbuzz as hb

    chars = _word_chars(out / "many-scripts-proceedings.pdf", WORD, "NotoNaskhArabic-Regular")
    # right to left: in logical order the x positions descend
    logical = chars[::-1]
    assert "".join(c["text"] for c in logical) == WORD
    assert all(a["x0"] > b["x0"] for a, b in zip(logical, logical[1:]))
    # shaped: the drawn advances are HarfBuzz's joined forms, not the letters' isolated glyphs
    font = TTFont(FONTS / "NotoNaskhArabic-Regular.ttf")
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    size = chars[0]["size"]
    isolated = sum(hmtx[cmap[ord(ch)]][0] for ch in WORD) * size / upem
    face = hb.Face(hb.Blob((FONTS / "NotoNaskhArabic-Regular.ttf").read_bytes()))
    buf = hb.Buffer()
    buf.add_str(WORD)
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {})
    shaped = sum(p.x_advance for p in buf.glyph_positions) * size / upem
    drawn = chars[-1]["x1"] - chars[0]["x0"]
    assert abs(drawn - shaped) < 0.05 * shaped, (drawn, shaped, isolated)
    assert abs(shaped - isolated) > 0.5  # the test can tell the two apart
    # the glyphs are the joined forms: a medial kaf is not the isolated one
    names = [font.getGlyphName(i.codepoint) for i in buf.glyph_infos]
    assert any(n.endswith((".init", ".medi", ".fina")) or ".medi." in n or ".init." in n for n in names)


def test_a_persian_date_runs_right_to_left_with_its_numbers_left_to_right(out):
    with pdfplumber.open(out / "many-scripts-proceedings.pdf") as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if "NotoNaskh" in c["fontname"] and c["text"] and c["text"] in "۱۴۳۹۸"]
            if len(chars) >= 6:
                break
    digits = sorted(chars, key=lambda c: c["x0"])
    text = "".join(c["text"] for c in digits)
    # drawn left to right: the year (last in logical order) leftmost, then the day; each number reads left to right
    assert text == "۱۳۹۸۱۴", text


def test_the_docx_marks_each_run_with_its_language_and_direction(out):
    document = docx.Document(out / "many-scripts-proceedings.docx")
    runs = {}
    for p in document.paragraphs:
        for r in p.runs:
            rpr = r._element.rPr
            lang = rpr.find(qn("w:lang")) if rpr is not None else None
            if lang is not None:
                attrs = {k.split("}")[1]: v for k, v in lang.attrib.items()}
                runs.setdefault(r.text.strip(), (attrs, rpr.find(qn("w:rtl")) is not None))
    assert runs[URDU_NAME] == ({"bidi": "ur-PK"}, True)
    assert runs[PERSIAN_NAME] == ({"bidi": "fa-IR"}, True)
    assert runs[CHINESE_NAME] == ({"eastAsia": "zh-CN"}, False)
    assert runs[RUSSIAN_NAME] == ({"val": "ru-RU"}, False)
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Noto Naskh Arabic" and fonts.get(qn("w:eastAsia")) == "Noto Serif SC"


def test_the_brief_sets_an_urdu_word_in_its_quote(out):
    text = pdftotext(out / "many-scripts-brief.pdf")
    assert squeeze(f"the word {WORD} means the land of the pure") in text
    assert squeeze(f"such as {URDU_NAME} and {CHINESE_NAME}") in text


def _project(tmp_path: Path, layout: str = "") -> Path:
    shutil.copytree(EVENT, tmp_path / "source" / "ev")
    if layout:
        (tmp_path / "layouts" / "plain").mkdir(parents=True)
        (tmp_path / "layouts" / "plain" / "layout.yaml").write_text(layout, encoding="utf-8")
    return tmp_path


def test_check_names_a_character_no_font_has_once_with_its_place(cli, tmp_path):
    project = _project(tmp_path)
    people = project / "source" / "ev" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Wang Lei", "name: Wang ᚠ Lei"),
                      encoding="utf-8")
    result = cli("check", "source/ev", cwd=project)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "glyph for" in line]
    assert len(lines) == 1, result.output
    assert "people.yaml:10:5: people[1]" in lines[0] and "'ᚠ' U+16A0" in lines[0]
    assert "Noto Naskh Arabic" in lines[0]  # the message names the chain it tried


def test_a_native_name_the_layout_never_prints_blocks_nothing(cli, tmp_path):
    project = _project(tmp_path, "extends: booklet\nparts: {index: false}\n")
    people = project / "source" / "ev" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace(f"native_name: {CHINESE_NAME}",
                                                                 "native_name: ᚠᚢᚦ"), encoding="utf-8")
    result = cli("check", "source/ev", "--layout", "plain", cwd=project)
    assert "glyph for" not in result.output, result.output
    assert result.exit_code == 0, result.output
    result = cli("check", "source/ev", cwd=project)  # the booklet prints it in its index: refused, located
    assert result.exit_code == 2 and "'ᚠ' U+16A0" in result.output


def test_speaker_headings_show_native_names_when_the_layout_asks(cli, tmp_path):
    project = _project(tmp_path, "extends: booklet\nspeaker_native_name: true\n")
    result = cli("export", "pdf", "source/ev", "--layout", "plain", "--out", str(tmp_path / "build"), cwd=project)
    assert result.exit_code == 0, result.output
    pdf = next((tmp_path / "build").rglob("*.pdf"))
    text = pdftotext(pdf)
    assert squeeze(f"Dr. Wang Lei ({CHINESE_NAME})") in text
    assert squeeze(f"Dr. Anna Ivanova ({RUSSIAN_NAME})") in text


def test_a_latin_book_reads_no_fallback_font(tmp_path):
    """Start-up and a Latin (and Cyrillic) export never read the Arabic, CJK
    or emoji files: they are registered when a character first needs one."""
    code = ("import sys; from reportlab.pdfbase import pdfmetrics; from exporter.cli import main; "
            f"sys.argv=['octavo','export','pdf','--out',{str(tmp_path)!r}]\n"
            "try:\n main()\nexcept SystemExit:\n pass\n"
            "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('Octavo-')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "NotoSerif-Regular" in done.stdout, done.stdout + done.stderr
    for face in ("Naskh", "Nastaliq", "SerifSC", "Emoji"):
        assert face not in done.stdout


def test_chinese_prose_breaks_between_ideographs():
    from reportlab.platypus.paragraph import _processed_frags  # noqa: F401 - ReportLab is there

    from exporter.typeset.fonts import register
    from exporter.layout import load_layout
    from exporter.project import Project
    from exporter.typeset.paragraph import Paragraph
    from exporter.typeset.styles import paragraph_styles

    layout = load_layout(None, Project(ROOT))
    styles = paragraph_styles(layout, register(layout), "en-GB")
    text = "千里之行，始于足下。合抱之木，生于毫末；九层之台，起于累土。" * 3
    p = Paragraph(text, styles["body"])
    p.wrap(120, 1000)
    lines = ["".join(str(f.text) for f in line.words) for line in p.blPara.lines]
    assert len(lines) > 3
    assert "".join(lines).replace(" ", "") == text  # nothing lost, nothing added
    assert all(line.maxWidth - line.extraSpace <= 120 + 0.01 for line in p.blPara.lines)
    assert not any(line.startswith(("，", "。", "；")) for line in lines[1:])  # no line starts with a comma


def test_a_running_head_in_another_script_falls_back_and_is_shaped(out):
    """The event's title ends in an Arabic word: the running heads, drawn
    straight on the page, set it in Noto Naskh Arabic, joined, not boxes."""
    with pdfplumber.open(out / "many-scripts-proceedings.pdf") as pdf:
        page = pdf.pages[7]  # a verso in the sessions: the event's title at its head
        head = [c for c in page.chars if c["top"] < 45]
    assert "Scholars Across Scripts:" in "".join(c["text"] for c in head)
    arabic = sorted((c for c in head if "NotoNaskhArabic" in c["fontname"] and c["text"]), key=lambda c: -c["x0"])
    assert "".join(c["text"] for c in arabic) == "علم"  # right to left
    assert all(c["fontname"].split("+")[1].startswith("NotoSans") for c in head if c["text"].isalpha() and c["text"].isascii())
