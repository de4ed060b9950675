"""``octavo verify``: passes on what ``export all`` wrote, and fails,
naming the source location, on each kind of damage."""

from __future__ import annotations

import json
import shutil

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import BUNDLED
from exporter.verify import find_in_order, tokens

EVENT = BUNDLED.name


@pytest.fixture
def project(tmp_path, cli):
    """A project copy whose outputs ``export all`` has written."""
    shutil.copytree(BUNDLED, tmp_path / "source" / EVENT)
    assert cli("export", "all", cwd=tmp_path).exit_code == 0
    return tmp_path


def test_verify_passes_on_the_bundled_event(cli, project):
    result = cli("verify", cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output.count("in order") == 3 and result.output.count("people named as in the source") == 3
    assert "page references that match the booklet" in result.output


def test_a_paragraph_deleted_from_the_docx_is_named_with_its_source_location(cli, project):
    path = project / "build" / EVENT / f"{EVENT}-proceedings.docx"
    doc = Document(str(path))
    victim = next(p for p in doc.paragraphs if p.text.startswith("The Chief Guest, Foreign Secretary"))
    victim._element.getparent().remove(victim._element)
    doc.save(str(path))
    result = cli("verify", cwd=project)
    assert result.exit_code == 2
    assert f"{EVENT}-proceedings.docx: 1 problem(s)" in result.output
    assert (f"source/{EVENT}/sessions/1-inaugural.yaml:" in result.output
            and "paragraph missing in pakistan-russia-2019-proceedings.docx: “The Chief Guest, Foreign Secretary"
            in result.output)
    assert result.output.rstrip().endswith("the outputs do not agree with the source.")


def test_a_pdf_made_from_an_altered_source_fails(cli, project, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(BUNDLED, other / "source" / EVENT)
    session = other / "source" / EVENT / "sessions" / "3-defence.yaml"
    session.write_text(session.read_text().replace("argued that the strategic relationship",
                                                   "argued that the strategic friendship"))
    people = other / "source" / EVENT / "people.yaml"
    people.write_text(people.read_text().replace("name: Boris Volkhonsky", "name: Boris Volkhonskii"))
    assert cli("export", "pdf", cwd=other).exit_code == 0
    name = f"{EVENT}-proceedings.pdf"
    shutil.copy(other / "build" / EVENT / name, project / "build" / EVENT / name)
    result = cli("verify", cwd=project)
    assert result.exit_code == 2
    assert f"{name}: all 84" not in result.output
    assert f"source/{EVENT}/sessions/3-defence.yaml:19:7: sessions" not in result.output  # path is in the loc
    assert "paragraph missing in pakistan-russia-2019-proceedings.pdf: “The first Speaker of the session" \
        in result.output
    assert f"source/{EVENT}/people.yaml:" in result.output
    assert f"Dr. Boris Volkhonsky is not named so in {name}" in result.output


def test_a_brief_citing_wrong_pages_fails(cli, project):
    cache = project / "build" / ".octavo-cache" / EVENT / "pages-booklet.json"
    data = json.loads(cache.read_text())
    data["pages"] = {k: v + 1 for k, v in data["pages"].items()}
    cache.write_text(json.dumps(data))
    assert cli("export", "brief", cwd=project).exit_code == 0
    result = cli("verify", cwd=project)
    assert result.exit_code == 2
    assert f"source/{EVENT}/brief.yaml:11:5: key_messages[0]: ref 'welcome' cites p. 5, but the item does not begin there" \
        in result.output


def test_verify_without_outputs_says_what_to_run(cli, tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "source" / EVENT)
    result = cli("verify", cwd=tmp_path)
    assert result.exit_code == 2 and "run 'octavo export all' first" in result.output


def test_the_matcher_knows_missing_from_out_of_order():
    assert find_in_order(["b c", "a"], "a b c") == [(1, "out of order")]
    assert find_in_order(["a", "x y"], "a b c") == [(1, "missing")]
    assert tokens("Paki-\nstan’s “AT&T”") == ["pakistan", "s", "at", "t"]


def test_verify_reads_page_references_in_the_layouts_own_wording(cli, tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "source" / EVENT)
    templates = tmp_path / "layouts" / "french" / "templates"
    templates.mkdir(parents=True)
    (tmp_path / "layouts" / "french" / "layout.yaml").write_text("extends: booklet\n")
    (templates / "brief_reference.j2").write_text("brief_ref: voir les actes, p. {{ page }}\n")
    assert cli("export", "all", "--layout", "french", cwd=tmp_path).exit_code == 0
    result = cli("verify", "--layout", "french", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "page references that match the booklet" in result.output


def test_the_matcher_takes_a_word_cut_at_line_ends_only_where_asked():
    word = "pneumono" + "x" * 60 + "end"
    cut = f"A long {word[:30]}\n{word[30:50]}\n\n{word[50:]} ends.\n"  # a line end, and a page end
    assert find_in_order([f"A long {word} ends."], cut, cut_words=True) == []
    assert find_in_order([f"A long {word} ends."], cut) == [(0, "missing")]  # the importer's exact reading
    # a space is a word boundary, not a cut; a lost piece is still lost; order still counts
    assert find_in_order([f"A long {word} ends."], cut.replace("\n\n", " "), cut_words=True) == [(0, "missing")]
    assert find_in_order([f"A long {word} ends."], cut.replace(word[30:50], ""), cut_words=True) == [(0, "missing")]
    assert find_in_order(["ends", f"A long {word}"], cut, cut_words=True) == [(1, "out of order")]
    # right-to-left words elsewhere in the text do not move the others' places
    assert find_in_order([f"A long {word} ends.", "اسلام آباد"], cut + "آباد اسلام", cut_words=True) == []


def _hostile_event(tmp_path):
    """The valid fixture with what a typesetter or a print edition changes
    in the text layer: a link (its address printed after it on paper), a tab,
    a 3,000-letter word in a talk's title and text (cut at line and page
    ends), and a brief citing that talk."""
    from conftest import FIXTURES

    folder = tmp_path / "source" / "ev"
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    word = "Pneumono" + "x" * 3000 + "end"
    session = folder / "sessions" / "1-opening.yaml"
    session.write_text(session.read_text()
                       .replace("title: Russia and Asia", f"title: Russia and {word[:400]}")
                       .replace("      1. First point.",
                                f"      See [the AT&T report](https://example.org/r?a=1&b=2), [mail](mailto:a@b.org)"
                                f" and [https://example.org](https://example.org/).\n\n"
                                f"      A tab\there, and {word} ends here.\n\n      1. First point."))
    (folder / "brief.yaml").write_text("title: A Brief\nkey_messages:\n  - {text: Maps matter., ref: serenko-talk}\n"
                                       "recommendations:\n  - {text: Read maps., ref: serenko-talk}\n")
    return tmp_path


def test_verify_passes_links_on_paper_tabs_and_words_cut_at_the_measure(cli, tmp_path):
    project = _hostile_event(tmp_path)
    assert cli("export", "all", "ev", cwd=project).exit_code == 0
    text = " ".join("".join(p.extract_text() for p in
                            PdfReader(project / "build" / "ev" / "ev-proceedings-print.pdf").pages).split())
    assert "the AT&T report (example.org/r?a=1&b=2), mail (a@b.org) and https://" in text  # none for the URL shown
    result = cli("verify", "ev", cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output.count("in order") == 3 and "page references that match the booklet" in result.output
