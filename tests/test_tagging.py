"""Tagged PDF (PDF/UA-1) and PDF/A-2u: the screen booklet, a review copy
and the brief, read back with pikepdf and poppler's ``pdfinfo
-struct-text``, and checked by the two offline checkers there are: the
``pdfua`` package (PDF/UA-1's machine-checkable subset) and pikepdf's
PDF/A validator (levels 1b-3b).  Neither certifies conformance (no
veraPDF here): with the tests below they are the conformance check."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter

import pikepdf
import pytest
from pikepdf import Array, Dictionary

from conftest import ROOT
from exporter.exporters.brief import BriefExporter
from exporter.exporters.pdf import PdfExporter, PrintPdfExporter
from exporter.exporters.pdf.review import ReviewPdfExporter
from exporter.layout import load_layout
from exporter.plaintext import body_units, brief_units, inline_text, tokens
from exporter.project import Project
from test_logo import ALT, EVENT, rgba_logo, with_logo

pytestmark = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "INLINE IMAGE"}
HEADING = re.compile(r"/H([1-6])")


@pytest.fixture(scope="module")
def built(bundled_event, tmp_path_factory):
    """name -> path: the screen booklet and brief (booklet and report
    layouts), and a review copy (no cover, so no book title)."""
    out: dict = {}
    for name in ("booklet", "report"):
        layout = load_layout(name, Project(ROOT))
        folder = tmp_path_factory.mktemp(name)
        shared: dict = {}
        out[f"pdf-{name}"] = PdfExporter(bundled_event, layout, shared).export(folder)
        out[f"brief-{name}"] = BriefExporter(bundled_event, layout, shared).export(folder)
    layout = load_layout("booklet", Project(ROOT))
    person = bundled_event.sessions[1].items[0].speakers[0]
    out["review"] = ReviewPdfExporter(bundled_event, layout, {}, person=person).export(tmp_path_factory.mktemp("r"))
    return out


ALL = ["pdf-booklet", "pdf-report", "brief-booklet", "brief-report", "review"]


def elements(pdf: pikepdf.Pdf):
    """Every structure element, in reading order (depth first)."""
    todo = [pdf.Root.StructTreeRoot.K]
    while todo:
        e = todo.pop(0)
        yield e
        kids = e.get("/K")
        kids = list(kids) if isinstance(kids, Array) else [kids]
        todo[:0] = [k for k in kids if isinstance(k, Dictionary) and "/S" in k]


def struct_text(path) -> str:
    """The text under the structure tree, in its order (pdfinfo)."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    return "\n".join(line.strip()[1:-1] for line in out.splitlines() if line.strip().startswith('"'))


