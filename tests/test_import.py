"""`octavo import`: a rapporteur's report in, a draft event out.

The seed report is imported as text and as a Word file a rapporteur would
type, and scored against the bundled event (the ground truth); three
reports of other shapes (tests/fixtures/reports/) are scored against their
own expected structure.  Scores are printed (pytest -s shows them).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from conftest import BUNDLED, FIXTURES, ROOT
from exporter.plaintext import body_units
from exporter.project import Project
from exporter.source import load_event
from importscore import from_event, from_expected, score
from oracle import DEBRIS, HEADINGS, SEED, missing, seed_sentences

REPORTS = FIXTURES / "reports"


def _import(tmp: Path, report: Path, name: str):
    from exporter.importers import import_report

    project = Project(tmp)
    (tmp / "source").mkdir(exist_ok=True)
    done = import_report(report, project, name)
    return done, load_event(done.folder, project)


@pytest.fixture(scope="module")
def truth():
    return from_event(load_event(BUNDLED, Project(ROOT)))


@pytest.fixture(scope="module")
def seed_txt(tmp_path_factory):
    return _import(tmp_path_factory.mktemp("txt"), SEED, "seed-import")


def seed_as_docx(path: Path) -> Path:
    """The seed report as a rapporteur would type it in Word: a Title, the
    bare headings as Heading 2, Normal paragraphs, the numbered points as a
    real numbered list, names of outlets as plain lines."""
    document = docx.Document()
    document.add_paragraph("Pakistan-Russia Strategic Relations: Prospects for Cooperation", style="Title")
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            document.add_paragraph(" ".join(paragraph))
            paragraph.clear()

    for line in SEED.read_text(encoding="utf-8").split("\n"):
        line = line.strip()
        if not line or line in DEBRIS:
            flush()
            continue
        if line in HEADINGS:
            flush()
            document.add_paragraph(line.rstrip(":"), style="Heading 2")
            continue
        point = re.match(r"^[IVX]+\.\s+(.*)$", line)
        if point:
            flush()
            document.add_paragraph(point.group(1), style="List Number")
            continue
        paragraph.append(line)
        if re.search(r"[.:”\"?)]$", line) or len(line) < 50:
            flush()
    flush()
    document.core_properties.author = "Rapporteur"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docx")
    return _import(tmp, seed_as_docx(tmp / "report.docx"), "seed-docx")


def _bar(s, gaps: dict[str, float] | None = None) -> None:
    """Issue 14's bar; ``gaps`` lowers one figure where a known gap is named."""
    print(f"\n  {s}")
    bar = {"people_f1": 0.95, "affiliations": 0.90, "items_f1": 0.90, "titles": 0.90, "exchanges_f1": 0.90,
           **(gaps or {})}
    assert s.sessions_right
    for name, floor in bar.items():
        assert getattr(s, name) >= floor, (name, getattr(s, name), floor)


#: Known gaps, each a figure below the bar and why.  symposium: "Dr Rautiainen
#: and Dr Ó Floinn both said …" is one answer by two people, which the source
#: format cannot hold (an answer has one responder): one of two answerers.
GAPS = {"symposium": {"exchanges_f1": 0.83}}


def test_the_seed_as_text_meets_the_bar(seed_txt, truth):
    _bar(score(from_event(seed_txt[1]), truth))


def test_the_seed_as_docx_meets_the_bar(seed_docx, truth):
    _bar(score(from_event(seed_docx[1]), truth))


@pytest.mark.parametrize("which", ["seed_txt", "seed_docx"])
def test_every_sentence_of_the_report_is_in_the_import(which, request):
    _, event = request.getfixturevalue(which)
    text = "\n".join(u.text for u in body_units(event))
    assert missing(seed_sentences(fixes=False), text) == []


def test_the_seed_import_names_its_guesses(seed_txt):
    done, event = seed_txt
    files = {p.relative_to(done.folder).as_posix(): p.read_text(encoding="utf-8")
             for p in done.folder.rglob("*.yaml")}
    people = files["people.yaml"]
    for variant in ("Irena Nikolaevna Serenko", "Kahlid Banuri", "Boris Volkhnosky"):
        assert f"# check: merged '{variant}'" in people
    assert "Complied by" in files["event.yaml"]
    by_id = {p.id: p for p in event.people}
    assert (by_id["amir"].post_nominals, by_id["amir"].affiliation) == ("HI (M), S Bt", "Air University, Islamabad")
    assert by_id["didkovsky"].post_nominals == ""  # "Mr. Pavel Didkovsky, AVM (R) Faaiz Amir": a rank, not his
    assert done.checks == sum(text.count("# check: ") for text in files.values())
    assert done.dropped == ((1, "Listen Text"), (112, "Author of this article:"))
    assert [o.name for o in event.media.outlets][:2] == ["Daily Times", "Express Tribune"]
    assert event.credits.compiled_by == ("Raosen Taj Raisani", "Haris Bilal Malik")
    assert (event.title, event.subtitle, event.venue, event.city) == (
        "Pakistan-Russia Strategic Relations", "Prospects for Cooperation", "Islamabad Marriott Hotel", "Islamabad")
    lists = [b for s in event.sessions for it in s.items for b in getattr(it, "body", ()) if hasattr(b, "ordered")]
    assert [len(b.items) for b in lists] == [5, 7]


