"""The policy brief: one page, nothing cut, sizes at or above the floor,
page references that match the booklet, and honest failure."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from ruamel.yaml import YAML

from conftest import BUNDLED, FIXTURES, ROOT
from exporter import model as m
from exporter.exporters.brief import BriefExporter
from exporter.exporters.pdf import PdfExporter
from exporter.layout import load_layout
from exporter.plaintext import brief_units, item_units
from exporter.project import Project
from oracle import missing, tokens

REF = re.compile(r"Proceedings\s+p\.\s+(\d+)")


@pytest.fixture(scope="module", params=["booklet", "report"])
def built(request, bundled_event, tmp_path_factory):
    """(layout, brief exporter, brief path, booklet path) per layout, the
    booklet built first in the same run as ``export all`` does."""
    layout = load_layout(request.param, Project(ROOT))
    out = tmp_path_factory.mktemp(request.param)
    shared: dict = {}
    booklet = PdfExporter(bundled_event, layout, shared).export(out)
    brief = BriefExporter(bundled_event, layout, shared)
    return layout, brief, brief.export(out), booklet


def text_of(path: Path) -> str:
    """The PDF's text in drawing order (``-raw``: table cells stay whole)."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_bundled_brief_is_one_page_of_the_layouts_size(built):
    layout, _, path, _ = built
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(layout.brief.width),
                                                                   round(layout.brief.height))


def test_every_message_recommendation_figure_and_the_quote_appear(built, bundled_event):
    units = [u.text for u in brief_units(bundled_event.brief)]
    assert len(units) == 1 + 3 + 1 + 6 + 5 + 1
    assert missing(units, text_of(built[2])) == []


def test_no_character_is_smaller_than_the_floor(built):
    layout, brief, path, _ = built
    with pdfplumber.open(path) as pdf:
        sizes = {round(c["size"], 2) for c in pdf.pages[0].chars if c["text"].strip()}
    assert min(sizes) >= layout.brief.min_size - 0.01
    assert layout.brief.min_size <= brief.fit.size <= layout.brief.max_size
    assert brief.fit.left_out == ()


def test_the_fitter_chose_the_largest_size_that_fits(built, bundled_event):
    """One grid step larger would not fit on the page (the search is not
    settling for less than it could)."""
    from exporter.exporters.brief.fit import STEP, Fitter
    from exporter.exporters.brief.story import BriefStory
    from exporter.typeset.fonts import register

    layout, brief, _, _ = built
    if brief.fit.size >= layout.brief.max_size:
        return
    names = register(layout)
    fitter = Fitter(BriefStory(bundled_event, layout, names, brief.booklet_pages()), names, {})
    assert fitter.build(brief.fit.size + STEP, ())[1] > 1


def test_each_page_reference_points_at_the_booklet_page_of_its_item(built, bundled_event):
    """For each reference, the cited booklet page (found by its printed
    page label) carries the item's speaker heading or the start of its text."""
    _, _, path, booklet = built
    b = bundled_event.brief
    refs = [x.ref for x in (*b.key_messages, *b.recommendations)] + [b.quote.ref]
    cited = [int(n) for n in REF.findall(text_of(path))]
    assert len(cited) == len(refs) == 10
    reader = PdfReader(booklet)
    labels = reader.page_labels
    for ref, page in zip(refs, cited):
        session, item = bundled_event.find(ref)
        text = " ".join(tokens(reader.pages[labels.index(str(page))].extract_text()))
        first = next(item_units(item)).text if not isinstance(item, m.Exchange) else \
            " ".join(u.text for u in _exchange_units(item))
        heads = [" ".join(tokens(bundled_event.person(p).full_name)) for p in _people(item)]
        start = " ".join(tokens(first)[:6])
        assert start in text or any(h in text for h in heads), (ref, page)


def _people(item) -> tuple[str, ...]:
    if isinstance(item, m.Exchange):
        return (item.questioner,)
    return tuple(getattr(item, "speakers", ()))


def _exchange_units(ex: m.Exchange):
    from exporter.plaintext import block_units
    return block_units(ex.question)


def test_a_second_build_is_byte_identical(built, bundled_event):
    layout, brief, path, _ = built
    again = BriefExporter(bundled_event, layout).render()
    assert again == path.read_bytes()