def list_items(path) -> list[tuple[str, str]]:
    """(label, body) of every list item, in reading order: the text
    poppler reads under each LI's Lbl and LBody (``pdfinfo
    -struct-text``)."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    items: list[list[str]] = []
    item = part = None
    for line in out.splitlines():
        indent, s = len(line) - len(line.lstrip()), line.strip()
        if s == "LI (block)":
            items.append(["", ""])
            item, part = indent, None
        elif item is not None and indent <= item:
            item = part = None
        elif item is not None and indent == item + 2:
            part = {"Lbl (block)": 0, "LBody (block)": 1}[s]  # nothing else in an LI
        elif item is not None and s.startswith('"'):
            items[-1][part] += s[1:-1]
    return [(a, b) for a, b in items]


def assert_lists_have_label_and_body(pdf: pikepdf.Pdf) -> int:
    """Every L holds LIs, every LI a Lbl and then an LBody, each with
    content; returns how many items there are."""
    count = 0
    for e in elements(pdf):
        if str(e.S) == "/L":
            assert {str(k.S) for k in e.K} == {"/LI"}
        if str(e.S) == "/LI":
            assert [str(k.S) for k in e.K] == ["/Lbl", "/LBody"]
            assert all("/K" in k for k in e.K)
            count += 1
    return count


def letters(text: str) -> str:
    """The words of ``text`` run together (pdfinfo puts no space between
    two lines of a paragraph)."""
    return "".join(tokens(text))


@pytest.mark.parametrize("name", ALL)
def test_every_painting_operator_is_in_marked_content_or_an_artifact(built, name):
    assert_every_operator_marked(built[name])


def assert_every_operator_marked(path) -> None:
    with pikepdf.open(path) as pdf:
        tagged = artifact = 0
        for n, page in enumerate(pdf.pages):
            stack: list[str] = []
            mcids = set()
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    kind = "artifact" if str(operands[0]) == "/Artifact" else "tag"
                    assert not stack, f"page {n + 1}: {kind} nested in {stack}"  # never one inside the other
                    stack.append(kind)
                    if op == "BDC" and kind == "tag":
                        mcid = int(operands[1].MCID)
                        assert mcid not in mcids
                        mcids.add(mcid)
                elif op == "EMC":
                    stack.pop()
                elif op in PAINT:
                    assert stack, f"page {n + 1}: {op} outside marked content"
                    tagged += stack[-1] == "tag"
                    artifact += stack[-1] == "artifact"
            assert not stack
            assert mcids == set(range(len(mcids)))
            # the ParentTree has this page's MCIDs, each naming its element
            parents = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2))[int(page.StructParents)]
            assert len(parents) == len(mcids)
        assert tagged > 0 and artifact > 0


@pytest.mark.parametrize("name", ALL)
def test_reading_order_gives_the_sources_sentences_in_order(built, bundled_event, name):
    text = letters(struct_text(built[name]))
    units = brief_units(bundled_event.brief) if name.startswith("brief") else body_units(bundled_event)
    if name == "review":
        return  # a review copy holds one person's part: its order is checked by the booklet's
    pos, missing = 0, []
    for u in units:
        want = letters(u.text)
        at = text.find(want, pos)
        if at < 0:
            missing.append(u.text[:60])
        else:
            pos = at + len(want)
    assert not missing, missing[:5]


@pytest.mark.parametrize("name", ALL)
def test_headings_start_at_h1_and_never_skip_a_level(built, name):
    with pikepdf.open(built[name]) as pdf:
        levels = [int(m.group(1)) for e in elements(pdf) if (m := HEADING.fullmatch(str(e.S)))]
    assert levels[0] == 1
    assert levels.count(1) == 1 or name == "review"  # a review copy's sessions are its top level
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_the_booklet_has_book_title_sessions_and_contributions_as_h1_h2_h3(built, bundled_event):
    with pikepdf.open(built["pdf-booklet"]) as pdf:
        kinds = Counter(str(e.S) for e in elements(pdf))
        speakers = sum(1 for s in bundled_event.sessions for it in s.items if hasattr(it, "speakers"))
        qa = sum(1 for s in bundled_event.sessions for it in s.items if hasattr(it, "exchanges"))
        assert kinds["/H1"] == 1
        assert kinds["/H3"] >= speakers + qa
        assert kinds["/H2"] >= len(bundled_event.sessions) + 3  # contents, introduction, index …
        assert assert_lists_have_label_and_body(pdf) > 0


def test_contents_entries_are_read_before_their_page_numbers(built):
    with pikepdf.open(built["pdf-booklet"]) as pdf:
        tocis = [e for e in elements(pdf) if str(e.S) == "/TOCI"]
        assert len(tocis) >= 20
        for t in tocis:
            ref = t.K[0]
            assert str(ref.S) == "/Reference"
            link, number = ref.K[0], ref.K[-1]
            assert str(link.S) == "/Link" and isinstance(number, int)  # the number's MCID, after the link
    text = struct_text(built["pdf-booklet"])
    assert re.search(r"^Introduction\n1$", text, re.M)


@pytest.mark.parametrize("name", ["pdf-booklet", "pdf-report", "brief-booklet"])
def test_links_are_in_link_elements_with_contents_and_the_print_flag(built, name):
    with pikepdf.open(built[name]) as pdf:
        nums = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2))
        count = 0
        for page in pdf.pages:
            if "/Annots" not in page.obj:
                continue
            assert page.obj.Tabs == "/S"
            for a in page.obj.Annots:
                count += 1
                parent = nums[int(a.StructParent)]
                assert str(parent.S) == "/Link"
                assert any(isinstance(k, Dictionary) and k.get("/Type") == "/OBJR" and k.Obj.objgen == a.objgen
                           for k in parent.K)
                assert str(a.Contents).startswith(("Link to ", "Go to ")) and len(str(a.Contents)) > 7
                assert int(a.F) & 4 and not int(a.F) & 2
        assert count > 0


def test_a_contents_link_says_where_it_goes(built):
    with pikepdf.open(built["pdf-booklet"]) as pdf:
        contents = {str(a.Contents) for p in pdf.pages for a in p.obj.get("/Annots", [])}
    assert "Go to Introduction" in contents and any(c.startswith("Link to https://") for c in contents)


@pytest.mark.parametrize("name", ["brief-booklet", "brief-report"])
def test_the_brief_recommendations_are_a_list_with_their_numbers_as_labels(built, bundled_event, name):
    """The brief's paragraphs draw their own numbers (bulletText): the
    number is read as the item's Lbl, the text as its LBody, once each."""
    recs = bundled_event.brief.recommendations
    with pikepdf.open(built[name]) as pdf:
        assert assert_lists_have_label_and_body(pdf) == len(recs)
    items = list_items(built[name])
    assert [label for label, _ in items] == [f"{i}." for i in range(1, len(recs) + 1)]
    for (_, body), r in zip(items, recs):
        assert body.startswith(f"{r.actor}:") and letters(inline_text(r.text)) in letters(body)


