"""Corrections come back: `octavo import EDITED.docx --into EVENT`.

The bundled event is exported, edited the way Word writes edits (run text
changed, w:ins/w:del revisions with author and date, a comment, a paragraph
added, split or deleted, a speaker line changed), and read back; the source
must change by exactly the expected lines, and say what it did not apply.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED
from test_roundtrip import md_escape, write_event

EVENT = BUNDLED.name
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@pytest.fixture
def project(tmp_path, cli):
    """A project holding a copy of the bundled event and its Word export."""
    shutil.copytree(BUNDLED, tmp_path / "source" / EVENT)
    result = cli("export", "docx", EVENT, "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return tmp_path


def exported(project: Path) -> Path:
    return project / "out" / EVENT / f"{EVENT}-proceedings.docx"


def sources(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "source").rglob("*.yaml")}


def find(document, text: str):
    return next(p for p in document.paragraphs if text in p.text)


def _run(text: str, tag: str = "w:t") -> OxmlElement:
    r, t = OxmlElement("w:r"), OxmlElement(tag)
    t.text = text
    t.set(_SPACE, "preserve")
    r.append(t)
    return r


def tracked(run, old: str, new: str, author: str) -> None:
    """Replace ``old`` inside ``run`` by ``new`` as Word's Track Changes does."""
    before, after = run.text.split(old, 1)
    run.text = before
    dl, ins = OxmlElement("w:del"), OxmlElement("w:ins")
    for k, el in enumerate((dl, ins)):
        el.set(qn("w:id"), str(900 + k))
        el.set(qn("w:author"), author)
        el.set(qn("w:date"), "2019-05-01T00:00:00Z")
    dl.append(_run(old, "w:delText"))
    ins.append(_run(new))
    run._r.addnext(dl)
    dl.addnext(ins)
    ins.addnext(_run(after))


def edit_as_a_reviewer(path: Path, out: Path) -> Path:
    d = docx.Document(path)
    # a typo fixed in the middle of a run, split into three runs as Word does
    p = find(d, "snail pace")
    run = next(r for r in p.runs if "snail pace" in r.text)
    head, tail = run.text.split("snail pace")
    run.text = head + "sna"
    run._r.addnext(_run("il’s pace" + tail))
    # a tracked replacement
    p = find(d, "This includes increasing Russia’s imprint in CAR")
    tracked(next(r for r in p.runs if "CAR" in r.text), "CAR", "the Central Asian Republics", "Irina Serenko")
    # a sentence added at the end of a paragraph
    p = find(d, "There are no direct flights to either country")
    p.runs[-1].text += " Visas are slow to obtain."
    # a paragraph typed after another, in its style
    p = find(d, "He suggested that the bilateral relations between India and Pakistan")
    new = copy.deepcopy(p._p)
    for node in new.findall(qn("w:bookmarkStart")) + new.findall(qn("w:bookmarkEnd")) + new.findall(qn("w:r"))[1:]:
        new.remove(node)
    new.findall(qn("w:r"))[0].find(qn("w:t")).text = "He added that the discussion should continue in Islamabad."
    p._p.addnext(new)
    # a paragraph of a longer text deleted
    p = find(d, "He recognized that in the history of Russia, the disintegration of Soviet Union")
    p._p.getparent().remove(p._p)
    # a comment
    d.add_comment(find(d, "The military cooperation is the most active part").runs[0],
                  text="Please check this figure.", author="S. Sadia Kazmi", initials="SK")
    d.save(out)
    return out


EXPECTED_DIFF = [
    "-      Underlining the present status of Pakistan-Russia relations, Dr. Cheema remarked that the current "
    "relationship between both countries is cordial, but the pace of development is very slow almost like "
    "‘snail pace’.",
    "+      Underlining the present status of Pakistan-Russia relations, Dr. Cheema remarked that the current "
    "relationship between both countries is cordial, but the pace of development is very slow almost like "
    "‘snail’s pace’.",
    "-      He recognized that in the history of Russia, the disintegration of Soviet Union was a watershed event.",
    "-      This still impacts the current relationship between the two countries in many ways with various "
    "deep-seated reservations.",
    "-      He also questioned the reason for President Putin not reciprocating the visit to Pakistan despite the "
    "former President Zardari and Prime Minister Sharifs’ visits to Russia.",
    "-      He put this argument for discussion further to better comprehend the realistic strength of the "
    "relationship between both countries.",
    "-      He also emphasized on the need for the resolution of the pending issue of about $200 million of Russian "
    "money held by Pakistani banks due to a financial dispute.",
    "-      This includes increasing Russia’s imprint in CAR and cementing its relationship with China, Iran and "
    "Pakistan.",
    "+      This includes increasing Russia’s imprint in the Central Asian Republics and cementing its relationship "
    "with China, Iran and Pakistan.",
    "+      He added that the discussion should continue in Islamabad.",
    "+              Visas are slow to obtain.",
]