def test_the_source_is_in_house_style(seed_txt):
    done, _ = seed_txt
    session = (done.folder / "sessions" / "2-session-2.yaml").read_text(encoding="utf-8")
    assert "    speakers: [serenko]\n    title: Changing Geo-political Dynamics" in session
    assert "\n      The first speaker Dr. Irina Serenko delivered a talk on “Changing" in session
    assert "\n      Underlining the situation in South Asia, she discussed the role of Russia in the region.\n" \
           in session


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.iterdir() if p.is_dir()))
def test_reports_of_other_shapes_meet_the_bar(name, tmp_path):
    folder = REPORTS / name
    report = next(p for p in folder.iterdir() if p.stem == "report")
    done, event = _import(tmp_path, report, name)
    print(f"\n  {name}:", end="")
    _bar(score(from_event(event), from_expected(folder / "expected.yaml")), GAPS.get(name))
    # every paragraph of the report is in the event (front matter in its fields, page furniture listed)
    words = " ".join([event.title, event.subtitle, *(u.text for u in body_units(event))])
    text = report.read_text(encoding="utf-8")
    for _, line in done.dropped:
        text = text.replace(line, "")
    body = [line for line in text.split("\n\n") if len(line.split()) > 12]
    unmarked = [re.sub(r"(?m)^\s*(?:\d+|[IVX]+|[a-z])[.)]\s+", "", b.replace("**", "")) for b in body]
    assert missing([" ".join(b.split()) for b in unmarked if not b.startswith("#")], words) == []


def test_the_imported_seed_exports(seed_txt, cli, tmp_path):
    done, _ = seed_txt
    project = done.folder.parent.parent
    result = cli("export", "all", "seed-import", "--out", str(tmp_path), cwd=project)
    assert result.exit_code == 0, result.output
    for suffix in ("-proceedings.pdf", "-proceedings.docx", "-proceedings-print.pdf"):
        assert (tmp_path / "seed-import" / f"seed-import{suffix}").stat().st_size > 10_000


def test_an_import_is_deterministic(seed_txt, tmp_path):
    done, _ = seed_txt
    again, _ = _import(tmp_path, SEED, "seed-import")
    for path in done.folder.rglob("*.yaml"):
        assert (again.folder / path.relative_to(done.folder)).read_bytes() == path.read_bytes()


# -- the command and bad input ----------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    (tmp_path / "source").mkdir()
    return tmp_path


def test_the_command_prints_a_summary_and_refuses_to_overwrite(cli, tmp_path):
    project = _project(tmp_path)
    result = cli("import", str(SEED), cwd=project)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("wrote source/pakistan-russia-strategic-relations/: 24 people, 3 sessions, ")
    assert "left out as page furniture: 'Listen Text' (line 1), 'Author of this article:' (line 112)" in lines
    assert any("need an editor's eye: grep -rn '# check:' source/pakistan-russia-strategic-relations" in ln
               for ln in lines)
    again = cli("import", str(SEED), cwd=project)
    assert again.exit_code == 2
    assert "source/pakistan-russia-strategic-relations already exists" in again.output
    assert cli("validate", "pakistan-russia-strategic-relations", cwd=project).exit_code == 0