def test_the_brief_footer_is_read_last(built):
    for name in ("brief-booklet", "brief-report"):
        text = struct_text(built[name]).splitlines()
        assert "policy brief" in text[-1]
        with pikepdf.open(built[name]) as pdf:
            doc = pdf.Root.StructTreeRoot.K
            assert str(doc.K[-1].S) == "/P"


def test_a_pull_quote_is_read_once(built, bundled_event):
    quotes = [q for s in bundled_event.sessions for it in s.items for q in getattr(it, "quotes", ())]
    assert quotes
    read = letters(struct_text(built["pdf-booklet"]))
    drawn = subprocess.run(["pdftotext", str(built["pdf-booklet"]), "-"], capture_output=True, text=True).stdout
    for q in quotes:
        assert read.count(letters(q)) == 1
        assert letters(drawn).count(letters(q)) >= 2  # shown in the text and as a pull quote


@pytest.mark.parametrize("name", ALL)
def test_identification_in_xmp_and_catalog(built, name):
    with pikepdf.open(built[name]) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True and root.ViewerPreferences.DisplayDocTitle is True
        assert str(root.Lang) == "en-GB"
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == str(pdf.docinfo.Title)
        archive = name != "review"
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == (("2", "U") if archive else (None, None))
        if archive:
            (intent,) = root.OutputIntents
            assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3
            assert b"pdfuaid" in root.Metadata.read_bytes().split(b"pdfaExtension:schemas")[1]  # declared for PDF/A
            assert pdf.pdf_version == "1.7"
            assert "/Filter" not in root.Metadata  # XMP readable without decoding


def test_the_logo_is_a_figure_with_its_alternative_text(cli, tmp_path):
    with_logo(tmp_path, rgba_logo)
    assert cli("export", "pdf", cwd=tmp_path).exit_code == 0
    with pikepdf.open(tmp_path / "build" / EVENT / f"{EVENT}-proceedings.pdf") as pdf:
        figures = [e for e in elements(pdf) if str(e.S) == "/Figure"]
        assert [str(f.Alt) for f in figures] == [ALT]
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
        at = ops.index("Do")
        assert [op for op in ops[:at] if op in ("BDC", "BMC", "EMC")][-1] == "BDC"  # the image is tagged