def changed_lines(diff: str) -> list[str]:
    return [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---")) and ln.strip("+-")]


def test_an_untouched_export_imports_as_no_changes(project, cli):
    before = sources(project)
    result = cli("import", str(exported(project)), "--into", EVENT, cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output == "no changes\n"
    assert sources(project) == before


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_libreoffice_resave_imports_as_no_changes(project, cli):
    """LibreOffice rewrites styles, runs and bookmarks (it moves a bookmark's
    end before the paragraph's last character, and cuts a paragraph where a
    section ends): the text read back is the same."""
    out = project / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(exported(project))], check=True, capture_output=True, timeout=300)
    resaved = out / exported(project).name
    assert resaved.is_file(), "LibreOffice wrote nothing"
    result = cli("import", str(resaved), "--into", EVENT, cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output == "no changes\n"


def test_a_reviewers_edits_become_the_expected_minimal_diff(project, cli):
    edited = edit_as_a_reviewer(exported(project), project / "edited.docx")
    before = sources(project)
    result = cli("import", str(edited), "--into", EVENT, "--dry-run", cwd=project)
    assert result.exit_code == 0, result.output
    assert sorted(changed_lines(result.output)) == sorted(EXPECTED_DIFF)
    assert ("  sessions/2-geopolitics.yaml:19: serenko-talk: “CAR” → “the Central Asian Republics” "
            "(tracked, by Irina Serenko)") in result.output
    assert "  sessions/1-inaugural.yaml:31: welcome: comment by S. Sadia Kazmi: “Please check this figure.”" \
        in result.output
    assert result.output.endswith("would change 5 paragraph(s) in 3 file(s); nothing written (--dry-run)\n")
    assert sources(project) == before
    result = cli("import", str(edited), "--into", EVENT, cwd=project)
    assert result.exit_code == 0, result.output
    after = sources(project)
    assert sorted(k for k in before if before[k] != after[k]) == [
        f"source/{EVENT}/sessions/1-inaugural.yaml", f"source/{EVENT}/sessions/2-geopolitics.yaml",
        f"source/{EVENT}/sessions/3-defence.yaml"]
    assert cli("validate", EVENT, cwd=project).exit_code == 0
    again = cli("export", "docx", EVENT, "--out", str(project / "out2"), cwd=project)
    assert again.exit_code == 0
    assert cli("import", str(project / "out2" / EVENT / exported(project).name), "--into", EVENT,
               cwd=project).output == "no changes\n"


def test_rejected_revisions_keep_the_original(project, cli):
    d = docx.Document(exported(project))
    p = find(d, "This includes increasing Russia’s imprint in CAR")
    tracked(next(r for r in p.runs if "CAR" in r.text), "CAR", "the Central Asian Republics", "Irina Serenko")
    d.save(project / "edited.docx")
    result = cli("import", str(project / "edited.docx"), "--into", EVENT, "--pending", "reject", cwd=project)
    assert result.exit_code == 0, result.output
    assert "(tracked, by Irina Serenko; rejected, not applied)" in result.output
    assert result.output.endswith("no changes\n")


def test_structure_edits_are_conflicts_and_nothing_is_written(project, cli):
    d = docx.Document(exported(project))
    speaker = next(p for p in d.paragraphs if p.style.name == "Speaker" and "Yulia" in p.text)
    speaker.runs[0].text = speaker.runs[0].text.replace("Yulia", "Julia")
    find(d, "snail pace").runs[0].text += " (sic)"
    d.save(project / "edited.docx")
    before = sources(project)
    result = cli("import", str(project / "edited.docx"), "--into", EVENT, cwd=project)
    assert result.exit_code == 2
    assert "structure edited: “Dr. Yulia Sveshnikova” → “Dr. Julia Sveshnikova”" in result.output
    assert "1 conflict(s) in the structure; nothing was written" in result.output
    assert sources(project) == before
    forced = cli("import", str(project / "edited.docx"), "--into", EVENT, "--force", cwd=project)
    assert forced.exit_code == 0, forced.output
    assert sum(before[k] != v for k, v in sources(project).items()) == 1


def test_a_paragraph_split_in_two_and_an_item_emptied(project, cli):
    d = docx.Document(exported(project))
    p = find(d, "Dr. Cheema specifically highlighted the problem of peace in the region.")
    run = next(r for r in p.runs if "He remarked that the conflict" in r.text)
    head, tail = run.text.split(" He remarked that the conflict")
    run.text = head
    second = copy.deepcopy(p._p)  # Enter pressed: the bookmark's range goes on in the next paragraph
    for node in second.findall(qn("w:bookmarkStart")) + second.findall(qn("w:r")):
        second.remove(node)
    second.insert(1, _run("He remarked that the conflict" + tail))
    for node in p._p.findall(qn("w:bookmarkEnd")):
        p._p.remove(node)
    p._p.addnext(second)
    narrative = find(d, "The welcoming remarks were followed by the address of the Chief Guest.")
    narrative._p.getparent().remove(narrative._p)
    d.save(project / "edited.docx")
    result = cli("import", str(project / "edited.docx"), "--into", EVENT, "--dry-run", cwd=project)
    assert "welcome-to-chief-guest: all its text was deleted; delete the item in the source if that is meant" \
        in result.output
    # the only change: a blank line where the paragraph was split
    assert [ln for ln in result.output.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))] == ["+"]


