"""The PDF booklet, checked on the file read back (pypdf, pdfplumber, poppler)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from conftest import BUNDLED, FIXTURES, ROOT
from exporter.errors import OctavoError
from exporter.exporters.pdf import PdfExporter
from exporter.layout import load_layout
from exporter.project import Project
from oracle import missing, seed_sentences

LAYOUT_PROJECT = FIXTURES / "layout-project"
BROKEN_LAYOUTS = sorted(p.name for p in (LAYOUT_PROJECT / "layouts").iterdir() if (p / "expected.txt").is_file())


@pytest.fixture(scope="module", params=["booklet", "report"])
def built(request, bundled_event, tmp_path_factory):
    """(layout, exporter, path) of the bundled event's booklet per layout."""
    layout = load_layout(request.param, Project(ROOT))
    exporter = PdfExporter(bundled_event, layout)
    path = exporter.export(tmp_path_factory.mktemp(request.param))
    return layout, exporter, path


def body_text(path: Path, layout, offset: float = 0.0) -> str:
    """The text inside the text block of every page (no running heads or
    folios); ``offset`` is the trim's distance from the page's edge."""
    p = layout.page
    out = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            left = p.inner if n % 2 else p.outer
            box = (left - 1, p.top - 2, left + p.width - p.inner - p.outer + 1, p.height - p.bottom + 2)
            box = (box[0] + offset, box[1] + offset, box[2] + offset, box[3] + offset)
            out.append(page.within_bbox(box).extract_text() or "")
    return "\n".join(out)


