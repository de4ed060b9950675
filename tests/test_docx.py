"""The Word proceedings: read back with python-docx and docx2python, and
converted by headless LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx2python import docx2python

from conftest import FIXTURES, ROOT
from oracle import missing, seed_sentences
from exporter.errors import OctavoError
from exporter.exporters.docx import REQUIRED_STYLES, DocxExporter, write_reference_docx
from exporter.exporters.docx.ooxml import SECTPR_ORDER, SETTINGS_ORDER
from exporter.layout import load_layout
from exporter.project import Project
from exporter.source import load_event

CHARACTER_STYLES = {"Emphasis", "Strong", "Hyperlink"}


@pytest.fixture(scope="module")
def layout():
    return load_layout(None, Project(ROOT))


@pytest.fixture(scope="module")
def data(bundled_event, layout) -> bytes:
    return DocxExporter(bundled_event, layout).render()


@pytest.fixture(scope="module")
def document(data):
    return docx.Document(io.BytesIO(data))


def body_paragraphs(document):
    return document.paragraphs


def all_text(document) -> str:
    """The body text as python-docx sees it, hyperlinked runs included."""
    return "\n".join(p.text for p in document.paragraphs)


def test_every_paragraph_and_run_has_a_named_style(document):
    names = set(REQUIRED_STYLES) | {"toc 1", "toc 2"}
    used = {p.style.name for p in document.paragraphs}
    assert used <= names, used - names
    marks = {qn("w:lang"), qn("w:rtl"), qn("w:cs"), qn("w:rFonts")}  # language, not looks: test_languages.py
    for p in document.paragraphs:
        for r in p._p.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            kids = [] if rpr is None else [c.tag for c in rpr if c.tag not in marks]
            assert kids in ([], [qn("w:rStyle")]), (p.text, kids)
            fonts = [] if rpr is None else rpr.findall(qn("w:rFonts"))
            assert all(list(f.attrib) == [qn("w:hint")] for f in fonts), (p.text, "a font named on a run")
        ppr = p._p.pPr
        allowed = {qn("w:pStyle"), qn("w:numPr"), qn("w:sectPr")}
        assert {c.tag for c in ppr} <= allowed, (p.text, [c.tag for c in ppr])
    run_styles = {r.style.name for p in document.paragraphs for r in p.runs if r.style.style_id != "DefaultParagraphFont"}
    assert run_styles <= CHARACTER_STYLES


def test_the_named_styles_are_used(document):
    used = {p.style.name for p in document.paragraphs}
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Session Theme", "Speaker", "Affiliation",
                 "Talk Title", "Question", "Answer", "Pull Quote", "List Number", "Imprint", "Index Entry"):
        assert name in used


def test_numbered_lists_restart(document):
    numbering = document.part.numbering_part.element
    lists, last = [], None
    for p in document.paragraphs:
        num = p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if p.style.name == "List Number" and num:
            if num[0] != last:
                lists.append(num[0])
            last = num[0]
        else:
            last = None
    assert len(lists) >= 2 and len(set(lists)) == len(lists)
    for num_id in lists:
        start = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val')
        assert start == ["1"]
    fmt = numbering.xpath(f'./w:abstractNum[@w:abstractNumId=//w:num[@w:numId="{lists[0]}"]/w:abstractNumId/@w:val]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val')
    assert fmt == ["upperRoman"]  # the booklet layout's list_number_format


def test_hyperlinks_resolve(document, data):
    rels = document.part.rels
    targets = {rels[h.get(qn("r:id"))].target_ref for h in document.element.body.iter(qn("w:hyperlink"))
               if h.get(qn("r:id"))}
    assert "https://thesvi.org" in targets
    with docx2python(io.BytesIO(data)) as read:
        assert '<a href="https://thesvi.org">https://thesvi.org</a>' in read.text


def test_core_properties(document):
    props = document.core_properties
    assert props.title == "Pakistan-Russia Strategic Relations"
    assert props.subject == "Prospects for Cooperation"
    assert props.author == props.last_modified_by == "Strategic Vision Institute"
    assert "strategic stability" in props.keywords
    assert props.language == "en-GB"
    assert props.created.isoformat().startswith("2019-04-01T00:00:00")
    assert props.modified == props.created and props.revision == 1
    assert "python-docx" not in (props.comments or "")


def test_no_template_leftovers(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            text = z.read(name)
            assert b"python-docx" not in text and b"2013-12-23" not in text, name
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_toc_and_index(document, data):
    xml = document.element.body.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml
    begin = document.element.body.xpath('//w:fldChar[@w:fldCharType="begin"]')[0]
    assert begin.get(qn("w:dirty")) == "true"
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    texts = [p.text for p in document.paragraphs]
    assert "Index of Participants" in texts
    entries = [p.text for p in document.paragraphs if p.style.name == "Index Entry"]
    assert len(entries) == 24
    assert any(e.startswith("Serenko, Dr. Irina Nikolaevna") and "Session II (speaker" in e for e in entries)


def outline_level(style) -> int:
    """A paragraph style's outline level (0 = Word's Level 1; 9 = body
    text), through the styles it is based on."""
    while style is not None:
        level = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if level:
            return int(level[0])
        style = style.base_style
    return 9


def docx_outline(document) -> list[tuple[int, str]]:
    """What Word's navigation pane lists: (level, text) of every paragraph
    with an outline level (none is set on a paragraph itself)."""
    assert not document.element.body.xpath("./w:p/w:pPr/w:outlineLvl")
    out = []
    for p in document.paragraphs:
        level = outline_level(p.style)
        if level < 9:
            out.append((level, p.text))
    return out


def pdf_outline(data: bytes) -> list[tuple[int, str]]:
    """The PDF's outline, read with pikepdf: (level, title) in order."""
    import pikepdf

    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
        def walk(items, level):
            for item in items:
                out.append((level, str(item.title)))
                walk(item.children, level + 1)
        walk(outline.root, 0)
    return out