BAD = {
    "empty.txt": (b"  \n\n", "report.txt: the report is empty"),
    "latin1.txt": ("Caf\u00e9 society.\n".encode("latin-1"),
                   "report.txt:1:4: not valid UTF-8 (byte 0xE9); save the report as UTF-8"),
    "control.txt": (b"Fine line.\nA bell \x07 rings.\n",
                    "report.txt:2:8: character U+0007 (BEL) is not allowed in a report; delete it"),
    "override.md": ("# T\n\nText \u202e here.\n".encode(), "report.md:3:6: character U+202E"),
    "notzip.docx": (b"this is not a zip at all", "report.docx: this is not a .docx file (not a zip package)"),
    "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "report.docx: this is an encrypted"),
    "macro.docm": (b"PK\x03\x04", "report.docm: this is a macro-enabled document"),
    "report.pdf": (b"%PDF-1.7", "report.pdf: cannot import a '.pdf' file"),
    "binary.txt": (b"\x00\x01\x02text", "report.txt: this is not a text file (it holds NUL bytes)"),
    "utf16le.txt": ("A report saved as UTF-16.\r\n".encode("utf-16-le"),
                    "report.txt: this looks like UTF-16 text without its byte-order mark"),
    "utf16be.txt": ("A report saved as UTF-16.\n".encode("utf-16-be"),
                    "report.txt: this looks like UTF-16 text without its byte-order mark"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_reports_are_refused_with_a_located_message(name, cli, tmp_path):
    project = _project(tmp_path)
    data, expected = BAD[name]
    report = project / ("report" + Path(name).suffix)
    report.write_bytes(data)
    result = cli("import", report.name, "--event", "x", cwd=project)
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert list((project / "source").iterdir()) == []


def test_utf16_with_a_bom_is_read(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_bytes(text.encode("utf-16"))
    _, event = _import(tmp_path, report, "utf16")
    assert len(event.sessions) == 3


def test_a_docx_that_is_a_zip_of_something_else_is_refused(cli, tmp_path):
    import zipfile

    project = _project(tmp_path)
    with zipfile.ZipFile(project / "report.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    result = cli("import", "report.docx", cwd=project)
    assert result.exit_code == 2
    assert "report.docx: this zip is not a Word document (no word/document.xml)" in result.output


def test_a_macro_enabled_package_named_docx_is_refused(cli, tmp_path):
    project = _project(tmp_path)
    path = seed_as_docx(project / "report.docx")
    import zipfile
    data = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data[info.filename] = z.read(info.filename)
    data["[Content_Types].xml"] = data["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    with zipfile.ZipFile(path, "w") as z:
        for n, d in data.items():
            z.writestr(n, d)
    result = cli("import", "report.docx", cwd=project)
    assert result.exit_code == 2 and "macro-enabled document" in result.output


def test_a_bad_event_name_is_refused_before_reading(cli, tmp_path):
    project = _project(tmp_path)
    shutil.copy(SEED, project / "r.txt")
    result = cli("import", "r.txt", "--event", "Bad Name", cwd=project)
    assert result.exit_code == 2 and "event name 'Bad Name'" in result.output


def test_a_rapporteurs_word_file_with_tracked_changes_links_and_a_text_box(cli, tmp_path):
    """Pending insertions are read, deletions are not, and the summary says
    so; a hyperlink becomes a Markdown link; a text box's text is kept."""
    import zipfile

    project = _project(tmp_path)
    document = docx.Document()
    document.add_paragraph("Harbours and Trade: A Seminar", style="Title")
    document.add_paragraph("The Centre for Port Studies (CPS) organised a seminar titled “Harbours and Trade” "
                           "at the Pearl Hall, Karachi, on 12 March 2024.")
    document.add_paragraph("The first session started with the panel. The session was chaired by Dr. Sana Mir "
                           "(Director, CPS).")
    document.add_paragraph("Dr. Omar Qadir (Fellow, CPS) spoke on “Ports as Gateways”. He said KEEPMEthat ports "
                           "matter. See the plan.")
    path = project / "report.docx"
    document.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    w = 'w:id="9" w:author="Editor" w:date="2024-03-13T00:00:00Z"'
    xml = xml.replace("KEEPME", f'</w:t></w:r><w:ins {w}><w:r><w:t xml:space="preserve">clearly </w:t></w:r></w:ins>'
                      f'<w:del {w}><w:r><w:delText>GONE </w:delText></w:r></w:del><w:r><w:t xml:space="preserve">')
    xml = xml.replace("See the plan.", '</w:t></w:r><w:hyperlink r:id="rIdLink"><w:r><w:t>See the plan.</w:t></w:r>'
                      '</w:hyperlink><w:r><w:t>')
    parts["word/document.xml"] = xml.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'hyperlink" Target="https://example.org/plan" TargetMode="External"/></Relationships>')).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = cli("import", "report.docx", "--event", "harbours", cwd=project)
    assert result.exit_code == 0, result.output
    assert "tracked changes read as accepted: 1 inserted and 1 deleted runs" in result.output
    talk = next((project / "source" / "harbours" / "sessions").glob("*.yaml")).read_text(encoding="utf-8")
    assert "He said clearly that ports matter." in talk and "GONE" not in talk and "KEEPME" not in talk
    assert "[See the plan.](<https://example.org/plan>)" in talk
    event = (project / "source" / "harbours" / "event.yaml").read_text(encoding="utf-8")
    assert "date: '2024-03-12'" in event and "venue: Pearl Hall, Karachi" in event
    assert "name: Centre for Port Studies\n  short_name: CPS\n" in event


@pytest.mark.parametrize("name, facts", [
    ("forum", {"title": "Afghanistan and Its Neighbours: Security, Connectivity and Shared Resources",
               "subtitle": "Report of the Fourth Tashkent Regional Security Forum",
               "date": "2024-05-22", "venue": "Navruz Plaza Hotel, Tashkent", "city": "Tashkent",
               "organiser": ("Centre for Regional Security and Cooperation Studies", "CRSCS")}),
    ("launch", {"date": "2024-11-07", "organiser": ("Potohar Institute of Strategic Dialogue", "PISD")}),
    ("policydialogue", {"date": "2024-03-16", "organiser": ("Centre for Labour and Skills Policy", "CLSP")}),
    ("leadins", {"venue": "CEWES Conference Hall, Islamabad", "city": "Islamabad",
                 "organiser": ("Centre for Eurasian Water and Energy Studies", "CEWES")}),
])
def test_the_event_is_read_from_the_report(name, facts, tmp_path):
    """Title, date (a dateline, a range, a day whose year is the page's own),
    venue, city and organiser (with its acronym) come from the prose."""
    report = next(p for p in (REPORTS / name).iterdir() if p.stem == "report")
    _, event = _import(tmp_path, report, name)
    got = {"title": event.title, "subtitle": event.subtitle, "date": event.date, "venue": event.venue,
           "city": event.city, "organiser": (event.organiser.name, event.organiser.short_name)}
    assert {k: got[k] for k in facts} == facts


def test_a_day_without_a_year_asks_the_editor(tmp_path):
    done, event = _import(tmp_path, REPORTS / "twoday" / "report.txt", "twoday")
    text = (done.folder / "event.yaml").read_text(encoding="utf-8")
    assert "# check: the report says 'on 12 and 13 March' but gives no year; write the date as YYYY-MM-DD" in text


@pytest.mark.parametrize("body", [
    "The workshop discussed ports and shipping at length.\n",
    "The workshop discussed ports.\n\nIt ended with a lunch.\n\nMedia coverage\n\nThe event was covered widely.\n",
    ("word " * 3000) + "\n",
])
def test_a_report_that_names_no_speaker_is_still_a_draft(body, cli, tmp_path):
    """A report announcing no session and naming no one (a note, one long
    paragraph) made the importer write no session file and call itself
    buggy: its text becomes one narrative in one session, for the editor to
    split, with a check saying so; every paragraph is kept."""
    project = _project(tmp_path)
    report = project / "note.txt"
    report.write_text("Maritime Workshop\n\n" + body)
    result = cli("import", report.name, "--event", "note", cwd=project)
    assert result.exit_code == 0, result.output
    assert "1 session" in result.output and "bug" not in result.output
    assert cli("validate", "note", cwd=project).exit_code == 0
    sessions = list((project / "source" / "note" / "sessions").glob("*.yaml"))
    assert len(sessions) == 1 and "# check: the report announces no session" in sessions[0].read_text()
    event = load_event(project / "source" / "note", Project(project))
    text = " ".join(u.text for u in body_units(event))
    for paragraph in body.split("\n\n"):
        if paragraph != "Media coverage":  # a heading: structure, not text
            assert " ".join(paragraph.split()) in text


def test_a_merged_table_cell_is_read_once(cli, tmp_path):
    """python-docx gives a cell merged across columns or rows once per grid
    position, so its text was read two or three times into the draft: text
    the report has once is imported once."""
    project = _project(tmp_path)
    d = docx.Document()
    d.add_heading("Seminar on Water Security", 0)
    d.add_paragraph("Dr. Sana Mir (Director, Centre for Water Studies) said that glaciers are melting fast.")
    t = d.add_table(rows=3, cols=3)
    across = t.cell(0, 0).merge(t.cell(0, 2))
    across.text = "The seminar agreed that every province should publish its water accounts each year."
    down = t.cell(1, 0).merge(t.cell(2, 0))
    down.text = "Participants noted that the canal network loses a quarter of its water to seepage."
    t.cell(1, 1).text = "Mr. Omar Khan said that dams are costly but necessary for storage."
    d.save(str(project / "seminar.docx"))
    result = cli("import", "seminar.docx", "--event", "seminar", cwd=project)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.read_text() for p in (project / "source" / "seminar").rglob("*.yaml"))
    for sentence in ("every province should publish its water accounts each year.",
                     "loses a quarter of its water to seepage.", "dams are costly but necessary for storage."):
        assert text.count(sentence) == 1, (sentence, text)
