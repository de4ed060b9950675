"""The print edition and its imposition, checked on the files read back."""

from __future__ import annotations

import math
import re
import shutil
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT
from exporter.exporters.pdf import ImposedPdfExporter, PdfExporter, PrintPdfExporter
from exporter.exporters.pdf.impose import sheet_order
from exporter.layout import load_layout
from exporter.project import Project
from oracle import missing, seed_sentences
from test_pdf import body_text

MM = 72 / 25.4
LAYOUTS = Project(FIXTURES / "layout-project")


@pytest.fixture(scope="module", params=["booklet", "report", "print-marks", "no-back-cover"])
def editions(request, bundled_event, tmp_path_factory):
    """(layout, screen path, print path, imposed path) per layout."""
    project = Project(ROOT) if request.param in ("booklet", "report") else LAYOUTS
    layout = load_layout(request.param, project)
    out = tmp_path_factory.mktemp(request.param)
    shared: dict = {}
    screen = PdfExporter(bundled_event, layout, shared).export(out)
    printed = PrintPdfExporter(bundled_event, layout, shared).export(out)
    imposed = ImposedPdfExporter(bundled_event, layout, shared).export(out)
    return layout, screen, printed, imposed


def boxes(page) -> dict[str, list[float]]:
    return {name: [round(float(v), 2) for v in getattr(page, name)] for name in ("mediabox", "trimbox", "bleedbox")}


def test_page_count_is_padded_to_a_multiple_of_four(editions):
    _, screen, printed, _ = editions
    n = len(PdfReader(screen).pages)
    assert len(PdfReader(printed).pages) == math.ceil(n / 4) * 4


def test_every_page_has_trim_and_bleed_boxes_of_the_layout(editions):
    layout, _, printed, _ = editions
    p = layout.page
    o = p.bleed + (9 * MM if p.crop_marks else 0)
    want = {"mediabox": [0, 0, round(p.width + 2 * o, 2), round(p.height + 2 * o, 2)],
            "trimbox": [round(o, 2), round(o, 2), round(o + p.width, 2), round(o + p.height, 2)],
            "bleedbox": [round(o - p.bleed, 2), round(o - p.bleed, 2), round(o + p.width + p.bleed, 2),
                         round(o + p.height + p.bleed, 2)]}
    for page in PdfReader(printed).pages:
        got = boxes(page)
        assert all(abs(a - b) < 0.02 for k in want for a, b in zip(got[k], want[k])), got
    assert abs(p.bleed - 3 * MM) < 0.01


def test_text_sits_where_the_screen_edition_has_it_relative_to_the_trim(editions):
    layout, screen, printed, _ = editions
    o = layout.page.bleed + (9 * MM if layout.page.crop_marks else 0)
    with pdfplumber.open(screen) as a, pdfplumber.open(printed) as b:
        for n in (0, 4):
            ca, cb = a.pages[n].chars[0], b.pages[n].chars[0]
            assert ca["text"] == cb["text"]
            assert abs(cb["x0"] - o - ca["x0"]) < 0.01 and abs(cb["top"] - o - ca["top"]) < 0.01


def test_colours_are_cmyk_and_text_is_100_percent_black(editions):
    printed = editions[2]
    operators, black_text = set(), 0
    for page in PdfReader(printed).pages:
        stream = page.get_contents()
        data = stream.get_data().decode("latin-1") if stream is not None else ""
        operators |= set(re.findall(r"(?<=\s)(rg|RG|g|G|k|K|sc|scn|SC|SCN|cs|CS)(?=\s)", data))
        black_text += len(re.findall(r"\b0 0 0 1 k\b", data))
    assert operators <= {"k", "K"}, operators
    assert black_text > 20


def test_no_links_in_print_and_links_in_screen(editions):
    _, screen, printed, _ = editions
    assert not any(page.get("/Annots") for page in PdfReader(printed).pages)
    assert any(page.get("/Annots") for page in PdfReader(screen).pages)


def test_padding_pages_are_truly_blank_and_the_back_cover_is_last(editions):
    layout, screen, printed, _ = editions
    n = len(PdfReader(screen).pages)
    reader = PdfReader(printed)
    total = len(reader.pages)
    texts = [reader.pages[i].extract_text().strip() for i in range(total)]
    if layout.parts["back_cover"]:
        assert texts[-1].startswith("About") and all(t == "" for t in texts[n - 1:total - 1])
    else:
        assert all(t == "" for t in texts[n:])


