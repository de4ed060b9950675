"""Review copies: each speaker gets their own remarks and exchanges, none of
anyone else's talks, a cover note, and DRAFT on every page."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from conftest import ROOT
from exporter import model as m
from exporter.exporters.pdf.review import ReviewPdfExporter
from exporter.review import involvement, reviewers
from exporter.layout import load_layout
from exporter.plaintext import block_units, item_units
from exporter.project import Project
from exporter.verify import find_in_order, pdf_pages, tokens


@pytest.fixture(scope="module")
def copies(bundled_event, tmp_path_factory):
    """person id -> (exporter, path) for everyone with something to review."""
    layout = load_layout(None, Project(ROOT))
    out = tmp_path_factory.mktemp("review")
    made = {}
    for pid in reviewers(bundled_event):
        exporter = ReviewPdfExporter(bundled_event, layout, person=pid)
        made[pid] = (exporter, exporter.export(out))
    return made


def contributions(event: m.Event):
    for s in event.sessions:
        for it in s.items:
            if isinstance(it, m.Contribution):
                yield it


def test_every_speaker_of_the_bundled_event_gets_a_copy(copies, bundled_event):
    speakers = {p for c in contributions(bundled_event) for p in c.speakers}
    assert speakers <= set(copies)
    for pid, (_, path) in copies.items():
        assert path.name == f"{bundled_event.id}-review-{pid}.pdf" and path.parent.name == "review"


def test_a_copy_holds_the_persons_remarks_in_order_and_no_one_elses_talks(copies, bundled_event):
    for pid, (exporter, path) in copies.items():
        text = "\n".join(pdf_pages(path, exporter.layout)).replace("DRAFT", "")
        own = [u.text for c in contributions(bundled_event) if pid in c.speakers for u in item_units(c)]
        assert find_in_order(own, text) == [], pid
        others = [u.text for c in contributions(bundled_event) if pid not in c.speakers
                  for u in item_units(c) if len(tokens(u.text)) > 12]
        hay = " " + " ".join(tokens(text)) + " "
        leaked = [t for t in others if " " + " ".join(tokens(t)) + " " in hay]
        assert leaked == [], (pid, leaked[:1])


def test_a_copy_holds_the_exchanges_the_person_took_part_in(copies, bundled_event):
    for pid, (exporter, path) in copies.items():
        text = "\n".join(pdf_pages(path, exporter.layout)).replace("DRAFT", "")
        for s in involvement(bundled_event, pid):
            for it in s.items:
                for ex in getattr(it, "exchanges", ()):
                    assert find_in_order([u.text for u in block_units(ex.question)], text) == [], (pid, ex.id)


def test_every_page_says_draft_and_the_note_asks_for_corrections(copies, bundled_event):
    exporter, path = copies["dedov"]
    pages = PdfReader(path).pages
    assert all("DRAFT" in page.extract_text() for page in pages)
    first = " ".join(pages[0].extract_text().split())
    assert "Draft for review" in first and "Dear H.E. Alexey Dedov" in first
    assert "by May 2019 to S. Sadia Kazmi, Strategic Vision Institute" in first


def test_the_copy_is_set_like_the_booklet(copies, bundled_event):
    """Same layout and story: the speaker's heading and body use the
    booklet's styles (same fonts and sizes)."""
    import pdfplumber

    _, path = copies["dedov"]
    with pdfplumber.open(path) as pdf:
        fonts = {(c["fontname"].split("+")[-1], round(c["size"], 1)) for p in pdf.pages for c in p.chars
                 if c["text"] != " " and "DRAFT" not in c["text"]}
    assert ("NotoSerif-Regular", 9.5) in fonts and ("NotoSans-Bold", 9.5) in fonts


def test_unknown_person_and_nothing_to_review_are_clear_errors(cli):
    result = cli("export", "review", "--person", "dedvo")
    assert result.exit_code == 2
    assert "Error: --person: no person 'dedvo'; did you mean 'dedov'? in people.yaml" in result.output
    result = cli("export", "review", "--person", "husain")
    assert result.exit_code == 2 and "has no contribution or Q&A exchange to review" in result.output
    result = cli("export", "review")
    assert result.exit_code == 2 and "needs --person ID or --all-speakers" in result.output


def test_review_json_summary(cli, tmp_path):
    import json

    result = cli("export", "review", "--person", "dedov", "--json", "--out", str(tmp_path))
    data = json.loads(result.output)
    assert data["written"][0]["person"] == "dedov" and data["written"][0]["path"].endswith("-review-dedov.pdf")
