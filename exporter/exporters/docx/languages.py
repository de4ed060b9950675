"""Runs in another script or language than the document's, marked for
Word: ``w:lang`` with the tag in the attribute of the run's font slot
(``w:val`` for Latin, Cyrillic, Greek …; ``w:bidi`` for complex scripts,
Arabic and Hebrew among them; ``w:eastAsia`` for Chinese, Japanese and
Korean), ``w:rtl`` for right-to-left scripts, ``w:cs`` for the other
complex ones, and ``w:rFonts w:hint`` naming the slot whose font Word
should use (the styles name the layout's family in all four slots,
``ascii``, ``hAnsi``, ``cs`` and ``eastAsia``).  These are the only run
properties the exporter writes besides a character style: they say what
the text is, not how it looks.  See ``exporter.scripts`` for how stretches
and their languages are found."""

from __future__ import annotations

from docx.oxml.ns import qn

from exporter.scripts import Stretch

from .ooxml import el

_RPR, _RSTYLE = qn("w:rPr"), qn("w:rStyle")
_LANG_ATTRIBUTE = {"latin": "val", "cs": "bidi", "eastAsia": "eastAsia"}


def mark(r, stretch: Stretch) -> None:
    """Give run element ``r`` the language marks of ``stretch`` (none for
    text in the document's own language and a Latin script)."""
    if not (stretch.lang or stretch.script):
        return
    rpr = r.find(_RPR)
    if rpr is None:
        rpr = el("w:rPr")
        r.insert(0, rpr)
    at = 1 if len(rpr) and rpr[0].tag == _RSTYLE else 0  # after w:rStyle, in CT_RPr's order
    marks = []
    if stretch.slot != "latin":
        marks.append(el("w:rFonts", hint=stretch.slot))
    if stretch.rtl:
        marks.append(el("w:rtl"))
    elif stretch.slot == "cs":
        marks.append(el("w:cs"))
    if stretch.lang:
        marks.append(el("w:lang", **{_LANG_ATTRIBUTE[stretch.slot]: stretch.lang}))
    for i, node in enumerate(marks):
        rpr.insert(at + i, node)
