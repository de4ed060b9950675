"""Paragraphs and runs in named styles, with style ids resolved once per
document and elements built straight into the tree.

python-docx resolves a style name on every assignment by scanning every
style of the document (twice: once for the name, once to see whether it is
the default), inserts each new paragraph by searching the body for its
final section properties, and sets a run's text one character at a time.
Those were most of the Word export's time.  Here each (name, type) is
resolved once per document part, and paragraphs, runs and their style
references are made as lxml sub-elements, giving the same XML.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

_IDS: WeakKeyDictionary = WeakKeyDictionary()
_P, _PPR, _PSTYLE, _SECTPR = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:sectPr")
_R, _RPR, _RSTYLE, _T, _VAL = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t"), qn("w:val")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Characters python-docx turns into elements of their own (w:tab, w:br).
_SPECIAL = frozenset("\t\n\r")


def style_id(part, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
    """The id of style ``name`` of type ``kind`` in the document of ``part``
    (KeyError if the document has no such style)."""
    document = part.package.main_document_part  # headers and footers share its styles
    ids = _IDS.setdefault(document, {})
    key = (name, kind)
    if key not in ids:
        style = document.styles[name]
        if style.type != kind:
            raise KeyError(f"style '{name}' is not a {kind.name.lower()} style")
        ids[key] = style.style_id
    return ids[key]


def set_paragraph_style(paragraph, name: str) -> None:
    """Give ``paragraph`` the paragraph style ``name``."""
    paragraph._p.style = style_id(paragraph.part, name)


def _styled_p(parent, part, name: str):
    """A new, detached ``w:p`` made in ``parent``'s document, in style ``name``."""
    p = parent.makeelement(_P, {})
    SubElement(SubElement(p, _PPR), _PSTYLE, {_VAL: style_id(part, name)})
    return p


def add_paragraph(document, name: str) -> Paragraph:
    """A new paragraph in style ``name`` at the end of the body (before the
    final section properties)."""
    body = document.element.body
    p = _styled_p(body, document.part, name)
    # the last element child (not a comment); from the end, as lxml's len() counts every child
    last = next((c for c in reversed(body) if isinstance(c.tag, str)), None)
    if last is not None and last.tag == _SECTPR:
        last.addprevious(p)
    else:
        body.append(p)
    return Paragraph(p, document._body)


def paragraph_before(paragraph, name: str) -> Paragraph:
    """A new paragraph in style ``name`` just before ``paragraph``."""
    p = _styled_p(paragraph._p, paragraph.part, name)
    paragraph._p.addprevious(p)
    return Paragraph(p, paragraph._parent)


def add_run(paragraph, text: str, name: str | None = None) -> Run:
    """Append a run of ``text`` to ``paragraph``, in character style ``name``."""
    r = SubElement(paragraph._p, _R)
    if name:
        SubElement(SubElement(r, _RPR), _RSTYLE, {_VAL: style_id(paragraph.part, name, WD_STYLE_TYPE.CHARACTER)})
    run = Run(r, paragraph)
    if _SPECIAL.isdisjoint(text):
        if text:
            t = SubElement(r, _T)
            t.text = text
            if len(text.strip()) < len(text):
                t.set(_SPACE, "preserve")
    else:
        run.text = text  # python-docx writes tabs and breaks as elements
    return run
