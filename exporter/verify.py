"""Parity: proof, from the files themselves, that no format lost anything.

``verify`` reads the outputs ``export all`` wrote back (PDF text through
pypdf, keeping only the text block so running heads and folios do not
interrupt paragraphs; DOCX text through python-docx, in document order) and
checks them against the model:

- every paragraph, list item, quotation, question and answer is in each
  format, in the source's order;
- every person who speaks, chairs, asks or answers is named in each format,
  spelled as in people.yaml, more often than the running text alone names
  them (so their headings and panel lines carry the same spelling);
- the brief carries every key figure, and each of its page references
  points at the booklet page where the cited item begins.

Texts are compared as word tokens (hyphens joined, other punctuation
dropped), so what typesetting legitimately changes (line breaks,
hyphenation, quotation marks, list numbers) does not count, while any lost
or altered word does.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from exporter import model as m
from exporter.errors import OctavoError, ReportError
from exporter.exporters import REGISTRY
from exporter.exporters.pdf.edition import Edition
from exporter.layout import Layout
from exporter.layout.templates import render_lines
from exporter.plaintext import Unit, block_units, body_units, brief_units, find_in_order, item_units, tokens
from exporter.naming import slug

_PROBE = 987654321


def reference_pattern(layout: Layout) -> re.Pattern[str]:
    """How the brief's page references read in ``layout`` ("Proceedings p.
    12" by default), from its ``brief_reference.j2``, as a pattern whose
    group is the page number (any run of spaces matches any other)."""
    text = " ".join(x.text for x in render_lines(layout, "brief_reference.j2", page=_PROBE, item="item"))
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"\s+".join(words).replace(str(_PROBE), r"(\d+)"))


# -- reading the files back ----------------------------------------------------------

def pdf_pages(path: Path, layout: Layout | None = None, offset: float = 0.0) -> list[str]:
    """Each page's text; with ``layout``, only what lies in the text block
    (between the bottom and top margins, ``offset`` in from the page edge)."""
    reader = PdfReader(path)
    out = []
    for page in reader.pages:
        if layout is None:
            out.append(page.extract_text() or "")
            continue
        low, high = offset + layout.page.bottom - 1, offset + layout.page.height - layout.page.top + 1
        parts: list[str] = []

        def keep(text, cm, tm, font, size, parts=parts, low=low, high=high) -> None:
            y = tm[5] * cm[3] + cm[5]
            if low <= y <= high:
                parts.append(text)

        page.extract_text(visitor_text=keep)
        out.append("".join(parts))
    return out


def docx_text(path: Path) -> str:
    """The text of a .docx body, paragraph by paragraph in document order
    (tables included; headers and footers left out)."""
    body = Document(str(path)).element.body
    text, tab, brk, cr = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
    marks = {tab: "\t", brk: "\n", cr: "\n"}  # a tab or line break in a run is white space between words

    def read(p) -> str:
        return "".join((e.text or "") if e.tag == text else marks[e.tag] for e in p.iter(text, tab, brk, cr)
                       if e.tag != tab or e.getparent().tag != qn("w:tabs"))

    return "\n".join(read(p) for p in body.iter(qn("w:p")))


# -- the report ------------------------------------------------------------------------

@dataclass
class Report:
    """What ``verify`` found: one line per check, and the problems."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, label: str, problems: list[str], passed: str) -> None:
        self.lines.append(f"{label}: {passed}" if not problems else f"{label}: {len(problems)} problem(s)")
        self.problems += [f"  {p}" for p in problems]


class ParityError(ReportError):
    """The outputs disagree with the source or with each other."""


def speaking_people(event: m.Event) -> list[m.Person]:
    """Everyone the booklet names in full: chairs, panellists, speakers,
    questioners and those who answer."""
    ids: list[str] = []
    for s in event.sessions:
        ids += [*((s.chair,) if s.chair else ()), *s.speakers, *s.discussants]
        for it in s.items:
            ids += list(getattr(it, "speakers", ()))
            for ex in getattr(it, "exchanges", ()):
                ids += [ex.questioner, *(a.responder for a in ex.answers)]
    return [event.person(i) for i in dict.fromkeys(ids)]


def _units(problems: list[tuple[int, str]], units: list[Unit], name: str) -> list[str]:
    out = []
    for i, what in problems:
        u = units[i]
        snippet = u.text if len(u.text) <= 70 else u.text[:67] + "…"
        out.append(f"{u.loc}: {u.kind} {what} in {name}: “{snippet}”")
    return out


