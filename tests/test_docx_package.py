"""The .docx files as packages: only the parts in use, Word's current mode,
and nothing the Open XML SDK's validator (openxml-audit) reports; read back
from the zip with lxml."""

from __future__ import annotations

import io
import posixpath
import zipfile

import pytest
from lxml import etree

from conftest import BUNDLED, ROOT
from exporter.exporters.docx import DocxExporter, write_reference_docx
from exporter.layout import load_layout
from exporter.project import Project

EVENT = BUNDLED.name
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@pytest.fixture(scope="module", params=["booklet", "report"])
def data(request, bundled_event) -> bytes:
    return DocxExporter(bundled_event, load_layout(request.param, Project(ROOT))).render()


def reachable(z: zipfile.ZipFile) -> set[str]:
    """Every part a relationship leads to, from the package's own."""
    seen, todo = set(), [""]
    while todo:
        part = todo.pop()
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in z.namelist():
            continue
        for rel in etree.fromstring(z.read(rels)).iter(f"{RELS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target"))).lstrip("/")
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_package_holds_only_parts_in_use(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        parts = {n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"}
        assert parts == reachable(z)
        assert not any("stylesWithEffects" in n or n.startswith("customXml/") or "thumbnail" in n for n in names)
        types = etree.fromstring(z.read("[Content_Types].xml"))
        overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")}
        defaults = {d.get("Extension") for d in types.iter(f"{CT}Default")}
        assert overrides <= parts  # no content type for a part that is gone
        assert all(n in overrides or n.rsplit(".", 1)[-1] in defaults for n in parts)
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        assert not [r for r in rels.iter(f"{RELS}Relationship") if "stylesWithEffects" in r.get("Type")]


def compatibility_mode(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
    return [c.get(f"{W}val") for c in settings.iter(f"{W}compatSetting") if c.get(f"{W}name") == "compatibilityMode"]


def test_word_opens_it_in_its_current_mode(data):
    assert compatibility_mode(data) == ["15"]


def test_a_reference_without_compat_settings_gets_them_in_schema_order(tmp_path, bundled_event):
    """A reference.docx with no w:compat (LibreOffice writes none) gets one,
    in its place among the settings."""
    import dataclasses

    import docx

    from exporter.exporters.docx.ooxml import SETTINGS_ORDER

    layout = load_layout(None, Project(ROOT))
    ref = tmp_path / "reference.docx"
    write_reference_docx(layout, ref)
    edited = docx.Document(str(ref))
    settings = edited.settings.element
    settings.remove(settings.find(f"{W}compat"))
    edited.save(str(ref))
    out = DocxExporter(bundled_event, dataclasses.replace(layout, reference_docx=ref)).render()
    assert compatibility_mode(out) == ["15"]
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        tags = [etree.QName(c).localname for c in etree.fromstring(z.read("word/settings.xml"))]
    known = [SETTINGS_ORDER.index(t) for t in tags if t in SETTINGS_ORDER]
    assert known == sorted(known)


def audit(path) -> list[str]:
    """What openxml-audit (the Open XML SDK's validator, ported) reports
    about ``path`` against current Word, every finding."""
    from openxml_audit import FileFormat, OpenXmlValidator

    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0).validate(str(path))
    return [str(e) for e in result.errors]


def test_openxml_audit_finds_nothing_in_the_proceedings_a_review_copy_and_the_reference(cli, tmp_path):
    out = tmp_path / "build"
    assert cli("export", "docx", "--out", str(out)).exit_code == 0
    assert cli("export", "docx", "--layout", "report", "--out", str(out)).exit_code == 0
    assert cli("export", "review", "--person", "serenko", "--format", "docx", "--out", str(out)).exit_code == 0
    assert cli("layouts", "reference-docx", "booklet", "-o", str(tmp_path / "reference.docx")).exit_code == 0
    files = [out / EVENT / f"{EVENT}-proceedings.docx", out / EVENT / f"{EVENT}-proceedings-report.docx",
             out / EVENT / "review" / f"{EVENT}-review-serenko.docx", tmp_path / "reference.docx"]
    for path in files:
        assert audit(path) == [], path.name


def test_openxml_audit_does_report_a_stale_styles_copy(tmp_path):
    """The check can fail: python-docx's own template, with its Word 2010
    copy of the styles, once a style is added."""
    import docx

    document = docx.Document()
    document.styles.add_style("Octavo Test", 1)
    document.save(str(tmp_path / "stale.docx"))
    assert any("stylesWithEffects" in e for e in audit(tmp_path / "stale.docx"))