def test_the_print_edition_is_not_tagged_and_ids_differ(bundled_event, built):
    layout = load_layout("booklet", Project(ROOT))
    data = PrintPdfExporter(bundled_event, layout, {}).render()
    with pikepdf.open(io.BytesIO(data)) as printed, pikepdf.open(built["pdf-booklet"]) as screen:
        assert "/StructTreeRoot" not in printed.Root
        assert bytes(printed.trailer.ID[0]) != bytes(screen.trailer.ID[0])


def test_rebuilds_are_byte_identical(bundled_event, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    layout = load_layout("booklet", Project(ROOT))
    assert PdfExporter(bundled_event, layout, {}).render() == PdfExporter(bundled_event, layout, {}).render()
    shared: dict = {}
    PdfExporter(bundled_event, layout, shared).render()
    assert BriefExporter(bundled_event, layout, shared).render() == BriefExporter(bundled_event, layout,
                                                                                  shared).render()


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
@pytest.mark.parametrize("name", ALL)
def test_qpdf_accepts_the_tagged_files(built, name):
    result = subprocess.run(["qpdf", "--check", str(built[name])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------
# The offline checkers: pdfua (PDF/UA-1) and pikepdf.pdfa (PDF/A-2)
# ---------------------------------------------------------------------------

def pdfua_errors(path) -> dict:
    """``pdfua check --min-severity error`` on ``path``: its JSON report.
    Its exit code alone is not trusted (older releases exit 0 whatever
    they find): the findings and the rules it could not run are read."""
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", "--min-severity", "error",
                             str(path)], capture_output=True, text=True)
    assert result.returncode in (0, 1, 3), result.stderr  # 4: unreadable, 5: usage error
    report = json.loads(result.stdout)
    report["returncode"] = result.returncode
    return report


def assert_pdfua_passes(path) -> None:
    report = pdfua_errors(path)
    assert report["findings"] == [], report["findings"]
    assert report["summary"]["errors"] == 0 and report["returncode"] == 0
    # a rule that raised is not a pass: every rule must have looked at the file
    assert report["skipped"] == [] and report["summary"]["rules_run"] >= 12, report["skipped"]
    import pdfua  # and no warning either, through the library (the CLI above hid them)

    assert [(f.rule_id, f.message) for f in pdfua.validate(str(path)).findings] == []


@pytest.mark.parametrize("name", ALL)
def test_pdfua_finds_no_error(built, name):
    assert_pdfua_passes(built[name])


def test_pdfua_does_report_an_untagged_file(bundled_event, tmp_path):
    """The check above can fail: the print edition (not tagged) has errors."""
    layout = load_layout("booklet", Project(ROOT))
    path = tmp_path / "print.pdf"
    path.write_bytes(PrintPdfExporter(bundled_event, layout, {}).render())
    report = pdfua_errors(path)
    assert report["summary"]["errors"] > 0 and report["returncode"] != 0
    assert {"UA-01-005", "UA-01-002"} <= {f["rule_id"] for f in report["findings"]}


#: What pikepdf's PDF/A validator (an allowlist of level b) says of a file
#: that is right, and why each is its limit, not the file's fault (README,
#: Conformance):
#: - ISO 19005-2 6.6.2.3.1 lets XMP use "any extension schemas that comply
#:   with 6.6.2.3.2"; PDF/UA's ``pdfuaid:part`` is declared in one, but the
#:   validator accepts no extension schema at all (its dispositions.json:
#:   "Extension schemas … are not permitted by the namespace allowlist").
#: - ISO 19005-2 6.6.4 allows conformance A, B or U; the validator checks
#:   level b only and asks for B.  What U adds (6.2.11.7.2, every glyph
#:   mapped to Unicode) is checked below.
PDFA_LIMITS = {
    ("ISO_19005_2:6.6.2.3.1-1", "XMP namespace pdfaExtension=http://www.aiim.org/pdfa/ns/extension/ is not permitted"),
    ("ISO_19005_2:6.6.2.3.1-1", "XMP namespace pdfaSchema=http://www.aiim.org/pdfa/ns/schema# is not permitted"),
    ("ISO_19005_2:6.6.2.3.1-1", "XMP namespace pdfaProperty=http://www.aiim.org/pdfa/ns/property# is not permitted"),
    ("ISO_19005_2:6.6.2.3.1-1", "XMP property pdfaExtension:schemas is not permitted"),
    ("ISO_19005_2:6.6.2.3.1-1", "XMP property pdfuaid:part is not permitted"),
    ("ISO_19005_2:6.6.4-3", "pdfaid:conformance is 'U', expected 'B'"),
}
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def as_level_b(path) -> io.BytesIO:
    """A copy of ``path`` identified as PDF/A-2b without PDF/UA's
    identification (and its extension schema, and the declarations of the
    namespaces only that used): what pikepdf's validator can judge.
    Nothing else in the file changes."""
    from lxml import etree

    out = io.BytesIO()
    with pikepdf.open(path) as pdf:
        tree = etree.fromstring(pdf.Root.Metadata.read_bytes())
        (ext,) = [d for d in tree.iter(RDF + "Description")
                  if d.find("{http://www.aiim.org/pdfa/ns/extension/}schemas") is not None]
        ext.getparent().remove(ext)
        (part,) = tree.iter("{http://www.aiim.org/pdfua/ns/id/}part")
        part.getparent().remove(part)
        (conformance,) = tree.iter("{http://www.aiim.org/pdfa/ns/id/}conformance")
        assert conformance.text == "U"
        conformance.text = "B"
        etree.cleanup_namespaces(tree)  # declared on x:xmpmeta, where ElementTree declares every namespace
        pdf.Root.Metadata.write(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
                                + etree.tostring(tree, encoding="utf-8") + b'\n<?xpacket end="w"?>')
        pdf.save(out)
    out.seek(0)
    return out


def assert_pdfa_passes(path) -> None:
    pdfa = pytest.importorskip("pikepdf.pdfa", reason="pikepdf >= 10 with its [pdfa] extra")
    report = pdfa.validate_written(path, "2b")
    assert {(f.rule, f.message) for f in report.findings} <= PDFA_LIMITS, report.findings
    assert all(f.kind == "violation" for f in report.findings)  # nothing it could not check
    judged = pdfa.validate_written(as_level_b(path), "2b")
    assert judged.verdict == "pass", judged.findings
    with pikepdf.open(path) as pdf:  # level u: every font maps its glyphs to Unicode
        fonts = {f.objgen: f for p in pdf.pages for f in p.Resources.get("/Font", {}).values()}
        assert fonts and all("/ToUnicode" in f for f in fonts.values())


@pytest.mark.parametrize("name", ["pdf-booklet", "pdf-report", "brief-booklet", "brief-report"])
def test_pikepdf_validates_the_archive_copies_as_pdfa_2(built, name):
    assert_pdfa_passes(built[name])


def test_pikepdf_validator_does_reject_a_file_that_is_not_pdfa(built):
    """The check above can fail: a review copy (no PDF/A identification,
    no OutputIntent) is refused."""
    pdfa = pytest.importorskip("pikepdf.pdfa", reason="pikepdf >= 10 with its [pdfa] extra")
    report = pdfa.validate_written(built["review"], "2b")
    assert report.verdict != "pass"
    assert "XMP has no PDF/A identification (pdfaid:part)" in {f.message for f in report.findings}


# ---------------------------------------------------------------------------
# Another event than the bundled one
# ---------------------------------------------------------------------------

SMALL_ALT = "Example Institute: the letters EI in claret"
BRIEF_LINK = "[a great indicator](https://example.org/map)"
BRIEF_RUSSIAN = "Trade is slow, said «мир и дружба»."
SMALL_TEXT = ("She cited [the institute’s report](https://example.org/report) and the phrase «мир и дружба» "
              "in Russian.")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The test fixture event (not the bundled one) with a logo, a
    numbered and a bulleted list, a quote, a link and Russian words in an
    English paragraph, and a brief: its screen edition, brief and review
    copy, exported by the command line."""
    from click.testing import CliRunner

    from exporter.cli import main
    from test_logo import add_logo, rgba_logo

    root = tmp_path_factory.mktemp("small")
    folder = root / "source" / "small"
    shutil.copytree(ROOT / "tests" / "fixtures" / "sources" / "valid", folder)
    add_logo(folder, rgba_logo, SMALL_ALT)
    session = folder / "sessions" / "1-opening.yaml"
    text = session.read_text()
    assert "      1. Second point.\n" in text and "quotes: [a great indicator]" in text
    session.write_text(text.replace("      1. Second point.\n", "      1. Second point.\n\n"
                                    f"      {SMALL_TEXT}\n\n      - A bullet.\n      - Another bullet.\n"))
    (folder / "brief.yaml").write_text(
        "title: A Small Brief\ncontext: |\n  A conference was held.\n\n"
        f"  1. The map is {BRIEF_LINK}.\n  2. {BRIEF_RUSSIAN}\n\n  - A bullet.\n  - Another bullet.\n"
        "key_messages:\n"
        "  - text: The map is a great indicator.\n    ref: serenko-talk\nrecommendations:\n"
        "  - actor: Everyone\n    text: Read the map.\n    ref: serenko-talk\n"
        "  - actor: Everyone\n    text: Ask about trade.\n    ref: q1\n"
        "quote:\n  text: a great indicator\n  speaker: serenko\n  ref: serenko-talk\n")
    env = {"OCTAVO_PROJECT": str(root), "OCTAVO_EVENT": None}
    for args in (["export", "pdf"], ["export", "brief"], ["export", "review", "--person", "serenko"]):
        result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    build = root / "build" / "small"
    return {"pdf": build / "small-proceedings.pdf", "brief": build / "small-brief.pdf",
            "review": build / "review" / "small-review-serenko.pdf"}


@pytest.mark.parametrize("name", ["pdf", "brief", "review"])
def test_another_event_passes_the_same_checks(small, name):
    path = small[name]
    assert_every_operator_marked(path)
    assert_pdfua_passes(path)
    if name != "review":
        assert_pdfa_passes(path)
    with pikepdf.open(path) as pdf:
        levels = [int(m.group(1)) for e in elements(pdf) if (m := HEADING.fullmatch(str(e.S)))]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_another_event_has_its_figure_lists_and_links_tagged(small):
    with pikepdf.open(small["pdf"]) as pdf:
        kinds = Counter(str(e.S) for e in elements(pdf))
        assert [str(e.Alt) for e in elements(pdf) if str(e.S) == "/Figure"] == [SMALL_ALT]
        lists = [e for e in elements(pdf) if str(e.S) == "/L"]
        assert len(lists) == 2 and kinds["/LI"] == 4 and kinds["/Lbl"] == 4
        uris = [str(a.Contents) for p in pdf.pages for a in p.obj.get("/Annots", [])]
        assert "Link to https://example.org/report" in uris
    read = letters(struct_text(small["pdf"]))
    assert read.count(letters("a great indicator")) == 1  # the pull quote is an Artifact
    # the link's words are inside its Link element, the Russian words in a Span with their language
    tree = subprocess.run(["pdfinfo", "-struct-text", str(small["pdf"])], capture_output=True, text=True).stdout
    assert re.search(r'^( *)Link \(inline\)\n\1  "the institute’s report ?"\n\1  Object \d+ 0$', tree, re.M), tree
    assert re.search(r'^( *)Span \(inline\)\n\1  "мир и дружба» ?"$', tree, re.M)
    with pikepdf.open(small["pdf"]) as pdf:
        spans = [e for e in elements(pdf) if str(e.S) == "/Span"]
        assert [str(e.Lang) for e in spans] == ["ru-RU", "ru-RU"] and str(spans[0].P.S) == "/P"
    # and in a paragraph without a link: a person's own name in the index
    assert re.search(r'^ *Span \(inline\)\n *"Ирина Серенко\)?"$', tree, re.M), tree
    assert letters("She cited the institute’s report and the phrase «мир и дружба» in Russian.") in read


def test_another_event_brief_lists_have_labels_links_and_spans(small):
    """A brief's context lists (numbered and bulleted) and its
    recommendations: each item's number or bullet is its Lbl; a link and
    words in Russian inside an item stay in the item's LBody."""
    with pikepdf.open(small["brief"]) as pdf:
        assert assert_lists_have_label_and_body(pdf) == 6
        bodies = [e for e in elements(pdf) if str(e.S) == "/LBody"]
        inner = {str(k.S): k for b in bodies[:2] for k in elements_under(b)}
        assert "/Link" in inner and str(inner["/Span"].Lang) == "ru-RU"
        assert str(inner["/Link"].P.S) == str(inner["/Span"].P.S) == "/LBody"
        uris = [str(a.Contents) for p in pdf.pages for a in p.obj.get("/Annots", [])]
        assert "Link to https://example.org/map" in uris
    items = list_items(small["brief"])
    assert [label for label, _ in items] == ["1.", "2.", "•", "•", "1.", "2."]
    bodies = [letters(body) for _, body in items]
    assert bodies[:4] == [letters(x) for x in ("The map is a great indicator.", BRIEF_RUSSIAN, "A bullet.",
                                                "Another bullet.")]
    assert bodies[4].startswith(letters("Everyone: Read the map."))


def elements_under(e):
    """The structure elements below ``e``."""
    kids = e.get("/K")
    for k in list(kids) if isinstance(kids, Array) else [kids]:
        if isinstance(k, Dictionary) and "/S" in k:
            yield k
            yield from elements_under(k)


# ---------------------------------------------------------------------------
# Names and prose in several scripts (Urdu, Arabic, Chinese, Russian)
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scripts(tmp_path_factory):
    """The many-scripts event's screen edition and brief."""
    from click.testing import CliRunner

    from conftest import FIXTURES
    from exporter.cli import main

    out = tmp_path_factory.mktemp("scripts")
    for fmt in ("pdf", "brief"):
        result = CliRunner().invoke(main, ["export", fmt, str(FIXTURES / "sources" / "many-scripts"), "--out",
                                           str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return {"pdf": out / "many-scripts" / "many-scripts-proceedings.pdf",
            "brief": out / "many-scripts" / "many-scripts-brief.pdf"}


@pytest.mark.parametrize("name", ["pdf", "brief"])
def test_many_scripts_pass_the_same_checks_with_their_languages_marked(scripts, name):
    """Every operator tagged, pdfua and PDF/A pass; the document is en-GB,
    and the Chinese, Russian and Arabic-script words in English paragraphs
    are Spans with their /Lang (with or without a link in the paragraph);
    every link is in a Link element with its /Contents."""
    path = scripts[name]
    assert_every_operator_marked(path)
    assert_pdfua_passes(path)
    assert_pdfa_passes(path)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB" and str(pdf.Root.StructTreeRoot.K.Lang) == "en-GB"
        spans = [e for e in elements(pdf) if str(e.S) == "/Span"]
        assert all(str(e.P.S) in ("/P", "/Link", "/LBody") for e in spans)
        langs = Counter(str(e.Lang) for e in spans)
        annots = [a for p in pdf.pages for a in p.obj.get("/Annots", [])]
        nums = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2))
        assert annots and all(str(nums[int(a.StructParent)].S) == "/Link" and str(a.Contents) for a in annots)
    tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True).stdout
    if name == "pdf":
        assert langs["zh-CN"] >= 2 and langs["ru-RU"] >= 2 and langs["ar-SA"] >= 2
        assert re.search(r'^ *Span \(inline\)\n *"王磊"$', tree, re.M)  # in «Dr. Wang quoted … 王磊 is how …»
        assert re.search(r'^ *Span \(inline\)\n *"Россия и Азия: новые горизонты» ?"$', tree, re.M)
    else:
        assert langs["zh-CN"] == 1 and langs["ar-SA"] >= 1  # the key message names طارق رحمان and 王磊
