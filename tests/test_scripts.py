"""Every name in its own script (issue 17): a second event with Urdu,
Persian, Arabic, Chinese and Russian names and prose, and an emoji, exported
in every format and read back from the files: the text (pdftotext,
pdfplumber, python-docx), the fonts embedded (pdffonts), the shaping
(glyph widths against HarfBuzz's) and the order on the page (x positions)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import docx
import pdfplumber
import pikepdf
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from conftest import FIXTURES, ROOT
from test_tagging import assert_every_operator_marked, assert_lists_have_label_and_body, elements

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
                   "إن مع العسر يسرا", "وإن الصبر مفتاح الفرج", "پشاور علم و ادب کا قدیم شہر ہے",
                   "اور اس کی درسگاہوں میں صدیوں سے مختلف زبانوں کے", "عالم ایک دوسرے سے سیکھتے آئے ہیں۔",
                   "والعلم نور يهدي به الله من", "يشاء من عباده",
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


def _drawn_codes(doc: pikepdf.Pdf) -> dict:
    """Every font the pages (and the forms they draw) show text in, with the
    codes drawn in it: objgen -> (font, codes)."""
    drawn: dict = {}

    def walk(stream, resources, seen):
        fonts = resources.get("/Font", {}) if resources is not None else {}
        font = None
        for operands, op in pikepdf.parse_content_stream(stream):
            op = str(op)
            if op == "Tf":
                font = fonts[str(operands[0])]
            elif op in ("Tj", "'", '"', "TJ"):
                strings = operands[0] if op == "TJ" else operands[-1:]
                codes = drawn.setdefault(font.objgen, (font, set()))[1]
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        codes.update(bytes(item))  # simple fonts: one byte a code
            elif op == "Do":
                xobject = resources.XObject[str(operands[0])]
                if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    walk(xobject, xobject.get("/Resources"), seen | {xobject.objgen})

    for page in doc.pages:
        walk(page, page.obj.get("/Resources"), set())
    return drawn


def _to_unicode(font) -> dict[int, str]:
    """A font's ToUnicode CMap, read by pdfminer's CMap parser."""
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    cmap = FileUnicodeMap()
    CMapParser(cmap, io.BytesIO(font.ToUnicode.read_bytes())).run()
    return cmap.cid2unichr


@pytest.mark.parametrize("pdf", ["many-scripts-proceedings.pdf", "many-scripts-brief.pdf"])
def test_every_glyph_drawn_maps_to_characters(out, pdf):
    """PDF/UA-1 (ISO 14289-1, 7.21.7) and PDF/A-2u: every code drawn maps
    to Unicode in its font's ToUnicode CMap, never to nothing, U+0000,
    U+FEFF, U+FFFE or a private-use code.  HarfBuzz draws some letters as
    several glyphs (Noto Naskh Arabic's پ is a dotless base and three dots,
    Nastaliq's ق a base and two): such a letter is drawn as one glyph of
    their outlines, mapped to the letter, so no glyph maps to nothing and
    the letter reads once (pdfplumber finds no glyph without text)."""
    with pikepdf.open(out / pdf) as doc:
        drawn = _drawn_codes(doc)
        faces = set()
        for font, codes in drawn.values():
            name = str(font.BaseFont).split("+")[-1]
            faces.add(name)
            mapping = _to_unicode(font)
            bad = {code: mapping.get(code) for code in sorted(codes)
                   if not mapping.get(code) or set(mapping[code]) & {"\0", "\ufeff", "\ufffe"}
                   or any(0xE000 <= ord(c) <= 0xF8FF for c in mapping[code])}
            assert not bad, (name, bad)
    assert "NotoNaskhArabic-Regular" in faces and "NotoSerifSC-Regular" in faces
    if pdf == "many-scripts-proceedings.pdf":
        assert "NotoNastaliqUrdu-Regular" in faces and "NotoEmoji-Regular" in faces
    with pdfplumber.open(out / pdf) as doc:
        arabic = [c for page in doc.pages for c in page.chars if re.search("Naskh|Nastaliq", c["fontname"])]
    assert arabic and all(c["text"] for c in arabic)


@pytest.mark.parametrize("face, word, letter", [("NotoNaskhArabic-Regular", WORD, "پ"),
                                                ("NotoNastaliqUrdu-Regular", "طارق", "ق")])
def test_a_letter_shaped_into_several_glyphs_is_drawn_with_all_of_them(out, face, word, letter):
    """The glyph drawn for a letter HarfBuzz shapes into a base and its dots
    holds all their outlines where HarfBuzz places them: its bounds in the
    embedded font program are the union of HarfBuzz's extents of the
    cluster's glyphs, from the base's origin (and not the base's alone)."""
    import uharfbuzz as hb

    face_ = hb.Face(hb.Blob((FONTS / f"{face}.ttf").read_bytes()))
    font = hb.Font(face_)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    at, pen, glyphs = word.index(letter), 0, []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        if info.cluster == at:
            glyphs.append((info.codepoint, pen + pos.x_offset, pos.y_offset, pos.x_advance))
        pen += pos.x_advance
    assert len(glyphs) > 1  # HarfBuzz does draw it as several
    base = max(glyphs, key=lambda g: g[3])
    boxes = []
    for gid, x, y, _ in glyphs:
        e = font.get_glyph_extents(gid)
        x, y = x - base[1], y - base[2]
        boxes.append((x + e.x_bearing, y + e.y_bearing + e.height, x + e.x_bearing + e.width, y + e.y_bearing))
    want = tuple(f(b[i] for b in boxes) for f, i in ((min, 0), (min, 1), (max, 2), (max, 3)))
    assert want != boxes[glyphs.index(base)]
    with pikepdf.open(out / "many-scripts-proceedings.pdf") as doc:
        found = []
        for held, codes in _drawn_codes(doc).values():
            if str(held.BaseFont).endswith("+" + face):
                program = TTFont(io.BytesIO(held.FontDescriptor.FontFile2.read_bytes()))
                glyf, cmap = program["glyf"], program["cmap"].getcmap(1, 0).cmap
                for code, text in _to_unicode(held).items():
                    if text == letter and code in codes:
                        g = glyf[cmap[code]]
                        g.recalcBounds(glyf)
                        found.append((g.xMin, g.yMin, g.xMax, g.yMax))
    assert found and all(max(abs(a - b) for a, b in zip(box, want)) <= 1 for box in found), (found, want)


def _line_of(pdf_path: Path, needle: str, *, font: str = "") -> tuple[int, list[dict]]:
    """The page number and the characters (pdfplumber's, with their
    ToUnicode text) of the first line whose glyphs, left to right, hold
    ``needle``; the glyphs of ``font`` only when given."""
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines: dict[int, list[dict]] = {}
            for c in page.chars:
                if c["text"].strip() and font in c["fontname"]:
                    lines.setdefault(round(c["bottom"]), []).append(c)
            for chars in lines.values():
                chars.sort(key=lambda c: c["x0"])
                if needle in "".join(c["text"] for c in chars):
                    return number, chars
    raise AssertionError(f"{needle!r} not found")


def test_a_persian_date_runs_right_to_left_with_its_numbers_left_to_right(out):
    """تاریخ ۱۴ مهر ۱۳۹۸: the run is right to left, each number in it left to
    right (rules W2/W7 leave Extended Arabic-Indic digits after Arabic
    letters European numbers, I2 gives them an even level)."""
    pdf = out / "many-scripts-proceedings.pdf"
    number, chars = _line_of(pdf, "۱۳۹۸", font="NotoNaskh")
    # the glyphs as drawn, left to right, cut into words where the pen jumps
    words, last = [], None
    for c in chars:
        if last is None or c["x0"] - last["x1"] > 0.15 * c["size"]:
            words.append("")
        words[-1] += c["text"]
        last = c
    # (the comma after the year, at the paragraph's level, comes after the whole run: on its right)
    assert words == ["۱۳۹۸", "رهم", "۱۴", "خیرات,"], words
    # read back in logical order: the words right to left, the letters of a
    # word right to left, the digits of a number left to right
    logical = " ".join(w if w[0] in "۰۱۲۳۴۵۶۷۸۹" else w[::-1] for w in reversed(words[:-1] + ["خیرات"]))
    assert logical == "تاریخ ۱۴ مهر ۱۳۹۸"
    # pdftotext reads the words of a right-to-left run with a number inside
    # in the order they are drawn: on a left-to-right page poppler reverses
    # only the runs of right-to-left letters and takes digits as left to
    # right (its reorderText), so this correctly drawn date reads so (and so
    # does LibreOffice's own PDF of the .docx); each word and number is whole
    text = pdftotext(pdf, number)
    assert squeeze("calendar: ۱۳۹۸ مهر ۱۴ تاریخ, that is 6 October 2019.") in text, text


BIDI_CASES = FIXTURES / "bidi" / "BidiCharacterTest-brackets.txt"


def _bidi_cases():
    for line in BIDI_CASES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            points, direction, base, levels, _order = line.split(";")
            yield pytest.param("".join(chr(int(p, 16)) for p in points.split()), {"0": "L", "1": "R", "2": None}[direction],
                               int(base), [None if v == "x" else int(v) for v in levels.split()], id=points)


@pytest.mark.parametrize("text, direction, base, levels", list(_bidi_cases()))
def test_embedding_levels_pass_the_unicode_bracket_pair_cases(text, direction, base, levels):
    """The levels the right-to-left layout starts from, against the cases of
    Unicode's BidiCharacterTest.txt that involve paired brackets (rule N0),
    which python-bidi's pure-Python algorithm fails (42 of these 73)."""
    from exporter.typeset.fallback import embedding_levels

    got_base, got = embedding_levels(text, direction)
    assert got_base == base
    assert [g if want is not None else None for g, want in zip(got, levels)] == levels


def test_a_bracket_pair_stays_with_the_words_it_encloses(out):
    """"Iqbal is called علامہ اقبال (علامہ means the learned)": rule N0
    gives the opening bracket the direction of the English it encloses, so
    it is drawn upright between the name and the word it explains.  Without
    N0 it took the Urdu's level and was drawn mirrored left of that word,
    inside the name's run ("علامہ) اقبال علامہ means")."""
    pdf = out / "many-scripts-proceedings.pdf"
    number, chars = _line_of(pdf, "meansthelearned)")
    bracket = next(c for c in chars if c["text"] == "(")
    means = next(c for c in chars if c["text"] == "m" and c["x0"] > bracket["x0"])
    with pdfplumber.open(pdf) as doc:  # the Urdu on that line (its glyphs sit a little lower)
        arabic = [c for c in doc.pages[number - 1].chars if "Naskh" in c["fontname"] and c["text"]
                  and c["top"] < means["bottom"] and c["bottom"] > means["top"]]
    left = "".join(c["text"] for c in sorted((c for c in arabic if c["x1"] <= bracket["x0"] + 0.5), key=lambda c: -c["x0"]))
    inside = "".join(c["text"] for c in sorted((c for c in arabic if bracket["x1"] - 0.5 <= c["x0"] < means["x0"]),
                                               key=lambda c: -c["x0"]))
    assert inside == "علامہ", inside  # the bracket opens on the word it explains
    assert left.endswith("علامہاقبال"), left  # and the name stands before it
    assert means["x0"] > max(c["x1"] for c in arabic) - 0.5


def _column(page) -> tuple[float, float]:
    """The left and right edges of the text column: those of the page's
    full justified English lines."""
    lines: dict[int, list[dict]] = {}
    for c in page.chars:
        if c["text"].strip():
            lines.setdefault(round(c["bottom"]), []).append(c)
    edges = [(min(c["x0"] for c in cs), max(c["x1"] for c in cs)) for cs in lines.values()]
    left = min(e[0] for e in edges)
    return left, max(e[1] for e in edges if e[0] < left + 1)


def test_a_right_to_left_paragraph_is_set_from_the_right(out):
    """A paragraph whose base direction is right to left (rules P2-P3: its
    first strong letter is Urdu) in the justified body: justified, its last
    line flush right, its first line indented on the right; the English
    paragraph before it keeps its last line flush left."""
    pdf = out / "many-scripts-proceedings.pdf"
    number, before = _line_of(pdf, "warmly.")
    _, after = _line_of(pdf, "Herecalled")
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[number - 1]
        left, right = _column(page)
        urdu: dict[int, list[dict]] = {}
        for c in page.chars:
            if c["text"].strip() and before[0]["bottom"] + 2 < c["bottom"] < after[0]["bottom"] - 2:
                urdu.setdefault(round(c["bottom"]), []).append(c)
    lines = [urdu[k] for k in sorted(urdu)]
    assert len(lines) == 2, [len(line) for line in lines]
    first, last = lines
    indent = after[0]["x0"] - left  # the body's first-line indent, as the next (English) paragraph has it
    assert indent > 5
    # justified between the left edge and the indent, on the right where the line starts
    assert abs(min(c["x0"] for c in first) - left) < 0.6 and abs(max(c["x1"] for c in first) - (right - indent)) < 0.6
    assert abs(max(c["x1"] for c in last) - right) < 0.6  # flush right
    assert min(c["x0"] for c in last) > left + 40  # not justified, not flush left
    assert before[0]["x0"] < left + 20 and max(c["x1"] for c in before) < right - 100  # (after its emoji)


def test_right_to_left_paragraphs_are_flush_right_where_the_layout_sets_left(tmp_path):
    """The report layout sets its body and its quotations flush left: the
    Urdu paragraph and the Arabic quotation are set flush right instead,
    every line of both ending at one right edge, their starts ragged."""
    folder = tmp_path / "build"
    done = octavo("export", "pdf", str(EVENT), "--layout", "report", "--out", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = next(folder.rglob("*.pdf"))
    number, _ = _line_of(pdf, "warmly.")
    with pdfplumber.open(pdf) as doc:
        chars = [c for c in doc.pages[number - 1].chars if c["text"].strip()]
    left = min(c["x0"] for c in chars)
    lines: dict[int, list[dict]] = {}
    for c in chars:
        lines.setdefault(round(c["bottom"]), []).append(c)
    # the lines all in Arabic script, no other text beside them
    rtl = [cs for cs in lines.values() if sum("Naskh" in c["fontname"] for c in cs) >= 10
           and not any(abs(d["bottom"] - cs[0]["bottom"]) < 6 and "Naskh" not in d["fontname"] and d["text"] not in "«»"
                       for d in chars)]
    assert len(rtl) == 3, [len(cs) for cs in rtl]  # two of the Urdu paragraph, one of the quotation
    rights = [max(d["x1"] for d in chars if abs(d["bottom"] - cs[0]["bottom"]) < 6) for cs in rtl]  # guillemets too
    assert max(rights) - min(rights) < 0.6, rights
    assert all(min(c["x0"] for c in cs) > left + 10 for cs in rtl)
    assert len({round(min(c["x0"] for c in cs)) for cs in rtl}) == 3


LISTS = """      He listed the city's old schools:

      - اسلامیہ کالج پشاور
      - Edwardes College, founded in 1900

      And he gave two steps:

      1. پہلے پڑھیں
      2. Then publish.

"""


def _item_line(pdf: Path, needle: str) -> tuple[str, list[dict], list[dict]]:
    """The first line of the list item holding ``needle`` (as ``_line_of``
    finds it): its label as drawn, the label's characters and the text's.
    The line is every character on the needle's baseline (a bullet in the
    serif face has another bottom than Arabic letters), cut into runs where
    the pen jumps more than 0.6 em; the label is the run at the line's
    start: the first, or the last for a right-to-left item."""
    number, found = _line_of(pdf, needle)
    baseline = Counter(round(c["matrix"][5], 1) for c in found).most_common(1)[0][0]
    with pdfplumber.open(pdf) as doc:
        chars = sorted((c for c in doc.pages[number - 1].chars
                        if c["text"].strip() and abs(c["matrix"][5] - baseline) < 0.5), key=lambda c: c["x0"])
    runs = [[chars[0]]]
    for c in chars[1:]:
        if c["x0"] - runs[-1][-1]["x1"] > 0.6 * c["size"]:
            runs.append([])
        runs[-1].append(c)
    rtl = any(re.search("Naskh|Nastaliq", c["fontname"]) for c in chars)
    label = runs[-1] if rtl else runs[0]
    return "".join(c["text"] for c in label), label, [c for run in runs if run is not label for c in run]


def test_a_right_to_left_list_item_has_its_bullet_or_number_on_the_right(cli, tmp_path):
    """A bulleted and a numbered list, each with an Urdu item and an
    English one, in a talk (the booklet) and in the brief's context: the
    English item's bullet or number stands at the column's left edge, its
    text indented after it; the Urdu item's stands at the right edge, its
    number drawn as it reads from the right (".I", ".1"), its text ending
    the same indent before it; the item's Lbl reads as the number is read."""
    project = _project(tmp_path)
    talk = project / "source" / "ev" / "sessions" / "1-opening.yaml"
    before = "      He recalled that Iqbal"
    talk.write_text(talk.read_text(encoding="utf-8").replace(before, LISTS + before), encoding="utf-8")
    brief = project / "source" / "ev" / "brief.yaml"
    lists = "".join(f"\n  {line.strip()}" for line in LISTS.splitlines() if line.strip()[:1] in ("-", "1", "2", ""))
    brief.write_text(brief.read_text(encoding="utf-8").replace("met at the University of Peshawar.\n",
                                                                f"met at the University of Peshawar.\n{lists}\n"),
                     encoding="utf-8")
    result = cli("export", "all", "source/ev", "--out", str(tmp_path / "build"), cwd=project)
    assert result.exit_code == 0, result.output
    booklet, brief_pdf = tmp_path / "build" / "ev" / "ev-proceedings.pdf", tmp_path / "build" / "ev" / "ev-brief.pdf"
    for pdf, numbers in ((booklet, (".I", "II.")), (brief_pdf, (".1", "2."))):
        number, _ = _line_of(pdf, "Edwardes")
        with pdfplumber.open(pdf) as doc:
            page = doc.pages[number - 1]
            left, right = _column(page) if pdf == booklet else (page.lines[0]["x0"], page.lines[0]["x1"])
        # کالج and پہلے, their letters drawn right to left
        drawn = {k: _item_line(pdf, needle) for k, needle in (("urdu bullet", "جلاک"), ("english bullet", "Edwardes"),
                                                              ("urdu number", "ےلہپ"), ("english number", "Then"))}
        assert [d[0] for d in drawn.values()] == ["•", "•", *numbers], (pdf.name, [d[0] for d in drawn.values()])
        indents = []
        for kind in ("bullet", "number"):
            _, label, text = drawn["english " + kind]
            assert abs(label[0]["x0"] - left) < 0.6, (pdf.name, kind)
            indents.append(text[0]["x0"] - left)
            _, label, text = drawn["urdu " + kind]
            assert abs(label[-1]["x1"] - right) < 0.6, (pdf.name, kind, label[-1]["x1"], right)
            assert max(c["x1"] for c in text) < label[0]["x0"]  # the text before it, on its left
            indents.append(right - max(c["x1"] for c in text))
        assert indents[0] > 5 and max(indents) - min(indents) < 0.6, (pdf.name, indents)  # the same indent, mirrored
    for pdf, want in ((booklet, ["", "", "I.", ""]), (brief_pdf, ["", "", "1.", "", ""])):
        assert_every_operator_marked(pdf)
        with pikepdf.open(pdf) as doc:
            assert assert_lists_have_label_and_body(doc) == len(want)  # (the brief's recommendation is the fifth)
            read = [str(e.get("/ActualText", "")) for e in elements(doc) if str(e.S) == "/Lbl"]
        assert read == want, read  # ".I" is read "I."; a bullet, or a number drawn as it reads, needs nothing
    # Word sets a right-to-left paragraph (w:bidi) from the right, its bullet or number on the right
    document = docx.Document(tmp_path / "build" / "ev" / "ev-proceedings.docx")
    direction = {p.text: p._p.pPr.find(qn("w:bidi")) is not None for p in document.paragraphs
                 if p.text in ("اسلامیہ کالج پشاور", "Edwardes College, founded in 1900", "پہلے پڑھیں",
                               "Then publish.", "He listed the city's old schools:")}
    assert direction == {"اسلامیہ کالج پشاور": True, "Edwardes College, founded in 1900": False,
                         "پہلے پڑھیں": True, "Then publish.": False, "He listed the city's old schools:": False}


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


CHINESE_PARAGRAPHS = ("我们在会议上讨论了合作问题" * 3 + "与UN合作" + "我们在会议上讨论了合作问题" * 4 + "。",
                      "会议合作讨论" * 3 + "——" + "会议合作讨论" * 3)


def test_a_chinese_paragraph_is_justified_between_its_characters_and_cut_between_its_fonts(cli, tmp_path):
    """Chinese paragraphs with a Latin acronym or an em dash in them (each
    one 'word' in two fonts to ReportLab) in the justified body: every line
    but the last ends at the column's right edge, its room shared between
    the characters (no gap reaching a tenth of an em, which a reader of the
    text would take for a space), and every character is inside the text
    block; the text reads back as written."""
    project = _project(tmp_path)
    talk = project / "source" / "ev" / "sessions" / "1-opening.yaml"
    before = "      He recalled that Iqbal"
    talk.write_text(talk.read_text(encoding="utf-8").replace(
        before, "".join(f"      {p}\n\n" for p in CHINESE_PARAGRAPHS) + before), encoding="utf-8")
    result = cli("export", "pdf", "source/ev", "--out", str(tmp_path / "build"), cwd=project)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "build" / "ev" / "ev-proceedings.pdf"
    number, _ = _line_of(pdf, "UN")
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[number - 1]
        left, right = _column(page)
        lines: dict[int, list[dict]] = {}
        for c in page.chars:
            lines.setdefault(round(-c["matrix"][5], 1), []).append(c)  # by baseline, whatever the font
        whole = "".join(CHINESE_PARAGRAPHS)
        chinese = [cs for cs in (sorted(cs, key=lambda c: c["x0"]) for _, cs in sorted(lines.items()))
                   if "".join(c["text"] for c in cs) in whole]
    assert len(chinese) >= 5
    text = "".join("".join(c["text"] for c in cs) for cs in chinese)
    assert text == "".join(CHINESE_PARAGRAPHS)
    ends = [cs[-1]["x1"] for cs in chinese]
    last_lines = [i for i, cs in enumerate(chinese) if cs[-1]["text"] in "。" or i == len(chinese) - 1]
    for i, cs in enumerate(chinese):
        assert left - 0.5 <= cs[0]["x0"] and cs[-1]["x1"] <= right + 0.5, i
        if i not in last_lines:
            assert abs(ends[i] - right) < 0.5, (i, ends[i], right)
        gaps = [b["x0"] - a["x1"] for a, b in zip(cs, cs[1:])]
        assert max(gaps) < 0.1 * cs[0]["size"], (i, max(gaps))
    assert squeeze("".join(CHINESE_PARAGRAPHS)) in pdftotext(pdf)


def test_emoji_sequences_are_one_glyph_each(tmp_path):
    """Noto Emoji draws a ZWJ sequence (👩🏽‍💻, a family), a skin tone (👍🏿)
    and a flag (🇵🇰) as one glyph each, through its ccmp ligatures: they were
    set character by character (a woman, a colour swatch and a laptop; the
    letters P K), so they are shaped like complex scripts; copying still
    gives the characters."""
    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    session = folder / "sessions" / "1-opening.yaml"
    sequences = ["👩🏽\u200d💻", "🇵🇰", "👨\u200d👩\u200d👧\u200d👦", "👍🏿"]
    session.write_text(session.read_text(encoding="utf-8").replace(
        "      1. First point.", "      The coder " + " and ".join(sequences) + " waved.\n\n      1. First point."),
        encoding="utf-8")
    assert octavo("export", "pdf", "ev", cwd=tmp_path).returncode == 0
    with pdfplumber.open(tmp_path / "build" / "ev" / "ev-proceedings.pdf") as pdf:
        drawn = [c["text"] for page in pdf.pages for c in page.chars if "NotoEmoji" in c["fontname"]]
    assert drawn == sequences, drawn
    assert squeeze("The coder " + " and ".join(sequences) + " waved.") in pdftotext(
        tmp_path / "build" / "ev" / "ev-proceedings.pdf")


@pytest.mark.parametrize("text", [
    "我们在会议上讨论了合作问题" * 3 + "与UN合作" + "我们在会议上讨论了合作问题" * 4 + "。",
    "会议合作讨论" * 3 + "——" + "会议合作讨论" * 3,
])
def test_a_word_in_two_fonts_wider_than_the_measure_is_set_inside(tmp_path, text):
    """A Chinese paragraph with a Latin letter or an em dash in it is one
    word in two fonts to ReportLab: it was set as one line 900 pt wide, its
    end off the page with no word said.  Every character is inside the text
    block."""
    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    session = folder / "sessions" / "1-opening.yaml"
    session.write_text(session.read_text(encoding="utf-8").replace(
        "      1. First point.", f"      {text}\n\n      1. First point."), encoding="utf-8")
    result = octavo("export", "pdf", "ev", cwd=tmp_path)
    path = tmp_path / "build" / "ev" / "ev-proceedings.pdf"
    assert result.returncode == 0, result.stderr
    from exporter.layout import load_layout
    from exporter.project import Project

    p = load_layout("booklet", Project(tmp_path)).page
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            left = p.inner if n % 2 else p.outer
            assert all(left - 0.5 <= c["x0"] and c["x1"] <= left + p.width - p.inner - p.outer + 0.5
                       for c in page.chars), n


def test_a_line_wider_than_its_measure_is_found():
    """The guard behind every export (a line the line breaker could not cut
    runs off the page, its text still in the file): ReportLab's own breaker
    leaves a word longer than the measure whole when told not to split
    long words, and the guard finds it."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as ReportLabParagraph

    from exporter.typeset.overflow import over_measure

    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12, splitLongWords=0)
    wide, fits = ReportLabParagraph("x" * 300, style), ReportLabParagraph("a few words", style)
    wide.wrap(100, 1000), fits.wrap(100, 1000)
    over, measure = over_measure(wide)
    assert measure == 100 and over > 1000
    assert over_measure(fits) is None
