"""Standard ligatures (issue 16): fi, fl, ff, ffi, ffl where the font's
``liga`` feature has them, read back from the PDFs.

A ligature is drawn as one glyph whose ToUnicode entry is its letters, so
the text layer (pdftotext, pdfplumber, search, the nothing-lost checks)
reads "office", never a presentation form or a private-use code; lines are
measured with the ligatures' widths, so justified lines still end at the
measure; a word broken inside a ligature sets each piece on its own; a
letter-spaced line has none; a layout may turn them off.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.errors import ValidationError
from exporter.layout.loader import load_layout
from exporter.project import Project

from conftest import BUNDLED, ROOT

SHY = "\u00ad"
LIGATURES = {"fi", "fl", "ff", "ffi", "ffl"}
PRIVATE = re.compile("[\ue000-\uf8ff\ufb00-\ufb06]")

F_WORDS = ("The officials found it difficult to offer sufficient affirmation of the effective fluffy baffling "
           "officers, who effortlessly differed in efficiency and affluence; staff offices filed affidavits "
           "of fifty different afflictions.")


def ligature_chars(page) -> list[dict]:
    """The glyphs of ``page`` that read as more than one letter."""
    return [c for c in page.chars if len(c["text"]) > 1]


def lines_of(page) -> list[list[dict]]:
    rows: dict[int, list] = {}
    for c in page.chars:
        rows.setdefault(round(c["top"]), []).append(c)
    return [sorted(rows[k], key=lambda c: c["x0"]) for k in sorted(rows)]


def read_back(lines: list[list[dict]]) -> str:
    """The words of ``lines`` as a reader copies them: a line ending in a
    soft hyphen joined to the next without it."""
    out = ""
    for line in lines:
        text = "".join(c["text"] for c in line)
        out += text[:-1] if text.endswith(SHY) else text + " "
    return " ".join(out.split())


@functools.lru_cache(maxsize=None)
def _styles(ligatures: bool = True) -> dict:
    from exporter.typeset import fonts
    from exporter.typeset.paragraph import Breaking
    from exporter.typeset.styles import paragraph_styles

    layout = load_layout(None, Project(ROOT))
    styles = paragraph_styles(layout, fonts.register(layout), "en")
    if not ligatures:
        for style in styles.values():
            b = style.breaking
            style.breaking = Breaking(b.hyphenator, hyphens=b.hyphens, ligatures=False)
    return styles


def set_paragraphs(path: Path, texts: list[str], width: float, style: str = "body", ligatures: bool = True) -> Path:
    """``texts`` set as paragraphs in the house style ``style`` at measure
    ``width``, on Octavo's canvas, into ``path``."""
    from reportlab.platypus import SimpleDocTemplate

    from exporter.typeset.kerning import KerningCanvas
    from exporter.typeset.paragraph import Paragraph

    s = _styles(ligatures)[style]
    SimpleDocTemplate(str(path), pagesize=(width + 60, 2000), leftMargin=30, rightMargin=30, topMargin=30,
                      bottomMargin=30, invariant=1).build([Paragraph(t, s) for t in texts],
                                                          canvasmaker=KerningCanvas)
    return path


# -- the booklet ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def booklet(tmp_path_factory, bundled_event):
    from exporter.exporters.pdf import PdfExporter

    return PdfExporter(bundled_event, load_layout(None, Project(ROOT))).export(tmp_path_factory.mktemp("liga"))


def test_the_booklet_sets_the_fonts_standard_ligatures(booklet):
    """Noto Serif's fi, fl, ff and ffi are drawn as one glyph each, in the
    body, headings and italics alike; an f pair is left as letters only on
    a line that would be letter-spaced (there is one such line)."""
    found: dict[str, int] = {}
    letters = 0
    with pdfplumber.open(booklet) as pdf:
        for page in pdf.pages:
            for c in ligature_chars(page):
                found[c["text"]] = found.get(c["text"], 0) + 1
            chars = page.chars
            letters += sum(1 for a, b in zip(chars, chars[1:]) if a["text"] == "f" and b["text"] in "fil"
                           and a["fontname"] == b["fontname"] and "Serif" in a["fontname"])
    assert set(found) <= LIGATURES
    assert {"fi", "fl", "ff", "ffi"} <= set(found), found
    assert sum(found.values()) > 80 and letters <= 2, (found, letters)