def page_texts(path: Path) -> list[str]:
    """Each page's text as poppler's pdftotext extracts it."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def test_page_size_is_the_layouts(built):
    layout, _, path = built
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(layout.page.width), round(layout.page.height))


def test_nothing_is_lost(built):
    layout, _, path = built
    assert missing(seed_sentences(), body_text(path, layout)) == []


def test_every_font_is_embedded(built):
    out = subprocess.run(["pdffonts", str(built[2])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    emb = [re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row).group(1) for row in rows]
    assert rows and set(emb) == {"yes"}, out
    assert "Helvetica" not in out and "Times" not in out


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
def test_qpdf_check_passes(built):
    result = subprocess.run(["qpdf", "--check", str(built[2])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_page_labels_are_roman_then_arabic(built):
    labels = PdfReader(built[2]).page_labels
    assert labels[:3] == ["i", "ii", "iii"]
    first_body = labels.index("1")
    assert labels[first_body:first_body + 3] == ["1", "2", "3"]
    assert first_body % 2 == 0  # the body starts on a recto


def _outline(path: Path) -> list[tuple[str, int, int]]:
    reader = PdfReader(path)
    out = []

    def walk(items, level):
        for it in items:
            if isinstance(it, list):
                walk(it, level + 1)
            else:
                out.append((it.title, reader.get_destination_page_number(it), level))

    walk(reader.outline, 0)
    return out


def test_sessions_open_on_rectos_and_outline_mirrors_contents(built, bundled_event):
    outline = _outline(built[2])
    top = [(t, page) for t, page, level in outline if level == 0]
    titles = [t for t, _ in top]
    for s in bundled_event.sessions:
        assert s.title in titles
    for title, page_index in top:
        if title != "Contents":
            assert page_index % 2 == 0, f"{title} opens on page {page_index + 1}"


def test_each_contents_entry_points_at_its_heading(built):
    layout, _, path = built
    labels = PdfReader(path).page_labels
    pages = page_texts(path)
    toc_text = pages[2] + "\n" + pages[3]
    entries = re.findall(r"^(Introduction|Inaugural Session|Session [IVX]+|Media Coverage|Index of Participants)"
                         r"\b.*?(\d+)\s*$", toc_text, flags=re.M)
    assert len(entries) >= 5
    for title, number in entries:
        assert title in pages[labels.index(number)], (title, number)


def test_blank_versos_are_truly_blank(built):
    pages = page_texts(built[2])
    blanks = [i for i, text in enumerate(pages) if not text.strip()]
    assert blanks, "expected at least one blank verso before a session"
    for i in blanks:  # only versos are left blank, or the page that puts the back cover on a verso
        assert i % 2 == 1 or i == len(pages) - 2, i


def test_no_character_outside_the_text_block(built):
    layout, _, path = built
    p = layout.page
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            left = p.inner if n % 2 else p.outer
            right = left + p.width - p.inner - p.outer
            for ch in page.chars:
                assert left - 0.5 <= ch["x0"] and ch["x1"] <= right + 0.5, (n, ch["text"], ch["x0"], ch["x1"])


def test_two_builds_are_byte_identical(built, bundled_event):
    layout, exporter, path = built
    assert PdfExporter(bundled_event, layout).render() == path.read_bytes()


def test_kept_line_breaks_change_nothing(built, bundled_event, monkeypatch):
    """Paragraphs keep their line breaks per width (typeset/paragraph.py);
    breaking them again on every wrap, as ReportLab does, gives the same
    file."""
    from exporter.typeset.paragraph import Paragraph

    layout, exporter, path = built
    monkeypatch.setattr(Paragraph, "remember", False)
    assert PdfExporter(bundled_event, layout).render() == path.read_bytes()


def test_drawing_plain_lines_directly_changes_nothing(built, bundled_event, monkeypatch):
    """A line of one plain frag is drawn without ReportLab's per-frag
    bookkeeping (typeset/paragraph.py, _put_frag_line); ReportLab's own
    _putFragLine for every line gives the same file."""
    import reportlab.platypus.paragraph as rl

    from exporter.typeset import paragraph

    layout, exporter, path = built
    assert rl._putFragLine is paragraph._put_frag_line
    monkeypatch.setattr(rl, "_putFragLine", paragraph._rl_putFragLine)
    assert PdfExporter(bundled_event, layout).render() == path.read_bytes()


def test_binary_streams_are_ours_only_and_put_back_after_a_failure(bundled_event):
    """Streams without ASCII85 while Octavo builds (the file has none); the
    global ReportLab setting is back as it was afterwards, also when the
    build fails, and nested builds keep it off until the outer one ends."""
    from reportlab import rl_config

    from exporter.typeset.streams import binary_streams

    before = rl_config.useA85
    data = PdfExporter(bundled_event, load_layout(None, Project(ROOT))).render()
    assert b"/ASCII85Decode" not in data and rl_config.useA85 == before
    with pytest.raises(ZeroDivisionError):
        with binary_streams():
            with binary_streams():
                assert rl_config.useA85 == 0
            assert rl_config.useA85 == 0
            1 / 0
    assert rl_config.useA85 == before


def test_reportlab_runs_with_its_c_accelerator():
    """reportlab[accel]: without it string widths and encoders run in Python
    and a booklet takes about a fifth longer."""
    from reportlab.lib import rl_accel

    assert not rl_accel._py_funcs, sorted(rl_accel._py_funcs)


def test_layouts_look_deliberately_different(bundled_event):
    project = Project(ROOT)
    a = PdfExporter(bundled_event, load_layout("booklet", project)).render()
    b = PdfExporter(bundled_event, load_layout("report", project)).render()
    assert b"NotoSerif" in a and b"LiberationSerif" in b and b"NotoSerif" not in b
    import io
    text_a = "".join(pg.extract_text() for pg in PdfReader(io.BytesIO(a)).pages)
    text_b = "".join(pg.extract_text() for pg in PdfReader(io.BytesIO(b)).pages)
    assert "VII." in text_a and "VII." not in text_b  # the framework numbered in roman, or in arabic
    assert "7." in text_b


def test_index_lists_each_person_with_pages(built, bundled_event):
    text = PdfReader(built[2]).pages[-1].extract_text() + "".join(
        pg.extract_text() for pg in PdfReader(built[2]).pages[-5:])
    assert "Volkhonsky, Dr. Boris" in text and "Serenko, Dr. Irina Nikolaevna" in text  # exporter/names.py


def test_markup_like_text_is_literal(tmp_path):
    from exporter.source import load_event

    ev = load_event(FIXTURES / "sources" / "valid", Project(ROOT))
    path = PdfExporter(ev, load_layout(None, Project(ROOT))).export(tmp_path)
    text = "".join(pg.extract_text() for pg in PdfReader(path).pages)
    assert "AT&T, a<b and <script>x</script>." in text.replace("\n", " ")


@pytest.mark.parametrize("name", BROKEN_LAYOUTS)
def test_broken_layout_gives_its_exact_message(name, monkeypatch):
    monkeypatch.setenv("OCTAVO_PROJECT", str(LAYOUT_PROJECT))
    with pytest.raises(OctavoError) as err:
        load_layout(name, Project.find())
    expected = (LAYOUT_PROJECT / "layouts" / name / "expected.txt").read_text(encoding="utf-8")
    assert err.value.format_message() + "\n" == expected


def test_a_layout_extends_another_and_holds_only_what_it_changes(monkeypatch):
    monkeypatch.setenv("OCTAVO_PROJECT", str(LAYOUT_PROJECT))
    layout = load_layout("partner", Project.find())
    assert layout.colours["accent"] == "#0B6E4F" and layout.styles["body"].size == 10
    assert layout.page.size_name == "A5"
    assert layout.origins["colours.accent"].startswith("layouts/partner/layout.yaml:")


def test_a_glyph_no_font_of_the_chain_has_is_an_error_with_its_location(tmp_path):
    from exporter.source import load_event

    folder = tmp_path / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    people = folder / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Zafar Cheema", "Zafar ᚠ Cheema"), encoding="utf-8")
    ev = load_event(folder, Project(tmp_path))
    with pytest.raises(OctavoError) as err:
        PdfExporter(ev, load_layout(None, Project(ROOT))).render()
    assert "has a glyph for 'ᚠ' U+16A0" in err.value.format_message()  # runic: no bundled font has it
    assert "people.yaml:2:5" in err.value.format_message()


def test_cli_exports_pdf(cli, tmp_path):
    result = cli("export", "pdf", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pakistan-russia-2019" / "pakistan-russia-2019-proceedings.pdf").is_file()
    assert not list((tmp_path / "pakistan-russia-2019").glob("*.part"))


def test_an_element_too_large_for_any_page_names_its_source_and_style(cli, tmp_path):
    from conftest import BUNDLED

    result = cli("export", "pdf", str(BUNDLED), "--layout", "huge-heading", "--out", str(tmp_path),
                 cwd=LAYOUT_PROJECT)
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {BUNDLED}/sessions/1-inaugural.yaml:13:5: items[0]: this element does not fit in the text "
        "block of layout 'huge-heading' (323×493 pt) even on a page of its own; make style 'speaker' smaller "
        "(layouts/huge-heading/layout.yaml:4)\n")
    assert not any(tmp_path.rglob("*.pdf"))


def test_the_pdf_dates_come_from_the_source(built, bundled_event):
    meta = PdfReader(built[2]).metadata
    assert meta.creation_date.strftime("%Y-%m-%d") == "2019-04-01" == meta.modification_date.strftime("%Y-%m-%d")
    assert bundled_event.published.startswith("2019-04")


def test_the_imprint_names_the_organisers_city_not_the_events(cli, tmp_path):
    """A publisher's place is where the organiser is: an Islamabad institute
    publishing a Peshawar conference is 'Islamabad' in the imprint, in the
    PDF and in the .docx; without organiser.city the imprint names none."""
    from docx import Document

    folder = tmp_path / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, folder)
    event = folder / "event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("city: Islamabad\n", "city: Peshawar\n", 1),
                     encoding="utf-8")
    assert cli("export", "pdf", cwd=tmp_path).exit_code == 0
    assert cli("export", "docx", cwd=tmp_path).exit_code == 0
    out = tmp_path / "build" / BUNDLED.name
    imprint = " ".join(page_texts(out / f"{BUNDLED.name}-proceedings.pdf")[1].split())
    assert "held at the Islamabad Marriott Hotel, Peshawar, April 2019." in imprint
    assert "Strategic Vision Institute (SVI), Islamabad, April 2019" in imprint
    word = [p.text for p in Document(str(out / f"{BUNDLED.name}-proceedings.docx")).paragraphs]
    assert "Organised and published by Strategic Vision Institute, Islamabad" in word
    event.write_text(event.read_text(encoding="utf-8").replace("  city: Islamabad ", "  # city: Islamabad ", 1),
                     encoding="utf-8")
    assert cli("export", "pdf", cwd=tmp_path).exit_code == 0
    imprint = " ".join(page_texts(out / f"{BUNDLED.name}-proceedings.pdf")[1].split())
    assert "Strategic Vision Institute (SVI), April 2019" in imprint and "(SVI), Peshawar" not in imprint


@pytest.mark.parametrize("words", [60, 400])
def test_a_cover_and_imprint_too_long_for_their_page_stay_on_it(cli, tmp_path, words):
    """The cover is page 1 and the imprint its verso, whatever the title's
    length: text taller than the page is set smaller until it fits (a
    270-character title and subtitle ran onto page 2 and pushed the
    imprint to page 4); text that would need to be set smaller than half
    size is an error naming the fields, and nothing is written."""
    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    long = "Long Title " + " ".join(f"Word{i}" for i in range(words)) + " Ends"
    event = folder / "event.yaml"
    event.write_text(event.read_text().replace("title: A Small Conference", f"title: {long}")
                     .replace("subtitle: On Testing", f"subtitle: {long}")
                     .replace("  name: Example Institute", f"  name: {long}"))
    result = cli("export", "pdf", "ev", cwd=tmp_path)
    if words > 100:
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert "event.yaml" in result.output and "cover" in result.output and "title" in result.output
        assert not (tmp_path / "build" / "ev").exists() or not any((tmp_path / "build" / "ev").iterdir())
        return
    assert result.exit_code == 0, result.output
    path = tmp_path / "build" / "ev" / "ev-proceedings.pdf"
    pages = [" ".join(t.split()) for t in page_texts(path)]
    assert pages[0].count("Ends") == 3 and "Published by" not in pages[0]  # organiser, title, subtitle
    assert "Published by" in pages[1] and pages[1].count("Ends") >= 2
    assert pages[2].startswith("Contents")
    layout = load_layout("booklet", Project(tmp_path))
    p = layout.page
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:2]:
            assert all(ch["top"] >= p.top - 0.5 and ch["y0"] >= p.bottom - 0.5 for ch in page.chars)


def test_running_heads_too_long_for_the_measure_are_shortened(cli, tmp_path):
    """A running head is one line: a title or session title wider than the
    text block (a verso's head ran to x=1057 on a 420 pt page) is cut after
    its last whole word that fits, with an ellipsis, and stays inside."""
    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    long = "Long Title " + " ".join(f"Word{i}" for i in range(40)) + " Ends"
    event = folder / "event.yaml"
    event.write_text(event.read_text().replace("title: A Small Conference", f"title: {long}"))
    session = folder / "sessions" / "1-opening.yaml"
    text = "\n\n".join(["      " + "Many words here. " * 40] * 12)
    session.write_text(session.read_text().replace("title: Opening Session", f"title: Opening {long}")
                       .replace("      1. First point.", text + "\n\n      1. First point."))
    assert cli("export", "pdf", "ev", cwd=tmp_path).exit_code == 0
    layout = load_layout("booklet", Project(tmp_path))
    p = layout.page
    heads = set()
    with pdfplumber.open(tmp_path / "build" / "ev" / "ev-proceedings.pdf") as pdf:
        for n, page in enumerate(pdf.pages, 1):
            left = p.inner if n % 2 else p.outer
            right = left + p.width - p.inner - p.outer
            for ch in page.chars:
                assert left - 0.5 <= ch["x0"] and ch["x1"] <= right + 0.5, (n, ch["text"], ch["x0"], ch["x1"])
            head = "".join(ch["text"] for ch in page.chars if ch["top"] < p.top - 5)
            if head:
                heads.add(head)
    assert any(h.startswith("LongTitleWord0") and h.endswith("…") for h in (x.replace(" ", "") for x in heads)), heads
    assert any(h.replace(" ", "").startswith("OpeningLongTitle") and h.endswith("…") for h in heads), heads


@pytest.mark.parametrize("edit, where", [
    (("title: A Small Conference", "title: A Small ᚠ Conference"), "event.yaml:1:8: title"),
    (("subtitle: On Testing", "subtitle: On ᚠ Testing"), "event.yaml:2:11: subtitle"),
    (("venue: Marriott Hotel", "venue: Marriott ᚠ Hotel"), "event.yaml:4:8: venue"),
    (("  short_name: EI", "  short_name: EI\n  description: |\n    The ᚠ institute."),
     "event.yaml:11:5: organiser.description"),
    (("  short_name: EI", "  short_name: Eᚠ"), "event.yaml:9:15: organiser.short_name"),
    (("country: NO", "country: NO\ncredits:\n  compiled_by: [A ᚠ Compiler]"), "event.yaml:8:17: credits.compiled_by[0]"),
])
def test_a_glyph_missing_from_the_events_own_fields_is_named(cli, tmp_path, edit, where):
    """The cover, imprint, running heads and back cover set the event's own
    fields (title, subtitle, venue, organiser, credits …): a character no
    font has there was dropped from the page without a word (ExtB 𠀀 in a
    title: 'check' said "glyphs" passed, the PDF showed the rest); it is
    named with its place, by check and by export."""
    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    event = folder / "event.yaml"
    assert edit[0] in event.read_text()
    event.write_text(event.read_text().replace(*edit), encoding="utf-8")
    for args in (("check", "ev"), ("export", "pdf", "ev")):
        result = cli(*args, cwd=tmp_path)
        assert result.exit_code == 2, result.output
        assert f"source/ev/{where}: no font of fonts." in result.output and "'ᚠ' U+16A0" in result.output, result.output
