"""What a print shop's preflight looks at in the PDFs, read back with
pikepdf and poppler: font subset tags, the outline's count, the files'
identifiers.  (Image resolution is `octavo check`'s: tests/test_logo.py.)"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pikepdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, ROOT
from exporter.exporters.brief import BriefExporter
from exporter.exporters.pdf import PdfExporter, PrintPdfExporter
from exporter.exporters.pdf.review import ReviewPdfExporter
from exporter.layout import load_layout
from exporter.project import Project
from exporter.source import load_event


@pytest.fixture(scope="module")
def layout():
    return load_layout(None, Project(ROOT))


@pytest.fixture(scope="module")
def editions(bundled_event, layout) -> dict[str, bytes]:
    shared: dict = {}
    return {"screen": PdfExporter(bundled_event, layout, shared).render(),
            "print": PrintPdfExporter(bundled_event, layout, shared).render()}


def fonts(data: bytes) -> list[tuple[str, str, str]]:
    """(BaseFont, its descriptor's FontName, its ToUnicode CMap's name) of
    every font the pages use, each font object once."""
    out, seen = [], set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                out.append((str(font.BaseFont).lstrip("/"), str(font.FontDescriptor.FontName).lstrip("/"),
                            re.search(r"/CMapName /(\S+) def", cmap).group(1)))
    return out


@pytest.mark.parametrize("edition", ["screen", "print"])
def test_every_font_subset_has_a_tag_of_its_own(editions, edition):
    found = fonts(editions[edition])
    assert len(found) >= 6
    tags = [base.split("+")[0] for base, _, _ in found]
    assert all(re.fullmatch(r"[A-Z]{6}", t) for t in tags), tags
    assert len(set(tags)) == len(tags), tags  # ISO 32000-1 §9.6.4; ReportLab wrote AAAAAA+ for every one
    for base, name, cmap in found:
        assert base == name == cmap


def test_two_subsets_of_one_font_have_different_tags_and_text_still_extracts(tmp_path, layout):
    """More than 256 characters in the serif: ReportLab splits the font into
    subsets; each gets its own tag, and the ToUnicode maps still give the
    text back."""
    folder = tmp_path / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, folder)
    many = "".join(chr(c) for c in [*range(0x410, 0x450), *range(0x391, 0x3A2), *range(0x3A3, 0x3AA),
                                     *range(0x3B1, 0x3CA), *range(0xC0, 0x100), *range(0x100, 0x17F)])
    event_yaml = folder / "event.yaml"
    event_yaml.write_text(event_yaml.read_text().replace("introduction: |\n", f"introduction: |\n  {many}\n\n", 1))
    data = PdfExporter(load_event(folder, Project(tmp_path)), layout).render()
    serif = [base for base, _, _ in fonts(data) if base.endswith("+NotoSerif-Regular")]
    assert len(serif) >= 2 and len({b.split("+")[0] for b in serif}) == len(serif)
    if shutil.which("pdftotext"):
        path = tmp_path / "many.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert many[:64] in text.replace("\n", "")


_CHARS = "".join(chr(c) for c in [*range(0x20, 0x7F), 0xA0, *range(0xC0, 0x17F), *range(0x391, 0x3A2),
                                  *range(0x3A3, 0x3AA), *range(0x410, 0x450), 0x2013, 0x2019, 0x00AD, 0x0627, 0x4E2D])
_PLAIN = _CHARS.replace("\xa0", "")[:-2]  # every character in the font


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_CHARS, max_size=40), min_size=1, max_size=25))
@example([_PLAIN[:200], _PLAIN[200:], _PLAIN[::-1], _CHARS, ""])  # a second subset, for certain
@example(["ab\x00c", "a\ufffeb", "abc", "\x00", "ab\ufffe"])  # characters the encoding map sets apart
def test_octavo_fonts_encode_text_as_reportlab_does(texts):
    """TaggedTTFont answers ``splitString`` at once when every character
    already has its code: for any run of texts drawn into one document
    (characters seen before and new ones, more than one subset, a
    no-break space, a character the font lacks), its chunks and the
    subsets it builds are ReportLab's own."""
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.ttfonts import TTFont

    from exporter.typeset.fonts import TaggedTTFont

    path = str(ROOT / "exporter" / "fonts" / "NotoSerif-Regular.ttf")
    ours, theirs = TaggedTTFont("ours", path), TTFont("theirs", path)
    doc_ours, doc_theirs = PDFDocument(), PDFDocument()
    for text in texts * 2:  # the second time round, every character is known
        assert ours.splitString(text, doc_ours) == theirs.splitString(text, doc_theirs)
    assert ours.state[doc_ours].subsets == theirs.state[doc_theirs].subsets


def visible(items) -> int:
    """Visible outline items under ``items``: each, and the children of the
    open ones (a positive /Count)."""
    n = 0
    for item in items:
        n += 1
        if item.obj.get("/Count", 0) > 0:
            n += visible(item.children)
    return n


@pytest.mark.parametrize("edition", ["screen", "print"])
def test_the_outline_count_is_the_number_of_visible_entries(editions, edition):
    with pikepdf.open(io.BytesIO(editions[edition])) as pdf:
        stated = int(pdf.Root.Outlines.Count)
        with pdf.open_outline() as outline:
            entries, shown = 0, visible(outline.root)
            todo = list(outline.root)
            while todo:
                item = todo.pop()
                entries += 1
                todo += item.children
                if item.children:  # each open parent counts its visible descendants
                    assert abs(int(item.obj.Count)) == visible(item.children)
    assert entries == 26  # contents, introduction, 3 sessions, 17 contributions, 2 Q&A, media, index
    assert stated == shown == 26  # ReportLab said 29


def trailer_id(data: bytes) -> tuple[bytes, bytes]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return tuple(bytes(x) for x in pdf.trailer.ID)


def test_each_file_has_its_own_id_and_the_same_one_every_time(editions, bundled_event, layout):
    screen, printed = trailer_id(editions["screen"]), trailer_id(editions["print"])
    assert screen != printed
    assert screen == trailer_id(PdfExporter(bundled_event, layout).render())
    reviews = {trailer_id(ReviewPdfExporter(bundled_event, layout, person=p).render()) for p in ("dedov", "serenko")}
    brief = trailer_id(BriefExporter(bundled_event, layout, {}).render())
    assert len(reviews | {screen, printed, brief}) == 5
