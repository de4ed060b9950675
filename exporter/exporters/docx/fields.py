"""Word fields (TOC, PAGE, PAGEREF) and bookmarks, as raw WordprocessingML.

A complex field is a run sequence: ``fldChar begin`` (optionally
``w:dirty`` so Word recomputes it on open), ``instrText``, ``fldChar
separate``, the cached result, ``fldChar end``.  python-docx has no API for
them, so they are built here.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from exporter.scripts import stretches

from .languages import mark
from .ooxml import el

TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '


def fld_char(kind: str, dirty: bool = False) -> OxmlElement:
    """A run holding ``w:fldChar`` of type begin, separate or end."""
    run = OxmlElement("w:r")
    char = el("w:fldChar", fldCharType=kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)
    return run


def _run_with(tag: str, text: str) -> OxmlElement:
    """A run holding one ``tag`` element with ``text``, spaces preserved."""
    run = OxmlElement("w:r")
    node = OxmlElement(tag)
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.text = text
    run.append(node)
    return run


def instr(text: str) -> OxmlElement:
    """A run holding a field instruction."""
    return _run_with("w:instrText", text)


def text_run(text: str) -> OxmlElement:
    """A plain run of text (no properties)."""
    return _run_with("w:t", text)


def field_runs(instruction: str, result: str = "", dirty: bool = False) -> list[OxmlElement]:
    """The runs of a complete field with cached ``result``."""
    runs = [fld_char("begin", dirty), instr(instruction), fld_char("separate")]
    if result:
        runs.append(text_run(result))
    return runs + [fld_char("end")]


def add_field(paragraph, instruction: str, result: str = "", dirty: bool = False) -> None:
    """Append a complete field to a python-docx paragraph."""
    for run in field_runs(instruction, result, dirty):
        paragraph._p.append(run)


def add_page_field(paragraph) -> None:
    """Append a PAGE field (the page number in the section's format)."""
    add_field(paragraph, " PAGE ", "1")


def bookmark(paragraph, name: str, ident: int) -> None:
    """Wrap the content of ``paragraph`` in a bookmark called ``name``."""
    p = paragraph._p
    start = el("w:bookmarkStart", id=str(ident), name=name)
    ppr = p.find(qn("w:pPr"))
    (ppr.addnext if ppr is not None else lambda e: p.insert(0, e))(start)
    p.append(el("w:bookmarkEnd", id=str(ident)))


def toc_entry(paragraph, text: str, anchor: str, first: bool, last: bool) -> None:
    """Fill a table-of-contents paragraph with one entry, a link to the
    heading bookmarked ``anchor``; the first entry opens the TOC field
    (dirty, so Word rebuilds it with page numbers on open), the last closes
    it.  Page numbers are left to the word processor: a cached number could
    only be a guess, and LibreOffice shows cached results as they are."""
    p = paragraph._p
    if first:
        p.extend([fld_char("begin", dirty=True), instr(TOC_INSTRUCTION), fld_char("separate")])
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    for stretch in stretches(text):
        run = text_run(stretch.text)
        mark(run, stretch)
        link.append(run)
    p.append(link)
    if last:
        p.append(fld_char("end"))