def test_nothing_is_lost_in_print(editions):
    layout, _, printed, _ = editions
    o = layout.page.bleed + (9 * MM if layout.page.crop_marks else 0)
    assert missing(seed_sentences(), body_text(printed, layout, o)) == []


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
def test_qpdf_and_pdffonts_accept_print_and_imposed(editions):
    for path in editions[2:]:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(re.search(r"\syes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", r) for r in rows), fonts


def test_print_and_imposed_builds_are_byte_identical(editions, bundled_event):
    layout, _, printed, imposed = editions
    shared: dict = {}
    assert PrintPdfExporter(bundled_event, layout, shared).render() == printed.read_bytes()
    assert ImposedPdfExporter(bundled_event, layout, shared).render() == imposed.read_bytes()


def test_sheet_order_is_the_saddle_stitch_order():
    assert sheet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    pages = [i for pair in sheet_order(40) for i in pair]
    assert sorted(pages) == list(range(40))


def test_imposed_sheets_carry_the_right_pages_side_by_side(editions):
    layout, _, printed, imposed = editions
    p = layout.page
    with pdfplumber.open(printed) as src, pdfplumber.open(imposed) as pdf:
        n4 = len(src.pages)
        assert len(pdf.pages) == n4 // 2
        first = pdf.pages[0]
        assert (round(first.width), round(first.height)) == (round(2 * p.width), round(p.height))
        for sheet, (left, right) in list(enumerate(sheet_order(n4)))[:6]:
            page = pdf.pages[sheet]
            half_w = page.width / 2
            for half, index in ((0, left), (1, right)):
                got = page.crop((half * half_w, 0, (half + 1) * half_w, page.height)).extract_words()
                want = src.pages[index].extract_words()
                assert sorted(w["text"] for w in got) == sorted(w["text"] for w in want), (sheet, half, index)


def test_print_flags_only_go_with_pdf(cli):
    result = cli("export", "docx", "--print")
    assert result.exit_code == 2
    assert "--print and --impose go with 'export pdf'" in result.output


def test_print_shows_where_links_point(tmp_path):
    """On paper a link cannot be followed: the print edition prints the
    address after the link's text (not when the text is the address), and
    after each media outlet; the screen edition keeps them as links."""
    from exporter.source import load_event

    folder = tmp_path / "source" / "ev"
    shutil.copytree(ROOT / "source" / "pakistan-russia-2019", folder)
    session = folder / "sessions" / "1-inaugural.yaml"
    text = session.read_text(encoding="utf-8")
    marker = "The Chief Guest, Foreign Secretary"
    text = text.replace(marker, "See [the full programme](https://thesvi.org/events/2019/programme) and "
                                "<https://thesvi.org/about>. " + marker, 1)
    session.write_text(text, encoding="utf-8")
    event_yaml = folder / "event.yaml"
    ev_text = event_yaml.read_text(encoding="utf-8").replace(
        "    - name: Daily Times\n", "    - name: Daily Times\n      url: https://dailytimes.com.pk/svi-conference\n", 1)
    event_yaml.write_text(ev_text, encoding="utf-8")
    project = Project(tmp_path)
    event = load_event(folder, project)
    layout = load_layout(None, Project(ROOT))
    shared: dict = {}
    screen = PdfExporter(event, layout, shared).export(tmp_path / "out")
    printed = PrintPdfExporter(event, layout, shared).export(tmp_path / "out")

    def text_of(path):
        with pdfplumber.open(path) as pdf:
            text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages).replace("\u00ad ", ""))
            return re.sub(r"([/.]) ", r"\1", text)  # a URL broken after a separator at a line end

    paper, screen_text = text_of(printed), text_of(screen)
    assert "the full programme (thesvi.org/events/2019/programme)" in paper
    assert "https://thesvi.org/about.The Chief" in paper and "(thesvi.org/about)" not in paper
    assert "Daily Times (dailytimes.com.pk/svi-conference)" in paper
    assert "(thesvi.org/events" not in screen_text and "Daily Times (" not in screen_text