def _phrase(text: str) -> str:
    return " " + " ".join(tokens(text)) + " "


def verify(event: m.Event, layout: Layout, out_dir: Path) -> Report:
    """Check the files of ``event`` in ``layout`` under ``out_dir``; the
    report lists every problem (raise :class:`ParityError` on any)."""
    folder = out_dir / slug(event.id)
    report = Report()
    names = {n: REGISTRY[n](event, layout).filename() for n in ("pdf", "print", "docx", "brief")
             if REGISTRY[n].applies(event)}
    missing = [f for f in names.values() if not (folder / f).is_file()]
    if missing:
        raise OctavoError(f"{folder}: no {', '.join(missing)}: run 'octavo export all' first")
    units = list(body_units(event))
    needles = [u.text for u in units]
    people = speaking_people(event)
    prose = " " + " ".join(tokens("\n".join(needles))) + " "  # names in running text don't count
    texts = {}
    try:
        texts["pdf"] = "\n".join(pdf_pages(folder / names["pdf"], layout))
        texts["print"] = "\n".join(pdf_pages(folder / names["print"], layout, Edition.printed(layout.page).offset))
        texts["docx"] = docx_text(folder / names["docx"])
    except (PyPdfError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise OctavoError(f"{folder}: an output cannot be read ({exc}); export it again") from None
    # the print edition sets each link's address after its text, in brackets
    printed = list(body_units(event, addresses=True))
    for fmt, text in texts.items():
        fmt_units = printed if fmt == "print" else units
        found = _units(find_in_order([u.text for u in fmt_units], text, cut_words=fmt != "docx"), fmt_units,
                       names[fmt])
        report.check(f"{names[fmt]}", found, f"all {len(units)} paragraphs, list items, quotations, "
                     "questions and answers, in order")
        hay = " " + " ".join(tokens(text)) + " "
        spelled = [f"{p.loc}: {p.full_name} is not named so in {names[fmt]}" for p in people
                   if hay.count(_phrase(p.full_name)) <= prose.count(_phrase(p.full_name))]
        report.check(f"{names[fmt]}", spelled, f"all {len(people)} people named as in the source")
    if event.brief:
        try:
            found = list(_brief(event, layout, folder / names["brief"], folder / names["pdf"]))
        except (PyPdfError, ValueError, KeyError) as exc:
            raise OctavoError(f"{folder}: {names['brief']} cannot be read ({exc}); export it again") from None
        report.check(names["brief"], found,
                     "every message, recommendation and figure, and page references that match the booklet")
    if report.problems:
        raise ParityError("\n".join([*report.lines, *report.problems,
                                     f"{len(report.problems)} problem(s): the outputs do not agree with the source."]))
    return report


def _brief(event: m.Event, layout: Layout, brief_pdf: Path, booklet: Path) -> Iterator[str]:
    """Problems of the brief: text missing, page references wrong."""
    b = event.brief
    assert b is not None
    text = "\n".join(pdf_pages(brief_pdf))
    units = list(brief_units(b))
    yield from _units(find_in_order([u.text for u in units], text, cut_words=True), units, brief_pdf.name)
    cited = [x for x in (*b.key_messages, *b.recommendations, b.quote) if x is not None and x.ref]
    pages = [int(n) for n in reference_pattern(layout).findall(text)]
    if len(pages) != len(cited):
        yield f"{b.loc}: the brief has {len(pages)} page references, the source {len(cited)}"
        return
    reader = PdfReader(booklet)
    labels = list(reader.page_labels)
    for x, page in zip(cited, pages):
        if str(page) not in labels:
            yield f"{x.loc}: ref '{x.ref}' cites p. {page}, which the booklet does not have"
            continue
        on_page = reader.pages[labels.index(str(page))].extract_text() or ""
        if not any(not find_in_order([s], on_page, cut_words=True) for s in _item_marks(event, x.ref)):
            yield f"{x.loc}: ref '{x.ref}' cites p. {page}, but the item does not begin there"


def _item_marks(event: m.Event, ref: str) -> list[str]:
    """What shows that item ``ref`` begins on a page: the first words of its
    text (the heading keeps with them), or its people's names if it has none."""
    found = event.find(ref)
    if found is None:
        return []
    _, item = found
    if isinstance(item, m.Exchange):
        first = next(iter(block_units(item.question)), None)
        who = [event.person(item.questioner).full_name]
    else:
        first = next(iter(item_units(item)), None)
        who = [event.person(p).full_name for p in getattr(item, "speakers", ())]
    return [" ".join(tokens(first.text)[:8])] if first else who
