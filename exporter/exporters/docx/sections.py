"""Sections: page numbering, odd-page starts, headers and footers.

Every section has: no running head on its first page, the event title on
even pages and the section's title on odd pages, and a PAGE field in every
footer.  A header or footer identical to the previous section's is not
written again but linked to it (Word and LibreOffice inherit it), so a
long book does not carry six parts per section.  Section properties are
written in schema order.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from .fields import add_page_field
from .inlines import Runs
from .ooxml import set_sectpr
from .styleids import set_paragraph_style


def fill(part, style: str, text: str = "", page: bool = False) -> None:
    """Give a header or footer its own content: one paragraph in ``style``
    holding ``text`` and/or a PAGE field."""
    part.is_linked_to_previous = False
    paras = part.paragraphs
    para = paras[0]
    for extra in paras[1:]:
        extra._p.getparent().remove(extra._p)
    for child in list(para._p):
        if child.tag != qn("w:pPr"):
            para._p.remove(child)
    set_paragraph_style(para, style)
    if text:
        Runs(para).add(text)
    if page:
        add_page_field(para)


#: What one header or footer holds: (style, text, with a PAGE field).
Head = tuple[str, str, bool]


def running_heads(section, event_title: str, odd_title: str, folios: bool = True,
                  first_folio: bool = True, previous: dict[str, Head] | None = None) -> dict[str, Head]:
    """Headers and footers of ``section``: running heads on even/odd pages,
    none on the first page; folios where asked.  Parts equal to the
    ``previous`` section's (as returned for it) stay linked to it.  Returns
    this section's parts, for the next section."""
    section.different_first_page_header_footer = True
    want: dict[str, Head] = {
        "first_page_header": ("Header", "", False), "header": ("Header", odd_title, False),
        "even_page_header": ("Header", event_title, False),
        "first_page_footer": ("Footer", "", folios and first_folio),
        "footer": ("Footer", "", folios), "even_page_footer": ("Footer", "", folios)}
    for name, (style, text, page) in want.items():
        if previous is None or previous.get(name) != (style, text, page):
            fill(getattr(section, name), style, text, page)
    return want


def numbering(section, fmt: str, restart: bool) -> None:
    """Page numbers of ``section``: ``fmt`` (decimal, lowerRoman), from 1
    when ``restart``, else continuing."""
    attrs = {"fmt": fmt, "start": "1"} if restart else {"fmt": fmt}
    set_sectpr(section._sectPr, "pgNumType", **attrs)


def new_section(document, start=WD_SECTION.ODD_PAGE):
    """Start a new section; the previous one ends with its last paragraph
    (no empty paragraph is left to carry the break)."""
    section = document.add_section(start)
    body = document.element.body
    carrier = body.sectPr.getprevious()
    prev = carrier.getprevious()
    if prev is not None and prev.tag == qn("w:p") and prev.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        prev.get_or_add_pPr()._insert_sectPr(carrier.pPr.sectPr)
        body.remove(carrier)
    return section