def test_the_ligatures_read_as_their_letters(booklet):
    """pdftotext and pdfplumber read the letters (ToUnicode maps each
    ligature glyph to them): no presentation form, no private-use code, and
    a search for a word with a ligature finds it."""
    text = subprocess.run(["pdftotext", str(booklet), "-"], capture_output=True, text=True, check=True).stdout
    assert not PRIVATE.search(text)
    for word in ("financial", "specifically", "conflict", "Officer", "efforts"):
        assert word in text, word
    with pdfplumber.open(booklet) as pdf:
        assert not PRIVATE.search("".join(p.extract_text() for p in pdf.pages))
    # the ToUnicode CMaps of Noto Serif's subsets map codes to "fi" and "ffi"
    with pikepdf.open(booklet) as pdf:
        maps = [bytes(f.ToUnicode.read_bytes()) for page in pdf.pages for f in page.Resources.Font.values()
                if "NotoSerif-Regular" in str(f.BaseFont) and "/ToUnicode" in f]
        cmaps = b"".join(maps)
    assert b"<00660069>" in cmaps and b"<006600660069>" in cmaps


# -- measuring and drawing ---------------------------------------------------------------------

def test_justified_lines_full_of_ligatures_end_at_the_measure(tmp_path):
    """Lines are measured with each ligature's own width (Noto Serif's ffi
    is 0.056 em narrower than its letters): the justified lines of a
    paragraph thick with them end together, at the measure."""
    for width in (150.0, 210.0, 280.0):
        path = set_paragraphs(tmp_path / f"w{width}.pdf", [F_WORDS, F_WORDS + " " + F_WORDS], width)
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            assert len(ligature_chars(page)) > 20
            lines = lines_of(page)
            # the last line of each paragraph is not justified
            ends = [line[-1]["x1"] for line in lines if line[-1]["text"] not in (".",)]
            assert ends and max(ends) - min(ends) < 0.01, (width, min(ends), max(ends))
            assert abs(max(ends) - (30 + width - 6)) < 0.01  # the frame's right edge, less its padding
            assert read_back(lines) == " ".join([F_WORDS] * 3)


def test_a_word_broken_inside_a_ligature_sets_each_piece_on_its_own(tmp_path):
    """A break the patterns allow inside a ligature ("dif-ficult",
    "of-ficers", "baff-ling") is still taken: the piece before it is drawn
    without that ligature, each piece ligates on its own ("ficult" keeps
    its fi, "baff-" has an ff), the word reads back whole, and the lines
    still end at the measure."""
    seen = set()
    for width in (121.0, 135.0, 158.0):
        path = set_paragraphs(tmp_path / f"h{width}.pdf", [F_WORDS], width)
        with pdfplumber.open(path) as pdf:
            lines = lines_of(pdf.pages[0])
        for line, after in zip(lines, lines[1:]):
            if line[-1]["text"] == SHY:
                word = "".join(c["text"] for c in line).split()[-1]
                seen.add((word, line[-2]["text"], after[0]["text"]))
        ends = [line[-1]["x1"] for line in lines[:-1]]
        assert max(ends) - min(ends) < 0.01, width
        assert read_back(lines) == F_WORDS
    for head in ("dif", "of"):
        assert (head + SHY, "f", "fi") in seen, seen   # the ffi cut: f, then fi on the next line
    assert ("effi" + SHY, "ffi", "c") in seen, seen     # a piece keeps a ligature of its own ...
    assert ("baff" + SHY, "ff", "l") in seen, seen      # ... or makes one (baffling's ffl cut)