@pytest.mark.parametrize("case", ["not-octavo", "not-a-zip", "other-event"])
def test_files_that_are_not_this_events_export_are_refused(project, cli, tmp_path_factory, case):
    target = project / "in.docx"
    if case == "not-octavo":
        d = docx.Document()
        d.add_paragraph("A report a rapporteur typed.")
        d.save(target)
    elif case == "not-a-zip":
        target.write_bytes(b"not a zip")
    else:
        other = tmp_path_factory.mktemp("other")
        write_event(other / "source" / "ev", "Zafar Cheema", "Dr.", "Fellow", "Session", "Some text here.", "A talk")
        assert cli("export", "docx", "ev", "--out", str(other / "out"), cwd=other).exit_code == 0
        shutil.copy(other / "out" / "ev" / "ev-proceedings.docx", target)
    before = sources(project)
    result = cli("import", str(target), "--into", EVENT, cwd=project)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    expected = {"not-octavo": "no paragraph of this file comes from pakistan-russia-2019",
                "not-a-zip": "this is not a .docx file (not a zip package)",
                "other-event": "no paragraph of this file comes from pakistan-russia-2019"}[case]
    assert expected in result.output
    assert sources(project) == before


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prose=st.lists(st.text(st.sampled_from(list("abcdefghij ABCDE.,;:!?*_[]<>&#-“”‘’…é")), min_size=1,
                              max_size=30).filter(lambda w: w.strip()), min_size=1, max_size=6))