def test_navigation_pane_and_contents_follow_the_pdf_outline(document, bundled_event, layout):
    """Every part, session, contribution and Q&A of the PDF's outline is a
    heading at the same level, in the same order; a contribution's heading
    is its talk title (or its kind), which ends the PDF's entry (“speaker:
    title”). The PDF also outlines its contents page (a Word TOC does not
    list itself), and the .docx heads the back cover's organiser profile."""
    from exporter.exporters.pdf import PdfExporter

    pdf = [x for x in pdf_outline(PdfExporter(bundled_event, layout).render()) if x != (0, "Contents")]
    word = docx_outline(document)
    assert word[-1] == (0, "About Strategic Vision Institute")
    word = word[:-1]
    assert [level for level, _ in word] == [level for level, _ in pdf]
    for (_, mine), (_, theirs) in zip(word, pdf):
        assert theirs.endswith(mine), (mine, theirs)
    assert len(word) == 25 and sum(1 for level, _ in word if level == 1) == 19  # 17 contributions, 2 Q&A
    assert [t for level, t in word if level == 0] == [
        "Introduction", "Inaugural Session", "Session II", "Session III", "Media Coverage",
        "Index of Participants"]  # the PDF's order of parts
    toc = [(int(p.style.name[-1]) - 1, p.text) for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert toc == word + [(0, "About Strategic Vision Institute")]


def test_a_reference_docx_cannot_change_the_headings(tmp_path, bundled_event, layout, document):
    """The outline levels are structure: a reference.docx whose Talk Title
    and Heading 2 have none, whose Speaker has one and whose TOC Heading is
    based on Heading 1 (as Word's own is) gives the same navigation pane."""
    ref = tmp_path / "reference.docx"
    write_reference_docx(layout, ref)
    edited = docx.Document(str(ref))
    for name in ("Talk Title", "Heading 2"):
        for lvl in edited.styles[name].element.xpath("./w:pPr/w:outlineLvl"):
            lvl.getparent().remove(lvl)
    edited.styles["Speaker"].element.get_or_add_pPr().append(
        docx.oxml.parse_xml(f'<w:outlineLvl xmlns:w="{docx.oxml.ns.nsmap["w"]}" w:val="1"/>'))
    edited.styles["TOC Heading"].base_style = edited.styles["Heading 1"]
    edited.save(str(ref))
    assert outline_level(docx.Document(str(ref)).styles["TOC Heading"]) == 0
    own = dataclasses.replace(layout, reference_docx=ref)
    out = docx.Document(io.BytesIO(DocxExporter(bundled_event, own).render()))
    assert docx_outline(out) == docx_outline(document)


def children_in_order(parent, order):
    tags = [c.tag.rsplit("}", 1)[-1] for c in parent]
    known = [order.index(t) for t in tags if t in order]
    return known == sorted(known)


def test_settings_and_sections_in_schema_order(document):
    settings = document.settings.element
    assert children_in_order(settings, SETTINGS_ORDER)
    for tag in ("evenAndOddHeaders", "mirrorMargins", "autoHyphenation", "updateFields"):
        assert settings.find(qn(f"w:{tag}")) is not None, tag
    sects = document.element.body.xpath(".//w:sectPr")
    assert all(children_in_order(s, SECTPR_ORDER) for s in sects)
    first = sects[0].find(qn("w:pgNumType"))
    assert first.get(qn("w:fmt")) == "lowerRoman" and first.get(qn("w:start")) == "1"
    kinds = [s.xpath("./w:type/@w:val") for s in sects[1:]]
    assert kinds[:6] == [["oddPage"]] * 6  # introduction, three sessions, media, index: rectos, as in the PDF
    assert all(s.find(qn("w:titlePg")) is not None for s in sects)


def test_page_size_from_layout(document, layout):
    section = document.sections[0]
    assert abs(section.page_width.pt - layout.page.width) < 0.1
    assert abs(section.left_margin.pt - layout.page.inner) < 0.1


def test_nothing_lost(document, data):
    assert missing(seed_sentences(), all_text(document)) == []
    with docx2python(io.BytesIO(data)) as read:
        assert missing(seed_sentences(), read.text) == []


def test_pull_quotes_and_curly_quotes(document, bundled_event):
    pulls = [p.text for p in document.paragraphs if p.style.name == "Pull Quote"]
    wanted = [q for s in bundled_event.sessions for it in s.items for q in getattr(it, "quotes", ())]
    assert pulls == [f"\u201c{q}\u201d" for q in wanted]
    assert "\u201cMap is a great indicator of reality\u201d" in all_text(document)


def test_byte_identical(bundled_event, layout, data):
    assert DocxExporter(bundled_event, layout).render() == data


def test_markup_like_text_is_literal(layout):
    event = load_event(FIXTURES / "sources" / "valid", Project(ROOT))
    document = docx.Document(io.BytesIO(DocxExporter(event, layout).render()))
    assert "AT&T, a<b and <script>x</script>." in all_text(document)


def test_report_layout(bundled_event):
    report = load_layout("report", Project(ROOT))
    document = docx.Document(io.BytesIO(DocxExporter(bundled_event, report).render()))
    assert abs(document.sections[0].page_width.pt - 595.28) < 0.5
    assert document.styles["Body Text"].font.name == "Liberation Serif"


def test_reference_docx_is_used_and_checked(tmp_path, bundled_event, layout):
    ref = tmp_path / "reference.docx"
    write_reference_docx(layout, ref)
    edited = docx.Document(str(ref))
    edited.styles["Speaker"].font.size = docx.shared.Pt(14)
    edited.save(str(ref))
    own = dataclasses.replace(layout, reference_docx=ref)
    out = docx.Document(io.BytesIO(DocxExporter(bundled_event, own).render()))
    assert out.styles["Speaker"].font.size.pt == 14

    for name in ("Speaker", "Pull Quote"):
        edited.styles[name].delete()
    edited.save(str(ref))
    with pytest.raises(OctavoError) as err:
        DocxExporter(bundled_event, own).render()
    assert "Speaker, Pull Quote" in str(err.value.message)


def test_reference_docx_is_deterministic(tmp_path, layout):
    write_reference_docx(layout, tmp_path / "a.docx")
    write_reference_docx(layout, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    names = {s.name for s in docx.Document(str(tmp_path / "a.docx")).styles}
    assert all(n in names or n.lower() in names for n in REQUIRED_STYLES)


PDF_OPTIONS = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


@pytest.mark.skipif(not shutil.which("libreoffice") or not shutil.which("pdftotext"),
                    reason="needs LibreOffice and poppler")
def test_libreoffice_renders_everything(tmp_path, data, layout):
    src = tmp_path / "proceedings.docx"
    src.write_bytes(data)
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", PDF_OPTIONS, "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "proceedings.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 24 <= pages <= 60
    # between the running heads and the folios, which would split sentences
    # (LibreOffice sets them at the header and footer distances: half the margins)
    page = layout.page
    top, bottom = page.top / 2 + 12, page.height - page.bottom / 2 - 16
    crop = ["-x", "0", "-y", str(int(top)), "-W", str(int(page.width)), "-H", str(int(bottom - top))]
    text = subprocess.run(["pdftotext", *crop, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert missing(seed_sentences(), text) == []
    first_body = subprocess.run(["pdftotext", "-f", "5", "-l", "5", str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert first_body.lstrip().startswith("Introduction")  # front matter padded to four pages


@pytest.mark.parametrize("text", ["plain", " leading and trailing ", "tab\there", "line\nbreak", "cr\rx", "a<b & AT&T"])
def test_runs_built_directly_are_the_xml_python_docx_writes(text):
    """styleids.add_run builds runs as lxml elements (python-docx sets run text
    a character at a time); the XML must be the same as python-docx's own."""
    from lxml import etree

    from exporter.exporters.docx.styleids import add_paragraph, add_run

    ours, theirs = docx.Document(), docx.Document()
    add_run(add_paragraph(ours, "Normal"), text, "Strong")
    para = theirs.add_paragraph(style="Normal")
    para._p.get_or_add_pPr().style = "Normal"
    para.add_run(text, style="Strong")
    assert etree.tostring(ours.paragraphs[-1]._p) == etree.tostring(theirs.paragraphs[-1]._p)


def test_the_package_is_the_same_through_python_docx_save(data, bundled_event, layout, monkeypatch):
    """The members are serialised from the parts with python-docx's private
    content-types writer; without it (a python-docx that moved it) they come
    from Document.save, and the file is the same."""
    from exporter.exporters.docx import package

    monkeypatch.setattr(package, "_ContentTypesItem", None)
    assert DocxExporter(bundled_event, layout).render() == data


def test_a_paragraph_goes_before_the_final_section_properties_past_a_comment():
    """A reference body may end with a comment after w:sectPr: new
    paragraphs still go before the section properties."""
    from lxml import etree

    from exporter.exporters.docx.styleids import add_paragraph

    document = docx.Document()
    body = document.element.body
    body.append(etree.Comment("left by an editor"))
    add_paragraph(document, "Normal")
    tags = [etree.QName(c).localname if isinstance(c.tag, str) else "comment" for c in body]
    assert tags[-3:] == ["p", "sectPr", "comment"]


def test_a_title_longer_than_a_word_property_exports(cli, tmp_path):
    """Word's core properties (title, subject, author, keywords) hold at
    most 255 characters, and python-docx raises past that: a long title,
    subtitle, organiser name or keyword list is cut at a word for the
    property, with an ellipsis, and printed whole in the document."""
    from conftest import FIXTURES

    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    title = "The Very Long Title " + " ".join(f"Part{i}" for i in range(60))
    event = folder / "event.yaml"
    event.write_text(event.read_text().replace("title: A Small Conference", f"title: {title}")
                     .replace("subtitle: On Testing", f"subtitle: {title}\nkeywords: [{', '.join(['kw' * 20] * 12)}]")
                     .replace("name: Example Institute", f"name: {title}"))
    result = cli("export", "docx", "ev", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(tmp_path / "build" / "ev" / "ev-proceedings.docx"))
    props = doc.core_properties
    for value in (props.title, props.subject, props.author, props.keywords):
        assert len(value) <= 255 and value.endswith("…") and not value[:-1].endswith(" "), value
    assert props.title[:-1] in title and title.startswith(props.title[:-1])
    assert any(title in p.text for p in doc.paragraphs)
    result = cli("export", "review", "ev", "--person", "serenko", "--format", "docx", cwd=tmp_path)
    assert result.exit_code == 0, result.output