def test_a_letter_spaced_line_has_no_ligatures(tmp_path):
    """A justified line whose spaces would open past 0.70 em is first set
    without its ligatures, then letter-spaced if it still needs it (TeX and
    Typst never ligate tracked text): its letters are drawn one by one and
    the line still ends at the measure; the other lines keep theirs."""
    from exporter.typeset.paragraph import Paragraph

    text = ("Dr. Konstantinopolous Abdurrahmanov, Amb Wolfeschlegelstein Sveshnikova, Mr. Griffiths "
            "Tchaikovskaya and Dr. Zbigniewski Effendiyeva spoke officially.")
    para = Paragraph(text, _styles()["body"])
    para.wrap(220, 1000)  # the frame of a 232-point measure, less its padding
    lines = [ln.words[0].text for ln in para.blPara.lines]
    tracked = [t for t in lines[:-1] if len(t.kerns) >= sum(len(w) - 1 for w in t.split())]
    assert [str(t) for t in tracked] == ["Wolfeschlegelstein Sveshnikova, Mr. Griffiths"]
    assert not tracked[0].ligs and all(t.ligs for t in lines[2:])
    path = set_paragraphs(tmp_path / "tracked.pdf", [text], 232)
    with pdfplumber.open(path) as pdf:
        drawn = lines_of(pdf.pages[0])
    ends = [line[-1]["x1"] for line in drawn[:-1]]
    assert max(ends) - min(ends) < 0.01
    assert [any(len(c["text"]) > 1 for c in line) for line in drawn] == [False, False, True, True]
    assert read_back(drawn) == text


def test_latin_words_in_a_right_to_left_paragraph_keep_their_ligatures(tmp_path):
    """In a right-to-left paragraph a line's runs are put in visual order,
    word by word: an English word there keeps its ligatures and kerns (it
    was measured with them), so the justified lines end at both edges."""
    text = ("قال المتحدث إن the official office staff effectively offered "
            "الدعم الكامل لهذه المبادرة في جميع المجالات the difficult affluent baffling officers efficiently "
            "وأكد على أهمية التعاون الإقليمي والدولي في مواجهة التحديات the affirmation of fluffy offices")
    path = set_paragraphs(tmp_path / "rtl.pdf", [text], 200)
    with pdfplumber.open(path) as pdf:
        rows: dict[float, list] = {}
        for c in pdf.pages[0].chars:
            rows.setdefault(round(c["matrix"][5], 1), []).append(c)
    lines = [rows[y] for y in sorted(rows, reverse=True)]
    assert len(lines) > 3 and sum(len(c["text"]) > 1 for line in lines for c in line) >= 10
    indent = _styles()["body"].firstLineIndent
    for n, line in enumerate(lines[:-1]):
        assert min(c["x0"] for c in line) == pytest.approx(36.0, abs=0.01), n
        assert max(c["x1"] for c in line) == pytest.approx(224.0 - (indent if n == 0 else 0), abs=0.01), n


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ffffiiilltaeoncsAFT.,"), min_size=1, max_size=14),
                min_size=1, max_size=40),
       st.sampled_from(["body", "question_heading", "index", "pull_quote"]),
       st.integers(min_value=70, max_value=300))
def test_any_text_reads_back_as_it_was_written(tmp_path_factory, words, style, width):
    """Whatever the letters (runs of f, i and l ligate in every way the
    font allows, words break inside ligatures), the text read back from the
    PDF is the text set, letter for letter (a word wider than the measure
    is cut where it ends, with no hyphen: spaces aside)."""
    text = " ".join(words)
    path = set_paragraphs(tmp_path_factory.mktemp("prop") / "p.pdf", [text], width, style)
    with pdfplumber.open(path) as pdf:
        lines = [line for page in pdf.pages for line in lines_of(page)]
    assert re.sub(r"\s", "", read_back(lines)) == re.sub(r"\s", "", text)


# -- the switch and the cache -------------------------------------------------------------------------

def test_a_layout_can_turn_ligatures_off(tmp_path, bundled_event):
    """``typography: {ligatures: false}``: no ligature anywhere in the
    booklet, still kerned, the same text."""
    from exporter.exporters.pdf import PdfExporter

    folder = tmp_path / "layouts" / "plain"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text("extends: booklet\ntypography:\n  ligatures: false\n", encoding="utf-8")
    layout = load_layout("plain", Project(tmp_path))
    assert layout.ligatures is False and load_layout(None, Project(ROOT)).ligatures is True
    (tmp_path / "layouts" / "odd").mkdir()
    (tmp_path / "layouts" / "odd" / "layout.yaml").write_text("extends: booklet\ntypography: {ligatures: yes}\n",
                                                               encoding="utf-8")
    with pytest.raises(ValidationError, match=r"odd/layout.yaml:2:\d+: typography.ligatures: unknown kind .yes."):
        load_layout("odd", Project(tmp_path))
    path = PdfExporter(bundled_event, layout).export(tmp_path / "out")
    kerned = 0
    with pdfplumber.open(path) as pdf:
        assert not any(ligature_chars(p) for p in pdf.pages)
        text = "".join(p.extract_text() for p in pdf.pages)
    assert "financial" in text and "specifically" in text
    with pikepdf.open(path) as pdf:
        for page in pdf.pages[4:8]:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "TJ":
                    kerned += sum(1 for x in operands[0] if not isinstance(x, pikepdf.String))
    assert kerned > 50