def test_export_then_import_is_the_identity(tmp_path_factory, prose):
    """Any source text, exported to Word and read back untouched, changes nothing."""
    from click.testing import CliRunner

    from exporter.cli import main

    root = tmp_path_factory.mktemp("p")
    write_event(root / "source" / "ev", "Zafar Cheema", "Dr.", "Fellow", "Session",
                "\n\n".join(md_escape(p.split()) for p in prose if p.split()), "A talk")
    runner = CliRunner()
    import os
    cwd = os.getcwd()
    try:
        os.chdir(root)
        assert runner.invoke(main, ["export", "docx", "ev", "--out", "out"]).exit_code == 0
        result = runner.invoke(main, ["import", "out/ev/ev-proceedings.docx", "--into", "ev"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert result.output == "no changes\n"


def test_zip_parts_are_read_without_entities(project):
    """The edited file is parsed without resolving entities (python-docx's
    parser, and ours for comments)."""
    edited = project / "edited.docx"
    with zipfile.ZipFile(exported(project)) as src, zipfile.ZipFile(edited, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:document", b'<!DOCTYPE w:document [<!ENTITY x "BOOM">]><w:document', 1)
            dst.writestr(info, data)
    from exporter.importers.corrections import read_edited
    from exporter.anchors import paragraphs
    from exporter.project import Project
    from exporter.source import load_event

    event = load_event(project / "source" / EVENT, Project(project))
    assert read_edited(edited.read_bytes(), "edited.docx", set(paragraphs(event))).chunks


def test_a_review_copy_in_word_comes_back(project, cli):
    """`export review --format docx`: the person's parts, Track Changes on,
    the file marked as theirs; their edits are applied, an edit to someone
    else's words is listed and left out."""
    result = cli("export", "review", EVENT, "--person", "serenko", "--format", "docx", "--out",
                 str(project / "out"), cwd=project)
    assert result.exit_code == 0, result.output
    copy_path = project / "out" / EVENT / "review" / f"{EVENT}-review-serenko.docx"
    with zipfile.ZipFile(copy_path) as z:
        assert b"<w:trackRevisions/>" in z.read("word/settings.xml")
        assert b"octavo-review:pakistan-russia-2019:serenko" in z.read("docProps/core.xml")
    d = docx.Document(copy_path)
    assert d.paragraphs[0].text == "Draft for review"
    assert not any("Sveshnikova delivered a thought-provoking talk" in p.text for p in d.paragraphs)
    assert cli("import", str(copy_path), "--into", EVENT, cwd=project).output == "no changes\n"
    p = find(d, "This includes increasing Russia’s imprint in CAR")
    tracked(next(r for r in p.runs if "CAR" in r.text), "CAR", "the Central Asian Republics", "Irina Serenko")
    question = next(p for p in d.paragraphs if p.style.name == "Question" and "M. Nawaz Khan" in p.text)
    question.runs[-1].text = question.runs[-1].text.replace("Eurasian community?", "Eurasia?")
    d.save(project / "back.docx")
    before = sources(project)
    result = cli("import", str(project / "back.docx"), "--into", EVENT, cwd=project)
    assert result.exit_code == 0, result.output
    assert ("sessions/2-geopolitics.yaml:145: qa-nawaz-khan: edited in serenko's review copy, but the words are "
            "not serenko's (not applied)") in result.output
    after = sources(project)
    changed = [k for k in before if before[k] != after[k]]
    assert changed == [f"source/{EVENT}/sessions/2-geopolitics.yaml"]
    text = after[changed[0]].decode()
    assert "imprint in the Central Asian Republics and" in text and "Eurasian community?" in text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_review_copy_opens_in_libreoffice(project, cli):
    cli("export", "review", EVENT, "--person", "kazmi", "--format", "docx", "--out", str(project / "out"),
        cwd=project)
    source = project / "out" / EVENT / "review" / f"{EVENT}-review-kazmi.docx"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(project / "pdf"), str(source)],
                   check=True, capture_output=True, timeout=300)
    pdf = project / "pdf" / f"{EVENT}-review-kazmi.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 5_000  # LibreOffice exits 0 even when it fails


def exported_and_edited(root: Path, cli, old: str, new: str) -> Path:
    """Export event ``ev`` under ``root`` to Word and save a copy with
    ``old`` replaced by ``new`` in its runs, as an editor would
    (``root/edited.docx``)."""
    assert cli("export", "docx", "ev", cwd=root).exit_code == 0
    d = docx.Document(str(root / "build" / "ev" / "ev-proceedings.docx"))
    for p in d.paragraphs:
        for r in p.runs:
            r.text = r.text.replace(old, new)
    d.save(str(root / "edited.docx"))
    return root / "edited.docx"


def test_markup_comes_back_and_a_moved_paragraph_is_a_conflict(project, cli):
    d = docx.Document(exported(project))
    p = find(d, "The military cooperation is the most active part of this relationship.")
    run = next(r for r in p.runs if "most active part" in r.text)
    head, tail = run.text.split("most active", 1)
    run.text = head
    bold = _run("most active")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    bold.insert(0, rpr)
    run._r.addnext(bold)
    bold.addnext(_run(tail))
    d.save(project / "bold.docx")
    result = cli("import", str(project / "bold.docx"), "--into", EVENT, "--dry-run", cwd=project)
    assert changed_lines(result.output)[1] == "+      The military cooperation is the **most active** part of this relationship."
    d = docx.Document(exported(project))
    first = find(d, "Dr. Cheema specifically highlighted the problem of peace in the region.")
    last = find(d, "In conclusion, he stated that this is an objective relationship")
    last._p.addnext(first._p)  # dragged below a later paragraph
    d.save(project / "moved.docx")
    result = cli("import", str(project / "moved.docx"), "--into", EVENT, cwd=project)
    assert result.exit_code == 2
    assert "sessions/1-inaugural.yaml:41: welcome: paragraph moved (move it in the source; not applied)" \
        in result.output


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_edits_resaved_by_libreoffice_give_the_same_diff(project, cli):
    """The reviewer's file opened and saved again by LibreOffice (which
    rewrites styles, runs and bookmarks, and keeps revisions and comments)
    imports to exactly the same source diff, revisions and comments."""
    edited = edit_as_a_reviewer(exported(project), project / "edited.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(project / "lo"), str(edited)], check=True, capture_output=True, timeout=300)
    resaved = project / "lo" / "edited.docx"
    assert resaved.is_file(), "LibreOffice wrote nothing"
    result = cli("import", str(resaved), "--into", EVENT, "--dry-run", cwd=project)
    assert result.exit_code == 0, result.output
    assert sorted(changed_lines(result.output)) == sorted(EXPECTED_DIFF)
    assert "“CAR” → “the Central Asian Republics” (tracked, by Irina Serenko)" in result.output
    assert "comment by S. Sadia Kazmi: “Please check this figure.”" in result.output


@pytest.mark.parametrize("prose", ["It was ***both*** at once.", "It was *a **b** c* and **x *y* z**.",
                                   "See *the [report](https://example.org/r)* and **[this](https://example.org/t)**.",
                                   "See ***[the report](https://example.org)*** now."])
def test_strong_inside_emphasis_survives_the_round_trip(tmp_path, cli, prose):
    """A run carries one character style, and Strong inside Emphasis was
    written as Strong alone (a link inside either as Hyperlink alone): the
    Word file lost the italic, and an untouched export read back proposed to
    drop it from the source.  Each mix is a style of its own (Strong
    Emphasis, Hyperlink Emphasis …), read back as all it says."""
    write_event(tmp_path / "source" / "ev", "Zafar Cheema", "Dr.", "Fellow", "Session", prose, "A talk")
    assert cli("export", "docx", "ev", cwd=tmp_path).exit_code == 0
    path = tmp_path / "build" / "ev" / "ev-proceedings.docx"
    document = docx.Document(str(path))
    styles = {r.style.name for p in document.paragraphs for r in p._p.iter(qn("w:r"))
              for r in [docx.text.run.Run(r, p)] if r.style is not None}
    if "[" not in prose:
        assert "Strong Emphasis" in styles
        style = document.styles["Strong Emphasis"]
        assert style.font.italic and style.base_style.name == "Strong" and document.styles["Strong"].font.bold
    else:
        assert styles & {"Hyperlink Emphasis", "Hyperlink Strong", "Hyperlink Strong Emphasis"}, styles
        for name in styles - {"Emphasis", "Strong", "Hyperlink", "Strong Emphasis", "Default Paragraph Font"}:
            style = document.styles[name]
            assert style.base_style.name == "Hyperlink"
            assert bool(style.font.italic) == ("Emphasis" in name) and bool(style.font.bold) == ("Strong" in name)
    result = cli("import", str(path), "--into", "ev", cwd=tmp_path)
    assert result.exit_code == 0 and result.output == "no changes\n", result.output


@pytest.mark.parametrize("value", ["The first sentence is here. The second one too.",
                                   '"The first sentence is here. The second one too."',
                                   "'The first sentence is here.\n    The second one too.'"])
def test_a_correction_to_prose_written_on_its_keys_line(tmp_path, cli, value):
    """Prose may be a plain or quoted scalar on its key's line (``text: The
    first …``), not only a ``|`` block; a correction to it rewrote the key's
    line as bare text, the YAML no longer parsed, and every such import
    was refused.  The value becomes a ``|`` block holding the new text."""
    folder = tmp_path / "source" / "ev"
    write_event(folder, "Zafar Cheema", "Dr.", "Fellow", "Session", "placeholder", "A talk")
    session = folder / "sessions" / "1-opening.yaml"
    session.write_text(session.read_text().replace("  text: placeholder", f"  text: {value}"))
    assert cli("validate", "ev", cwd=tmp_path).exit_code == 0
    exported_and_edited(tmp_path, cli, "second one", "second sentence")
    result = cli("import", "edited.docx", "--into", "ev", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = session.read_text()
    assert "  text: |\n    The first sentence is here.\n    The second sentence too.\n" in text, text
    assert cli("import", str(tmp_path / "edited.docx"), "--into", "ev", cwd=tmp_path).output == "no changes\n"


def test_a_correction_that_breaks_the_source_is_named_at_the_editors_file(tmp_path, cli):
    """A correction that would make the source invalid (a direction
    override pasted into Word) was reported at the temporary copy's path
    ('ev/sessions/…'), not the file the editor has ('source/ev/sessions/…')."""
    folder = tmp_path / "source" / "ev"
    write_event(folder, "Zafar Cheema", "Dr.", "Fellow", "Session", "The first sentence is here.", "A talk")
    exported_and_edited(tmp_path, cli, "first sentence", "first \u202esentence")
    before = (folder / "sessions" / "1-opening.yaml").read_text()
    result = cli("import", "edited.docx", "--into", "ev", cwd=tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "\nsource/ev/sessions/1-opening.yaml:" in result.output and "U+202E" in result.output, result.output
    assert (folder / "sessions" / "1-opening.yaml").read_text() == before