def test_every_font_is_embedded_and_qpdf_accepts_it(built):
    out = subprocess.run(["pdffonts", str(built[2])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(re.search(r"\syes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", r) for r in rows), out
    if shutil.which("qpdf"):
        result = subprocess.run(["qpdf", "--check", str(built[2])], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


def test_the_layouts_give_different_briefs(built):
    layout, _, path, _ = built
    with pdfplumber.open(path) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    family = "Liberation" if layout.name == "report" else "Noto"
    assert all(f.startswith(("Octavo-" + family)) or family in f for f in fonts), fonts


# -- synthetic sources ---------------------------------------------------------

def event_copy(tmp_path: Path, edit) -> Path:
    """A project in ``tmp_path`` holding the bundled event with its
    brief.yaml changed by ``edit(data)``; returns the project folder."""
    folder = tmp_path / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, folder)
    yaml = YAML()
    data = yaml.load(folder / "brief.yaml")
    edit(data)
    yaml.dump(data, folder / "brief.yaml")
    return tmp_path


def more_recommendations(times: int):
    def edit(data) -> None:
        recs = list(data["recommendations"])
        data["recommendations"] = [{**r, "text": f"{r['text']} (Variant {n + 1}.)"}
                                   for n in range(times) for r in recs]
    return edit


def test_three_times_the_recommendations_fails_with_the_documented_message(cli, tmp_path):
    project = event_copy(tmp_path, more_recommendations(3))
    result = cli("export", "brief", cwd=project)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert re.fullmatch(r"Error: the brief does not fit on 1 page, even at the 8pt floor with the pull quote "
                        r"and the context left out: it is \d+ mm too long \(about \d+ lines of body text\)\.",
                        lines[0]), lines[0]
    assert re.fullmatch(r"Space taken at 8pt: masthead \d+ mm, key messages \d+ mm \(3\), "
                        r"recommendations \d+ mm \(18\), key figures \d+ mm, about block \d+ mm\.", lines[1])
    assert lines[2] == "The longest blocks:"
    assert all(re.fullmatch(r"  source/pakistan-russia-2019/brief\.yaml:\d+:\d+: "
                            r"(recommendations|key_messages)\[\d+\]: \d+ mm \(\d+ lines\)", x) for x in lines[3:8])
    assert lines[-1].endswith("--max-pages 2 (or brief.max_pages in the layout); nothing was written.")
    assert "Traceback" not in result.output
    assert not (project / "build").exists() or not any((project / "build").rglob("*.pdf"))


def test_check_finds_a_brief_that_does_not_fit_with_exports_message(cli, tmp_path):
    """``octavo check`` runs the fitter: the overflow is found before any
    export, worded as ``export brief`` words it, and nothing is written."""
    project = event_copy(tmp_path, more_recommendations(3))
    checked = cli("check", cwd=project)
    assert checked.exit_code == 2 and not (project / "build").exists()
    exported = cli("export", "brief", cwd=project)
    assert exported.exit_code == 2
    overflow = exported.output.removeprefix("Error: ")
    assert checked.output == overflow + ("1 problem found; checked: source, layout, templates (10), "
                                         "reference.docx (made from the layout), glyphs.\n")


def test_check_says_the_brief_fits_and_what_it_leaves_out(cli, tmp_path):
    project = event_copy(tmp_path, more_recommendations(2))
    result = cli("check", cwd=project)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"no problems: .*, glyphs, brief \(fits 1 page at [\d.]+pt\)\n", result.stdout)
    assert result.stderr.startswith("brief: left out the pull quote to fit 1 page")
    export = cli("export", "brief", cwd=project)
    assert export.stderr == result.stderr  # the same fit: the same note


def test_three_times_the_recommendations_fit_on_two_pages(cli, tmp_path):
    project = event_copy(tmp_path, more_recommendations(3))
    result = cli("export", "brief", "--max-pages", "2", cwd=project)
    assert result.exit_code == 0, result.output
    path = project / "build" / BUNDLED.name / f"{BUNDLED.name}-brief.pdf"
    assert len(PdfReader(path).pages) == 2
    assert "page 2 of 2" in text_of(path)


def test_twice_the_recommendations_fit_by_leaving_out_and_reporting(cli, tmp_path):
    project = event_copy(tmp_path, more_recommendations(2))
    result = cli("export", "brief", cwd=project)
    assert result.exit_code == 0, result.output
    assert "brief: left out the pull quote to fit 1 page" in result.output
    path = project / "build" / BUNDLED.name / f"{BUNDLED.name}-brief.pdf"
    assert len(PdfReader(path).pages) == 1
    text = text_of(path)
    assert "we still need to know more" not in text
    assert len(REF.findall(text)) == 3 + 12


def test_markup_like_text_prints_literally(tmp_path, bundled_event):
    def edit(data) -> None:
        data["key_messages"][0]["text"] = "AT&T, a<b and <script>x</script> & <font> stay text."
        data["title"] = "<b>Not bold</b> & co &amp; <br/>"  # a plain line: not even entities
    project = event_copy(tmp_path, edit)
    from exporter.source import load_event
    ev = load_event(project / "source" / BUNDLED.name, Project(project))
    path = BriefExporter(ev, load_layout(None, Project(project))).export(tmp_path / "out")
    text = " ".join(text_of(path).split())
    assert "AT&T, a<b and <script>x</script> & <font> stay text." in text
    assert "<b>Not bold</b> & co &amp; <br/>" in text


def test_a_letter_layout_gives_a_letter_page(tmp_path, bundled_event):
    project = Project(FIXTURES / "layout-project")
    layout = load_layout("letter-brief", project)
    path = BriefExporter(bundled_event, layout).export(tmp_path)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert path.name == f"{bundled_event.id}-brief-letter-brief.pdf"


def test_a_floor_below_the_hard_floor_is_a_layout_error(tmp_path):
    layouts = tmp_path / "layouts" / "tiny"
    layouts.mkdir(parents=True)
    (tmp_path / "source").mkdir()
    (layouts / "layout.yaml").write_text("extends: booklet\nbrief:\n  min_size: 5pt\n  max_size: 4pt\n")
    from exporter.errors import ValidationError
    with pytest.raises(ValidationError) as err:
        load_layout("tiny", Project(tmp_path))
    msg = str(err.value.format_message())
    assert "layout.yaml:3:13: brief.min_size: 5pt is below the hard floor of 6pt" in msg
    assert "brief.min_size: 5pt is larger than brief.max_size (4pt)" in msg


def test_an_event_without_a_brief_says_so(cli):
    result = cli("export", "brief", "tests/fixtures/sources/valid")
    assert result.exit_code == 2
    assert "this event has no brief: write brief.yaml next to event.yaml" in result.output


# -- the booklet's pages: computed once, cached by input digest -------------------

def test_export_all_lays_the_booklet_out_once(cli, tmp_path, monkeypatch):
    calls = []
    real = PdfExporter.render
    monkeypatch.setattr(PdfExporter, "render", lambda self: calls.append(type(self).__name__) or real(self))
    result = cli("export", "all", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert calls == ["PdfExporter", "PrintPdfExporter"]  # the two editions; none for the brief
    assert (tmp_path / BUNDLED.name / f"{BUNDLED.name}-brief.pdf").is_file()


def test_the_page_cache_is_used_while_the_inputs_are_unchanged(cli, tmp_path):
    import json

    project = event_copy(tmp_path, lambda data: None)
    assert cli("export", "pdf", cwd=project).exit_code == 0
    cache = project / "build" / ".octavo-cache" / BUNDLED.name / "pages-booklet.json"
    data = json.loads(cache.read_text())
    data["pages"] = {k: 99 for k in data["pages"]}  # a marker only the cache can supply
    cache.write_text(json.dumps(data))
    brief = project / "build" / BUNDLED.name / f"{BUNDLED.name}-brief.pdf"
    assert cli("export", "brief", cwd=project).exit_code == 0
    assert set(REF.findall(text_of(brief))) == {"99"}
    people = project / "source" / BUNDLED.name / "people.yaml"
    people.write_text(people.read_text() + "\n# an edit\n")
    assert cli("export", "brief", cwd=project).exit_code == 0
    assert "99" not in REF.findall(text_of(brief))


def test_a_footer_too_long_for_the_page_is_shortened(cli, tmp_path):
    """The brief's footer is one line: an organiser's URL of 500 characters
    ran it to x=2571 on a 595 pt page; it is cut after its last whole word
    that fits, with an ellipsis, inside the margins."""
    import pdfplumber

    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    event = folder / "event.yaml"
    event.write_text(event.read_text().replace("url: https://example.org", "url: https://example.org/" + "segment/" * 60))
    (folder / "brief.yaml").write_text("title: A Brief\nkey_messages:\n  - {text: Maps matter., ref: serenko-talk}\n"
                                       "recommendations:\n  - {text: Read maps., ref: serenko-talk}\n")
    result = cli("export", "brief", "ev", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "build" / "ev" / "ev-brief.pdf") as pdf:
        page = pdf.pages[0]
        assert all(0 <= ch["x0"] and ch["x1"] <= page.width for ch in page.chars)
        footer = "".join(ch["text"] for ch in page.chars if ch["top"] > page.height - 60)
    assert footer.endswith("…") and "EI" in footer, footer


def test_a_brief_line_wider_than_the_page_is_named(cli, tmp_path):
    """A key message in Chinese with a Latin letter in it is one word in
    two fonts, which the line breaker does not cut: set as one line, it ran
    off the page.  Either every character is on the page inside its
    margins, or export names the text and writes nothing."""
    import pdfplumber

    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    message = "我们在会议上讨论了合作问题" * 4 + "与UN合作" + "我们在会议上讨论了合作问题" * 4 + "。"
    (folder / "brief.yaml").write_text(f"title: A Brief\nkey_messages:\n  - {{text: {message}, ref: serenko-talk}}\n"
                                       "recommendations:\n  - {text: Read maps., ref: serenko-talk}\n",
                                       encoding="utf-8")
    result = cli("export", "brief", "ev", cwd=tmp_path)
    path = tmp_path / "build" / "ev" / "ev-brief.pdf"
    if result.exit_code:
        assert result.exit_code == 2 and "the brief: a line of “我们在会议上" in result.output, result.output
        assert "wider than the page's text block" in result.output and not path.exists()
        return
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert all(40 <= c["x0"] and c["x1"] <= page.width - 40 for c in page.chars)