def test_words_with_ligatures_are_kept_between_runs(tmp_path, monkeypatch):
    """The word table of a font shaped with ligatures keeps a word's
    ligatures with its kerns, and reads them back as they were."""
    from exporter.typeset import kerning, wordcache
    from exporter.typeset.fonts import _register

    monkeypatch.setenv("OCTAVO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(wordcache, "_TABLES", {})
    monkeypatch.setattr(kerning, "_KERNERS", {})
    font = _register(ROOT / "exporter" / "fonts" / "NotoSerif-Regular.ttf")
    first = kerning.kerns("officially", font, liga=True)
    plain = kerning.kerns("officially", font, liga=False)
    assert [(a, z) for a, z, _, _ in first.ligs] == [(1, 4)] and not kerning.ligs_of(plain)
    # the kerns measure it as drawn: the ffi glyph is narrower than f, f and i
    assert kerning.total(first) - kerning.total(plain) == pytest.approx(first.ligs[0][3]) and first.ligs[0][3] < 0
    wordcache.save()
    monkeypatch.setattr(wordcache, "_TABLES", {})
    monkeypatch.setattr(kerning, "_KERNERS", {})
    again = kerning.kerner(font, liga=True)
    assert again.known.loaded and again.known["officially"] == first
    assert again.known["officially"].ligs == first.ligs


def test_which_letters_ligate_is_the_fonts_answer():
    """Liberation Serif has no liga feature (the report layout): nothing
    ligates there; Noto Serif ligates f-pairs but not capitals."""
    from exporter.typeset import kerning
    from exporter.typeset.fonts import _register

    liberation = _register(ROOT / "exporter" / "fonts" / "LiberationSerif-Regular.ttf")
    noto = _register(ROOT / "exporter" / "fonts" / "NotoSerif-Regular.ttf")
    assert not kerning.ligs_of(kerning.kerns("office affluent", liberation, liga=True))
    assert [t for t in ("office", "OFFICE", "fjord", "shelf") if kerning.ligs_of(kerning.kerns(t, noto, liga=True))] \
        == ["office"]


def test_a_cut_keeps_the_ligatures_inside_it():
    """Tagging cuts a line into marked-content pieces (a Span of another
    script): each piece keeps the ligatures wholly inside it; one ending at
    the cut is drawn as letters, its width kept by the kern across."""
    from exporter.typeset.kerning import KernedStr, cut

    text = KernedStr("off office", ((2, -30.0), (7, -56.0)), ((1, 3, 10, -30.0), (5, 8, 11, -56.0)))
    head, tail = cut(text, 0, 3), cut(text, 3, 10)
    assert (str(head), head.ligs, head.kerns) == ("off", (), ())
    assert (str(tail), tail.ligs, tail.kerns) == (" office", ((2, 5, 11, -56.0),), ((4, -56.0),))


def test_subset_tags_do_not_depend_on_what_was_drawn_before(tmp_path):
    """A ligature's code is a private-use one given in the order glyphs are
    first drawn in a process; the subset's tag is made from the glyph and
    its letters instead, so a file is the same bytes whatever the process
    set before it (another speaker's review copy, the booklet before the
    brief)."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + '/tests')\n"
        "from pathlib import Path\n"
        "import test_ligatures as t\n"
        "if sys.argv[3] == 'first': t.set_paragraphs(Path(sys.argv[2] + '.first.pdf'), ['baffle shuffle'], 200)\n"
        "t.set_paragraphs(Path(sys.argv[2]), ['The officials filed affidavits.'], 200)\n")
    outs = []
    for how in ("alone", "first"):
        out = tmp_path / f"{how}.pdf"
        subprocess.run([sys.executable, "-c", script, str(ROOT), str(out), how], check=True, cwd=ROOT)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
